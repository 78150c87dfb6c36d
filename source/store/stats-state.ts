import type {ContainerStats} from '../engine/engine.js';
import type {History} from './stats-history.js';

/**
 * The stats slice: replaced once per refresh tick by one `stats/sampled`
 * action, never per sample, so the screen re-renders at most once a tick.
 */
export type StatsState = {
	/** The latest figures of each running container (paused ones: CPU and rates 0). */
	current: ReadonlyMap<string, ContainerStats>;
	/** Graph points per container, kept until the container is removed. */
	history: ReadonlyMap<string, History>;
	/** Stats streams open at the last tick. */
	streaming: number;
};

/** Everything the stats feed learnt since the previous tick. */
export type StatsAction = {
	type: 'stats/sampled';
	/** New figures; each also adds a history point once CPU % is known. */
	updates: ReadonlyArray<readonly [string, ContainerStats]>;
	/** Containers no longer running: their figures go, their history stays. */
	cleared: readonly string[];
	/** Containers gone from the engine: figures and history go. */
	forgotten: readonly string[];
	streaming: number;
};

export const initialStats: StatsState = {current: new Map(), history: new Map(), streaming: 0};
