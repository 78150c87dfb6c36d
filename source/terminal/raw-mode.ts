/**
 * Handing berth's terminal to a process in a container and taking it back: raw mode on,
 * both directions piped, the size sent at start and on every resize, and, however the
 * session ends (the process exits, the engine drops the stream, the stream errors,
 * the user detaches), every listener removed and raw mode put back as it was.
 * Leaving and re-entering Ink's alternate screen is Ink's suspendTerminal(); this runs inside it.
 */
import {detachWatcher} from './detach-keys.js';

/** What is read of the terminal's input: process.stdin (a tty.ReadStream), or a fake. */
export type TerminalInput = {
	readonly isRaw?: boolean;
	setRawMode?(mode: boolean): unknown;
	read(): string | Buffer | null;
	on(event: 'readable', listener: () => void): unknown;
	off(event: 'readable', listener: () => void): unknown;
};

/** What is written to: process.stdout, or a fake. */
export type TerminalOutput = {
	readonly columns?: number;
	readonly rows?: number;
	write(data: string | Uint8Array): unknown;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
};

/** The stream of a session, as far as the hand-off uses it. */
export type SessionStream = {
	write(data: string | Uint8Array): unknown;
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	off(event: 'end' | 'close', listener: () => void): unknown;
	off(event: 'error', listener: (error: Error) => void): unknown;
};

/** How the stream ended: `ended` by the engine (the process exited, or detached there), or broke. */
export type StreamEnd = {how: 'ended'} | {how: 'error'; error: Error};

/**
 * Listens to a session's stream from the moment it is open: what it says is kept until
 * the terminal is handed over (so nothing is lost while berth decides, and a start
 * failure can be read without ever showing it), then forwarded as it comes.
 */
export type StreamTap = {
	/** Resolves when the stream has said something or ended, or after `ms`. */
	settle(ms: number): Promise<void>;
	/** Set once the stream has ended or broken. */
	readonly end: StreamEnd | undefined;
	/** Resolves when the stream ends or breaks. */
	readonly ended: Promise<StreamEnd>;
	/** Everything received and not yet forwarded, as text. */
	text(): string;
	/** The start of everything received (forwarded or not), as text: how a start failure is recognised. */
	head(): string;
	/** Writes what was kept to `sink`, then everything after it as it arrives. */
	forward(sink: (chunk: Buffer | string) => void): void;
	/** Stops listening (the stream's data is dropped from then on). */
	detach(): void;
};

/** Enough for an engine's start-failure line ("OCI runtime exec failed: … not found …"). */
const headLength = 1024;

export function tapStream(stream: SessionStream): StreamTap {
	let kept: Array<Buffer | string> = [];
	let head = '';
	let sink: ((chunk: Buffer | string) => void) | undefined;
	let end: StreamEnd | undefined;
	let wake: (() => void) | undefined;
	let resolveEnded!: (end: StreamEnd) => void;
	const ended = new Promise<StreamEnd>((resolve) => {
		resolveEnded = resolve;
	});
	const onData = (chunk: Buffer | string) => {
		if (head.length < headLength) head += (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).slice(0, headLength - head.length);
		if (sink) sink(chunk);
		else kept.push(chunk);
		wake?.();
	};

	const finish = (result: StreamEnd) => {
		if (end) return;
		end = result;
		resolveEnded(result);
		wake?.();
	};

	const onEnd = () => finish({how: 'ended'});
	const onError = (error: Error) => finish({how: 'error', error});
	stream.on('data', onData);
	stream.on('end', onEnd);
	stream.on('close', onEnd);
	stream.on('error', onError);
	return {
		settle(ms) {
			if (end || kept.length > 0) return Promise.resolve();
			return new Promise((resolve) => {
				const timer = setTimeout(done, ms);
				function done() {
					clearTimeout(timer);
					wake = undefined;
					resolve();
				}

				wake = done;
			});
		},
		get end() {
			return end;
		},
		ended,
		text: () => kept.map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))).join(''),
		head: () => head,
		forward(next) {
			sink = next;
			const pending = kept;
			kept = [];
			for (const chunk of pending) next(chunk);
		},
		detach() {
			sink = undefined;
			stream.off('data', onData);
			stream.off('end', onEnd);
			stream.off('close', onEnd);
			stream.off('error', onError);
			// A late error with no listener would crash the process.
			stream.on('error', () => undefined);
		},
	};
}

