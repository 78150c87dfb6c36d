import {describe, expect, test} from 'vitest';
import {toConfig} from '../../source/config.js';
import type {ContainerActionResult} from '../../source/engine/engine.js';
import {bindings} from '../../source/keymap/bindings.js';
import {pressKey} from '../../source/keymap/match.js';
import {shownBindings} from '../../source/keymap/shown-bindings.js';
import {reportOutcomes, shortenIds, type Outcome} from '../../source/store/action-report.js';
import {actionsReducer, initialActions, type ActionRequest, type ActionSettings, type ActionsState} from '../../source/store/actions-slice.js';
import {createStore} from '../../source/store/create-store.js';
import {createLimiter} from '../../source/store/limit.js';
import {startActionRunner} from '../../source/store/run-actions.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState, type State} from '../../source/store/state.js';
import {FakeEngine, containerFixture, idFor} from '../support/fake-engine.js';

const targets = (...names: string[]) => names.map((name) => ({id: idFor(name), name}));

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLimiter', () => {
	test('runs at most N tasks at once, starts the rest in order as slots free, and returns each result', async () => {
		const limit = createLimiter(3);
		const gates = Array.from({length: 10}, () => deferred<void>());
		let active = 0;
		let most = 0;
		const started: number[] = [];
		const results = gates.map((gate, index) =>
			limit(async () => {
				started.push(index);
				active += 1;
				most = Math.max(most, active);
				await gate.promise;
				active -= 1;
				return index * 2;
			}),
		);
		await tick();
		expect(started).toEqual([0, 1, 2]);
		gates[1]!.resolve();
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const gate of gates) gate.resolve();
		expect(await Promise.all(results)).toEqual(gates.map((_, index) => index * 2));
		expect(most).toBe(3);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	test('a failing or throwing task rejects its own promise and frees its slot', async () => {
		const limit = createLimiter(1);
		const failed = limit(async () => {
			throw new Error('boom');
		});
		const thrown = limit((() => {
			throw new Error('sync');
		}) as () => Promise<never>);
		const after = limit(async () => 'after');
		await expect(failed).rejects.toThrow('boom');
		await expect(thrown).rejects.toThrow('sync');
		expect(await after).toBe('after');
	});
});

