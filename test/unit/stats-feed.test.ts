import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import type {ContainerSummary, Engine, LocalStatsReader} from '../../source/engine/engine.js';
import type {Action} from '../../source/store/actions.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {reducer} from '../../source/store/reducer.js';
import {startStatsFeed, type StatsFeed, type StatsFeedOptions} from '../../source/store/stats-feed.js';
import {historyValues} from '../../source/store/stats-history.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture, engineErrorFixture, eventFixture, FakeEngine, fakeInfo, idFor} from '../support/fake-engine.js';
import {FakeLocalStats, localSample, sampleFixture} from '../support/fake-stats.js';
import {keys, plain, rowNames, startApp, type Harness as AppHarness} from '../support/render-app.js';

const a = idFor('a');
const b = idFor('b');
const c = idFor('c');

/** CPU counters for a container at `percent` of one CPU, `step` seconds after the start. */
function busy(step: number, percent: number, extra = {}) {
	// 4 CPUs: the host's CPU time advances 4 s per second.
	return sampleFixture({
		readMs: 1_750_000_000_000 + step * 1000,
		cpuTotal: step * percent * 1e7,
		systemCpu: 1e15 + step * 4e9,
		onlineCpus: 4,
		memoryUsage: 1000 + step,
		...extra,
	});
}

type Harness = {engine: FakeEngine; store: Store; feed: StatsFeed; sampled: Array<Extract<Action, {type: 'stats/sampled'}>>};

type StartOptions = StatsFeedOptions & {
	/** The rows the containers pane reports on screen; every container by default. */
	shown?: string[];
	local?: LocalStatsReader;
};

let harness: Harness | undefined;

function start(containers: ContainerSummary[], options: StartOptions = {}, prepare?: (engine: FakeEngine) => void): Harness {
	const {shown = containers.map((container) => container.id), local, ...feedOptions} = options;
	const engine = new FakeEngine({containers});
	if (local) (engine as {localStats?: LocalStatsReader}).localStats = local;
	prepare?.(engine);
	let state = reducer(initialState(), {type: 'connection/connected', info: fakeInfo});
	state = reducer(state, {type: 'containers/listed', containers});
	state = reducer(state, {type: 'viewport/shown', ids: shown});
	const store = createStore(state);
	const sampled: Harness['sampled'] = [];
	const dispatch = store.dispatch;
	store.dispatch = (action) => {
		if (action.type === 'stats/sampled') sampled.push(action);
		dispatch(action);
	};

	const feed = startStatsFeed(engine as Engine, store, {refreshMs: 1000, retryMs: 2000, settleMs: 0, ...feedOptions});
	harness = {engine, store, feed, sampled};
	return harness;
}

/** Lets stream iterators and the store's batched notification run, then `ms` of timers. */
async function advance(ms: number): Promise<void> {
	await vi.advanceTimersByTimeAsync(ms);
}

/** What the containers pane does after a render: report the rows it drew. */
function show(store: Store, ids: string[]): void {
	store.dispatch({type: 'viewport/shown', ids});
	store.flush();
}

/** `count` running containers c000, c001, ... (name order is index order), each with a sample for one-shots. */
function many(count: number, engine?: FakeEngine): ContainerSummary[] {
	const containers = Array.from({length: count}, (_, index) => containerFixture({name: `c${String(index).padStart(3, '0')}`}));
	if (engine) for (const container of containers) engine.stats.latest.set(container.id, busy(0, 1));
	return containers;
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	harness?.feed.stop();
	harness = undefined;
	vi.useRealTimers();
});

