/**
 * The terminal hand-off (source/terminal/raw-mode.ts) on fake streams: raw mode and
 * listeners are put back however the session ends, both directions are piped, sizes are
 * sent, the detach sequence is seen across chunks.
 */
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {handOffTerminal, resetTerminalModes, tapStream, waitForKey, type HandOffOptions} from '../../source/terminal/raw-mode.js';
import {parseDetachKeys} from '../../source/terminal/detach-keys.js';

/** A terminal's input: raw-mode calls recorded, chunks queued for read() as a tty.ReadStream in paused mode does. */
class FakeInput extends EventEmitter {
	isRaw: boolean;
	readonly rawCalls: boolean[] = [];
	private queue: string[] = [];

	constructor(raw = false) {
		super();
		this.isRaw = raw;
	}

	setRawMode(mode: boolean) {
		this.rawCalls.push(mode);
		this.isRaw = mode;
	}

	read(): string | null {
		return this.queue.shift() ?? null;
	}

	type(chunk: string) {
		this.queue.push(chunk);
		this.emit('readable');
	}

	/** Buffered before anyone listens: no 'readable' for it. */
	buffer(chunk: string) {
		this.queue.push(chunk);
	}
}

class FakeOutput extends EventEmitter {
	columns = 100;
	rows = 30;
	readonly writes: string[] = [];
	failWrites = false;

	write(data: string | Uint8Array) {
		if (this.failWrites) throw new Error('EIO: the terminal is gone');
		this.writes.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
		return true;
	}

	text() {
		return this.writes.join('');
	}
}

/** A session stream: what berth writes lands in `written`; `say` is the container talking. */
function fakeStream() {
	const written: string[] = [];
	const duplex = Object.assign(new EventEmitter(), {
		write(data: string | Uint8Array) {
			written.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
			return true;
		},
	});
	return {
		stream: duplex as unknown as HandOffOptions['stream'] & EventEmitter,
		written,
		say: (text: string) => duplex.emit('data', Buffer.from(text)),
		end: () => {
			duplex.emit('end');
			duplex.emit('close');
		},
		fail: (error: Error) => duplex.emit('error', error),
	};
}

function setup(options: {raw?: boolean} = {}) {
	const input = new FakeInput(options.raw);
	const output = new FakeOutput();
	const session = fakeStream();
	const sizes: Array<[number, number]> = [];
	const tap = tapStream(session.stream);
	const base: HandOffOptions = {input, output, stream: session.stream, tap, resize: (rows, cols) => sizes.push([rows, cols])};
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	return {input, output, session, sizes, tap, base, tick};
}

function expectRestored(input: FakeInput, output: FakeOutput, session: ReturnType<typeof fakeStream>, wasRaw = false) {
	expect(input.isRaw).toBe(wasRaw);
	expect(input.listenerCount('readable')).toBe(0);
	expect(output.listenerCount('resize')).toBe(0);
	expect(session.stream.listenerCount('data')).toBe(0);
}