export type HandOffOptions = {
	input: TerminalInput;
	output: TerminalOutput;
	stream: SessionStream;
	tap: StreamTap;
	/** Sends the terminal's size to the session (exec or container resize). */
	resize(rows: number, cols: number): unknown;
	/** Written first, on the terminal berth hands over (e.g. how to get back). */
	banner?: string;
	/** The detach sequence's bytes: seen in the input, the session ends as detached. */
	detach?: Uint8Array;
	/**
	 * Attach: send the size one larger first, so the program redraws (a resize to the size
	 * it already has is no change, and no SIGWINCH); the docker CLI does the same.
	 */
	nudgeSize?: boolean;
	/**
	 * Runs once the session has ended, before the terminal is restored (still raw, so a
	 * Ctrl-C meanwhile is a key, not a SIGINT for berth): ask for the exit code, wait for a key.
	 */
	afterEnd?(result: HandOffResult): Promise<void>;
};

export type HandOffResult = StreamEnd | {how: 'detached'};

/**
 * After a session: modes a program may have left on (application cursor keys and keypad,
 * mouse reporting, bracketed paste, a scroll region, colours, a hidden cursor) would
 * otherwise reach berth's screen and keyboard; Ink re-enables what it uses itself when it
 * takes the terminal back. The scroll region is reset between a cursor save and restore
 * (resetting it homes the cursor). Not ?1049l: on the main screen it still restores the
 * cursor saved when berth started (xterm, tmux), and berth's exit would then write over
 * the session's transcript.
 */
export const resetTerminalModes =
	'\u001B[0m\u001B7\u001B[r\u001B8\u001B[?1l\u001B>\u001B[?1000l\u001B[?1002l\u001B[?1003l\u001B[?1006l\u001B[?2004l\u001B[?25h\r\n';

/** How long a detach waits for the engine to close the stream after the sequence went out. */
const detachGraceMs = 1000;

/** Pipes the terminal and the session both ways until the session ends; always restores the terminal. */
export async function handOffTerminal(options: HandOffOptions): Promise<HandOffResult> {
	const {input, output, stream, tap} = options;
	const wasRaw = input.isRaw === true;
	const watcher = options.detach && options.detach.length > 0 ? detachWatcher(options.detach) : undefined;
	let onReadable: (() => void) | undefined;
	let onResize: (() => void) | undefined;
	try {
		input.setRawMode?.(true);
		if (options.banner) output.write(options.banner);
		const size = () => ({rows: output.rows ?? 24, cols: output.columns ?? 80});
		onResize = () => {
			const {rows, cols} = size();
			void options.resize(rows, cols);
		};

		if (options.nudgeSize) void options.resize(size().rows + 1, size().cols + 1);
		onResize();
		output.on('resize', onResize);
		// These run in the streams' event handlers: a throw there would be an uncaught exception.
		let broke!: (result: StreamEnd) => void;
		const broken = new Promise<StreamEnd>((resolve) => {
			broke = resolve;
		});
		const guard = (run: () => void) => {
			try {
				run();
			} catch (error) {
				broke({how: 'error', error: error instanceof Error ? error : new Error(String(error))});
			}
		};

		tap.forward((chunk) => guard(() => output.write(chunk)));
		const detached = new Promise<{how: 'detached'}>((resolve) => {
			onReadable = () =>
				guard(() => {
					let chunk: string | Buffer | null;
					while ((chunk = input.read()) !== null) {
						stream.write(chunk);
						if (watcher?.push(chunk)) resolve({how: 'detached'});
					}
				});
		});
		input.on('readable', onReadable!);
		// Keys typed before the hand-off are already buffered: no 'readable' would come for them.
		onReadable!();
		const result = await Promise.race([tap.ended, detached, broken]);
		if (result.how === 'detached') {
			// The engine ends the stream itself when it sees the sequence; give it a moment.
			await Promise.race([tap.ended, new Promise((resolve) => setTimeout(resolve, detachGraceMs))]);
		}

		if (onReadable) input.off('readable', onReadable);
		onReadable = undefined;
		await options.afterEnd?.(result);
		return result;
	} catch (error) {
		return {how: 'error', error: error instanceof Error ? error : new Error(String(error))};
	} finally {
		if (onReadable) input.off('readable', onReadable);
		if (onResize) output.off('resize', onResize);
		tap.detach();
		try {
			output.write(resetTerminalModes);
		} catch {
			// A closed terminal: nothing to restore on it.
		}

		input.setRawMode?.(wasRaw);
	}
}

/** Shows `message` and waits for one key (raw mode, restored after), so a command's output can be read. */
export async function waitForKey(input: TerminalInput, output: TerminalOutput, message: string): Promise<void> {
	const wasRaw = input.isRaw === true;
	let onReadable: (() => void) | undefined;
	try {
		input.setRawMode?.(true);
		// Keys typed while the command ran went to it, or came too late for it: not an answer to this.
		while (input.read() !== null);
		output.write(message);
		await new Promise<void>((resolve) => {
			onReadable = () => {
				let got = false;
				while (input.read() !== null) got = true;
				if (got) resolve();
			};

			input.on('readable', onReadable);
		});
	} finally {
		if (onReadable) input.off('readable', onReadable);
		input.setRawMode?.(wasRaw);
	}
}
