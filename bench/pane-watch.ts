/**
 * Latency measurement without polling: one tmux control-mode client (`tmux -C`) per
 * pane sends the keys (no tmux process started per key) and reports, as `%output`
 * notifications, every byte the program writes to the pane, when tmux reads it.
 * A figure is then "key written -> the output after which the screen shows the
 * change", the screen checked with capture-pane after each output (untimed), so
 * its resolution is the output's arrival, not a capture-pane round trip.
 * bench/README.md ("Latency figures: what the harness adds") has the floors.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import type {TmuxSession} from '../test/support/tmux.js';

/** One `%output` notification: when it arrived and the pane bytes it carried. */
export type PaneOutput = {at: number; bytes: string};

export type PaneWatch = {
	/** Types keys (tmux key names, e.g. Down, C-l) through the control client; returns when they were written to it. */
	sendKeys(...keys: string[]): number;
	/**
	 * Time (performance.now()) of the output after which `check()` first holds: after every
	 * output that arrives from `since` on, `check` runs (e.g. a capture-pane); the answer is
	 * the last output that had arrived before that successful check began. With
	 * `alreadyCounts`, a screen that passes before any output answers `since` (an event's row
	 * drawn before `docker run` returned); without, the first check waits for an output.
	 */
	screenChange(since: number, check: () => Promise<boolean>, timeoutMs: number, options?: {alreadyCounts?: boolean}): Promise<number>;
	close(): void;
};

/**
 * Launch to a screen: the pane runs `sh -c 'read _; exec command'`, so the clock starts
 * when Enter is sent through the control client and the command is exec'd, not when tmux
 * started; it stops at the output after which `ready(capture-pane)` holds.
 */
export async function timeLaunch(start: (command: string[]) => Promise<TmuxSession>, command: string[], ready: (screen: string) => boolean, timeoutMs = 20_000): Promise<number> {
	const session = await start(['sh', '-c', 'read _ && exec "$@"', 'sh', ...command]);
	try {
		const watch = await watchPane(session);
		try {
			const began = watch.sendKeys('Enter');
			return (await watch.screenChange(began, async () => ready(await session.capture()), timeoutMs)) - began;
		} finally {
			watch.close();
		}
	} finally {
		await session.kill();
	}
}

/**
 * The pane bytes of a `%output %<pane> <data>` line (tmux escapes bytes below 32 and the
 * backslash as \ooo octal), or undefined for any other notification. Pure.
 */
export function decodeOutputLine(line: string): string | undefined {
	const match = /^%output %\d+ (.*)$/s.exec(line);
	if (!match) return undefined;
	const bytes = Buffer.from(match[1]!.replaceAll(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))), 'latin1');
	return bytes.toString('utf8');
}

export async function watchPane(session: TmuxSession, target = 'berth'): Promise<PaneWatch> {
	const client: ChildProcessWithoutNullStreams = spawn('tmux', ['-S', session.socket, '-C', 'attach-session', '-t', target], {stdio: ['pipe', 'pipe', 'pipe']});
	const outputs: PaneOutput[] = [];
	let wake: (() => void) | undefined;
	let pending = '';
	client.stdout.setEncoding('latin1');
	client.stdout.on('data', (chunk: string) => {
		const at = performance.now();
		pending += chunk;
		let newline: number;
		while ((newline = pending.indexOf('\n')) !== -1) {
			const line = pending.slice(0, newline);
			pending = pending.slice(newline + 1);
			const bytes = decodeOutputLine(line);
			if (bytes !== undefined) outputs.push({at, bytes});
		}

		// Only the recent past is ever asked about.
		if (outputs.length > 4096) outputs.splice(0, outputs.length - 1024);
		wake?.();
	});
	// The client is ready once tmux answers its first command.
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('tmux control client did not start')), 10_000);
		const onData = (chunk: string) => {
			if (chunk.includes('%end') || chunk.includes('%exit')) {
				clearTimeout(timer);
				client.stdout.off('data', onData);
				resolve();
			}
		};

		client.stdout.on('data', onData);
		client.stdin.write('display-message -p ready\n');
	});

	const nextOutput = (after: number, deadline: number) =>
		new Promise<PaneOutput | undefined>((resolve) => {
			const look = () => {
				const found = outputs.find((output) => output.at > after);
				if (found) return resolve(found);
				if (performance.now() > deadline) return resolve(undefined);
				wake = look;
				setTimeout(look, Math.max(1, Math.min(50, deadline - performance.now())));
			};

			look();
		});

	return {
		sendKeys(...keys) {
			client.stdin.write(`${keys.map((key) => `send-keys -t ${target} ${key}`).join('\n')}\n`);
			return performance.now();
		},
		async screenChange(since, check, timeoutMs, {alreadyCounts = false} = {}) {
			const deadline = performance.now() + timeoutMs;
			if (alreadyCounts && (await check())) return since;
			let seen = since;
			for (;;) {
				const output = await nextOutput(seen, deadline);
				if (!output) throw new Error(`screen did not change in ${timeoutMs} ms`);
				// Everything that arrived by now is on the screen the check reads.
				const last = outputs.at(-1)!;
				seen = last.at;
				if (await check()) return last.at;
			}
		},
		close() {
			client.stdin.end();
			client.kill();
		},
	};
}
