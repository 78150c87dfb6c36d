import {computeStats} from '../engine/compute-stats.js';
import type {ContainerStats, Engine, StatsSample, StatsSource} from '../engine/engine.js';
import type {Store} from './create-store.js';
import type {State} from './state.js';
import {BackgroundSampler} from './stats-background.js';
import {LocalStats} from './stats-local.js';
import {allMetrics, mergeStats} from './stats-merge.js';
import {streamTargets} from './stats-policy.js';
import {StatsStreams} from './stats-streams.js';

export type StatsFeedOptions = {
	/** How often the store gets what arrived (`--refresh`): one action, one render, per tick; one local pass per tick. */
	refreshMs?: number;
	/** After a stream breaks, wait this long before opening it again. */
	retryMs?: number;
	/** A row must stay on screen this long before its stream opens (a key held down scrolls past rows). */
	settleMs?: number;
};

export type StatsFeed = {
	stop(): void;
	/** Stats streams open right now. */
	readonly open: number;
	/** One-shot stats requests sent since the start: background rows and paused containers. */
	readonly oneShots: number;
	/** Running containers sampled by one-shots now (not on screen, not read from their cgroup). */
	readonly background: number;
	/** Local (cgroup) passes done since the start; 0 without a local reader. */
	readonly localPasses: number;
	/** The containers in the store counted by where their figures came from. */
	sources(): Record<StatsSource, number>;
};

/** The API's latest reading of a container, and when it arrived (local clock). */
type ApiSeen = {sample: StatsSample; figures: ContainerStats; atMs: number};

/**
 * Live figures for every running container, at the least cost to the engine
 * (issue #13, shared/notes/perf.md):
 * - with a local reader (engine.localStats), one pass over the containers'
 *   cgroups per tick and no daemon call for what the kernel gives; a container
 *   it cannot read, or the metrics it cannot read, come from the API;
 * - from the API, a stream for each row on screen and the selected container
 *   (state.viewport, reported by the containers pane), and staggered one-shot
 *   samples every 5-10 s for the others (stats-policy.ts), enough to sort by
 *   CPU and sum the header.
 * Whatever arrived is published once per tick as one `stats/sampled` action.
 * A paused container keeps its memory and shows no CPU or I/O.
 */
