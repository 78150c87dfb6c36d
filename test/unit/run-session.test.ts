/**
 * One session from request to notice (source/terminal/run-session.ts), with a fake engine
 * whose sessions are scripted, and a fake suspendTerminal that records when the terminal
 * was handed over.
 */
import {EventEmitter} from 'node:events';
import {Duplex} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {EngineError, type ExecOptions, type ExecSession} from '../../source/engine/engine.js';
import type {SessionRequest} from '../../source/store/shell-slice.js';
import {parseDetachKeys} from '../../source/terminal/detach-keys.js';
import {runSession, type SessionDeps} from '../../source/terminal/run-session.js';

const bashMissing = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\r\n';

/** A scripted process: what it prints at once, then (after `afterMs`, or when typed `exit`) its end. */
type Script = {say?: string; exitCode?: number; afterMs?: number; endOnInput?: boolean; error?: Error; refuse?: EngineError};

class FakeSession implements ExecSession {
	readonly stream: Duplex;
	readonly typed: string[] = [];
	readonly sizes: Array<[number, number]> = [];
	closed = false;
	private exitCode: number | undefined;

	constructor(script: Script) {
		this.exitCode = script.exitCode;
		const typed = this.typed;
		this.stream = new Duplex({
			read() {},
			write(chunk: Buffer, _encoding, callback) {
				typed.push(chunk.toString());
				if (script.endOnInput) setImmediate(() => this.push(null));
				callback();
			},
		});
		setImmediate(() => {
			if (script.say) this.stream.push(script.say);
			if (script.error) this.stream.destroy(script.error);
			else if (!script.endOnInput) setTimeout(() => this.stream.push(null), script.afterMs ?? 0);
		});
		// A readable side that nobody reads would never emit 'end'.
		this.stream.resume();
	}

	async resize(rows: number, cols: number) {
		this.sizes.push([rows, cols]);
	}

	async wait() {
		return this.exitCode === undefined ? {} : {exitCode: this.exitCode};
	}

	close() {
		this.closed = true;
		this.stream.destroy();
	}
}

class FakeInput extends EventEmitter {
	isRaw = false;
	private queue: string[] = [];
	setRawMode(mode: boolean) {
		this.isRaw = mode;
	}

	read() {
		return this.queue.shift() ?? null;
	}

	type(text: string) {
		this.queue.push(text);
		this.emit('readable');
	}
}

class FakeOutput extends EventEmitter {
	columns = 100;
	rows = 30;
	text = '';
	write(data: string | Uint8Array) {
		this.text += typeof data === 'string' ? data : Buffer.from(data).toString();
		return true;
	}
}

function harness(scripts: Record<string, Script>, options: {shell?: string[]; onSuspend?: (input: FakeInput) => void} = {}) {
	const calls: Array<{kind: string; cmd?: string[]; detachKeys?: string}> = [];
	const sessions: FakeSession[] = [];
	const input = new FakeInput();
	const output = new FakeOutput();
	const suspended: string[] = [];
	const open = (key: string) => {
		const script = scripts[key] ?? scripts['*'];
		if (!script) throw new Error(`no script for ${key}`);
		if (script.refuse) throw script.refuse;
		const session = new FakeSession(script);
		sessions.push(session);
		return session;
	};

	const deps: SessionDeps = {
		engine: {
			async exec(_id: string, execOptions: ExecOptions) {
				calls.push({kind: 'exec', cmd: execOptions.cmd, detachKeys: execOptions.detachKeys});
				return open(execOptions.cmd.join(' '));
			},
			async attach(_id: string, attachOptions?: {detachKeys?: string}) {
				calls.push({kind: 'attach', detachKeys: attachOptions?.detachKeys});
				return open('attach');
			},
		},
		async suspend(run) {
			suspended.push(calls.at(-1)?.cmd?.join(' ') ?? 'attach');
			options.onSuspend?.(input);
			try {
				await run();
			} finally {
				suspended.push('resumed');
			}
		},
		input,
		output,
		detachKeys: parseDetachKeys('ctrl-p,ctrl-q'),
		probeMs: 200,
		...(options.shell ? {shell: options.shell} : {}),
	};
	return {deps, calls, sessions, input, output, suspended};
}

const shell: SessionRequest = {seq: 1, kind: 'shell', id: 'c1', name: 'web-1'};

