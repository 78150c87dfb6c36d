/**
 * Container actions end to end on the private dockerd: keys through the real
 * keymap, the store, the runner and berth's dockerode engine; the result read
 * back from the engine itself (docker inspect), never from berth's own state.
 */
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {pressKey} from '../../source/keymap/match.js';
import {initialActions, type ActionSettings} from '../../source/store/actions-slice.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {startActionRunner, type ActionRunner} from '../../source/store/run-actions.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState, type State} from '../../source/store/state.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {waitForState as waitFor} from '../support/wait-for-state.js';

type Session = {
	engine: Engine;
	store: Store;
	feeds: Feeds;
	runner: ActionRunner;
	/** Presses keys as the app's keymap would see them. */
	press(...keys: string[]): void;
	/** Waits until berth lists `name`, then selects it. */
	select(name: string): Promise<string>;
	close(): void;
};

function open(host: string, settings: Partial<ActionSettings> = {}): Session {
	const engine = createDockerEngine(parseHost(host, {kind: 'flag-host'}));
	const store = createStore({...initialState(), actions: initialActions(settings)});
	const feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
	const runner = startActionRunner(engine, store);
	const context = () => ({
		store,
		view: selectContainerView(store.getState().containers, store.getState().ui),
		pageSize: 10,
		quit: () => undefined,
	});
	return {
		engine,
		store,
		feeds,
		runner,
		press(...keys) {
			for (const key of keys) pressKey(context(), key === ' ' ? 'space' : key, key);
		},
		async select(name) {
			await waitForState(store, (state) => byName(state, name) !== undefined);
			const id = byName(store.getState(), name)!.id;
			store.dispatch({type: 'ui/select', id, visibleIds: context().view.ids});
			expect(context().view.selected?.name).toBe(name);
			return id;
		},
		close() {
			runner.stop();
			feeds.stop();
			engine.close();
		},
	};
}

function waitForState(store: Store, predicate: (state: State) => boolean, timeoutMs = 15_000): Promise<number> {
	const describe = ({ui, containers}: State) => `notice: ${ui.notice?.text}; ${[...containers.values()].map((c) => `${c.name}:${c.state}`).join(' ')}`;
	return waitFor(store, predicate, {timeoutMs, describe});
}

function byName(state: State, name: string) {
	return [...state.containers.values()].find((container) => container.name === name);
}

const noticeOf = (store: Store) => store.getState().ui.notice?.text ?? '';

type EngineState = {Status: string; Running: boolean; Paused: boolean; ExitCode: number; StartedAt: string};

/** The engine's own view of a container, or undefined when it does not exist. */
async function inspect(docker: EngineClient, name: string): Promise<EngineState | undefined> {
	const result = await docker.docker(['inspect', '--format', '{{json .State}}', name], {allowFailure: true});
	if (result.code !== 0) {
		expect(result.stderr).toMatch(/No such (object|container)/i);
		return undefined;
	}

	return JSON.parse(result.stdout) as EngineState;
}

// PID 1 gets no default signal handlers: these scripts decide what TERM and HUP do.
// Each says "ready" once its trap is set, so no signal can arrive before it.
const exitsOnTerm = ['sh', '-c', 'trap "exit 0" TERM; echo ready; sleep 1000 & wait'];
const ignoresTerm = ['sh', '-c', 'trap "" TERM; echo ready; sleep 1000'];
const trapsHup = ['sh', '-c', 'trap "echo got-hup; exit 42" HUP; echo ready; sleep 1000 & wait'];

/** docker run, then wait for the script's "ready". */
async function runReady(docker: EngineClient, script: string[], name: string): Promise<string> {
	const id = await docker.run(script, ['--name', name]);
	await expect.poll(async () => (await docker.docker(['logs', name])).stdout, {timeout: 10_000, interval: 50}).toContain('ready');
	return id;
}

