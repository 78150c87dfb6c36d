/**
 * e in <App> with a FakeEngine: the key reaches the runner (ui/use-shell.ts), the session
 * runs on the (fake) terminal, and its end shows in the status line.
 */
import {Duplex} from 'node:stream';
import {render} from 'ink-testing-library';
import {afterEach, expect, it} from 'vitest';
import type {ExecSession} from '../../source/engine/engine.js';
import {createStore} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {initialState} from '../../source/store/state.js';
import {parseDetachKeys} from '../../source/terminal/detach-keys.js';
import {App} from '../../source/ui/app.js';
import {containerFixture, FakeEngine} from '../support/fake-engine.js';
import {plain} from '../support/render-app.js';

/** A process that prints `say`, ends at once and exits with `exitCode`. */
function endingSession(say: string, exitCode: number): ExecSession {
	const stream = new Duplex({read() {}, write: (_chunk, _encoding, callback) => callback()});
	setImmediate(() => {
		stream.push(say);
		stream.push(null);
	});
	stream.resume();
	return {stream, resize: async () => undefined, wait: async () => ({exitCode}), close: () => stream.destroy()};
}

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

async function until(check: () => boolean, what: () => string, ms = 3000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out; last frame:\n${what()}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

function start() {
	const engine = new FakeEngine({containers: [containerFixture({name: 'web-1'}), containerFixture({name: 'zz-paused', state: 'paused'})]});
	const store = createStore(initialState(), {batchMs: 5});
	const feeds: Feeds = startFeeds(engine, store, {refreshDelayMs: 5});
	const sessions = {engine, detachKeys: parseDetachKeys('ctrl-p,ctrl-q'), probeMs: 50};
	const app = render(<App store={store} endpointLabel="fake" quit={() => undefined} sessions={sessions} />);
	cleanup = () => {
		app.unmount();
		feeds.stop();
		engine.close();
	};
	const text = () => plain(app.lastFrame() ?? '');
	return {engine, store, app, text};
}

it('e runs bash, falls back to sh when the engine says bash is missing, and shows the exit code', async () => {
	const {engine, app, text} = start();
	engine.sessionHandler = async (_kind, _id, options) =>
		'cmd' in options && options.cmd[0] === '/bin/bash'
			? endingSession('OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\r\n', 126)
			: endingSession('/ # ', 3);
	await until(() => text().includes('web-1'), text);
	app.stdin.write('e');
	await until(() => text().includes('shell in web-1 exited with code 3'), text);
	expect(engine.sessionCalls.map((call) => ('cmd' in call.options ? call.options.cmd : []))).toEqual([['/bin/bash'], ['/bin/sh']]);
	expect(text()).toMatch(/^\s*web-1\s/m);
});

it('e on a paused container says so and opens nothing', async () => {
	const {engine, app, text} = start();
	await until(() => text().includes('zz-paused'), text);
	app.stdin.write('G');
	app.stdin.write('e');
	await until(() => text().includes('zz-paused is paused: unpause it (p) to open a shell'), text);
	expect(engine.sessionCalls).toEqual([]);
});

it("E's prompt replaces the status line while the command is typed", async () => {
	const {app, text} = start();
	await until(() => text().includes('web-1'), text);
	app.stdin.write('E');
	for (const char of 'ls -l') app.stdin.write(char);
	await until(() => text().includes('run in web-1: ls -l▏  (Enter runs, Esc cancels)'), text);
	expect(text().split('\n').at(-1)).toMatch(/Enter run\s+Esc cancel/);
});
