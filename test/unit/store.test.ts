import {afterEach, describe, expect, test, vi} from 'vitest';
import type {EngineEvent} from '../../source/engine/engine.js';
import {createStore} from '../../source/store/create-store.js';
import {reducer} from '../../source/store/reducer.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState, type Container, type State} from '../../source/store/state.js';
import {containerFixture, eventFixture, idFor} from '../support/fake-engine.js';

const web = containerFixture({name: 'web', labels: {tier: 'front'}});
const db = containerFixture({name: 'db', state: 'exited', status: 'Exited (137) 2 hours ago', image: 'postgres:17'});

function listed(...containers: Container[]): State {
	return reducer(initialState(), {type: 'containers/listed', containers});
}

function apply(state: State, event: EngineEvent): State {
	return reducer(state, {type: 'engine/event', event});
}

function get(state: State, name: string): Container | undefined {
	return state.containers.get(idFor(name));
}

describe('container events', () => {
	test('create adds a created container named from the event, labels from its attributes', () => {
		const id = idFor('fresh');
		const next = apply(
			listed(web),
			eventFixture('create', id, {name: 'fresh', image: 'nginx:1', 'com.docker.compose.project': 'shop'}),
		);
		expect(next.containers.size).toBe(2);
		expect(get(next, 'fresh')).toMatchObject({
			id,
			name: 'fresh',
			image: 'nginx:1',
			state: 'created',
			status: 'Created',
			labels: {'com.docker.compose.project': 'shop'},
		});
	});

	test('create for a container already listed changes nothing', () => {
		const state = listed(web);
		const next = apply(state, eventFixture('create', web.id, {name: 'web', image: 'other'}));
		expect(next.containers).toBe(state.containers);
	});

	test('start makes a container running and forgets its exit code', () => {
		const state = apply(listed(db), eventFixture('die', db.id, {exitCode: '2'}));
		expect(get(state, 'db')?.exitCode).toBe(2);
		const next = apply(state, eventFixture('start', db.id));
		expect(get(next, 'db')).toMatchObject({state: 'running', status: 'Up Less than a second'});
		expect(get(next, 'db')?.exitCode).toBeUndefined();
	});

	test('die records the exit code and the exited state', () => {
		const next = apply(listed(web), eventFixture('die', web.id, {exitCode: '137'}));
		expect(get(next, 'web')).toMatchObject({state: 'exited', exitCode: 137, status: 'Exited (137) Less than a second ago'});
	});

	test('die without an exit code counts as 0', () => {
		const next = apply(listed(web), eventFixture('die', web.id));
		expect(get(next, 'web')?.exitCode).toBe(0);
	});

	test('die clears health: an exited container has none', () => {
		const healthy = listed({...web, health: 'healthy'});
		expect(get(apply(healthy, eventFixture('die', web.id, {exitCode: '0'})), 'web')?.health).toBeUndefined();
	});

	test('stop (which follows die) changes nothing more', () => {
		const dead = apply(listed(web), eventFixture('die', web.id, {exitCode: '143'}));
		const next = apply(dead, eventFixture('stop', web.id));
		expect(next.containers).toBe(dead.containers);
		expect(get(next, 'web')).toMatchObject({state: 'exited', exitCode: 143});
	});

	test('pause and unpause', () => {
		const paused = apply(listed(web), eventFixture('pause', web.id));
		expect(get(paused, 'web')).toMatchObject({state: 'paused', status: 'Up 5 minutes (Paused)'});
		// A second pause does not say "(Paused)" twice.
		expect(get(apply(paused, eventFixture('pause', web.id)), 'web')?.status).toBe('Up 5 minutes (Paused)');
		const resumed = apply(paused, eventFixture('unpause', web.id));
		expect(get(resumed, 'web')?.state).toBe('running');
	});

	test('rename takes the new name without its slash', () => {
		const next = apply(listed(web), eventFixture('rename', web.id, {name: '/frontend', oldName: '/web'}));
		expect(next.containers.get(web.id)?.name).toBe('frontend');
	});

	test('rename to the same name keeps the container object', () => {
		const state = listed(web);
		const next = apply(state, eventFixture('rename', web.id, {name: '/web'}));
		expect(next.containers).toBe(state.containers);
	});

	test('destroy removes the container; for an unknown id it changes nothing', () => {
		const state = listed(web, db);
		const next = apply(state, eventFixture('destroy', db.id));
		expect([...next.containers.keys()]).toEqual([web.id]);
		const again = apply(next, eventFixture('destroy', db.id));
		expect(again.containers).toBe(next.containers);
	});

	test('health_status: healthy and unhealthy', () => {
		const unhealthy = apply(listed(web), eventFixture('health_status: unhealthy', web.id));
		expect(get(unhealthy, 'web')?.health).toBe('unhealthy');
		const healthy = apply(unhealthy, eventFixture('health_status: healthy', web.id));
		expect(get(healthy, 'web')?.health).toBe('healthy');
	});

	test('health_status with an unknown value is ignored', () => {
		const state = listed(web);
		expect(apply(state, eventFixture('health_status: bogus', web.id)).containers).toBe(state.containers);
	});

	test('oom marks the container until it starts again', () => {
		const oom = apply(listed(web), eventFixture('oom', web.id));
		expect(get(oom, 'web')?.oomKilled).toBe(true);
		const died = apply(oom, eventFixture('die', web.id, {exitCode: '137'}));
		expect(get(died, 'web')).toMatchObject({oomKilled: true, exitCode: 137});
		const started = apply(died, eventFixture('start', web.id));
		expect(get(started, 'web')?.oomKilled).toBeUndefined();
	});

	test('restart leaves the container running', () => {
		const died = apply(listed(web), eventFixture('die', web.id, {exitCode: '1'}));
		const next = apply(died, eventFixture('restart', web.id));
		expect(get(next, 'web')?.state).toBe('running');
		expect(get(next, 'web')?.exitCode).toBeUndefined();
	});

	test('exec_* events change no container but still move lastEventNano', () => {
		const state = listed(web);
		for (const action of ['exec_create: sh -c ls', 'exec_start: sh -c ls', 'exec_die']) {
			const event = eventFixture(action, web.id, {execID: 'abc', exitCode: '1'});
			const next = apply(state, event);
			expect(next.containers, action).toBe(state.containers);
			expect(next.lastEventNano).toBe(event.timeNano);
		}
	});

	test('events for unknown containers and non-container events change no container', () => {
		const state = listed(web);
		expect(apply(state, eventFixture('start', idFor('ghost'))).containers).toBe(state.containers);
		expect(apply(state, eventFixture('destroy', web.id, {}, {type: 'image'})).containers).toBe(state.containers);
	});

	test('lastEventNano keeps the newest even when events come out of order', () => {
		const late = eventFixture('start', web.id);
		const early = eventFixture('pause', web.id, {}, {timeNano: late.timeNano - 5n});
		const next = apply(apply(listed(web), late), early);
		expect(next.lastEventNano).toBe(late.timeNano);
	});
});