describe('the stats feed over the API', () => {
	test('opens one stream per running container on screen, none for the others', async () => {
		const {engine} = start([
			containerFixture({name: 'a'}),
			containerFixture({name: 'b'}),
			containerFixture({name: 'c', state: 'exited'}),
			containerFixture({name: 'd', state: 'created'}),
		]);
		await advance(0);
		expect(engine.stats.openIds().sort()).toEqual([a, b].sort());
	});

	test('folds every sample of a tick into one action, one update per container', async () => {
		const {engine, store, sampled} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})]);
		await advance(0);
		for (let step = 0; step < 5; step++) engine.stats.push(a, busy(step, 50));
		for (let step = 0; step < 3; step++) engine.stats.push(b, busy(step, 10));
		await advance(0);
		expect(sampled).toHaveLength(0);
		await advance(1000);
		expect(sampled).toHaveLength(1);
		expect(sampled[0]!.updates.map(([id]) => id).sort()).toEqual([a, b].sort());
		expect(sampled[0]!.streaming).toBe(2);
		await advance(100);
		const current = store.getState().stats.current;
		// The latest sample of each, computed against the one before it.
		expect(current.get(a)?.cpuPercent).toBeCloseTo(50, 6);
		expect(current.get(a)?.memoryUsage).toBe(1004);
		expect(current.get(a)?.source).toBe('api');
		expect(current.get(b)?.cpuPercent).toBeCloseTo(10, 6);
		// A quiet tick publishes nothing.
		await advance(3000);
		expect(sampled).toHaveLength(1);
	});

	test('the first sample of a stream shows figures but no CPU % and adds no history point', async () => {
		const {engine, store} = start([containerFixture({name: 'a'})]);
		await advance(0);
		engine.stats.push(a, busy(0, 50));
		await advance(1100);
		expect(store.getState().stats.current.get(a)?.memoryUsage).toBe(1000);
		expect(store.getState().stats.current.get(a)?.cpuPercent).toBeUndefined();
		expect(store.getState().stats.history.get(a)).toBeUndefined();
		engine.stats.push(a, busy(1, 50));
		await advance(1000);
		expect(historyValues(store.getState().stats.history.get(a)!, 'cpuPercent').map(Math.round)).toEqual([50]);
	});

	test('closes the stream when its container stops, is paused or removed, and opens it again on start', async () => {
		const {engine, store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})]);
		await advance(0);
		engine.stats.push(a, busy(0, 50));
		engine.stats.push(a, busy(1, 50));
		engine.stats.push(b, busy(0, 20));
		engine.stats.push(b, busy(1, 20));
		await advance(1100);
		expect(store.getState().stats.current.get(b)?.cpuPercent).toBeCloseTo(20, 6);

		store.dispatch({type: 'engine/event', event: eventFixture('pause', b)});
		await advance(100);
		expect(engine.stats.openCount(b)).toBe(0);
		await advance(1000);
		// Paused: no CPU, memory as last seen.
		expect(store.getState().stats.current.get(b)).toMatchObject({cpuPercent: 0, memoryUsage: 1001});

		store.dispatch({type: 'engine/event', event: eventFixture('die', a, {exitCode: '0'})});
		await advance(100);
		expect(engine.stats.openCount(a)).toBe(0);
		await advance(1000);
		expect(store.getState().stats.current.has(a)).toBe(false);
		expect(store.getState().stats.history.has(a)).toBe(true);
		expect(store.getState().stats.streaming).toBe(0);

		store.dispatch({type: 'engine/event', event: eventFixture('start', a)});
		await advance(100);
		expect(engine.stats.openCount(a)).toBe(1);

		store.dispatch({type: 'engine/event', event: eventFixture('destroy', a)});
		await advance(1100);
		expect(engine.stats.openCount(a)).toBe(0);
		expect(store.getState().stats.history.has(a)).toBe(false);
		expect(engine.stats.opened.filter((id) => id === a)).toHaveLength(2);
	});

	test('a sample arriving after its container stopped is dropped', async () => {
		const {engine, store} = start([containerFixture({name: 'a'})]);
		await advance(0);
		engine.stats.push(a, busy(0, 50));
		engine.stats.push(a, busy(1, 50));
		await advance(0);
		store.dispatch({type: 'engine/event', event: eventFixture('die', a, {exitCode: '0'})});
		await advance(1100);
		expect(store.getState().stats.current.has(a)).toBe(false);
	});

	test('a broken stream is opened again after the retry delay, not at once', async () => {
		const {engine} = start([containerFixture({name: 'a'})], {retryMs: 2000});
		await advance(0);
		engine.stats.fail(a, engineErrorFixture());
		await advance(0);
		expect(engine.stats.openCount(a)).toBe(0);
		await advance(1000);
		expect(engine.stats.openCount(a)).toBe(0);
		await advance(2000);
		expect(engine.stats.openCount(a)).toBe(1);
		expect(engine.stats.opened).toHaveLength(2);
	});

	test('no streams nor one-shots while the engine is unreachable; they come back with it', async () => {
		const {engine, store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'}), containerFixture({name: 'c'})], {shown: [a, b]});
		await advance(0);
		store.dispatch({type: 'connection/lost', problem: engineErrorFixture().problem, attempt: 1, retryAt: Date.now() + 500});
		await advance(100);
		expect(engine.stats.openCount()).toBe(0);
		const before = engine.stats.sampled.length;
		await advance(20_000);
		expect(engine.stats.sampled.length).toBe(before);
		store.dispatch({type: 'connection/connected', info: fakeInfo});
		await advance(100);
		expect(engine.stats.openCount()).toBe(2);
		expect(engine.stats.sampled.map(({id}) => id).slice(before)).toEqual([c]);
	});

	test('a container paused before berth saw it running gets one one-shot sample', async () => {
		const paused = containerFixture({name: 'p', state: 'paused'});
		const {engine, store} = start([paused], {}, (fake) => fake.stats.latest.set(paused.id, sampleFixture({memoryUsage: 4096, memoryLimit: 8192})));
		await advance(1100);
		expect(engine.stats.openCount()).toBe(0);
		expect(store.getState().stats.current.get(paused.id)).toMatchObject({cpuPercent: 0, memoryUsage: 4096, memoryPercent: 50});
		await advance(10_000);
		expect(engine.stats.sampled).toHaveLength(1);
	});

	test('a failed one-shot sample of a paused container is tried again later', async () => {
		const paused = containerFixture({name: 'p', state: 'paused'});
		const {engine, store} = start([paused], {retryMs: 2000});
		await advance(1100);
		expect(store.getState().stats.current.has(paused.id)).toBe(false);
		engine.stats.latest.set(paused.id, sampleFixture({memoryUsage: 4096}));
		await advance(3000);
		expect(store.getState().stats.current.get(paused.id)?.memoryUsage).toBe(4096);
	});

	test('no socket is left open: 200 containers, 40 rows on screen, 150 stopped, and the feed stopped', async () => {
		const containers = many(200);
		const {engine, store, feed} = start(containers, {shown: containers.slice(0, 40).map(({id}) => id)});
		await advance(0);
		expect(engine.stats.openCount()).toBe(40);
		for (const container of containers.slice(0, 150)) store.dispatch({type: 'engine/event', event: eventFixture('die', container.id, {exitCode: '0'})});
		await advance(1100);
		expect(engine.stats.openCount()).toBe(0);
		expect(feed.open).toBe(0);
		expect(feed.background).toBe(50);
		show(store, containers.slice(150, 190).map(({id}) => id));
		await advance(0);
		expect(engine.stats.openCount()).toBe(40);
		expect(feed.background).toBe(10);
		await advance(1000);
		expect(store.getState().stats.streaming).toBe(40);
		feed.stop();
		await advance(0);
		expect(engine.stats.openCount()).toBe(0);
		expect(feed.open).toBe(0);
		const sent = engine.stats.sampled.length;
		await advance(30_000);
		expect(engine.stats.sampled.length).toBe(sent);
	});
});

