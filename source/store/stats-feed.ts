import {computeStats} from '../engine/compute-stats.js';
import type {ContainerStats, Engine, StatsSample} from '../engine/engine.js';
import type {Store} from './create-store.js';
import type {State} from './state.js';

export type StatsFeedOptions = {
	/** How often the store gets what arrived (`--refresh`): one action, one render, per tick. */
	refreshMs?: number;
	/** After a stream breaks, wait this long before opening it again. */
	retryMs?: number;
};

export type StatsFeed = {
	stop(): void;
	/** Stats streams open right now. */
	readonly open: number;
};

/**
 * Which containers get a stats stream: every running one, once connected.
 * This is the feed's whole scheduling policy, kept in one place so a cheaper
 * one (streams for the rows on screen, staggered one-shots for the rest, local
 * cgroups) can replace it. At N=200 dockerd delivers each stream's frames every
 * ~2 s (see bench/README.md), which is what `docker stats` gets too.
 */
export function wantedStreams(state: State): Set<string> {
	const wanted = new Set<string>();
	if (state.connection.status !== 'connected') return wanted;
	for (const container of state.containers.values()) if (container.state === 'running') wanted.add(container.id);
	return wanted;
}

type Stream = {controller: AbortController; previous?: StatsSample; last?: ContainerStats};

/**
 * Keeps one stats stream open per container `wantedStreams` names, and
 * publishes what the streams delivered once per tick as one `stats/sampled`
 * action: samples are folded here, never dispatched one by one. Streams close
 * when their container stops, is paused or removed (reconciled with the store
 * on every change of the container list), and all of them on stop().
 */
export function startStatsFeed(engine: Engine, store: Store, options: StatsFeedOptions = {}): StatsFeed {
	const {refreshMs = 1000, retryMs = 2000} = options;
	const streams = new Map<string, Stream>();
	const pending = new Map<string, ContainerStats>();
	const retryAt = new Map<string, number>();
	// Paused containers berth never saw running get one one-shot sample for their memory.
	const pausedSampled = new Set<string>();
	let stopped = false;
	let published = 0;

	const open = (id: string) => {
		const stream: Stream = {controller: new AbortController()};
		streams.set(id, stream);
		void (async () => {
			try {
				for await (const sample of engine.streamStats(id, stream.controller.signal)) {
					const figures = computeStats(stream.previous, sample);
					stream.previous = sample;
					stream.last = figures;
					pending.set(id, figures);
				}
			} catch {
				// The container went away or the connection broke: the events feed reports the latter.
			} finally {
				if (streams.get(id) === stream) {
					streams.delete(id);
					// Ended by the engine, not by us: open again later if it is still wanted.
					retryAt.set(id, Date.now() + retryMs);
				}
			}
		})();
	};

	const close = (id: string, stream: Stream, state: State) => {
		streams.delete(id);
		stream.controller.abort();
		const container = state.containers.get(id);
		if (container?.state === 'paused' && stream.last) {
			pending.set(id, pausedFigures(stream.last));
			pausedSampled.add(id);
		} else {
			pending.delete(id);
		}
	};

	const samplePaused = (id: string) => {
		pausedSampled.add(id);
		const again = () => {
			// Try again later, as for a broken stream.
			pausedSampled.delete(id);
			retryAt.set(id, Date.now() + retryMs);
		};
		engine.sampleStats(id).then(
			(sample) => {
				if (!sample) again();
				else if (!stopped && store.getState().containers.get(id)?.state === 'paused') pending.set(id, pausedFigures(computeStats(undefined, sample)));
			},
			again,
		);
	};

	let seen: {containers: State['containers']; connection: State['connection']} | undefined;
	const reconcile = (force = false) => {
		if (stopped) return;
		const state = store.getState();
		if (!force && seen?.containers === state.containers && seen.connection === state.connection) return;
		seen = {containers: state.containers, connection: state.connection};
		const wanted = wantedStreams(state);
		for (const [id, stream] of streams) if (!wanted.has(id)) close(id, stream, state);
		const now = Date.now();
		for (const id of wanted) {
			if (streams.has(id) || (retryAt.get(id) ?? 0) > now) continue;
			retryAt.delete(id);
			open(id);
		}

		for (const id of pausedSampled) if (state.containers.get(id)?.state !== 'paused') pausedSampled.delete(id);
		if (state.connection.status === 'connected') {
			for (const container of state.containers.values()) {
				const {id} = container;
				if (container.state === 'paused' && !pausedSampled.has(id) && !state.stats.current.has(id) && (retryAt.get(id) ?? 0) <= now) {
					samplePaused(id);
				}
			}
		}
	};

	const publish = () => {
		const state = store.getState();
		const updates: Array<readonly [string, ContainerStats]> = [];
		for (const [id, figures] of pending) {
			const status = state.containers.get(id)?.state;
			// A sample that arrived just before its container stopped is dropped.
			if (status === 'running' || status === 'paused') updates.push([id, figures]);
		}

		pending.clear();
		const cleared: string[] = [];
		const forgotten = new Set<string>();
		for (const id of state.stats.current.keys()) {
			const status = state.containers.get(id)?.state;
			if (status === undefined) forgotten.add(id);
			else if (status !== 'running' && status !== 'paused') cleared.push(id);
		}

		for (const id of state.stats.history.keys()) if (!state.containers.has(id)) forgotten.add(id);
		const streaming = streams.size;
		if (updates.length === 0 && cleared.length === 0 && forgotten.size === 0 && streaming === published) return;
		published = streaming;
		store.dispatch({type: 'stats/sampled', updates, cleared, forgotten: [...forgotten], streaming});
	};

	const unsubscribe = store.subscribe(() => reconcile());
	const timer = setInterval(() => {
		reconcile(true);
		publish();
	}, refreshMs);
	timer.unref?.();
	reconcile(true);

	return {
		stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(timer);
			unsubscribe();
			for (const stream of streams.values()) stream.controller.abort();
			streams.clear();
			pending.clear();
		},
		get open() {
			return streams.size;
		},
	};
}

/** A paused container uses no CPU and moves no bytes; its memory stays as last seen. */
function pausedFigures(last: ContainerStats): ContainerStats {
	return {...last, cpuPercent: 0, networkRxRate: 0, networkTxRate: 0, blockReadRate: 0, blockWriteRate: 0};
}
