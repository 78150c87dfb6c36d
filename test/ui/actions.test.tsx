/**
 * Container actions in the rendered app, against a FakeEngine: dialogs, marks,
 * the runner, read-only mode. Keys in, frames out; the engine's calls checked.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {initialActions, type ActionSettings} from '../../source/store/actions-slice.js';
import {createStore} from '../../source/store/create-store.js';
import {startFeeds} from '../../source/store/feeds.js';
import {startActionRunner} from '../../source/store/run-actions.js';
import {initialState} from '../../source/store/state.js';
import type {ContainerActionResult, ContainerSummary} from '../../source/engine/engine.js';
import {FakeEngine, containerFixture, idFor} from '../support/fake-engine.js';
import {keys, plain, renderApp, selectedLine, widestLine} from '../support/render-app.js';

type App = ReturnType<typeof startActionsApp>;

/** The app with a FakeEngine, feeds and the action runner, the actions slice set up as the flags would. */
function startActionsApp(options: {containers: ContainerSummary[]; settings?: Partial<ActionSettings>; columns?: number; rows?: number}) {
	const engine = new FakeEngine({containers: options.containers});
	const store = createStore({...initialState(), actions: initialActions(options.settings)}, {batchMs: 5});
	const feeds = startFeeds(engine, store, {refreshDelayMs: 5, backoffMs: {first: 20, max: 50}});
	const runner = startActionRunner(engine, store);
	const rendered = renderApp({store, columns: options.columns ?? 100, rows: options.rows ?? 24, endpointLabel: engine.endpointLabel});
	return {
		...rendered,
		engine,
		store,
		runner,
		stop() {
			rendered.unmount();
			runner.stop();
			feeds.stop();
			engine.close();
		},
	};
}

let app: App | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const zoo = () => [
	containerFixture({name: 'api'}),
	containerFixture({name: 'db', state: 'paused'}),
	containerFixture({name: 'web-1'}),
	containerFixture({name: 'web-2'}),
	containerFixture({name: 'worker', state: 'exited'}),
];

/** The plain line of the row for `name` (the marker column may come first). */
function row(frame: string, name: string): string {
	const line = plain(frame)
		.split('\n')
		.find((text) => new RegExp(`^[ ●↻]*${name.replaceAll(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\s`).test(text));
	if (line === undefined) throw new Error(`No row for ${name} in:\n${plain(frame)}`);
	return line;
}

function hasRow(frame: string, name: string): boolean {
	try {
		row(frame, name);
		return true;
	} catch {
		return false;
	}
}

/** The name in the highlighted row, past the marker column. */
function selected(frame: string): string | undefined {
	return selectedLine(frame)?.replace(/^[ ●↻]+/, '').split(/\s+/)[0];
}

/** The status line (above the help bar). */
function statusLine(frame: string): string {
	const lines = plain(frame).split('\n');
	return lines.at(-2) ?? '';
}

async function ready(harness: App, name = 'worker'): Promise<string> {
	return harness.waitForFrame((frame) => plain(frame).includes(name) && plain(frame).includes('● live'));
}