describe('runSession: e (a shell)', () => {
	it('falls back from /bin/bash to /bin/sh on the engine\'s "no such file", without handing the terminal to bash', async () => {
		const h = harness({'/bin/bash': {say: bashMissing, exitCode: 126}, '/bin/sh': {say: '/ # ', exitCode: 3, afterMs: 20}});
		const notice = await runSession(shell, h.deps);
		expect(h.calls.map((call) => call.cmd)).toEqual([['/bin/bash'], ['/bin/sh']]);
		expect(h.suspended).toEqual(['/bin/sh', 'resumed']);
		expect(h.output.text).not.toContain('OCI runtime');
		expect(h.output.text).toContain('/ # ');
		expect(notice).toEqual({level: 'warn', text: 'shell in web-1 exited with code 3'});
		expect(h.sessions.every((session) => session.closed)).toBe(true);
		expect(h.input.isRaw).toBe(false);
	});

	it('sends the detach keys and the terminal size to the engine', async () => {
		const h = harness({'*': {exitCode: 0, afterMs: 20}});
		await runSession(shell, h.deps);
		expect(h.calls[0]).toMatchObject({detachKeys: 'ctrl-p,ctrl-q'});
		expect(h.sessions[0]!.sizes).toContainEqual([30, 100]);
	});

	it('runs only --shell, and says plainly when it is not there', async () => {
		const h = harness({'/nope': {say: bashMissing.replaceAll('/bin/bash', '/nope'), exitCode: 126}}, {shell: ['/nope']});
		const notice = await runSession(shell, h.deps);
		expect(h.calls.map((call) => call.cmd)).toEqual([['/nope']]);
		expect(h.suspended).toEqual([]);
		expect(notice).toEqual({level: 'error', text: '/nope not found in web-1 (exit 126)'});
	});

	it('names both shells when neither is there', async () => {
		const h = harness({'*': {say: bashMissing, exitCode: 126}});
		expect(await runSession(shell, h.deps)).toEqual({level: 'error', text: 'no shell in web-1: /bin/bash and /bin/sh not found (exit 126); --shell names another'});
	});

	it("passes on the engine's refusal (paused, not running) without touching the terminal", async () => {
		const refuse = new EngineError({kind: 'other', title: 'Container c1 is paused, unpause the container before exec', detail: '', hint: ''});
		const h = harness({'*': {refuse}});
		expect(await runSession(shell, h.deps)).toEqual({level: 'error', text: 'cannot open a shell in web-1: Container c1 is paused, unpause the container before exec'});
		expect(h.suspended).toEqual([]);
	});

	it('gives up when the engine does not open the session in time, and closes one that opens later', async () => {
		const h = harness({});
		let late: FakeSession | undefined;
		h.deps.engine.exec = () =>
			new Promise((resolve) => {
				setTimeout(() => {
					late = new FakeSession({say: '/ # ', endOnInput: true});
					resolve(late);
				}, 80);
			});
		const notice = await runSession(shell, {...h.deps, openMs: 20});
		expect(notice).toEqual({level: 'error', text: 'cannot open a shell in web-1: the engine did not answer within 20 ms'});
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect(late?.closed).toBe(true);
		expect(h.suspended).toEqual([]);
	});

	it('says the connection broke when the stream errors, and still gives the terminal back', async () => {
		const h = harness({'*': {say: '/ # ', error: new Error('read ECONNRESET')}});
		const notice = await runSession(shell, h.deps);
		expect(notice.level).toBe('error');
		expect(notice.text).toContain('the connection to the engine broke (read ECONNRESET)');
		expect(h.suspended.at(-1)).toBe('resumed');
		expect(h.input.isRaw).toBe(false);
	});

	it('reports a detach when the keys are typed, and does not ask for an exit code', async () => {
		const h = harness({'*': {say: '/ # ', endOnInput: true}}, {onSuspend: (input) => setTimeout(() => input.type('\u0010\u0011'), 5)});
		expect(await runSession(shell, h.deps)).toEqual({level: 'info', text: 'detached from the shell in web-1; it keeps running'});
		expect(h.sessions[0]!.typed.join('')).toBe('\u0010\u0011');
	});
});

describe('runSession: E (a command) and A (attach)', () => {
	it("runs the argv as is and waits for a key so its output can be read", async () => {
		let keyAsked = false;
		const h = harness({'ls -l /tmp': {say: 'total 0\r\n', exitCode: 0}}, {
			onSuspend: (input) => {
				const poll = setInterval(() => {
					if (!h.output.text.includes('press any key')) return;
					clearInterval(poll);
					keyAsked = true;
					input.type('x');
				}, 5);
			},
		});
		const notice = await runSession({seq: 2, kind: 'command', id: 'c1', name: 'web-1', argv: ['ls', '-l', '/tmp']}, h.deps);
		expect(keyAsked).toBe(true);
		expect(h.output.text).toContain('total 0');
		expect(h.output.text).toContain('[berth] exited with code 0 · press any key to return to berth');
		expect(notice).toEqual({level: 'info', text: '`ls -l /tmp` in web-1 exited with code 0'});
	});

	it('attaches with the detach keys and reports how the main process ended', async () => {
		const h = harness({attach: {exitCode: 0, afterMs: 10}});
		expect(await runSession({seq: 3, kind: 'attach', id: 'c1', name: 'tty-1'}, h.deps)).toEqual({level: 'info', text: 'tty-1 exited with code 0'});
		expect(h.calls).toEqual([{kind: 'attach', detachKeys: 'ctrl-p,ctrl-q'}]);
		expect(h.output.text).toContain('Ctrl-C goes to the container, not berth · Ctrl-P Ctrl-Q detaches');
		// One larger first, so the program redraws.
		expect(h.sessions[0]!.sizes.slice(0, 2)).toEqual([[31, 101], [30, 100]]);
	});

	it('says detached when the engine ended the stream and the process still runs', async () => {
		const h = harness({attach: {afterMs: 10}});
		expect(await runSession({seq: 4, kind: 'attach', id: 'c1', name: 'tty-1'}, h.deps)).toEqual({level: 'info', text: 'detached from tty-1; it keeps running'});
	});
});