describe('streams for the rows on screen, one-shots for the rest', () => {
	test('200 running, 40 rows and an off-screen selection: 41 streams, the other 159 sampled every 10 s at most, evenly', async () => {
		const containers = many(200);
		const {engine, store, feed} = start(containers, {shown: containers.slice(0, 40).map(({id}) => id)}, (fake) => many(200, fake));
		const selected = containers[150]!.id;
		store.dispatch({type: 'ui/select', id: selected, visibleIds: containers.map(({id}) => id)});
		await advance(0);
		expect(engine.stats.openCount()).toBe(41);
		expect(engine.stats.openCount(selected)).toBe(1);
		expect(feed.open).toBe(41);
		await advance(40_000);
		expect(engine.stats.peakOpen).toBeLessThanOrEqual(41);
		const streamed = new Set(engine.stats.openIds());
		const shots = engine.stats.sampled;
		// Only the background containers are sampled, each of them, within 10 s of the start.
		expect(shots.some(({id}) => streamed.has(id))).toBe(false);
		const firstAt = new Map<string, number>();
		for (const {id, atMs} of shots) if (!firstAt.has(id)) firstAt.set(id, atMs);
		expect(firstAt.size).toBe(159);
		const start0 = shots[0]!.atMs;
		expect(Math.max(...firstAt.values()) - start0).toBeLessThanOrEqual(10_000);
		// Then each again within 10 s of its previous sample.
		const lastAt = new Map<string, number>();
		let longest = 0;
		for (const {id, atMs} of shots) {
			const last = lastAt.get(id);
			if (last !== undefined) longest = Math.max(longest, atMs - last);
			lastAt.set(id, atMs);
		}

		expect(longest).toBeLessThanOrEqual(10_000);
		// Never a burst: at least 40 ms between two requests, so at most 25 in any second (20 here).
		let busiest = 0;
		for (let index = 1; index < shots.length; index++) expect(shots[index]!.atMs - shots[index - 1]!.atMs).toBeGreaterThanOrEqual(40);
		for (const {atMs} of shots) busiest = Math.max(busiest, shots.filter((shot) => shot.atMs >= atMs && shot.atMs < atMs + 1000).length);
		expect(busiest).toBeLessThanOrEqual(20);
		// In the long run, 159 containers every ~10 s: about 16 a second.
		const steady = shots.filter(({atMs}) => atMs >= start0 + 20_000 && atMs < start0 + 40_000).length;
		expect(steady / 20).toBeGreaterThan(14);
		expect(steady / 20).toBeLessThan(17);
		expect(feed.oneShots).toBe(shots.length);
	});

	test('every background container has figures for the header and a CPU % to sort by', async () => {
		const containers = many(60);
		vi.setSystemTime(1_750_000_000_000);
		const {engine, store} = start(containers, {shown: containers.slice(0, 10).map(({id}) => id)});
		// Each one-shot answers the container's counters at the time it is asked (5 % of a CPU).
		for (const {id} of containers) engine.stats.latest.set(id, busy(0, 5));
		const answer = engine.stats.sample.bind(engine.stats);
		engine.stats.sample = async (id) => {
			const second = Math.floor((Date.now() - 1_750_000_000_000) / 1000);
			engine.stats.latest.set(id, busy(second, id === containers[59]!.id ? 80 : 5));
			return answer(id);
		};

		await advance(12_000);
		const current = store.getState().stats.current;
		for (const {id} of containers.slice(10)) {
			expect(current.get(id)?.source).toBe('api');
			expect(current.get(id)?.cpuPercent).toBeCloseTo(id === containers[59]!.id ? 80 : 5, 6);
		}
	});

	test('scrolling moves the streams to the newly visible rows within a second, never more than rows + 1 open', async () => {
		const containers = many(200);
		const ids = containers.map(({id}) => id);
		const {engine, store} = start(containers, {shown: ids.slice(0, 40), settleMs: 250}, (fake) => many(200, fake));
		await advance(300);
		expect(engine.stats.openIds().sort()).toEqual(ids.slice(0, 40).sort());
		// A page down.
		show(store, ids.slice(40, 80));
		expect(engine.stats.openCount()).toBe(0);
		await advance(300);
		expect(engine.stats.openIds().sort()).toEqual(ids.slice(40, 80).sort());
		// Filtered down to a few rows.
		show(store, [ids[7]!, ids[77]!, ids[177]!]);
		await advance(300);
		expect(engine.stats.openIds().sort()).toEqual([ids[7]!, ids[77]!, ids[177]!].sort());
		expect(engine.stats.peakOpen).toBeLessThanOrEqual(40);
	});

	test('a key held down: pages on screen for less than the settle time get no stream', async () => {
		const containers = many(100);
		const ids = containers.map(({id}) => id);
		const {engine, store} = start(containers, {shown: ids.slice(0, 10), settleMs: 250}, (fake) => many(100, fake));
		await advance(300);
		const opened = engine.stats.opened.length;
		for (let page = 1; page < 10; page++) {
			show(store, ids.slice(page * 10, page * 10 + 10));
			await advance(100);
		}

		await advance(300);
		// Only the page where the scrolling stopped, not every page passed.
		expect(engine.stats.opened.slice(opened).sort()).toEqual(ids.slice(90).sort());
		expect(engine.stats.openIds().sort()).toEqual(ids.slice(90).sort());
	});

	test('a row that leaves the screen keeps its CPU %: its next one-shot counts from the stream', async () => {
		const {engine, store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})]);
		await advance(0);
		engine.stats.push(a, busy(0, 30));
		engine.stats.push(a, busy(1, 30));
		await advance(1000);
		show(store, [b]);
		expect(engine.stats.openCount(a)).toBe(0);
		// The one-shot's precpu_stats is zeroed: the CPU % is counted from the stream's last reading (step 1).
		engine.stats.latest.set(a, busy(9, 70));
		await advance(7000);
		expect(engine.stats.sampled.map(({id}) => id)).toContain(a);
		const figures = store.getState().stats.current.get(a)!;
		expect(figures.cpuPercent).toBeCloseTo((9 * 70 - 1 * 30) / 8, 6);
		expect(figures.source).toBe('api');
	});

	test('a new row on screen gets its CPU % from the first stream frame, counted from the last one-shot', async () => {
		const {engine, store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})], {shown: [b]});
		engine.stats.latest.set(a, busy(0, 40));
		await advance(1000);
		expect(engine.stats.sampled.map(({id}) => id)).toEqual([a]);
		show(store, [a, b]);
		await advance(0);
		engine.stats.push(a, busy(2, 40));
		await advance(1000);
		expect(store.getState().stats.current.get(a)?.cpuPercent).toBeCloseTo(40, 6);
	});
});

