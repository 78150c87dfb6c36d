import type {Engine, LogRecord} from '../engine/engine.js';
import {timeKey} from '../engine/since.js';
import {LogBuffer} from './log-buffer.js';
import {LogFollower, type FollowOptions} from './log-follower.js';
import type {LineKind, LogLine} from './log-line.js';
import type {LogsTarget} from './logs-ui.js';
import {projectLabel, serviceLabel} from './selectors.js';
import type {Container, State} from './state.js';

/** A container whose lines are in the view. */
export type LogSource = {
	id: string;
	name: string;
	/** What prefixes its lines in a project view: the compose service (with the replica number when it has several). */
	label: string;
};

export type LogSessionOptions = FollowOptions & {
	/** Lines kept (--log-lines). */
	capacity: number;
	/** Least time between two redraws of the view. */
	notifyMs?: number;
};

/** What the view's title says about the streams. */
export type SessionStatus = {
	/** Containers being followed now, of all in the view. */
	following: number;
	total: number;
	/** Some container's stream broke: why (the first one). */
	waiting?: string;
	/** Everything is stopped. */
	ended: boolean;
	/** One container and it has a TTY: no stderr to mark. */
	tty: boolean;
};

/**
 * The lines of one open logs view and the streams that feed them: one
 * container, or every container of a compose project interleaved in time
 * order (their logs up to now merged by timestamp, then new lines as they come).
 * Nothing here goes through the main store line by line: the buffer has its
 * own batched notification; the store is only read (which containers, did
 * one restart, is the engine back).
 */
export class LogSession {
	readonly buffer: LogBuffer;
	readonly sources: LogSource[] = [];
	private readonly followers: LogFollower[] = [];
	/** The open (partial) line per source and stream: index source * 2 + (stderr ? 1 : 0). */
	private readonly open: Array<number | undefined> = [];
	private seen: {containers: State['containers']; connection: State['connection']} | undefined;
	private closed = false;

	constructor(
		private readonly engine: Engine,
		readonly target: LogsTarget,
		state: State,
		private readonly options: LogSessionOptions,
	) {
		this.buffer = new LogBuffer({capacity: options.capacity, ...(options.notifyMs === undefined ? {} : {notifyMs: options.notifyMs})});
		this.seen = {containers: state.containers, connection: state.connection};
		if (target.kind === 'container') {
			const follower = this.add(target.id, target.name, target.name);
			follower.follow();
		} else {
			const members = projectMembers(state.containers, target.project);
			for (const container of members) this.add(container.id, container.name, '');
			this.relabel(state.containers);
			void this.mergeBacklogs();
		}
	}

	/** A project view gets the logs up to now of every member, merged by time, then follows each. */
	private async mergeBacklogs(): Promise<void> {
		const backlogs = await Promise.all(this.followers.map((follower) => follower.backlog()));
		if (this.closed) return;
		const merged: Array<{record: LogRecord; source: number; key: string}> = [];
		backlogs.forEach((records, source) => {
			for (const record of records) merged.push({record, source, key: record.time === undefined ? '' : timeKey(record.time)});
		});
		// Stable: lines of one container with the same time keep their order.
		merged.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		for (const {record, source} of merged) this.buffer.append(toLine(record, source));
		for (const follower of this.followers) follower.follow();
		this.buffer.touch();
	}

	/** Called on every store publish: restarts, members joining a project, the engine coming back. */
	update(state: State): void {
		if (this.closed) return;
		const {containers, connection} = state;
		const previous = this.seen;
		if (previous?.containers === containers && previous.connection === connection) return;
		this.seen = {containers, connection};
		const reconnected = previous !== undefined && previous.connection !== connection && connection.status === 'connected';
		for (const follower of this.followers) {
			if (reconnected || previous?.containers.get(follower.id) !== containers.get(follower.id)) follower.poke();
		}

		if (this.target.kind === 'project' && previous?.containers !== containers) {
			const known = new Set(this.sources.map((source) => source.id));
			let added = false;
			for (const container of projectMembers(containers, this.target.project)) {
				if (known.has(container.id)) continue;
				// A new member: everything it logged (within --since) is new to this view.
				const {tail: _, ...sinceOnly} = this.options;
				const follower = this.add(container.id, container.name, '', {since: sinceOnly.since});
				follower.follow();
				added = true;
			}

			if (added) this.relabel(containers);
		}
	}

