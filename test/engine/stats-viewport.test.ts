/**
 * Issue #13 over the API (`--stats-source api`: an engine without a local
 * reader) on the private engine: streams only for the rows on screen, one-shot
 * samples for the rest, enough to sort a busy container first while it is off
 * screen. Counts are asserted; times are only logged (the machine is shared).
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine, StatsSample} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {startStatsFeed, type StatsFeed} from '../../source/store/stats-feed.js';
import {initialState, type State} from '../../source/store/state.js';
import {windowStart} from '../../source/ui/panes/containers-pane.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {waitForState as waitFor} from '../support/wait-for-state.js';

const rows = 10;
const count = 30;
const names = Array.from({length: count - 1}, (_, index) => `vp-${String(index).padStart(2, '0')}`);
// Last by name: off screen in a 10-row table sorted by name.
const busyName = 'vp-zz-busy';

/** berth's own stats requests: streams open now (and the most at once), one-shots sent. */
type Requests = {open: Map<string, number>; everStreamed: Set<string>; peak: number; oneShots: Array<{id: string; atMs: number}>};

function counting(engine: Engine, requests: Requests): Engine {
	const total = () => [...requests.open.values()].reduce((sum, value) => sum + value, 0);
	return {
		...engine,
		streamStats(id, signal) {
			const inner = engine.streamStats(id, signal);
			return (async function* (): AsyncGenerator<StatsSample> {
				requests.open.set(id, (requests.open.get(id) ?? 0) + 1);
				requests.everStreamed.add(id);
				requests.peak = Math.max(requests.peak, total());
				try {
					yield* inner;
				} finally {
					requests.open.set(id, (requests.open.get(id) ?? 1) - 1);
				}
			})();
		},
		sampleStats(id, signal) {
			requests.oneShots.push({id, atMs: Date.now()});
			return engine.sampleStats(id, signal);
		},
	};
}

/** What the containers pane does after each render: report the `rows` rows it drew. */
function followScreen(store: Store, height: number): () => void {
	const report = () => {
		const state = store.getState();
		const sortStats = state.ui.sort === 'cpu' || state.ui.sort === 'memory' ? state.stats.current : undefined;
		const view = selectContainerView(state.containers, state.ui, sortStats);
		const id = view.ids[view.cursor];
		const selected = view.rows.findIndex((row) => row.kind === 'container' && row.container.id === id);
		const start = windowStart(selected, view.rows.length, height);
		const ids = view.rows.slice(start, start + height).flatMap((row) => (row.kind === 'container' ? [row.container.id] : []));
		store.dispatch({type: 'viewport/shown', ids});
	};

	report();
	return store.subscribe(report);
}

function waitForState(store: Store, predicate: (state: State) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
	return waitFor(store, predicate, {timeoutMs, what});
}

/** Ids with a stream open now. */
function streamed(requests: Requests): string[] {
	return [...requests.open].filter(([, open]) => open > 0).map(([id]) => id);
}

/** The table's order if it were sorted by CPU now. */
function byCpu(state: State): string[] {
	return selectContainerView(state.containers, {...state.ui, sort: 'cpu'}, state.stats.current).ids;
}

