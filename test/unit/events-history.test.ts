import {afterEach, describe, expect, test, vi} from 'vitest';
import type {EngineEvent} from '../../source/engine/engine.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startEventsHistory, type EventsHistory} from '../../source/store/events-history.js';
import {selectEventsView} from '../../source/store/events-view.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {initialEvents} from '../../source/store/events-slice.js';
import type {EventsSince} from '../../source/store/events-since.js';
import {initialState, type State} from '../../source/store/state.js';
import {engineErrorFixture, eventFixture, FakeEngine, fakeInfo} from '../support/fake-engine.js';

const second = 1_000_000_000n;
const connectNano = 1_800_000_000n * second;

function keysOf(state: State): string[] {
	const view = selectEventsView({...state.events, pane: {...state.events.pane, order: 'oldest'}});
	return view.entries.flatMap((entry) => (entry.kind === 'event' ? [`${entry.event.action} ${entry.event.id}`] : []));
}

let running: Array<Feeds | EventsHistory> = [];
afterEach(() => {
	for (const feed of running) feed.stop();
	running = [];
});

function setup(engine: FakeEngine, capacity = 5000, since: EventsSince = {kind: 'ago', ms: 3_600_000}): Store {
	const store = createStore({...initialState(), events: initialEvents(capacity)}, {batchMs: 1});
	running.push(startFeeds(engine, store, {refreshDelayMs: 1, backoffMs: {first: 5, max: 10}}), startEventsHistory(engine, store, since));
	return store;
}

const logged = (engine: FakeEngine, action: string, id: string, timeNano: bigint): EngineEvent => {
	const event = eventFixture(action, id, {name: id}, {timeNano});
	engine.log.push(event);
	return event;
};

describe('events history', () => {
	test('one bounded query, from --events-since back to the connect time, merged under the live events', async () => {
		const engine = new FakeEngine({info: {...fakeInfo, systemTimeNano: connectNano}});
		logged(engine, 'create', 'too-old', connectNano - 7200n * second);
		logged(engine, 'create', 'a', connectNano - 1800n * second);
		logged(engine, 'start', 'a', connectNano - 60n * second);
		// At the connect time exactly: both the history (until, inclusive) and the live stream (since, inclusive) have it.
		logged(engine, 'die', 'a', connectNano);
		const store = setup(engine);
		await vi.waitFor(() => expect(store.getState().events.history.status).toBe('loaded'));
		engine.emit(eventFixture('destroy', 'a', {}, {timeNano: connectNano + second}));
		await vi.waitFor(() => expect(keysOf(store.getState())).toEqual(['create a', 'start a', 'die a', 'destroy a']));
		expect(engine.boundedQueries).toEqual([{since: '1799996400.000000000', until: '1800000000.000000000'}]);
		// The live subscription starts where the history ends: nothing falls between them.
		expect(engine.subscriptions[0]).toBe('1800000000.000000000');
		expect(store.getState().events.history).toMatchObject({status: 'loaded', count: 3});
	});

	test('history events do not move the live stream\'s resume point', async () => {
		const engine = new FakeEngine({info: {...fakeInfo, systemTimeNano: connectNano}});
		logged(engine, 'create', 'a', connectNano - 10n * second);
		const store = setup(engine);
		await vi.waitFor(() => expect(store.getState().events.history.status).toBe('loaded'));
		expect(store.getState().lastEventNano).toBeUndefined();
		expect(store.getState().containers.size).toBe(0);
	});

	test('a failed load is said, and tried again with the same window after the next reconnect', async () => {
		const engine = new FakeEngine({info: {...fakeInfo, systemTimeNano: connectNano}});
		logged(engine, 'create', 'a', connectNano - 10n * second);
		engine.boundedError = engineErrorFixture({title: 'history broke'});
		const store = setup(engine);
		await vi.waitFor(() => expect(store.getState().events.history).toEqual({status: 'failed', reason: 'history broke'}));
		expect(engine.boundedQueries).toHaveLength(1);
		engine.boundedError = undefined;
		await engine.subscribed(1);
		engine.breakStream();
		await vi.waitFor(() => expect(store.getState().events.history.status).toBe('loaded'));
		expect(engine.boundedQueries).toHaveLength(2);
		expect(engine.boundedQueries[1]).toEqual(engine.boundedQueries[0]);
		expect(keysOf(store.getState())).toEqual(['create a']);
	});

	test('a history longer than the buffer keeps its newest events', async () => {
		const engine = new FakeEngine({info: {...fakeInfo, systemTimeNano: connectNano}});
		for (let index = 0; index < 10; index++) logged(engine, 'create', `c${index}`, connectNano - BigInt(100 - index) * second);
		const store = setup(engine, 4);
		await vi.waitFor(() => expect(store.getState().events.history.status).toBe('loaded'));
		expect(keysOf(store.getState())).toEqual(['create c6', 'create c7', 'create c8', 'create c9']);
	});

	test('--events-since off: no query', async () => {
		const engine = new FakeEngine({info: {...fakeInfo, systemTimeNano: connectNano}});
		const store = setup(engine, 100, {kind: 'off'});
		await engine.subscribed(1);
		await vi.waitFor(() => expect(store.getState().events.history.status).toBe('off'));
		expect(engine.boundedQueries).toEqual([]);
	});
});
