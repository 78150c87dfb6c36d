/**
 * Live heap from V8 heap snapshots (node --heapsnapshot-signal): what is still
 * reachable after the full collection a snapshot starts with, by kind of object.
 * Two snapshots, minutes apart, tell a leak (a kind that keeps growing) from a
 * heap V8 simply has not shrunk yet (RSS that grows while the live heap does not).
 */
import {readFileSync} from 'node:fs';

/** Live objects of one kind: `type:name` (`object:Map`, `closure:onData`, `string:`, ...). */
export type HeapGroup = {key: string; count: number; bytes: number};

export type HeapSummary = {totalBytes: number; nodeCount: number; groups: Map<string, HeapGroup>};

type Snapshot = {
	snapshot: {meta: {node_fields: string[]; node_types: unknown[]}};
	nodes: number[];
	strings: string[];
};

/** Types whose names are contents (a string's text, a number) rather than a kind: grouped by type alone. */
const anonymousTypes = new Set(['string', 'concatenated string', 'sliced string', 'number', 'bigint', 'code', 'hidden', 'array']);

/** Sums self sizes by kind of object. */
export function summarize(snapshot: Snapshot): HeapSummary {
	const fields = snapshot.snapshot.meta.node_fields;
	const typeNames = snapshot.snapshot.meta.node_types[0] as string[];
	const width = fields.length;
	const typeAt = fields.indexOf('type');
	const nameAt = fields.indexOf('name');
	const sizeAt = fields.indexOf('self_size');
	const groups = new Map<string, HeapGroup>();
	let totalBytes = 0;
	const {nodes, strings} = snapshot;
	for (let i = 0; i < nodes.length; i += width) {
		const type = typeNames[nodes[i + typeAt]!] ?? 'unknown';
		const bytes = nodes[i + sizeAt]!;
		const key = anonymousTypes.has(type) ? `${type}:` : `${type}:${(strings[nodes[i + nameAt]!] ?? '').slice(0, 60)}`;
		const group = groups.get(key) ?? {key, count: 0, bytes: 0};
		group.count++;
		group.bytes += bytes;
		groups.set(key, group);
		totalBytes += bytes;
	}
	return {totalBytes, nodeCount: nodes.length / width, groups};
}

export function readSnapshot(path: string): HeapSummary {
	return summarize(JSON.parse(readFileSync(path, 'utf8')) as Snapshot);
}

/** The kinds that grew most from `before` to `after`, by bytes. */
export function growth(before: HeapSummary, after: HeapSummary, top = 8): Array<HeapGroup & {countDelta: number; bytesDelta: number}> {
	const rows = [];
	for (const group of after.groups.values()) {
		const old = before.groups.get(group.key);
		rows.push({...group, countDelta: group.count - (old?.count ?? 0), bytesDelta: group.bytes - (old?.bytes ?? 0)});
	}
	return rows.sort((a, b) => b.bytesDelta - a.bytesDelta).slice(0, top);
}