describeWithEngine('container actions on a real engine', (docker) => {
	let session: Session;

	beforeAll(async () => {
		session = open(docker.host, {stopTimeoutSeconds: 5});
		await waitForState(session.store, (state) => state.connection.status === 'connected');
	});

	afterAll(() => session.close());

	afterEach(() => {
		session.store.dispatch({type: 'actions/clearMarks'});
		session.store.dispatch({type: 'actions/dialog'});
	});

	it('stop asks, then stops: the engine says exited, the row follows its events, the time is reported', async () => {
		await runReady(docker, exitsOnTerm, 'act-stop');
		await session.select('act-stop');
		session.press('s');
		expect(session.store.getState().actions.dialog).toMatchObject({kind: 'confirm', action: 'stop', targets: [{name: 'act-stop'}]});
		expect((await inspect(docker, 'act-stop'))?.Status).toBe('running');
		session.press('y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(/^stopped act-stop in \d+\.\d s$/);
		expect(await inspect(docker, 'act-stop')).toMatchObject({Status: 'exited', Running: false});
		await waitForState(session.store, (state) => byName(state, 'act-stop')?.state === 'exited');
	});

	it('start and restart: running again, restart with a new start time', async () => {
		await runReady(docker, exitsOnTerm, 'act-start');
		await docker.docker(['stop', 'act-start']);
		await session.select('act-start');
		await waitForState(session.store, (state) => byName(state, 'act-start')?.state === 'exited');
		session.press('S');
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(/^started act-start in/);
		const started = await inspect(docker, 'act-start');
		expect(started).toMatchObject({Status: 'running', Running: true});
		session.press('r', 'y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(/^restarted act-start in/);
		const restarted = await inspect(docker, 'act-start');
		expect(restarted).toMatchObject({Status: 'running', Running: true});
		expect(restarted?.StartedAt).not.toBe(started?.StartedAt);
	});

	it('p pauses (State.Paused) and p again unpauses', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'act-pause']);
		await session.select('act-pause');
		session.press('p');
		await session.runner.idle();
		expect(await inspect(docker, 'act-pause')).toMatchObject({Status: 'paused', Paused: true});
		expect(noticeOf(session.store)).toMatch(/^paused act-pause in/);
		await waitForState(session.store, (state) => byName(state, 'act-pause')?.state === 'paused');
		session.press('p');
		await session.runner.idle();
		expect(await inspect(docker, 'act-pause')).toMatchObject({Status: 'running', Paused: false});
		expect(noticeOf(session.store)).toMatch(/^unpaused act-pause in/);
	});

	it('kill with the default SIGKILL leaves exit code 137', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'act-kill9']);
		await session.select('act-kill9');
		session.press('K');
		expect(session.store.getState().actions.dialog).toMatchObject({kind: 'signal', cursor: 0});
		session.press('enter');
		await session.runner.idle();
		expect(noticeOf(session.store)).toBe('sent SIGKILL to act-kill9');
		expect(await inspect(docker, 'act-kill9')).toMatchObject({Status: 'exited', ExitCode: 137});
	});

	it('kill with SIGHUP reaches a container that traps it', async () => {
		await runReady(docker, trapsHup, 'act-hup');
		await session.select('act-hup');
		session.press('K', 'j', 'j', 'j', 'enter');
		await session.runner.idle();
		expect(noticeOf(session.store)).toBe('sent SIGHUP to act-hup');
		await expect.poll(async () => (await inspect(docker, 'act-hup'))?.Status, {timeout: 5000}).toBe('exited');
		expect((await inspect(docker, 'act-hup'))?.ExitCode).toBe(42);
		expect((await docker.docker(['logs', 'act-hup'])).stdout).toContain('got-hup');
	});

	it('remove: gone from the engine and from berth', async () => {
		await docker.docker(['create', '--label', 'berth.test=1', '--name', 'act-rm', 'berth-test/busybox:latest', 'true']);
		await session.select('act-rm');
		session.press('d');
		expect(session.store.getState().actions.dialog).toMatchObject({kind: 'confirm', action: 'remove'});
		session.press('y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toBe('removed act-rm');
		expect(await inspect(docker, 'act-rm')).toBeUndefined();
		await waitForState(session.store, (state) => byName(state, 'act-rm') === undefined);
	});

	it('remove with v removes the anonymous volume; without v it stays', async () => {
		const volumeOf = async (name: string) => {
			const {stdout} = await docker.docker(['inspect', '--format', '{{range .Mounts}}{{.Name}}{{end}}', name]);
			return stdout.trim();
		};

		const volumes = async () => (await docker.docker(['volume', 'ls', '-q'])).stdout.split('\n');
		await docker.docker(['create', '--label', 'berth.test=1', '--name', 'act-rmv', '-v', '/data', 'berth-test/busybox:latest', 'true']);
		await docker.docker(['create', '--label', 'berth.test=1', '--name', 'act-rmkeep', '-v', '/data', 'berth-test/busybox:latest', 'true']);
		const [withV, without] = [await volumeOf('act-rmv'), await volumeOf('act-rmkeep')];
		expect(withV).toMatch(/^[0-9a-f]{64}$/);
		expect(await volumes()).toEqual(expect.arrayContaining([withV, without]));

		await session.select('act-rmv');
		session.press('d', 'v', 'y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toBe('removed act-rmv and its anonymous volumes if any');
		await session.select('act-rmkeep');
		session.press('d', 'y');
		await session.runner.idle();
		expect(await inspect(docker, 'act-rmv')).toBeUndefined();
		expect(await inspect(docker, 'act-rmkeep')).toBeUndefined();
		expect(await volumes()).not.toContain(withV);
		expect(await volumes()).toContain(without);
		await docker.docker(['volume', 'rm', without]);
	});

	it('a running container is removed only with force; without it the engine says why', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'act-rmf']);
		await session.select('act-rmf');
		session.press('d', 'y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(/^act-rmf: You cannot remove a running container [0-9a-f]{12}\b/);
		expect((await inspect(docker, 'act-rmf'))?.Status).toBe('running');
		session.press('d', 'f', 'y');
		await session.runner.idle();
		expect(noticeOf(session.store)).toBe('removed act-rmf');
		expect(await inspect(docker, 'act-rmf')).toBeUndefined();
	});

	it('refusals arrive in the engine\'s own words: unpause of a running container, a container that is gone', async () => {
		const id = (await docker.run(['sleep', '1000'], ['--name', 'act-err'])).trim();
		await session.select('act-err');
		session.store.dispatch({type: 'actions/request', request: {action: 'unpause', targets: [{id, name: 'act-err'}]}});
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(new RegExp(`^act-err: Container ${id.slice(0, 12)} is not paused$`));
		expect(session.store.getState().ui.notice?.level).toBe('error');
		await docker.docker(['rm', '-f', 'act-err']);
		session.store.dispatch({type: 'actions/request', request: {action: 'stop', targets: [{id, name: 'act-err'}]}});
		await session.runner.idle();
		expect(noticeOf(session.store)).toMatch(new RegExp(`^act-err: No such container: ${id.slice(0, 12)}$`));
	});
});