describe('handOffTerminal', () => {
	it('puts the terminal in raw mode, pipes both ways, and restores it when the process exits', async () => {
		const {input, output, session, base, tick} = setup();
		const done = handOffTerminal({...base, banner: '[banner]\r\n'});
		await tick();
		expect(input.isRaw).toBe(true);
		input.type('echo $((6*7))\r');
		session.say('42\r\n');
		expect(session.written.join('')).toBe('echo $((6*7))\r');
		expect(output.text()).toContain('[banner]\r\n42\r\n');
		session.end();
		expect(await done).toEqual({how: 'ended'});
		expect(input.rawCalls).toEqual([true, false]);
		expectRestored(input, output, session);
		expect(output.writes.at(-1)).toBe(resetTerminalModes);
	});

	it('restores raw mode and listeners when the stream errors', async () => {
		const {input, output, session, base, tick} = setup();
		const done = handOffTerminal(base);
		await tick();
		expect(input.isRaw).toBe(true);
		session.fail(new Error('read ECONNRESET'));
		const result = await done;
		expect(result.how).toBe('error');
		expect(result.how === 'error' && result.error.message).toBe('read ECONNRESET');
		expectRestored(input, output, session);
		// A late error after the hand-off must not crash berth (an 'error' with no listener throws).
		expect(() => session.fail(new Error('late'))).not.toThrow();
	});

	it('restores the terminal when writing to it fails mid-session', async () => {
		const {input, output, session, base, tick} = setup();
		const done = handOffTerminal(base);
		await tick();
		output.failWrites = true;
		// Thrown inside the stream's data handler: it must end the session, not crash berth.
		expect(() => session.say('output that cannot be shown')).not.toThrow();
		const result = await done;
		expect(result.how === 'error' && result.error.message).toBe('EIO: the terminal is gone');
		expectRestored(input, output, session);
	});

	it('keeps raw mode on when it was on before', async () => {
		const {input, output, session, base, tick} = setup({raw: true});
		const done = handOffTerminal(base);
		await tick();
		session.end();
		await done;
		expectRestored(input, output, session, true);
	});

	it('writes what the session said before the hand-off first, after the banner', async () => {
		const {output, session, base, tap, tick} = setup();
		session.say('/ # ');
		expect(tap.text()).toBe('/ # ');
		const done = handOffTerminal({...base, banner: 'B\r\n'});
		await tick();
		session.say('more');
		session.end();
		await done;
		expect(output.text().startsWith('B\r\n/ # more')).toBe(true);
		expect(tap.head()).toBe('/ # more');
	});

	it('forwards keys typed before the hand-off (already buffered, no readable event)', async () => {
		const {input, session, base, tick} = setup();
		input.buffer('ls\r');
		const done = handOffTerminal(base);
		await tick();
		expect(session.written).toEqual(['ls\r']);
		session.end();
		await done;
	});

	it('sends the size at start and on every resize; with nudgeSize one larger first', async () => {
		const {output, session, sizes, base, tick} = setup();
		const done = handOffTerminal({...base, nudgeSize: true});
		await tick();
		expect(sizes).toEqual([[31, 101], [30, 100]]);
		output.rows = 20;
		output.columns = 70;
		output.emit('resize');
		expect(sizes.at(-1)).toEqual([20, 70]);
		session.end();
		await done;
		output.emit('resize');
		expect(sizes).toHaveLength(3);
	});

	it('ends as detached when the detach keys arrive, even split across chunks, and forwards them', async () => {
		const {input, output, session, base, tick} = setup();
		const detach = parseDetachKeys('ctrl-p,ctrl-q').bytes;
		const done = handOffTerminal({...base, detach});
		await tick();
		input.type('a\u0010');
		input.type('b');
		input.type('\u0010');
		// The engine closes the stream once it has seen the sequence.
		setTimeout(() => session.end(), 10);
		input.type('\u0011');
		expect(await done).toEqual({how: 'detached'});
		expect(session.written.join('')).toBe('a\u0010b\u0010\u0011');
		expectRestored(input, output, session);
	});

	it('runs afterEnd while the terminal is still raw, then restores it', async () => {
		const {input, session, base, tick} = setup();
		let rawDuringAfterEnd: boolean | undefined;
		const done = handOffTerminal({
			...base,
			async afterEnd() {
				rawDuringAfterEnd = input.isRaw;
			},
		});
		await tick();
		session.end();
		await done;
		expect(rawDuringAfterEnd).toBe(true);
		expect(input.isRaw).toBe(false);
	});

	it('restores the terminal when afterEnd throws', async () => {
		const {input, output, session, base, tick} = setup();
		const done = handOffTerminal({
			...base,
			async afterEnd() {
				throw new Error('inspect failed');
			},
		});
		await tick();
		session.end();
		expect(await done).toMatchObject({how: 'error'});
		expectRestored(input, output, session);
	});
});

describe('waitForKey', () => {
	it('ignores keys typed earlier, waits for a new one, and restores raw mode', async () => {
		const input = new FakeInput(false);
		const output = new FakeOutput();
		input.buffer('typed during the command');
		let resolved = false;
		const done = waitForKey(input, output, 'press any key').then(() => {
			resolved = true;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(resolved).toBe(false);
		expect(input.isRaw).toBe(true);
		expect(output.text()).toBe('press any key');
		input.type('x');
		await done;
		expect(input.isRaw).toBe(false);
		expect(input.listenerCount('readable')).toBe(0);
	});
});