describe('actionsReducer', () => {
	const start = (overrides: Partial<ActionsState> = {}): ActionsState => ({...initialActions(), ...overrides});

	test('mark toggles; markAll marks the given ids, and clears every mark when all of them already were', () => {
		let state = actionsReducer(start(), {type: 'actions/mark', id: 'a'});
		expect([...state.marked]).toEqual(['a']);
		state = actionsReducer(state, {type: 'actions/mark', id: 'a'});
		expect(state.marked.size).toBe(0);
		state = actionsReducer(state, {type: 'actions/mark', id: 'x'});
		state = actionsReducer(state, {type: 'actions/markAll', ids: ['a', 'b']});
		expect([...state.marked].sort()).toEqual(['a', 'b', 'x']);
		state = actionsReducer(state, {type: 'actions/markAll', ids: ['a', 'b']});
		expect(state.marked.size).toBe(0);
		expect(actionsReducer(state, {type: 'actions/markAll', ids: []})).toBe(state);
	});

	test('a request is queued with the next seq and closes the dialog; read-only queues nothing', () => {
		const dialog = {kind: 'confirm', action: 'stop', targets: targets('a'), force: false, removeVolumes: false} as const;
		let state = actionsReducer(start({dialog}), {type: 'actions/request', request: {action: 'stop', targets: targets('a')}});
		expect(state.dialog).toBeUndefined();
		expect(state.queue).toEqual([{seq: 1, action: 'stop', targets: targets('a')}]);
		state = actionsReducer(state, {type: 'actions/request', request: {action: 'start', targets: targets('b')}});
		expect(state.queue.map((request) => request.seq)).toEqual([1, 2]);

		const readOnly = start({settings: {...initialActions().settings, readOnly: true}});
		expect(actionsReducer(readOnly, {type: 'actions/request', request: {action: 'stop', targets: targets('a')}}).queue).toEqual([]);
		expect(actionsReducer(readOnly, {type: 'actions/dialog', dialog}).dialog).toBeUndefined();
	});

	test('accepted moves a request in flight; settled clears a marker only for its own request', () => {
		let state = actionsReducer(start(), {type: 'actions/request', request: {action: 'stop', targets: targets('a', 'b')}});
		state = actionsReducer(state, {type: 'actions/accepted', seq: 1, startedAt: 5});
		expect(state.queue).toEqual([]);
		expect(state.running.get(idFor('a'))).toEqual({action: 'stop', startedAt: 5, seq: 1});
		// A kill sent to a while its stop still waits.
		state = actionsReducer(state, {type: 'actions/request', request: {action: 'kill', targets: targets('a'), signal: 'SIGKILL'}});
		state = actionsReducer(state, {type: 'actions/accepted', seq: 2, startedAt: 6});
		state = actionsReducer(state, {type: 'actions/settled', id: idFor('a'), seq: 1});
		expect(state.running.get(idFor('a'))?.action).toBe('kill');
		state = actionsReducer(state, {type: 'actions/settled', id: idFor('a'), seq: 2});
		state = actionsReducer(state, {type: 'actions/settled', id: idFor('b'), seq: 1});
		expect(state.running.size).toBe(0);
	});

	test('dialog options toggle only in a remove dialog; the signal cursor stays in the list', () => {
		const remove = start({dialog: {kind: 'confirm', action: 'remove', targets: targets('a'), force: false, removeVolumes: false}});
		const toggled = actionsReducer(actionsReducer(remove, {type: 'actions/dialogToggle', option: 'force'}), {type: 'actions/dialogToggle', option: 'removeVolumes'});
		expect(toggled.dialog).toMatchObject({force: true, removeVolumes: true});
		const stop = start({dialog: {kind: 'confirm', action: 'stop', targets: targets('a'), force: false, removeVolumes: false}});
		expect(actionsReducer(stop, {type: 'actions/dialogToggle', option: 'force'})).toBe(stop);
		let signal = start({dialog: {kind: 'signal', targets: targets('a'), cursor: 0}});
		signal = actionsReducer(signal, {type: 'actions/signalMove', by: -1});
		expect(signal.dialog).toMatchObject({cursor: 0});
		for (let i = 0; i < 20; i++) signal = actionsReducer(signal, {type: 'actions/signalMove', by: 1});
		expect(signal.dialog).toMatchObject({cursor: 6});
	});
});

describe('reportOutcomes', () => {
	const request = (overrides: Partial<ActionRequest>): ActionRequest => ({seq: 1, action: 'stop', targets: [], ...overrides});
	const ok = (name: string, ms = 1234, extra: Partial<Outcome> = {}): Outcome => ({target: {id: idFor(name), name}, ok: true, result: 'done', ms, ...extra}) as Outcome;
	const bad = (name: string, message: string): Outcome => ({target: {id: idFor(name), name}, ok: false, message, ms: 5});

	test('one container: what happened and how long it took, or the engine\'s words', () => {
		expect(reportOutcomes(request({}), [ok('web-1', 10_240)], 10_240)).toEqual({level: 'info', text: 'stopped web-1 in 10.2 s'});
		expect(reportOutcomes(request({action: 'kill', signal: 'SIGHUP'}), [ok('web-1')], 3)).toEqual({level: 'info', text: 'sent SIGHUP to web-1'});
		expect(reportOutcomes(request({action: 'remove', removeVolumes: true}), [ok('db')], 3).text).toBe('removed db and its anonymous volumes if any');
		expect(reportOutcomes(request({action: 'start'}), [ok('db', 3, {result: 'unchanged'})], 3).text).toBe('db was already running');
		expect(reportOutcomes(request({}), [bad('db', 'No such container: db')], 3)).toEqual({level: 'error', text: 'db: No such container: db'});
		const killed = ok('stubborn', 2080, {killedAfterGrace: {graceSeconds: 2, exitCode: 137}} as Partial<Outcome>);
		expect(reportOutcomes(request({}), [killed], 2080)).toEqual({
			level: 'warn',
			text: 'stopped stubborn in 2.1 s: it outlived the 2 s SIGTERM grace period and was killed, exit 137',
		});
	});

	test('several: a summary, then every failure by name', () => {
		const outcomes = [ok('a'), ok('b'), bad('c', 'Container c is not running'), bad('d', 'No such container: d')];
		expect(reportOutcomes(request({action: 'pause'}), outcomes, 1500)).toEqual({
			level: 'error',
			text: 'paused 2 of 4 containers in 1.5 s; failed: c: Container c is not running; d: No such container: d',
		});
		expect(reportOutcomes(request({}), [ok('a'), ok('b')], 900)).toEqual({level: 'info', text: 'stopped 2 containers in 0.9 s'});
		expect(reportOutcomes(request({action: 'unpause'}), [bad('a', 'x'), bad('b', 'y')], 9).text).toBe('could not unpause 2 containers: a: x; b: y');
	});

	test('engine messages keep 12 characters of a container id', () => {
		const id = idFor('web');
		expect(shortenIds(`Container ${id} is not paused`)).toBe(`Container ${id.slice(0, 12)} is not paused`);
	});
});

