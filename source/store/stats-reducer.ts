import {appendHistory, emptyHistory, type History} from './stats-history.js';
import type {StatsAction, StatsState} from './stats-state.js';

/** Folds one tick of stats into the slice. Pure; the same slice back when nothing changed. */
export function statsReducer(stats: StatsState, action: StatsAction): StatsState {
	const {updates, cleared, forgotten, streaming} = action;
	if (updates.length === 0 && cleared.length === 0 && forgotten.length === 0) {
		return streaming === stats.streaming ? stats : {...stats, streaming};
	}

	const current = new Map(stats.current);
	let history: Map<string, History> | undefined;
	for (const [id, figures] of updates) {
		current.set(id, figures);
		// The first sample of a stream has no CPU % yet: it is not a point on the graphs.
		if (figures.cpuPercent === undefined) continue;
		history ??= new Map(stats.history);
		history.set(
			id,
			appendHistory(history.get(id) ?? emptyHistory(), {
				readMs: figures.readMs,
				cpuPercent: figures.cpuPercent,
				memoryUsage: figures.memoryUsage,
				networkRxRate: figures.networkRxRate ?? 0,
				networkTxRate: figures.networkTxRate ?? 0,
				blockReadRate: figures.blockReadRate ?? 0,
				blockWriteRate: figures.blockWriteRate ?? 0,
			}),
		);
	}

	for (const id of cleared) current.delete(id);
	for (const id of forgotten) {
		current.delete(id);
		if (!(history ?? stats.history).has(id)) continue;
		history ??= new Map(stats.history);
		history.delete(id);
	}

	return {current, history: history ?? stats.history, streaming};
}
