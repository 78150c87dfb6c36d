import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {initialState, type State} from '../../source/store/state.js';
import {describeWithEngine} from '../support/engine-available.js';
import {buildBusyboxImage, startPrivateEngine, type EngineClient, type PrivateEngine} from '../support/private-engine.js';
import {waitForState as waitFor} from '../support/wait-for-state.js';

/** Resolves when the store satisfies `predicate`, checking on every publish. */
function waitForState(store: Store, predicate: (state: State) => boolean, timeoutMs = 5000): Promise<number> {
	return waitFor(store, predicate, {timeoutMs, describe: summary});
}

function summary(state: State): string {
	return JSON.stringify({connection: state.connection.status, containers: [...state.containers.values()].map((c) => `${c.name}:${c.state}`)});
}

function byName(state: State, name: string) {
	return [...state.containers.values()].find((container) => container.name === name);
}

function connect(host: string): {engine: Engine; store: Store; feeds: Feeds} {
	const engine = createDockerEngine(parseHost(host, {kind: 'flag-host'}));
	const store = createStore(initialState());
	const feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
	return {engine, store, feeds};
}

describeWithEngine('containers feed on a real engine', (docker: EngineClient) => {
	let session: ReturnType<typeof connect>;

	beforeAll(async () => {
		await docker.run(['sleep', '1000'], ['--name', 'feed-before']);
		session = connect(docker.host);
		await waitForState(session.store, (state) => state.connection.status === 'connected');
	});

	afterAll(() => {
		session.feeds.stop();
		session.engine.close();
	});

	it('reads the engine version and the containers that already exist', () => {
		const state = session.store.getState();
		expect(state.engine?.apiVersion).toMatch(/^1\.\d+$/);
		expect(state.engine?.engineVersion).not.toBe('');
		expect(byName(state, 'feed-before')?.state).toBe('running');
	});

	it('shows a container created after start within 1 s', async () => {
		const created = performance.now();
		await docker.run(['sleep', '1000'], ['--name', 'feed-new']);
		const returned = performance.now();
		await waitForState(session.store, (state) => byName(state, 'feed-new')?.state === 'running', 1000);
		const seen = performance.now();
		expect(seen - returned).toBeLessThan(1000);
		expect(returned - created).toBeGreaterThan(0);
	});

	it('reflects pause, unpause, stop, kill, rename and rm done outside berth', async () => {
		const {store} = session;
		await docker.docker(['pause', 'feed-new']);
		await waitForState(store, (state) => byName(state, 'feed-new')?.state === 'paused');
		await docker.docker(['unpause', 'feed-new']);
		await waitForState(store, (state) => byName(state, 'feed-new')?.state === 'running');
		await docker.docker(['kill', 'feed-new']);
		await waitForState(store, (state) => byName(state, 'feed-new')?.state === 'exited');
		expect(byName(store.getState(), 'feed-new')?.exitCode).toBe(137);
		// The status text is corrected from a fresh list right after the event.
		await waitForState(store, (state) => byName(state, 'feed-new')?.status.startsWith('Exited (137)') === true);
		await docker.docker(['rename', 'feed-new', 'feed-renamed']);
		await waitForState(store, (state) => byName(state, 'feed-renamed') !== undefined && byName(state, 'feed-new') === undefined);
		await docker.docker(['rm', 'feed-renamed']);
		await waitForState(store, (state) => byName(state, 'feed-renamed') === undefined);
	});

	it('shows a graceful stop with the exit code of the main process', async () => {
		const {store} = session;
		await docker.run(['sh', '-c', 'trap "exit 7" TERM; while true; do sleep 0.2; done'], ['--name', 'feed-stop']);
		await waitForState(store, (state) => byName(state, 'feed-stop')?.state === 'running');
		await docker.docker(['stop', '-t', '5', 'feed-stop']);
		await waitForState(store, (state) => byName(state, 'feed-stop')?.exitCode === 7);
		expect(byName(store.getState(), 'feed-stop')?.state).toBe('exited');
	});

	it('folds a burst of events into a few notifications', async () => {
		const {store} = session;
		let notifications = 0;
		const unsubscribe = store.subscribe(() => {
			notifications += 1;
		});
		const names = Array.from({length: 8}, (_, index) => `feed-burst-${index}`);
		await Promise.all(names.map((name) => docker.docker(['create', '--label', 'berth.test=1', '--name', name, 'berth-test/busybox', 'true'])));
		await waitForState(store, (state) => names.every((name) => byName(state, name) !== undefined));
		await Promise.all(names.map((name) => docker.docker(['rm', name])));
		await waitForState(store, (state) => names.every((name) => byName(state, name) === undefined));
		unsubscribe();
		// 16 events plus their refreshes: far fewer publishes than events.
		expect(notifications).toBeLessThan(16);
	});
});

describe('daemon restart', () => {
	// A daemon of its own: restarting the run's shared engine would disturb other files.
	let engine: PrivateEngine | undefined;
	let session: ReturnType<typeof connect> | undefined;

	afterAll(async () => {
		session?.feeds.stop();
		session?.engine.close();
		await engine?.stop();
	});

	describeWithEngine('berth reconnects and catches up', () => {
		it('shows reconnecting while the daemon is down and the changes made meanwhile once it is back', async () => {
			engine = await startPrivateEngine();
			await buildBusyboxImage(engine);
			await engine.run(['sleep', '1000'], ['--name', 'survivor']);
			session = connect(engine.host);
			const {store} = session;
			await waitForState(store, (state) => byName(state, 'survivor')?.state === 'running');

			const reconnecting = waitForState(store, (state) => state.connection.status === 'reconnecting', 30_000);
			await engine.restart();
			await reconnecting;
			// A change made right after the daemon is back, possibly before berth reconnects.
			await engine.run(['sleep', '1000'], ['--name', 'after-restart']);
			await waitForState(
				store,
				(state) =>
					state.connection.status === 'connected' &&
					byName(state, 'after-restart')?.state === 'running' &&
					byName(state, 'survivor')?.state === 'exited',
				30_000,
			);
		}, 120_000);
	});
});