describe('confirmation dialogs', () => {
	test('s asks before stopping, naming the container; n and Esc cancel and nothing reaches the engine', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('s');
		let frame = await app.waitForText('Stop api?');
		expect(plain(frame)).toContain('SIGTERM, then SIGKILL after 10 s');
		expect(plain(frame)).toContain('y/Enter stop');
		await app.press('n');
		frame = await app.waitForFrame((f) => !plain(f).includes('Stop api?'));
		await app.press('s');
		await app.waitForText('Stop api?');
		await app.press(keys.escape);
		frame = await app.waitForFrame((f) => !plain(f).includes('Stop api?'));
		expect(app.engine.actionCalls).toEqual([]);
		expect(row(frame, 'api')).toContain('running');
	});

	test('y stops it; the row turns exited from the engine event and the status line reports the time', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('s', 'y');
		const frame = await app.waitForFrame((f) => row(f, 'api').includes('exited') && statusLine(f).includes('stopped api in'));
		expect(statusLine(frame)).toMatch(/stopped api in \d+\.\d s/);
		expect(app.engine.actionCalls).toEqual([{id: idFor('api'), action: 'stop', options: expect.objectContaining({timeoutSeconds: 10})}]);
	});

	test('Enter confirms too; r restarts with the same grace period', async () => {
		app = startActionsApp({containers: zoo(), settings: {stopTimeoutSeconds: 3}});
		await ready(app);
		await app.press('r');
		const frame = await app.waitForText('Restart api?');
		expect(plain(frame)).toContain('SIGKILL after 3 s');
		await app.press(keys.enter);
		await app.waitForText('restarted api in');
		expect(app.engine.actionCalls).toEqual([{id: idFor('api'), action: 'restart', options: expect.objectContaining({timeoutSeconds: 3})}]);
	});

	test('--yes skips the dialog for stop and restart, but remove still asks', async () => {
		app = startActionsApp({containers: zoo(), settings: {confirm: false}});
		await ready(app);
		await app.press('s');
		await app.waitForFrame((f) => row(f, 'api').includes('exited'));
		await app.press('d');
		await app.waitForText('Remove api?');
		expect(app.engine.actionCalls.map((call) => call.action)).toEqual(['stop']);
	});

	test('remove: f and v toggle force and volumes, shown in the dialog and passed to the engine', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('d');
		let frame = await app.waitForText('Remove api?');
		expect(plain(frame)).toContain('[ ] f force, it is running');
		expect(plain(frame)).toContain('[ ] v anonymous volumes too');
		await app.press('f', 'v');
		frame = await app.waitForText('[x] v anonymous volumes too');
		expect(plain(frame)).toContain('[x] f force');
		await app.press('y');
		frame = await app.waitForFrame((f) => !hasRow(f, 'api') && statusLine(f).includes('removed api'));
		expect(statusLine(frame)).toContain('removed api and its anonymous volumes if any');
		expect(app.engine.actionCalls).toEqual([{id: idFor('api'), action: 'remove', options: expect.objectContaining({force: true, removeVolumes: true})}]);
	});

	test('an engine refusal is shown in its own words, the id shortened', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('d', 'y');
		const frame = await app.waitForText('You cannot remove a running container');
		expect(statusLine(frame)).toContain(`api: You cannot remove a running container ${idFor('api').slice(0, 12)}.`);
		expect(row(frame, 'api')).toContain('running');
	});
});

describe('the kill signal picker', () => {
	test('K lists the signals with SIGKILL chosen; j/k move; Enter sends the chosen one', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('K');
		let frame = await app.waitForText('Send a signal to api');
		const chosen = () => plain(app!.frame()).split('\n').find((line) => line.includes('▸')) ?? '';
		expect(chosen()).toContain('▸ SIGKILL');
		for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2']) expect(plain(frame)).toContain(signal);
		await app.press('j', 'j', 'j', 'j', 'k');
		frame = await app.waitForFrame(() => chosen().includes('SIGHUP'));
		await app.press(keys.enter);
		await app.waitForText('sent SIGHUP to api');
		expect(app.engine.actionCalls).toEqual([{id: idFor('api'), action: 'kill', options: expect.objectContaining({signal: 'SIGHUP'})}]);
	});

	test('Esc closes it without sending anything', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('K');
		await app.waitForText('Send a signal');
		await app.press(keys.escape);
		await app.waitForFrame((f) => !plain(f).includes('Send a signal'));
		expect(app.engine.actionCalls).toEqual([]);
	});
});

describe('pause, start', () => {
	test('p pauses a running container and unpauses a paused one, no dialog', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('p');
		await app.waitForFrame((f) => row(f, 'api').includes('paused') && statusLine(f).includes('paused api'));
		await app.press('p');
		await app.waitForFrame((f) => row(f, 'api').includes('running') && statusLine(f).includes('unpaused api'));
		expect(app.engine.actionCalls.map((call) => call.action)).toEqual(['pause', 'unpause']);
	});

	test('S starts an exited container; on a running one the engine says it already runs', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('G', 'S');
		await app.waitForFrame((f) => row(f, 'worker').includes('running') && statusLine(f).includes('started worker'));
		await app.press('g', 'S');
		await app.waitForText('api was already running');
	});
});