	/** What the title says: how many are followed, why one is waiting. */
	status(): SessionStatus {
		let following = 0;
		let waiting: string | undefined;
		let live = 0;
		for (const follower of this.followers) {
			if (follower.state === 'following') following++;
			if (follower.state === 'waiting') waiting ??= follower.message;
			if (follower.state === 'following' || follower.state === 'opening' || follower.state === 'waiting') live++;
		}

		const status: SessionStatus = {following, total: this.followers.length, ended: live === 0, tty: this.followers.length === 1 && this.followers[0]!.tty};
		if (waiting !== undefined) status.waiting = waiting;
		return status;
	}

	close(): void {
		this.closed = true;
		for (const follower of this.followers) follower.stop();
		this.buffer.close();
	}

	private add(id: string, name: string, label: string, options: FollowOptions = {tail: this.options.tail, since: this.options.since}): LogFollower {
		const source = this.sources.length;
		this.sources.push({id, name, label});
		const follower = new LogFollower(this.engine, id, {
			records: (records) => this.records(source, records),
			marker: (what, time, exitCode, from) => {
				this.closeOpen(source);
				const text = markerText(what, exitCode);
				if (what === 'restarted' && from !== undefined && this.markBefore(source, text, time, from)) return;
				this.buffer.append({text, kind: 'marker', time, source, partial: false});
			},
			changed: () => this.buffer.touch(),
		}, withoutUndefined(options));
		this.followers.push(follower);
		return follower;
	}

	private records(source: number, records: LogRecord[]): void {
		if (this.closed) return;
		for (const record of records) {
			const stderr = record.stream === 'stderr';
			const slot = source * 2 + (stderr ? 1 : 0);
			const open = this.open[slot];
			const partial = record.partial === true;
			if (open !== undefined) {
				const line = toLine(record, source);
				const before = this.buffer.beforeOf(open);
				if (before) line.before = before;
				if (this.buffer.replace(open, line)) {
					if (!partial) this.open[slot] = undefined;
					continue;
				}
			}

			// The common case, a whole line: no LogLine is made.
			const seq = this.buffer.add(record.text, stderr ? 'err' : 'out', record.time, source, partial);
			this.open[slot] = partial ? seq : undefined;
		}
	}

	/**
	 * Puts a marker above the first of the newest lines of `source` logged at or after `time`
	 * (they came before the follower learnt of the restart); false when there are none.
	 */
	private markBefore(source: number, text: string, time: string | undefined, from: string): boolean {
		const key = timeKey(from);
		let found: number | undefined;
		for (let seq = this.buffer.next - 1, looked = 0; seq >= this.buffer.first && looked < 2000; seq--, looked++) {
			if (this.buffer.sourceAt(seq) !== source) continue;
			const time = this.buffer.timeOf(seq);
			if (this.buffer.kindOf(seq) === 'marker' || time === undefined || timeKey(time) < key) break;
			found = seq;
		}

		const line = found === undefined ? undefined : this.buffer.get(found);
		if (found === undefined || !line) return false;
		this.buffer.replace(found, {...line, before: {text, time}});
		return true;
	}

	/** A stream ended: its partial lines stay as they are. */
	private closeOpen(source: number): void {
		this.open[source * 2] = undefined;
		this.open[source * 2 + 1] = undefined;
	}

	/** Service names, with the replica number where a service has several containers here. */
	private relabel(containers: State['containers']): void {
		const services = new Map<string, number>();
		const service = (source: LogSource) => containers.get(source.id)?.labels[serviceLabel] ?? source.name;
		for (const source of this.sources) services.set(service(source), (services.get(service(source)) ?? 0) + 1);
		for (const source of this.sources) {
			const name = service(source);
			const replica = containers.get(source.id)?.labels['com.docker.compose.container-number'];
			source.label = (services.get(name) ?? 0) > 1 ? `${name}-${replica ?? source.name}` : name;
		}
	}
}

/** The containers of a compose project, by name. */
export function projectMembers(containers: ReadonlyMap<string, Container>, project: string): Container[] {
	return [...containers.values()].filter((container) => container.labels[projectLabel] === project).sort((a, b) => a.name.localeCompare(b.name));
}

function toLine(record: LogRecord, source: number): LogLine {
	const kind: LineKind = record.stream === 'stderr' ? 'err' : 'out';
	return {text: record.text, kind, time: record.time, source, partial: record.partial === true};
}

function markerText(what: 'restarted' | 'exited' | 'removed', exitCode: number | undefined): string {
	if (what === 'exited') return exitCode === undefined ? 'exited' : `exited (code ${exitCode})`;
	if (what === 'removed') return 'container removed';
	return 'restarted';
}

function withoutUndefined(options: FollowOptions): FollowOptions {
	const result: FollowOptions = {};
	if (options.tail !== undefined) result.tail = options.tail;
	if (options.since !== undefined) result.since = options.since;
	return result;
}