describeWithEngine('stats over the API: streams for the rows on screen only', (docker: EngineClient) => {
	const requests: Requests = {open: new Map(), everStreamed: new Set(), peak: 0, oneShots: []};
	let engine: Engine;
	let store: Store;
	let feeds: Feeds;
	let stats: StatsFeed;
	let unfollow: () => void;
	let busyId = '';

	beforeAll(async () => {
		// A few at a time: vfs copies the image for each.
		const all = [...names, busyName];
		for (let index = 0; index < all.length; index += 6) {
			await Promise.all(
				all.slice(index, index + 6).map((name) => docker.run(['sleep', '1000'], ['--name', name, ...(name === busyName ? ['--cpus', '0.5'] : [])])),
			);
		}

		engine = counting(createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}), {statsSource: 'api'}), requests);
		expect(engine.localStats).toBeUndefined();
		// Filtered to this file's containers, as a user typing "/vp-" would.
		store = createStore(initialState({filter: 'vp-'}));
		feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
		stats = startStatsFeed(engine, store, {refreshMs: 1000});
		unfollow = followScreen(store, rows);
		await waitForState(
			store,
			(state) => state.connection.status === 'connected' && [...state.containers.values()].filter((one) => one.name.startsWith('vp-') && one.state === 'running').length === count,
			'30 running containers',
		);
		busyId = [...store.getState().containers.values()].find((one) => one.name === busyName)!.id;
	});

	afterAll(() => {
		unfollow?.();
		stats?.stop();
		feeds?.stop();
		engine?.close();
	});

	it('every container gets figures and a CPU %, with no more streams than rows on screen plus one', async () => {
		const started = Date.now();
		await waitForState(
			store,
			(state) => byCpu(state).every((id) => state.stats.current.get(id)?.cpuPercent !== undefined),
			'a CPU % for all 30 containers',
		);
		console.log(`all ${count} containers had a CPU % ${((Date.now() - started) / 1000).toFixed(1)} s after the start; ${stats.oneShots} one-shots sent`);
		const state = store.getState();
		expect(state.viewport.ids).toHaveLength(rows);
		expect(streamed(requests).sort()).toEqual([...state.viewport.ids].sort());
		expect(requests.peak).toBeLessThanOrEqual(rows + 1);
		expect(stats.open).toBeLessThanOrEqual(rows + 1);
		const running = [...state.containers.values()].filter((one) => one.state === 'running').length;
		expect(stats.background).toBe(running - rows);
		// The off-screen ones came from one-shots only.
		expect(requests.everStreamed.has(busyId)).toBe(false);
		expect(requests.oneShots.some(({id}) => id === busyId)).toBe(true);
		for (const id of state.viewport.ids) expect(requests.oneShots.filter((shot) => shot.id === id).length).toBeLessThanOrEqual(1);
	});

	it('a busy container off screen sorts first by CPU from its next one-shot samples', async () => {
		expect(store.getState().viewport.ids).not.toContain(busyId);
		const shotsBefore = requests.oneShots.filter(({id}) => id === busyId).length;
		const started = Date.now();
		await docker.docker(['exec', '-d', busyName, 'sh', '-c', 'while :; do :; done']);
		await waitForState(store, (state) => byCpu(state)[0] === busyId, 'the busy container first by CPU');
		const shots = requests.oneShots.filter(({id}) => id === busyId).length - shotsBefore;
		const figures = store.getState().stats.current.get(busyId)!;
		console.log(`${busyName} sorted first by CPU ${((Date.now() - started) / 1000).toFixed(1)} s after its loop started (${shots} one-shots, ${figures.cpuPercent?.toFixed(1)} %)`);
		// Still off screen, never streamed: its figures came from one or two one-shots (5 s apart for 20 background containers).
		expect(store.getState().viewport.ids).not.toContain(busyId);
		expect(requests.everStreamed.has(busyId)).toBe(false);
		expect(shots).toBeGreaterThanOrEqual(1);
		expect(shots).toBeLessThanOrEqual(2);
		expect(figures.source).toBe('api');
	});

	it('sorting and scrolling move the streams to the rows now on screen', async () => {
		store.dispatch({type: 'ui/sort', key: 'cpu'});
		await waitForState(store, () => (requests.open.get(busyId) ?? 0) === 1, 'a stream for the busy container once on screen', 10_000);
		expect(store.getState().viewport.ids[0]).toBe(busyId);
		// To the bottom of the list: the last 10 rows.
		store.dispatch({type: 'ui/moveTo', index: -1, visibleIds: selectContainerView(store.getState().containers, store.getState().ui, store.getState().stats.current).ids});
		await waitForState(store, (state) => state.viewport.ids.length === rows && !state.viewport.ids.includes(busyId), 'scrolled to the end', 10_000);
		await expect.poll(() => streamed(requests).sort(), {timeout: 10_000}).toEqual([...store.getState().viewport.ids].sort());
		expect(requests.open.get(busyId)).toBe(0);
		expect(requests.peak).toBeLessThanOrEqual(rows + 1);
		console.log(`streams opened in all: ${requests.everStreamed.size}; most open at once: ${requests.peak}; one-shots: ${requests.oneShots.length}`);
	});
});