describeWithEngine('a stop that has to wait, and many stops at once', (docker) => {
	let session: Session;

	beforeAll(async () => {
		session = open(docker.host, {stopTimeoutSeconds: 2});
		await waitForState(session.store, (state) => state.connection.status === 'connected');
	});

	afterAll(() => session.close());

	it('a container that ignores SIGTERM is killed after the 2 s grace period, and berth says so; keys answer meanwhile', async () => {
		await runReady(docker, ignoresTerm, 'stubborn');
		await docker.run(['sleep', '1000'], ['--name', 'stubborn-neighbour']);
		await session.select('stubborn');
		await session.select('stubborn-neighbour');
		await session.select('stubborn');
		const started = performance.now();
		session.press('s', 'y');
		await waitForState(session.store, (state) => state.actions.running.size === 1, 2000);
		// The keymap never waits on the engine: the selection moves at once while the stop runs.
		const before = session.store.getState().ui.selectedId;
		session.press('j');
		expect(session.store.getState().ui.selectedId).not.toBe(before);
		expect(session.store.getState().actions.running.size).toBe(1);
		await session.runner.idle();
		const ms = performance.now() - started;
		console.log(`berth: single stop of a SIGTERM-ignoring container, 2 s grace: ${(ms / 1000).toFixed(2)} s`);
		expect(ms).toBeGreaterThan(1900);
		expect(ms).toBeLessThan(8000);
		expect(noticeOf(session.store)).toMatch(/^stopped stubborn in \d+\.\d s: it outlived the 2 s SIGTERM grace period and was killed, exit 137$/);
		expect(session.store.getState().ui.notice?.level).toBe('warn');
		expect(await inspect(docker, 'stubborn')).toMatchObject({Status: 'exited', ExitCode: 137});
	});

	it('a bulk stop of 20 runs them side by side: far under 20 single stops', async () => {
		// One stop on its own first, for the comparison.
		await runReady(docker, ignoresTerm, 'bulk-single');
		await session.select('bulk-single');
		let started = performance.now();
		session.press('s', 'y');
		await session.runner.idle();
		const single = performance.now() - started;

		const names = Array.from({length: 20}, (_, i) => `bulk-${String(i).padStart(2, '0')}`);
		for (let i = 0; i < names.length; i += 5) {
			await Promise.all(names.slice(i, i + 5).map((name) => runReady(docker, ignoresTerm, name)));
		}

		session.store.dispatch({type: 'ui/filterSet', text: 'bulk-'});
		await waitForState(session.store, (state) => names.every((name) => byName(state, name)?.state === 'running'));
		session.store.dispatch({type: 'ui/toggleAll'});
		await waitForState(session.store, (state) => !state.ui.showAll);
		session.press('*');
		expect(session.store.getState().actions.marked.size).toBe(20);
		session.press('s');
		expect(session.store.getState().actions.dialog).toMatchObject({kind: 'confirm', action: 'stop'});
		expect(session.store.getState().actions.dialog?.targets.map((target) => target.name)).toEqual(names);
		started = performance.now();
		session.press('y');
		await session.runner.idle();
		const bulk = performance.now() - started;
		console.log(`berth: bulk stop of 20 SIGTERM-ignoring containers, 2 s grace: ${(bulk / 1000).toFixed(2)} s (one alone: ${(single / 1000).toFixed(2)} s)`);
		expect(noticeOf(session.store)).toMatch(/^stopped 20 containers in \d+\.\d s, 20 killed after the grace period$/);
		for (const name of names) expect((await inspect(docker, name))?.Status, name).toBe('exited');
		// Side by side: about one grace period plus the engine's clean-up (3.9 s measured on a
		// loaded 2-core VM, 7.8 s at 8 at a time), where one after another would take twenty.
		expect(bulk).toBeLessThan(single * 10);
	});

	it('20 containers that exit on SIGTERM all stop, and berth reports them together', async () => {
		const names = Array.from({length: 20}, (_, i) => `quick-${String(i).padStart(2, '0')}`);
		session.store.dispatch({type: 'actions/clearMarks'});
		session.store.dispatch({type: 'ui/filterSet', text: ''});
		if (!session.store.getState().ui.showAll) session.store.dispatch({type: 'ui/toggleAll'});
		await runReady(docker, exitsOnTerm, 'quick-single');
		await session.select('quick-single');
		let started = performance.now();
		session.press('s', 'y');
		await session.runner.idle();
		const single = performance.now() - started;

		for (let i = 0; i < names.length; i += 5) {
			await Promise.all(names.slice(i, i + 5).map((name) => runReady(docker, exitsOnTerm, name)));
		}

		session.store.dispatch({type: 'ui/filterSet', text: 'quick-'});
		session.store.dispatch({type: 'ui/toggleAll'});
		await waitForState(session.store, (state) => names.every((name) => byName(state, name)?.state === 'running'));
		await waitForState(session.store, (state) => selectContainerView(state.containers, state.ui).ids.length === 20);
		session.press('*', 's');
		started = performance.now();
		session.press('y');
		await session.runner.idle();
		const bulk = performance.now() - started;
		console.log(`berth: bulk stop of 20 containers that exit on SIGTERM: ${(bulk / 1000).toFixed(2)} s (one alone: ${(single / 1000).toFixed(2)} s)`);
		expect(noticeOf(session.store)).toMatch(/^stopped 20 containers in/);
		for (const name of names) expect((await inspect(docker, name))?.Status, name).toBe('exited');
		// No timing bound: each of these stops is ~70 ms of the daemon's own CPU (measured on a
		// 2-core VM: 20 one after another ~1.9 s, 8 or 20 at a time ~1.45 s), so the daemon, not
		// waiting, sets the pace. The figure is reported above.
	});
});