describe('containers/listed and containers/refreshed', () => {
	test('listed keeps the same object for containers that did not change', () => {
		const first = listed(web, db);
		const oldWeb = first.containers.get(web.id);
		const oldDb = first.containers.get(db.id);
		const next = reducer(first, {
			type: 'containers/listed',
			containers: [structuredClone(web), {...structuredClone(db), status: 'Exited (137) 3 hours ago'}],
		});
		expect(next.containers.get(web.id)).toBe(oldWeb);
		expect(next.containers.get(db.id)).not.toBe(oldDb);
		expect(next.containers.get(db.id)?.status).toBe('Exited (137) 3 hours ago');
	});

	test('listed replaces the whole set: containers not in the list are gone', () => {
		const next = reducer(listed(web, db), {type: 'containers/listed', containers: [structuredClone(web)]});
		expect([...next.containers.keys()]).toEqual([web.id]);
	});

	test('listed reads the exit code from the status text and keeps an OOM the list cannot show', () => {
		expect(get(listed(db), 'db')?.exitCode).toBe(137);
		const oom = apply(listed(web), eventFixture('oom', web.id));
		const exited = {...web, state: 'exited' as const, status: 'Exited (137) 1 second ago'};
		const next = reducer(oom, {type: 'containers/listed', containers: [exited]});
		expect(get(next, 'web')).toMatchObject({oomKilled: true, exitCode: 137});
	});

	test('refreshed removes asked-for ids that are missing and leaves the others alone', () => {
		const cache = containerFixture({name: 'cache'});
		const state = listed(web, db, cache);
		const next = reducer(state, {
			type: 'containers/refreshed',
			ids: [web.id, db.id],
			containers: [{...structuredClone(web), status: 'Up 6 minutes'}],
		});
		expect(next.containers.has(db.id)).toBe(false);
		expect(next.containers.get(web.id)?.status).toBe('Up 6 minutes');
		expect(next.containers.get(cache.id)).toBe(state.containers.get(cache.id));
	});

	test('refreshed keeps the object of an asked-for container that did not change', () => {
		const state = listed(web);
		const next = reducer(state, {type: 'containers/refreshed', ids: [web.id], containers: [structuredClone(web)]});
		expect(next.containers.get(web.id)).toBe(state.containers.get(web.id));
	});
});

