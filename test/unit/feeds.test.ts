import {describe, expect, test, vi} from 'vitest';
import {createStore} from '../../source/store/create-store.js';
import {EventDedup, formatSince, startFeeds} from '../../source/store/feeds.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture, engineErrorFixture, eventFixture, FakeEngine, idFor} from '../support/fake-engine.js';

describe('formatSince', () => {
	test('writes seconds.nanoseconds with nine fraction digits', () => {
		expect(formatSince(1_750_000_000_123_456_789n)).toBe('1750000000.123456789');
		expect(formatSince(1_750_000_000_000_000_007n)).toBe('1750000000.000000007');
		expect(formatSince(1_750_000_000_000_000_000n)).toBe('1750000000.000000000');
	});

	test('below one second', () => {
		expect(formatSince(5n)).toBe('0.000000005');
		expect(formatSince(0n)).toBe('0.000000000');
	});

	test('stays exact beyond 2^53 nanoseconds', () => {
		const nano = 1_750_000_000_999_999_999n;
		const [seconds, fraction] = formatSince(nano).split('.');
		expect(BigInt(seconds!) * 1_000_000_000n + BigInt(fraction!)).toBe(nano);
	});
});

describe('EventDedup', () => {
	test('an event is new once; the same event again is not', () => {
		const dedup = new EventDedup();
		const event = eventFixture('start', 'abc');
		expect(dedup.isNew(event)).toBe(true);
		expect(dedup.isNew({...event, attributes: {other: 'attributes'}})).toBe(false);
	});

	test('time, type, action and id each tell events apart', () => {
		const dedup = new EventDedup();
		const event = eventFixture('start', 'abc');
		expect(dedup.isNew(event)).toBe(true);
		expect(dedup.isNew({...event, timeNano: event.timeNano + 1n})).toBe(true);
		expect(dedup.isNew({...event, type: 'network'})).toBe(true);
		expect(dedup.isNew({...event, action: 'die'})).toBe(true);
		expect(dedup.isNew({...event, id: 'abd'})).toBe(true);
	});

	test('events out of order are still recognised (no high-water mark)', () => {
		const dedup = new EventDedup();
		const late = eventFixture('start', 'a');
		const early = eventFixture('die', 'b', {}, {timeNano: late.timeNano - 10n});
		expect(dedup.isNew(late)).toBe(true);
		expect(dedup.isNew(early)).toBe(true);
		expect(dedup.isNew(late)).toBe(false);
		expect(dedup.isNew(early)).toBe(false);
	});

	test('remembers at most `capacity` keys, forgetting the oldest first', () => {
		const dedup = new EventDedup(2);
		const [a, b, c] = [eventFixture('start', 'a'), eventFixture('start', 'b'), eventFixture('start', 'c')];
		expect(dedup.isNew(a)).toBe(true);
		expect(dedup.isNew(b)).toBe(true);
		expect(dedup.isNew(c)).toBe(true);
		expect(dedup.isNew(b)).toBe(false);
		expect(dedup.isNew(c)).toBe(false);
		// `a` was evicted when `c` came in.
		expect(dedup.isNew(a)).toBe(true);
	});

	test('forgets events older than its window before the newest: a steady event rate keeps it the same size', () => {
		const second = 1_000_000_000n;
		const dedup = new EventDedup(4096, 60n * second);
		const start = eventFixture('start', 'x').timeNano;
		const at = (id: string, s: bigint) => eventFixture('destroy', id, {}, {timeNano: start + s * second});
		for (let i = 0n; i < 600n; i++) expect(dedup.isNew(at(`c${i}`, i))).toBe(true);
		// One event a second for ten minutes: the last minute's are kept (the boundary one too).
		expect(dedup.size).toBe(61);
		expect(dedup.isNew(at('c599', 599n))).toBe(false);
		expect(dedup.isNew(at('c540', 540n))).toBe(false);
		expect(dedup.isNew(at('c10', 10n))).toBe(true);
	});
});