describeWithEngine('read-only mode on a real engine', (docker) => {
	let session: Session;

	beforeAll(async () => {
		session = open(docker.host, {readOnly: true});
		await waitForState(session.store, (state) => state.connection.status === 'connected');
	});

	afterAll(() => session.close());

	it('refuses every mutating key; the engine sees no change', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'ro-running']);
		await docker.run(['sleep', '1000'], ['--name', 'ro-paused']);
		await docker.docker(['pause', 'ro-paused']);
		await docker.docker(['create', '--label', 'berth.test=1', '--name', 'ro-created', 'berth-test/busybox:latest', 'true']);
		const names = ['ro-running', 'ro-paused', 'ro-created'];
		const before = await Promise.all(names.map((name) => inspect(docker, name)));
		for (const name of names) {
			await session.select(name);
			for (const [key, what] of [['s', 'stop'], ['S', 'start'], ['r', 'restart'], ['p', 'pause'], ['K', 'kill'], ['d', 'remove']] as const) {
				session.press(key, 'y');
				expect(noticeOf(session.store), `${key} on ${name}`).toBe(`read-only: ${what} is disabled`);
				expect(session.store.getState().actions.dialog).toBeUndefined();
			}
		}

		// Marks are not mutating, but what they would lead to is still refused.
		session.press('*', 's', 'y');
		// And a request that reaches the store another way is not run either.
		const target = byName(session.store.getState(), 'ro-running')!;
		session.store.dispatch({type: 'actions/request', request: {action: 'stop', targets: [{id: target.id, name: target.name}]}});
		await session.runner.idle();
		expect(session.store.getState().actions.running.size).toBe(0);
		expect(await Promise.all(names.map((name) => inspect(docker, name)))).toEqual(before);
	});
});
