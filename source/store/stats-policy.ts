/**
 * Which containers the stats feed asks the engine's API about, and how often
 * (issue #13). dockerd pays ~5.5 ms of CPU per container sample, stream or
 * one-shot alike (shared/notes/perf.md), so berth streams only the rows on
 * screen and samples the rest now and then: enough to sort by CPU and sum the
 * header, at about a third of what `docker stats` costs at N=200. Pure.
 */
import type {State} from './state.js';

/** Never sample a background container more often than this: it is not on screen. */
export const minPeriodMs = 5000;
/** Every background container is sampled at least this often, up to `maxRate` requests a second. */
export const maxPeriodMs = 10_000;
/** The background rate the period aims at: 160 containers (200 on a 45-row terminal) every 10 s. */
const targetRate = 16;
/** Past this many one-shots a second the period grows instead (hundreds of containers). */
export const maxRate = 25;
/** Room above the steady rate to catch up after a burst of due containers (start-up, a page scrolled away). */
const headroom = 1.25;

/**
 * The containers to stream: the rows on screen and the selected container (the
 * detail view), of those whose figures come from the API. At most the rows
 * on screen plus one.
 */
export function streamTargets(state: State, fromApi: (id: string) => boolean): Set<string> {
	const wanted = new Set<string>();
	if (state.connection.status !== 'connected') return wanted;
	const consider = (id: string | undefined) => {
		if (id !== undefined && state.containers.get(id)?.state === 'running' && fromApi(id)) wanted.add(id);
	};

	for (const id of state.viewport.ids) consider(id);
	consider(state.ui.selectedId);
	return wanted;
}

/** How long between two one-shot samples of the same background container, for `count` of them. */
export function backgroundPeriodMs(count: number): number {
	const aimed = Math.min(maxPeriodMs, Math.max(minPeriodMs, (count * 1000) / targetRate));
	return Math.ceil(Math.max(aimed, (count * 1000) / maxRate));
}

/** The least time between two one-shot requests: spread evenly, never a burst. */
export function backgroundGapMs(count: number): number {
	if (count <= 0) return 1000 / maxRate;
	return Math.ceil(Math.max(1000 / maxRate, backgroundPeriodMs(count) / (count * headroom)));
}