describe('marks and bulk actions', () => {
	test('Space marks and unmarks; marks show in a leading column and are counted in the status line', async () => {
		app = startActionsApp({containers: zoo()});
		let frame = await ready(app);
		expect(plain(frame)).not.toContain('●  api');
		await app.press(' ', 'j', 'j', ' ');
		frame = await app.waitForText('2 marked');
		expect(row(frame, 'api')).toMatch(/^● +api/);
		expect(row(frame, 'web-1')).toMatch(/^● +web-1/);
		expect(row(frame, 'db')).toMatch(/^ +db/);
		await app.press(' ');
		frame = await app.waitForText('1 marked');
		expect(row(frame, 'web-1')).toMatch(/^ +web-1/);
	});

	test('a bulk stop names the first containers and how many more, and runs on every marked one', async () => {
		const containers = Array.from({length: 9}, (_, i) => containerFixture({name: `svc-${i}`}));
		app = startActionsApp({containers});
		await ready(app, 'svc-8');
		await app.press('*');
		await app.waitForText('9 marked');
		await app.press('s');
		let frame = await app.waitForText('Stop 9 containers:');
		expect(plain(frame)).toMatch(/Stop 9 containers: svc-0, svc-1, svc-2, svc-3, svc-4 and 4 more\?/);
		await app.press('y');
		// The notice comes when the calls return; the rows when the engine's events arrive.
		frame = await app.waitForFrame((f) => statusLine(f).includes('stopped 9 containers in') && containers.every((c) => row(f, c.name).includes('exited')));
		expect(new Set(app.engine.actionCalls.map((call) => call.id))).toEqual(new Set(containers.map((c) => c.id)));
	});

	test('* marks only what the filter shows; * again clears every mark', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('/', 'w', 'e', 'b', keys.enter);
		await app.waitForFrame((f) => !plain(f).includes('worker') && plain(f).includes('web-2'));
		await app.press('*');
		await app.waitForText('2 marked');
		await app.press('/', keys.escape);
		let frame = await app.waitForText('api');
		expect(row(frame, 'web-1')).toMatch(/^●/);
		expect(row(frame, 'web-2')).toMatch(/^●/);
		expect(row(frame, 'api')).not.toMatch(/^●/);
		expect(row(frame, 'worker')).not.toMatch(/^●/);
		await app.press('*');
		frame = await app.waitForText('5 marked');
		await app.press('*');
		frame = await app.waitForFrame((f) => !plain(f).includes('marked'));
		expect(row(frame, 'api')).toMatch(/^api/);
	});

	test('p on marks with some running pauses only those; a bulk failure is listed per container', async () => {
		app = startActionsApp({containers: zoo()});
		await ready(app);
		await app.press('*', 'p');
		const frame = await app.waitForText('paused 3 of 4 containers');
		// db was already paused (left out); worker is exited and the engine refuses.
		expect(statusLine(frame)).toContain(`failed: worker: Container ${idFor('worker').slice(0, 12)} is not running`);
		expect(app.engine.actionCalls.map((call) => call.id).sort()).toEqual([idFor('api'), idFor('web-1'), idFor('web-2'), idFor('worker')].sort());
	});
});

describe('while an action runs', () => {
	test('a stop that never returns: the row shows it in flight, a spinner runs, and every key still answers', async () => {
		app = startActionsApp({containers: zoo()});
		app.engine.actionHandler = () => new Promise<ContainerActionResult>(() => undefined);
		await ready(app);
		await app.press('s', 'y');
		let frame = await app.waitForText('stopping api');
		expect(row(frame, 'api')).toMatch(/^ ↻ api/);
		expect(row(frame, 'api')).toContain('running');
		// The spinner turns on its own.
		const spinner = (f: string) => /([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]) stopping api/.exec(statusLine(f))?.[1];
		const first = spinner(frame);
		await app.waitForFrame((f) => spinner(f) !== undefined && spinner(f) !== first);
		await app.press('j');
		frame = await app.waitForFrame((f) => selected(f) === 'db');
		await app.press('G');
		await app.waitForFrame((f) => selected(f) === 'worker');
		await app.press('g');
		await app.waitForFrame((f) => selected(f) === 'api');
		await app.press('/', 'w', 'o');
		frame = await app.waitForFrame((f) => !plain(f).includes('web-1'));
		await app.press(keys.escape, '?');
		await app.waitForText('Keys (Esc');
		await app.press(keys.escape);
		frame = await app.waitForText('stopping api');
		expect(row(frame, 'api')).toMatch(/^ ↻ api/);
	});

	test('the marker clears when the call settles, whatever the outcome', async () => {
		let settle: (() => void) | undefined;
		app = startActionsApp({containers: zoo()});
		app.engine.actionHandler = () => new Promise<ContainerActionResult>((_, reject) => (settle = () => reject(new Error('Container is dead'))));
		await ready(app);
		await app.press('p');
		await app.waitForFrame((f) => /^ ↻ api/.test(row(f, 'api')));
		settle!();
		const frame = await app.waitForText('api: Container is dead');
		expect(row(frame, 'api')).toMatch(/^api/);
	});
});