describe('the action runner', () => {
	const setup = (count: number, concurrency = 8, settings: Partial<ActionSettings> = {}) => {
		const containers = Array.from({length: count}, (_, i) => containerFixture({name: `c${String(i).padStart(2, '0')}`}));
		const engine = new FakeEngine({containers});
		const store = createStore({...initialState(), containers: new Map(containers.map((c) => [c.id, c])), actions: initialActions(settings)});
		const runner = startActionRunner(engine, store, {concurrency});
		return {engine, store, runner, containers};
	};

	test('runs a bulk request with at most `concurrency` calls at once, marks rows in flight until each settles', async () => {
		const {engine, store, runner, containers} = setup(20, 8);
		const gates = new Map<string, ReturnType<typeof deferred<ContainerActionResult>>>();
		let active = 0;
		let most = 0;
		engine.actionHandler = async (id) => {
			active += 1;
			most = Math.max(most, active);
			const gate = deferred<ContainerActionResult>();
			gates.set(id, gate);
			try {
				return await gate.promise;
			} finally {
				active -= 1;
			}
		};
		store.dispatch({type: 'actions/request', request: {action: 'stop', targets: containers.map((c) => ({id: c.id, name: c.name}))}});
		await tick();
		expect(gates.size).toBe(8);
		expect(store.getState().actions.running.size).toBe(20);
		const first = containers[0]!.id;
		gates.get(first)!.resolve('done');
		await tick();
		expect(store.getState().actions.running.has(first)).toBe(false);
		expect(gates.size).toBe(9);
		while ([...gates.values()].length < 20 || active > 0) {
			for (const gate of gates.values()) gate.resolve('done');
			await tick();
		}

		await runner.idle();
		expect(most).toBe(8);
		expect(store.getState().actions.running.size).toBe(0);
		expect(store.getState().ui.notice).toMatchObject({level: 'info', text: expect.stringMatching(/^stopped 20 containers in \d+\.\d s$/)});
		runner.stop();
	});

	test('the stop grace period from the settings reaches the engine; remove unmarks what is gone', async () => {
		const {engine, store, runner, containers} = setup(3, 8, {stopTimeoutSeconds: 4});
		store.dispatch({type: 'actions/markAll', ids: containers.map((c) => c.id)});
		store.dispatch({type: 'actions/request', request: {action: 'stop', targets: [{id: containers[0]!.id, name: 'c00'}]}});
		await tick();
		await runner.idle();
		expect(engine.actionCalls).toEqual([{id: containers[0]!.id, action: 'stop', options: expect.objectContaining({timeoutSeconds: 4})}]);
		expect(store.getState().actions.marked.size).toBe(3);
		store.dispatch({type: 'actions/request', request: {action: 'remove', targets: containers.map((c) => ({id: c.id, name: c.name})), force: true}});
		await tick();
		await runner.idle();
		expect(store.getState().actions.marked.size).toBe(0);
		expect(store.getState().ui.notice?.text).toMatch(/^removed 3 containers in \d+\.\d s$/);
		runner.stop();
	});
});

