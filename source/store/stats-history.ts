/**
 * A container's stats history: the last `historyCapacity` points (5 minutes at
 * one a second) of CPU, memory and I/O rates, for the detail view's graphs.
 *
 * Persistent and cheap to append, so the reducer stays pure without copying
 * 300 points per container per tick: full 32-point chunks are shared between
 * versions, and the open chunk is written in place past the end of the
 * version that owns it (no older version reads that far). If an older version
 * appends again, it copies its open chunk first (like Go's append on a slice).
 */

export const historyCapacity = 300;

const chunkPoints = 32;

export type HistoryPoint = {
	/** When the engine read it, ms since the epoch. */
	readMs: number;
	cpuPercent: number;
	memoryUsage: number;
	networkRxRate: number;
	networkTxRate: number;
	blockReadRate: number;
	blockWriteRate: number;
};

export type HistoryField = keyof HistoryPoint;

const fields: readonly HistoryField[] = ['readMs', 'cpuPercent', 'memoryUsage', 'networkRxRate', 'networkTxRate', 'blockReadRate', 'blockWriteRate'];
const width = fields.length;

type OpenChunk = {data: Float64Array; used: number};

export type History = {
	readonly chunks: readonly Float64Array[];
	readonly open: OpenChunk;
	readonly openLength: number;
	/** Points held (at most historyCapacity). */
	readonly length: number;
};

/** A history with no points. */
export function emptyHistory(): History {
	return {chunks: [], open: {data: new Float64Array(chunkPoints * width), used: 0}, openLength: 0, length: 0};
}

/** `history` with `point` added at the end, the oldest dropped past historyCapacity. */
export function appendHistory(history: History, point: HistoryPoint): History {
	let open = history.open;
	let openLength = history.openLength;
	if (open.used !== openLength) {
		const data = new Float64Array(chunkPoints * width);
		data.set(open.data.subarray(0, openLength * width));
		open = {data, used: openLength};
	}

	const at = openLength * width;
	for (let i = 0; i < width; i++) {
		const value = point[fields[i]!];
		open.data[at + i] = Number.isFinite(value) ? value : 0;
	}

	openLength += 1;
	open.used = openLength;
	let chunks = history.chunks;
	if (openLength === chunkPoints) {
		chunks = [...chunks, open.data];
		open = {data: new Float64Array(chunkPoints * width), used: 0};
		openLength = 0;
		// Drop the oldest chunk once every point in it is older than the last historyCapacity.
		while ((chunks.length - 1) * chunkPoints + openLength >= historyCapacity) chunks = chunks.slice(1);
	}

	const held = chunks.length * chunkPoints + openLength;
	return {chunks, open, openLength, length: Math.min(historyCapacity, held)};
}

/** The last `count` values of one field, oldest first (fewer if the history is shorter). */
export function historyValues(history: History, field: HistoryField, count = historyCapacity): number[] {
	const offset = fields.indexOf(field);
	const held = history.chunks.length * chunkPoints + history.openLength;
	const wanted = Math.max(0, Math.min(count, history.length));
	const values: number[] = [];
	for (let index = held - wanted; index < held; index++) {
		const chunk = Math.floor(index / chunkPoints);
		const data = chunk < history.chunks.length ? history.chunks[chunk]! : history.open.data;
		values.push(data[(index % chunkPoints) * width + offset]!);
	}

	return values;
}
