import {expect, it} from 'vitest';
import {growth, summarize} from '../../bench/heap-snapshot.js';

const meta = {node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'array', 'string', 'object', 'closure'], 'string', 'number', 'number', 'number']};
const strings = ['', 'Map', 'onData', 'some text'];

/** [type index, name index, self size] per node. */
function snapshot(nodes: Array<[number, number, number]>) {
	return {snapshot: {meta}, nodes: nodes.flatMap(([type, name, size], id) => [type, name, id, size, 0]), strings};
}

it('sums live bytes by kind; a string is grouped by type, not by its text', () => {
	const summary = summarize(snapshot([[3, 1, 40], [3, 1, 60], [4, 2, 32], [2, 3, 24], [2, 0, 16]]));
	expect(summary.totalBytes).toBe(172);
	expect(summary.nodeCount).toBe(5);
	expect(summary.groups.get('object:Map')).toEqual({key: 'object:Map', count: 2, bytes: 100});
	expect(summary.groups.get('string:')).toEqual({key: 'string:', count: 2, bytes: 40});
});

it('ranks the kinds that grew, new kinds included', () => {
	const before = summarize(snapshot([[3, 1, 40], [4, 2, 32]]));
	const after = summarize(snapshot([[3, 1, 40], [3, 1, 40], [3, 1, 40], [4, 2, 32], [2, 3, 24]]));
	expect(growth(before, after, 2)).toEqual([
		{key: 'object:Map', count: 3, bytes: 120, countDelta: 2, bytesDelta: 80},
		{key: 'string:', count: 1, bytes: 24, countDelta: 1, bytesDelta: 24},
	]);
});