describe('read-only mode in the keymap', () => {
	const setup = (readOnly: boolean) => {
		const containers = [containerFixture({name: 'web'}), containerFixture({name: 'db', state: 'paused'})];
		const state: State = {
			...initialState(),
			containers: new Map(containers.map((c) => [c.id, c])),
			actions: initialActions({readOnly}),
		};
		const store = createStore(state);
		const context = () => ({store, view: selectContainerView(store.getState().containers, store.getState().ui), pageSize: 10, quit: () => undefined});
		return {store, context};
	};

	test('every mutating binding is refused by name, and nothing is queued or opened', () => {
		const mutating = bindings.filter((binding) => binding.mutating);
		expect(mutating.map((binding) => binding.id)).toEqual(
			expect.arrayContaining(['containers.stop', 'containers.start', 'containers.restart', 'containers.pause', 'containers.kill', 'containers.remove']),
		);
		for (const binding of mutating.filter((b) => b.scope === 'containers')) {
			const {store, context} = setup(true);
			pressKey(context(), binding.keys[0]!, binding.keys[0]!);
			const what = binding.bar ?? binding.id.split('.').at(-1);
			expect(store.getState().ui.notice, binding.id).toEqual({level: 'warn', text: `read-only: ${what} is disabled`});
			expect(store.getState().actions.queue, binding.id).toEqual([]);
			expect(store.getState().actions.dialog, binding.id).toBeUndefined();
		}
	});

	test('the same keys work when not read-only', () => {
		const {store, context} = setup(false);
		pressKey(context(), 's', 's');
		expect(store.getState().actions.dialog).toMatchObject({kind: 'confirm', action: 'stop', targets: [{name: 'db'}]});
		pressKey(context(), 'y', 'y');
		expect(store.getState().actions.queue).toMatchObject([{action: 'stop', targets: [{name: 'db'}]}]);
	});

	test('keys that arrive in one chunk share a view: marks and targets still follow the cursor', () => {
		const {store, context} = setup(false);
		// As use-keymap does for "j j" typed fast: one context for every key of the chunk.
		const chunk = context();
		for (const key of ['g', 'space', 'j', 'space', 's']) pressKey(chunk, key, key === 'space' ? ' ' : key);
		expect([...store.getState().actions.marked].sort()).toEqual([idFor('db'), idFor('web')].sort());
		expect(store.getState().actions.dialog?.targets.map((target) => target.name)).toEqual(['db', 'web']);
		pressKey(chunk, 'n', 'n');
		pressKey(chunk, 'escape', '');
		expect(store.getState().actions.marked.size).toBe(0);
		pressKey(chunk, 'g', 'g');
		pressKey(chunk, 'j', 'j');
		pressKey(chunk, 'p', 'p');
		expect(store.getState().actions.queue).toMatchObject([{action: 'pause', targets: [{name: 'web'}]}]);
	});

	test('help hides mutating bindings and the dialogs they open', () => {
		const shown = shownBindings(bindings, true);
		expect(shown.some((binding) => binding.mutating)).toBe(false);
		expect(shown.some((binding) => binding.scope === 'confirm' || binding.scope === 'signal')).toBe(false);
		expect(shown.map((binding) => binding.id)).toContain('cursor.down');
		expect(shownBindings(bindings, false)).toBe(bindings);
	});

	test('a dialog answers only its own keys (and Ctrl-C): q does not quit behind it', () => {
		const {store, context} = setup(false);
		let quits = 0;
		pressKey(context(), 'K', 'K');
		pressKey({...context(), quit: () => (quits += 1)}, 'q', 'q');
		pressKey(context(), 'j', 'j');
		expect(quits).toBe(0);
		expect(store.getState().actions.dialog).toMatchObject({kind: 'signal', cursor: 1});
	});
});

describe('--stop-timeout and friends', () => {
	test('defaults, and whole seconds only', () => {
		expect(toConfig({})).toMatchObject({readOnly: false, yes: false, stopTimeoutSeconds: 10});
		expect(toConfig({readOnly: true, yes: true, stopTimeout: 0})).toMatchObject({readOnly: true, yes: true, stopTimeoutSeconds: 0});
		for (const bad of [Number.NaN, -1, 2.5]) expect(() => toConfig({stopTimeout: bad})).toThrow('--stop-timeout needs a whole number of seconds');
	});
});