describe('the local (cgroup) source', () => {
	test('covered containers get no stream and no one-shot: one pass per tick, figures from the cgroup', async () => {
		const local = new FakeLocalStats();
		local.read = (_id, pass) => localSample(busy(pass, 25));
		const {engine, store, feed, sampled} = start(
			[containerFixture({name: 'a'}), containerFixture({name: 'b'}), containerFixture({name: 'c'}), containerFixture({name: 'd', state: 'exited'})],
			{shown: [a, b], local},
		);
		await advance(5000);
		expect(engine.stats.opened).toEqual([]);
		expect(engine.stats.sampled).toEqual([]);
		expect(local.passes).toHaveLength(5);
		for (const ids of local.passes) expect([...ids].sort()).toEqual([a, b, c].sort());
		for (const id of [a, b, c]) expect(store.getState().stats.current.get(id)).toMatchObject({cpuPercent: 25, source: 'cgroup'});
		expect(feed.sources()).toEqual({cgroup: 3, api: 0, 'cgroup+api': 0});
		expect(feed.localPasses).toBe(5);
		expect(feed.open).toBe(0);
		// One action per tick.
		expect(sampled).toHaveLength(5);
	});

	test('a container the reader cannot read falls back to the API: a stream on screen, one-shots off it', async () => {
		const local = new FakeLocalStats();
		local.read = (id, pass) => (id === a ? localSample(busy(pass, 10)) : undefined);
		const {engine, store, feed} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'}), containerFixture({name: 'c'})], {shown: [a, b], local}, (fake) => {
			fake.stats.latest.set(c, busy(0, 60));
		});
		await advance(1000);
		expect(engine.stats.openIds()).toEqual([b]);
		engine.stats.push(b, busy(0, 30));
		engine.stats.push(b, busy(1, 30));
		await advance(6000);
		expect(new Set(engine.stats.sampled.map(({id}) => id))).toEqual(new Set([c]));
		const current = store.getState().stats.current;
		expect(current.get(a)).toMatchObject({cpuPercent: 10, source: 'cgroup'});
		expect(current.get(b)).toMatchObject({cpuPercent: 30, source: 'api'});
		expect(current.get(c)?.source).toBe('api');
		expect(feed.sources()).toEqual({cgroup: 1, api: 2, 'cgroup+api': 0});
	});

	test('metrics the reader misses come from the API, per metric', async () => {
		const local = new FakeLocalStats();
		// The cgroup gives CPU 20 %, memory and PIDs, but not the network (another network namespace).
		local.read = (_id, pass) => localSample(busy(pass, 20, {memoryUsage: 5000, networkRx: 0, pids: 3}), ['network']);
		const {engine, store} = start([containerFixture({name: 'a'})], {local});
		await advance(1000);
		expect(engine.stats.openIds()).toEqual([a]);
		engine.stats.push(a, busy(0, 90, {networkRx: 0, memoryUsage: 99}));
		engine.stats.push(a, busy(1, 90, {networkRx: 4000, memoryUsage: 99}));
		await advance(2000);
		const figures = store.getState().stats.current.get(a)!;
		expect(figures.source).toBe('cgroup+api');
		expect(figures.cpuPercent).toBeCloseTo(20, 6);
		expect(figures.memoryUsage).toBe(5000);
		expect(figures.pids).toBe(3);
		expect(figures.networkRx).toBe(4000);
		expect(figures.networkRxRate).toBe(4000);
	});

	test('a missing metric the API has not given yet is unknown, not the reader\'s zero', async () => {
		const local = new FakeLocalStats();
		local.read = (_id, pass) => localSample(busy(pass, 20), ['cpu']);
		const {store} = start([containerFixture({name: 'a'})], {local, shown: []});
		await advance(2000);
		const figures = store.getState().stats.current.get(a)!;
		expect(figures.source).toBe('cgroup+api');
		expect(figures.cpuPercent).toBeUndefined();
	});

	test('forget is called when a container stops or is removed, not when it is paused', async () => {
		const local = new FakeLocalStats();
		local.read = (_id, pass) => localSample(busy(pass, 5));
		const {store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'}), containerFixture({name: 'c'})], {local});
		await advance(2000);
		store.dispatch({type: 'engine/event', event: eventFixture('die', a, {exitCode: '0'})});
		store.dispatch({type: 'engine/event', event: eventFixture('pause', b)});
		store.dispatch({type: 'engine/event', event: eventFixture('destroy', c)});
		await advance(100);
		expect(local.forgotten.sort()).toEqual([a, c].sort());
		const passes = local.passes.length;
		await advance(1000);
		// The paused one keeps its memory, at 0 % CPU, and is not read while paused.
		expect(store.getState().stats.current.get(b)).toMatchObject({cpuPercent: 0, source: 'cgroup'});
		expect(local.passes.slice(passes)).toEqual([]);
		store.dispatch({type: 'engine/event', event: eventFixture('start', a)});
		await advance(1000);
		expect(local.passes.at(-1)).toEqual([a]);
	});

	test('a reader that fails as a whole leaves every container to the API', async () => {
		const local: LocalStatsReader = {
			sample: () => Promise.reject(new Error('no cgroups here')),
			forget: () => undefined,
		};
		const {engine} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})], {local, shown: [a]});
		await advance(1000);
		expect(engine.stats.openIds()).toEqual([a]);
		await advance(100);
		expect(engine.stats.sampled.map(({id}) => id)).toEqual([b]);
	});
});