describe('startFeeds against a FakeEngine', () => {
	const setup = (engine: FakeEngine) => {
		const store = createStore(initialState(), {batchMs: 1});
		const feeds = startFeeds(engine, store, {refreshDelayMs: 1, backoffMs: {first: 5, max: 10}});
		return {store, feeds};
	};

	test('connects, lists, applies events, and refreshes the container an event names', async () => {
		const engine = new FakeEngine({containers: [containerFixture({name: 'web'})]});
		const {store, feeds} = setup(engine);
		try {
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
			expect(engine.subscriptions).toEqual([undefined]);
			expect(store.getState().containers.get(idFor('web'))?.state).toBe('running');
			engine.die(idFor('web'), 4);
			// The engine's own status text arrives with the refresh that follows the event.
			engine.update(idFor('web'), {status: 'Exited (4) 1 second ago'});
			await vi.waitFor(() => expect(store.getState().containers.get(idFor('web'))?.status).toBe('Exited (4) 1 second ago'));
			expect(store.getState().containers.get(idFor('web'))).toMatchObject({state: 'exited', exitCode: 4});
		} finally {
			feeds.stop();
		}
	});

	/**
	 * An engine whose next list (of `ids` or of all) answers with what it read at
	 * once, but only when released; with `thenHang`, later lists of that kind never answer.
	 */
	const holdingNextList = (engine: FakeEngine, which: 'ids' | 'all', thenHang = false) => {
		let release = () => {};
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		let armed = true;
		let sent = false;
		const original = engine.listContainers.bind(engine);
		engine.listContainers = async (options = {}) => {
			const snapshot = await original(options);
			if ((which === 'ids') === (options.ids !== undefined)) {
				if (!armed && thenHang) await new Promise(() => {});
				if (!armed) return snapshot;
				armed = false;
				sent = true;
				await released;
			}

			return snapshot;
		};

		return {release, sent: () => sent};
	};

	test('a refresh that answers after a newer event does not undo it', async () => {
		const engine = new FakeEngine({containers: [containerFixture({name: 'web'})]});
		const {store, feeds} = setup(engine);
		const id = idFor('web');
		try {
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
			const held = holdingNextList(engine, 'ids');
			await engine.containerAction(id, 'pause');
			// The refresh the pause asked for has read "paused" and is slow to answer...
			await vi.waitFor(() => expect(held.sent()).toBe(true));
			// ...while the container is unpaused and that refresh answers first.
			await engine.containerAction(id, 'unpause');
			await vi.waitFor(() => expect(store.getState().containers.get(id)?.state).toBe('running'));
			await new Promise((resolve) => setTimeout(resolve, 20));
			held.release();
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(store.getState().containers.get(id)).toMatchObject({state: 'running', status: 'Up 5 minutes'});
		} finally {
			feeds.stop();
		}
	});

	test('an engine that announces a die before its list says so (dockerd 20.10) is asked again until it does', async () => {
		const engine = new FakeEngine({containers: [containerFixture({name: 'web'})]});
		const {store, feeds} = setup(engine);
		const id = idFor('web');
		try {
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
			const listsBefore = engine.listCalls;
			engine.emit(eventFixture('die', id, {exitCode: '137'}));
			await vi.waitFor(() => expect(store.getState().containers.get(id)?.state).toBe('exited'));
			// The refresh the die asked for still reads "running": it must not undo the event.
			await vi.waitFor(() => expect(engine.listCalls).toBeGreaterThan(listsBefore));
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(store.getState().containers.get(id)?.state).toBe('exited');
			engine.update(id, {state: 'exited', status: 'Exited (137) 1 second ago'});
			await vi.waitFor(() => expect(store.getState().containers.get(id)?.status).toBe('Exited (137) 1 second ago'), {timeout: 2000});
			expect(store.getState().containers.get(id)).toMatchObject({state: 'exited', exitCode: 137});
		} finally {
			feeds.stop();
		}
	});

	test('a list that keeps contradicting the last event is believed after a few checks', async () => {
		const engine = new FakeEngine({containers: [containerFixture({name: 'web'})]});
		const {store, feeds} = setup(engine);
		const id = idFor('web');
		try {
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
			engine.emit(eventFixture('die', id, {exitCode: '1'}));
			engine.update(id, {state: 'restarting', status: 'Restarting (1) Less than a second ago'});
			await vi.waitFor(() => expect(store.getState().containers.get(id)?.state).toBe('restarting'), {timeout: 6000});
		} finally {
			feeds.stop();
		}
	});

	test('a full re-list that answers after a newer event keeps that container as the event left it', async () => {
		const engine = new FakeEngine({containers: [containerFixture({name: 'web'}), containerFixture({name: 'db'})]});
		const store = createStore(initialState(), {batchMs: 1});
		const feeds = startFeeds(engine, store, {refreshDelayMs: 1, reconcileMs: 30, backoffMs: {first: 5, max: 10}});
		const [web, db] = [idFor('web'), idFor('db')];
		try {
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
			const held = holdingNextList(engine, 'all', true);
			await vi.waitFor(() => expect(held.sent()).toBe(true));
			engine.die(web, 3);
			engine.update(db, {status: 'Up 6 minutes'});
			await vi.waitFor(() => expect(store.getState().containers.get(web)?.state).toBe('exited'));
			held.release();
			await new Promise((resolve) => setTimeout(resolve, 20));
			expect(store.getState().containers.get(web)).toMatchObject({state: 'exited', exitCode: 3});
		} finally {
			feeds.stop();
		}
	});

	test('a failed connect is reported with its problem and retried with a growing attempt count', async () => {
		const engine = new FakeEngine({connectError: engineErrorFixture({title: 'nope'})});
		const {store, feeds} = setup(engine);
		try {
			await vi.waitFor(() => {
				const connection = store.getState().connection;
				expect(connection.status === 'reconnecting' && connection.attempt >= 3).toBe(true);
			});
			const connection = store.getState().connection;
			expect(connection.status === 'reconnecting' && connection.problem.title).toBe('nope');
			expect(store.getState().everConnected).toBe(false);
			engine.recover();
			await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
		} finally {
			feeds.stop();
		}
	});

	test('stop ends the stream and no reconnect follows', async () => {
		const engine = new FakeEngine();
		const {store, feeds} = setup(engine);
		await vi.waitFor(() => expect(store.getState().connection.status).toBe('connected'));
		feeds.stop();
		await vi.waitFor(() => expect(engine.streaming).toBe(false));
		const connects = engine.connectCalls;
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(engine.connectCalls).toBe(connects);
		expect(store.getState().connection.status).toBe('connected');
	});
});