describe('read-only mode', () => {
	test('the header says read-only; mutating keys are gone from the help bar and help screen', async () => {
		app = startActionsApp({containers: zoo(), settings: {readOnly: true}, rows: 50, columns: 140});
		let frame = await ready(app);
		expect(plain(frame).split('\n')[1]).toContain('read-only');
		const helpBar = plain(frame).split('\n').at(-1) ?? '';
		expect(helpBar).toContain('filter');
		for (const label of ['stop', 'restart', 'pause', 'remove']) expect(helpBar).not.toContain(label);
		await app.press('?');
		frame = await app.waitForText('Keys (Esc');
		for (const text of ['Stop the selected', 'Start the selected', 'Restart the', 'Pause, or unpause', 'Send a signal', 'Remove the selected', 'confirmation dialog']) {
			expect(plain(frame)).not.toContain(text);
		}

		expect(plain(frame)).toContain('Mark or unmark');
	});

	test('every mutating key is refused with a notice, and the engine is never called', async () => {
		app = startActionsApp({containers: zoo(), settings: {readOnly: true}});
		await ready(app);
		for (const [key, what] of [['s', 'stop'], ['S', 'start'], ['r', 'restart'], ['p', 'pause'], ['K', 'kill'], ['d', 'remove']] as const) {
			await app.press(key);
			const frame = await app.waitForText(`read-only: ${what} is disabled`);
			expect(plain(frame)).not.toMatch(/Stop api\?|Send a signal|Remove api\?/);
		}

		await app.runner.idle();
		expect(app.engine.actionCalls).toEqual([]);
		expect(app.store.getState().actions.queue).toEqual([]);
	});
});

describe('layout', () => {
	test('a dialog takes table rows: the frame stays as tall and as wide as the terminal', async () => {
		app = startActionsApp({containers: zoo(), columns: 60, rows: 15});
		let frame = await ready(app);
		const height = plain(frame).split('\n').length;
		expect(height).toBeLessThanOrEqual(15);
		const steps: Array<[string, string]> = [['s', 'Stop api?'], ['n', '5 of 5'], ['d', 'Remove api?'], ['n', '5 of 5'], ['K', 'SIGKILL']];
		for (const [key, shows] of steps) {
			await app.press(key);
			frame = await app.waitForText(shows);
			expect(plain(frame).split('\n').length, key).toBe(height);
			expect(widestLine(frame), key).toBeLessThanOrEqual(60);
			expect(hasRow(frame, 'api'), key).toBe(true);
		}
	});

	test('hostile container names are cleaned in dialogs and notices', async () => {
		app = startActionsApp({containers: [containerFixture({name: 'evil\u001b[2J\u0007name'})]});
		await ready(app, 'evil');
		await app.press('s');
		let frame = await app.waitForText('Stop evil');
		expect(frame).not.toContain('\u001b[2J');
		expect(frame).not.toContain('\u0007');
		await app.press('y');
		frame = await app.waitForText('stopped evil');
		expect(frame).not.toContain('\u001b[2J');
	});
});

describe('the help screen', () => {
	test('scrolls when the keys do not fit, down to the action keys and the dialogs', async () => {
		app = startActionsApp({containers: zoo(), columns: 100, rows: 24});
		await ready(app);
		await app.press('?');
		let frame = await app.waitForText('Keys (Esc, q or ? to close');
		expect(plain(frame)).toMatch(/j\/k, PgUp\/PgDn scroll · 1-19 of \d+/);
		expect(plain(frame)).not.toContain('In the signal picker');
		// Page down until the signal picker's keys show (more scopes below it would scroll them past the end).
		for (let i = 0; i < 12 && !plain(app.frame()).includes('In the signal picker'); i++) await app.press(keys.pageDown);
		frame = await app.waitForText('In the signal picker');
		expect(plain(frame)).toContain('Send the signal');
		expect(plain(frame).split('\n')).toHaveLength(24);
		await app.press('k');
		frame = await app.waitForFrame((f) => /scroll · \d+-\d+ of/.test(plain(f)));
		await app.press(keys.escape, '?');
		frame = await app.waitForText('scroll · 1-19 of');
	});
});