export function startStatsFeed(engine: Engine, store: Store, options: StatsFeedOptions = {}): StatsFeed {
	const {refreshMs = 1000, retryMs = 2000, settleMs = 250} = options;
	const local = engine.localStats ? new LocalStats(engine.localStats) : undefined;
	const api = new Map<string, ApiSeen>();
	const pending = new Map<string, ContainerStats>();
	// Paused containers berth has figures for, and when to try a one-shot again for one it has none for.
	const pausedDone = new Set<string>();
	const pausedRetryAt = new Map<string, number>();
	let pausedShots = 0;
	let stopped = false;
	let published = 0;

	/** The API serves it: no local reader, or the reader left out some or all of its metrics. */
	const fromApi = (id: string) => !local || (local.missing(id)?.size ?? 0) > 0;

	const onApiSample = (id: string, sample: StatsSample) => {
		if (stopped || store.getState().containers.get(id)?.state !== 'running') return;
		const before = api.get(id);
		// A one-shot answered after the row's stream had delivered newer readings.
		if (before && sample.readMs <= before.sample.readMs) return;
		const figures = computeStats(before?.sample, sample);
		api.set(id, {sample, figures, atMs: Date.now()});
		const missing = local?.missing(id);
		// With some metrics from the cgroup, the next local pass merges these in.
		if (!local || (missing && missing.size >= allMetrics.size)) pending.set(id, {...figures, source: 'api'});
	};

	const streams = new StatsStreams(engine, {onSample: onApiSample, retryMs, settleMs});
	const background = new BackgroundSampler({sample: (id, signal) => engine.sampleStats(id, signal), onSample: onApiSample});

	const samplePaused = (id: string) => {
		pausedDone.add(id);
		pausedShots += 1;
		const again = () => {
			// Try again later, as for a broken stream.
			pausedDone.delete(id);
			pausedRetryAt.set(id, Date.now() + retryMs);
		};
		engine.sampleStats(id).then(
			(sample) => {
				if (!sample) again();
				else if (!stopped && store.getState().containers.get(id)?.state === 'paused') pending.set(id, pausedFigures({...computeStats(undefined, sample), source: 'api'}));
			},
			again,
		);
	};

	const reconcilePaused = (state: State, now: number) => {
		for (const id of pausedDone) if (state.containers.get(id)?.state !== 'paused') pausedDone.delete(id);
		for (const id of pausedRetryAt.keys()) if (state.containers.get(id)?.state !== 'paused') pausedRetryAt.delete(id);
		for (const container of state.containers.values()) {
			const {id} = container;
			if (container.state !== 'paused' || pausedDone.has(id)) continue;
			// Paused while berth had its figures: memory as last seen, no CPU.
			const last = pending.get(id) ?? state.stats.current.get(id);
			if (last) {
				pending.set(id, pausedFigures(last));
				pausedDone.add(id);
			} else if (state.connection.status === 'connected' && (pausedRetryAt.get(id) ?? 0) <= now) {
				samplePaused(id);
			}
		}
	};

	/** Drops what is kept for containers that stopped or went away (the local reader its cgroup path). */
	const forgetStopped = (state: State) => {
		const alive = (id: string) => {
			const status = state.containers.get(id)?.state;
			return status === 'running' || status === 'paused';
		};
		for (const id of api.keys()) if (!alive(id)) api.delete(id);
		if (local) for (const id of [...local.known()]) if (!alive(id)) local.forget(id);
	};

	let wake: {timer: NodeJS.Timeout; at: number} | undefined;
	const wakeAt = (at: number | undefined) => {
		if (at === undefined || stopped || (wake && wake.at <= at)) return;
		if (wake) clearTimeout(wake.timer);
		const timer = setTimeout(() => {
			wake = undefined;
			reconcile(true);
		}, Math.max(0, at - Date.now()));
		timer.unref?.();
		wake = {timer, at};
	};

	let seen: Pick<State, 'containers' | 'connection' | 'viewport'> & {selectedId: string | undefined} | undefined;
	const reconcile = (force = false) => {
		if (stopped) return;
		const state = store.getState();
		if (
			!force &&
			seen?.containers === state.containers &&
			seen.connection === state.connection &&
			seen.viewport === state.viewport &&
			seen.selectedId === state.ui.selectedId
		) {
			return;
		}

		seen = {containers: state.containers, connection: state.connection, viewport: state.viewport, selectedId: state.ui.selectedId};
		forgetStopped(state);
		const now = Date.now();
		const wanted = streamTargets(state, fromApi);
		wakeAt(streams.sync(wanted, now));
		const rest = new Set<string>();
		if (state.connection.status === 'connected') {
			for (const {id, state: status} of state.containers.values()) if (status === 'running' && !wanted.has(id) && fromApi(id)) rest.add(id);
		}

		background.sync(rest, (id) => api.get(id)?.atMs, now);
		reconcilePaused(state, now);
	};

	/** One local pass; its figures (merged with the API's for what it missed) go out with this tick. */
	const localPass = async (reader: LocalStats) => {
		const state = store.getState();
		if (state.connection.status !== 'connected') return;
		const ids: string[] = [];
		for (const container of state.containers.values()) if (container.state === 'running') ids.push(container.id);
		if (ids.length === 0) return;
		const results = await reader.pass(ids);
		if (stopped) return;
		const containers = store.getState().containers;
		for (const [id, {figures, missing}] of results) {
			// Paused or stopped during the pass: those figures are no longer true.
			if (containers.get(id)?.state === 'running') pending.set(id, mergeStats(figures, api.get(id)?.figures, missing));
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

	// One publication per tick: a local pass slower than a tick publishes with the next one.
	let tickCount = 0;
	let passing = false;
	const tick = () => {
		tickCount += 1;
		reconcile(true);
		if (!local || passing) {
			publish();
			return;
		}

		const started = tickCount;
		passing = true;
		void localPass(local).finally(() => {
			passing = false;
			if (stopped) return;
			// What the pass learnt may move containers between the cgroup and the API.
			reconcile(true);
			if (started === tickCount) publish();
		});
	};

	const unsubscribe = store.subscribe(() => reconcile());
	const timer = setInterval(tick, refreshMs);
	timer.unref?.();
	reconcile(true);

	return {
		stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(timer);
			if (wake) clearTimeout(wake.timer);
			unsubscribe();
			streams.stop();
			background.stop();
			pending.clear();
		},
		get open() {
			return streams.size;
		},
		get oneShots() {
			return background.sent + pausedShots;
		},
		get background() {
			return background.size;
		},
		get localPasses() {
			return local?.passes ?? 0;
		},
		sources() {
			const counts: Record<StatsSource, number> = {cgroup: 0, api: 0, 'cgroup+api': 0};
			for (const figures of store.getState().stats.current.values()) counts[figures.source ?? 'api'] += 1;
			return counts;
		},
	};
}

/** A paused container uses no CPU and moves no bytes; its memory stays as last seen. */
function pausedFigures(last: ContainerStats): ContainerStats {
	return {...last, cpuPercent: 0, networkRxRate: 0, networkTxRate: 0, blockReadRate: 0, blockWriteRate: 0};
}
