import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import type {ContainerSummary} from '../../source/engine/engine.js';
import type {Action} from '../../source/store/actions.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {reducer} from '../../source/store/reducer.js';
import {startStatsFeed, type StatsFeed} from '../../source/store/stats-feed.js';
import {historyValues} from '../../source/store/stats-history.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture, engineErrorFixture, eventFixture, FakeEngine, fakeInfo, idFor} from '../support/fake-engine.js';
import {sampleFixture} from '../support/fake-stats.js';

const a = idFor('a');
const b = idFor('b');

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

let harness: Harness | undefined;

function start(containers: ContainerSummary[], options: {refreshMs?: number; retryMs?: number} = {}, prepare?: (engine: FakeEngine) => void): Harness {
	const engine = new FakeEngine({containers});
	prepare?.(engine);
	let state = reducer(initialState(), {type: 'connection/connected', info: fakeInfo});
	state = reducer(state, {type: 'containers/listed', containers});
	const store = createStore(state);
	const sampled: Harness['sampled'] = [];
	const dispatch = store.dispatch;
	store.dispatch = (action) => {
		if (action.type === 'stats/sampled') sampled.push(action);
		dispatch(action);
	};

	const feed = startStatsFeed(engine, store, {refreshMs: 1000, retryMs: 2000, ...options});
	harness = {engine, store, feed, sampled};
	return harness;
}

/** Lets stream iterators and the store's batched notification run, then `ms` of timers. */
async function advance(ms: number): Promise<void> {
	await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	harness?.feed.stop();
	harness = undefined;
	vi.useRealTimers();
});

describe('the stats feed', () => {
	test('opens one stream per running container, none for the others', async () => {
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

	test('no streams while the engine is unreachable; they come back with it', async () => {
		const {engine, store} = start([containerFixture({name: 'a'}), containerFixture({name: 'b'})]);
		await advance(0);
		store.dispatch({type: 'connection/lost', problem: engineErrorFixture().problem, attempt: 1, retryAt: Date.now() + 500});
		await advance(100);
		expect(engine.stats.openCount()).toBe(0);
		store.dispatch({type: 'connection/connected', info: fakeInfo});
		await advance(100);
		expect(engine.stats.openCount()).toBe(2);
	});

	test('a container paused before berth saw it running gets one one-shot sample', async () => {
		const paused = containerFixture({name: 'p', state: 'paused'});
		const {engine, store} = start([paused], {}, (fake) => fake.stats.latest.set(paused.id, sampleFixture({memoryUsage: 4096, memoryLimit: 8192})));
		await advance(1100);
		expect(engine.stats.openCount()).toBe(0);
		expect(store.getState().stats.current.get(paused.id)).toMatchObject({cpuPercent: 0, memoryUsage: 4096, memoryPercent: 50});
	});

	test('no socket is left open: 200 containers started, stopped, and the feed stopped', async () => {
		const containers = Array.from({length: 200}, (_, index) => containerFixture({name: `c${index}`}));
		const {engine, store, feed} = start(containers);
		await advance(0);
		expect(engine.stats.openCount()).toBe(200);
		for (const container of containers.slice(0, 150)) store.dispatch({type: 'engine/event', event: eventFixture('die', container.id, {exitCode: '0'})});
		await advance(1100);
		expect(engine.stats.openCount()).toBe(50);
		expect(feed.open).toBe(50);
		expect(store.getState().stats.streaming).toBe(50);
		feed.stop();
		await advance(0);
		expect(engine.stats.openCount()).toBe(0);
		expect(feed.open).toBe(0);
	});
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