describe('connection', () => {
	test('connected sets the engine and everConnected; lost keeps them', () => {
		const info = {
			endpoint: 'unix:///x',
			hostName: 'h',
			engineVersion: '28',
			apiVersion: '1.48',
			os: 'linux',
			kernel: '6',
			cpus: 1,
			memoryBytes: 1,
			product: 'Docker Engine',
		};
		const connected = reducer(initialState(), {type: 'connection/connected', info});
		expect(connected).toMatchObject({connection: {status: 'connected'}, engine: info, everConnected: true});
		const problem = {kind: 'other' as const, title: 'gone', detail: '', hint: ''};
		const lost = reducer(connected, {type: 'connection/lost', problem, attempt: 2, retryAt: 5});
		expect(lost).toMatchObject({connection: {status: 'reconnecting', attempt: 2, problem, retryAt: 5}, engine: info, everConnected: true});
	});
});

describe('ui actions', () => {
	const three = listed(containerFixture({name: 'a'}), containerFixture({name: 'b'}), containerFixture({name: 'c'}));
	const ids = () => [idFor('a'), idFor('b'), idFor('c')];

	test('move and moveTo clamp to the list and select by id', () => {
		let state = reducer(three, {type: 'ui/move', by: 1, visibleIds: ids()});
		expect(state.ui).toMatchObject({cursor: 1, selectedId: idFor('b')});
		state = reducer(state, {type: 'ui/move', by: 10, visibleIds: ids()});
		expect(state.ui).toMatchObject({cursor: 2, selectedId: idFor('c')});
		state = reducer(state, {type: 'ui/moveTo', index: 0, visibleIds: ids()});
		expect(state.ui).toMatchObject({cursor: 0, selectedId: idFor('a')});
		state = reducer(state, {type: 'ui/moveTo', index: -1, visibleIds: ids()});
		expect(state.ui).toMatchObject({cursor: 2, selectedId: idFor('c')});
		expect(reducer(state, {type: 'ui/move', by: 1, visibleIds: ids()})).toBe(state);
	});

	test('move on an empty list changes nothing', () => {
		const state = initialState();
		expect(reducer(state, {type: 'ui/move', by: 1, visibleIds: []})).toBe(state);
	});

	test('the view keeps the cursor index when the selected container goes away', () => {
		const state = reducer(three, {type: 'ui/moveTo', index: 1, visibleIds: ids()});
		const gone = apply(state, eventFixture('destroy', idFor('b')));
		const view = selectContainerView(gone.containers, gone.ui);
		expect(view.cursor).toBe(1);
		expect(view.selected?.name).toBe('c');
	});

	test('filter start, set and end (keep or clear)', () => {
		let state = reducer(three, {type: 'ui/filterStart'});
		state = reducer(state, {type: 'ui/filterSet', text: 'b'});
		expect(state.ui).toMatchObject({editingFilter: true, filter: 'b'});
		expect(reducer(state, {type: 'ui/filterEnd', keep: true}).ui).toMatchObject({editingFilter: false, filter: 'b'});
		expect(reducer(state, {type: 'ui/filterEnd', keep: false}).ui).toMatchObject({editingFilter: false, filter: ''});
	});

	test('cycleSort goes name, state, created, image and back', () => {
		const seen: string[] = [];
		let state = three;
		for (let i = 0; i < 5; i++) {
			state = reducer(state, {type: 'ui/cycleSort'});
			seen.push(state.ui.sort);
		}

		expect(seen).toEqual(['state', 'created', 'image', 'name', 'state']);
	});

	test('notice set and cleared', () => {
		const noted = reducer(three, {type: 'ui/notice', notice: {text: 'hi', level: 'info'}});
		expect(noted.ui.notice?.text).toBe('hi');
		const cleared = reducer(noted, {type: 'ui/notice'});
		expect('notice' in cleared.ui).toBe(false);
	});
});