describe('the containers pane reports the rows it draws', () => {
	let app: (AppHarness & {feed: StatsFeed}) | undefined;

	beforeEach(() => {
		vi.useRealTimers();
	});

	afterEach(() => {
		app?.feed.stop();
		app?.stop();
		app = undefined;
	});

	/** 30 running containers in a 15-row terminal: 10 table rows. */
	function startTable() {
		const containers = Array.from({length: 30}, (_, index) => containerFixture({name: `r${String(index).padStart(2, '0')}`}));
		const started = startApp({containers, columns: 120, rows: 15});
		app = {...started, feed: startStatsFeed(started.engine, started.store, {refreshMs: 50, settleMs: 0})};
		return app;
	}

	const idsOf = (frame: string) => rowNames(frame).map(idFor);

	test('the stats feed streams exactly the rows on screen, and follows scrolling', async () => {
		const {store, engine, waitForFrame, press} = startTable();
		let frame = await waitForFrame((f) => rowNames(f).length === 10);
		await vi.waitFor(() => expect(store.getState().viewport.ids).toEqual(idsOf(frame)));
		await vi.waitFor(() => expect(engine.stats.openIds().sort()).toEqual(idsOf(frame).sort()));
		await press(keys.end);
		frame = await waitForFrame((f) => rowNames(f).at(-1) === 'r29');
		await vi.waitFor(() => expect(store.getState().viewport.ids).toEqual(idsOf(frame)));
		await vi.waitFor(() => expect(engine.stats.openIds().sort()).toEqual(idsOf(frame).sort()));
		expect(engine.stats.peakOpen).toBeLessThanOrEqual(11);
	});

	test('the detail view shows no table: only the selected container keeps a stream', async () => {
		const {store, engine, waitForFrame, press} = startTable();
		await waitForFrame((f) => rowNames(f).length === 10);
		await press('j', 'j', keys.enter);
		await waitForFrame((f) => plain(f).includes('r02  '));
		await vi.waitFor(() => expect(store.getState().viewport.ids).toEqual([]));
		await vi.waitFor(() => expect(engine.stats.openIds()).toEqual([idFor('r02')]));
	});

	test('reporting the rows draws no extra frame', async () => {
		const {store, waitForFrame, press, nextFrame} = startTable();
		await waitForFrame((f) => rowNames(f).length === 10 && plain(f).includes('10 streaming'));
		await press(keys.end);
		const frame = await waitForFrame((f) => rowNames(f).at(-1) === 'r29');
		const quiet = nextFrame(300);
		await vi.waitFor(() => expect(store.getState().viewport.ids).toEqual(idsOf(frame)));
		// The streams moved with the rows (still 10): nothing on screen changed after the scroll's own frame.
		await expect(quiet).rejects.toThrow(/No matching frame/);
	});
});