describe('createStore notification', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	test('a synchronous burst of 500 events causes at most a handful of notifications', () => {
		vi.useFakeTimers();
		const store = createStore(listed(web), {batchMs: 50});
		const listener = vi.fn();
		store.subscribe(listener);
		for (let i = 0; i < 500; i++) {
			store.dispatch({type: 'engine/event', event: eventFixture(i % 2 === 0 ? 'pause' : 'unpause', web.id)});
		}

		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(49);
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(listener.mock.calls.length).toBeGreaterThanOrEqual(1);
		expect(listener.mock.calls.length).toBeLessThanOrEqual(3);
		vi.advanceTimersByTime(1000);
		expect(listener.mock.calls.length).toBeLessThanOrEqual(3);
		expect(store.getState().containers.get(web.id)?.state).toBe('running');
	});

	test('the same burst with real timers: one batch', async () => {
		const store = createStore(listed(web), {batchMs: 20});
		let calls = 0;
		const published = new Promise<void>((resolve) =>
			store.subscribe(() => {
				calls += 1;
				resolve();
			}),
		);
		for (let i = 0; i < 500; i++) store.dispatch({type: 'engine/event', event: eventFixture('pause', web.id)});
		await published;
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(calls).toBeGreaterThanOrEqual(1);
		expect(calls).toBeLessThanOrEqual(3);
	});

	test('ui actions notify on the next microtask, not after the batch delay', async () => {
		vi.useFakeTimers();
		const store = createStore(initialState(), {batchMs: 50});
		const listener = vi.fn();
		store.subscribe(listener);
		store.dispatch({type: 'ui/toggleAll'});
		store.dispatch({type: 'ui/toggleGrouped'});
		expect(listener).not.toHaveBeenCalled();
		await Promise.resolve();
		expect(listener).toHaveBeenCalledTimes(1);
		expect(store.getState().ui).toMatchObject({showAll: false, grouped: true});
	});

	test('an urgent flush publishes pending engine changes too, and the batch timer does not fire again', async () => {
		vi.useFakeTimers();
		const store = createStore(listed(web), {batchMs: 50});
		const listener = vi.fn();
		store.subscribe(listener);
		store.dispatch({type: 'engine/event', event: eventFixture('pause', web.id)});
		store.dispatch({type: 'ui/toggleAll'});
		await Promise.resolve();
		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(100);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	test('a ui action that changes nothing does not notify; a non-container event is batched', async () => {
		vi.useFakeTimers();
		const store = createStore(initialState(), {batchMs: 50});
		const listener = vi.fn();
		store.subscribe(listener);
		store.dispatch({type: 'ui/move', by: 1, visibleIds: []});
		store.dispatch({type: 'engine/event', event: eventFixture('start', idFor('ghost'), {}, {type: 'image'})});
		await Promise.resolve();
		// The image event moves lastEventNano, an engine change: batched, not immediate.
		expect(listener).not.toHaveBeenCalled();
		vi.advanceTimersByTime(50);
		expect(listener).toHaveBeenCalledTimes(1);
	});

	test('unsubscribe stops notifications; flush publishes at once', () => {
		vi.useFakeTimers();
		const store = createStore(listed(web), {batchMs: 50});
		const kept = vi.fn();
		const dropped = vi.fn();
		store.subscribe(kept);
		const unsubscribe = store.subscribe(dropped);
		unsubscribe();
		store.dispatch({type: 'engine/event', event: eventFixture('pause', web.id)});
		store.flush();
		expect(kept).toHaveBeenCalledTimes(1);
		expect(dropped).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(kept).toHaveBeenCalledTimes(1);
	});
});
