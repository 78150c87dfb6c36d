/**
 * One terminal session from request to the line the status bar shows after it: open the
 * exec (or attach), watch its first output while the dashboard is still up (an engine's
 * start failure, e.g. no /bin/bash, is answered there: fall back to /bin/sh, or say so),
 * then give the terminal to it inside Ink's suspendTerminal() and read how it ended.
 */
import {EngineError, type Engine, type ExecSession} from '../engine/engine.js';
import type {SessionRequest} from '../store/shell-slice.js';
import type {DetachKeys} from './detach-keys.js';
import {handOffTerminal, tapStream, waitForKey, type HandOffResult, type StreamTap, type TerminalInput, type TerminalOutput} from './raw-mode.js';

/** e without --shell: bash where there is one, else sh (busybox and alpine images have no bash). */
export const defaultShells: readonly string[][] = [['/bin/bash'], ['/bin/sh']];

export type SessionNotice = {level: 'info' | 'warn' | 'error'; text: string};

export type SessionDeps = {
	engine: Pick<Engine, 'exec' | 'attach'>;
	/** Ink's suspendTerminal (callback form): the terminal is the session's while `run` runs. */
	suspend(run: () => Promise<void>): Promise<void>;
	input: TerminalInput;
	output: TerminalOutput;
	/** --shell: that command only; else defaultShells. */
	shell?: string[];
	detachKeys: DetachKeys;
	/**
	 * How long a new exec's stream is watched for a start failure before it gets the terminal
	 * (a shell prints its prompt at once, a failure comes as soon as the engine tried).
	 */
	probeMs?: number;
	/** How long the engine gets to open the session (default 15 s); keys are held meanwhile. */
	openMs?: number;
};

/** Runs a requested session; never throws: every outcome is a notice. */
export async function runSession(request: SessionRequest, deps: SessionDeps): Promise<SessionNotice> {
	const name = printable(request.name);
	try {
		if (request.kind === 'attach') return await runAttach(request.id, name, deps);
		return await runExec(request, name, deps);
	} catch (error) {
		const what = request.kind === 'attach' ? `cannot attach to ${name}` : `cannot ${request.kind === 'shell' ? 'open a shell' : 'run the command'} in ${name}`;
		return {level: 'error', text: `${what}: ${reason(error)}`};
	}
}

async function runExec(request: SessionRequest, name: string, deps: SessionDeps): Promise<SessionNotice> {
	const candidates = request.kind === 'shell' ? (deps.shell ? [deps.shell] : defaultShells) : [request.argv ?? []];
	const notFound: string[] = [];
	for (const [index, cmd] of candidates.entries()) {
		const label = request.kind === 'shell' ? 'shell' : `\`${commandLine(cmd)}\``;
		const session = await inTime(deps.engine.exec(request.id, {cmd, tty: true, detachKeys: deps.detachKeys.spec}), deps.openMs);
		void session.resize(deps.output.rows ?? 24, deps.output.columns ?? 80);
		const tap = tapStream(session.stream);
		const probeMs = deps.probeMs ?? 1000;
		await tap.settle(probeMs);
		// The runtime's words come first, the end of the stream a moment later.
		if (!tap.end && runtimeWords.test(tap.head())) await Promise.race([tap.ended, delay(probeMs)]);
		if (tap.end) {
			// Unknown (the engine cannot say): not a start failure; the hand-off shows what it said.
			const early = await session.wait().catch((): {exitCode?: number} => ({}));
			const failure = startFailure(tap.head(), early.exitCode);
			if (failure) {
				tap.detach();
				session.close();
				if (failure === 'not-found') notFound.push(cmd[0] ?? '');
				if (failure === 'not-found' && index < candidates.length - 1) continue;
				return failureNotice(failure, cmd, notFound, name, early.exitCode, tap.head());
			}
		}

		const banner =
			request.kind === 'shell'
				? `[berth] ${printable(commandLine(cmd))} in ${name} · exit returns to berth · ${deps.detachKeys.label} detaches\r\n`
				: `[berth] ${printable(commandLine(cmd))} in ${name}\r\n`;
		const hold = request.kind === 'command';
		const {result, exit} = await handOff(session, tap, deps, {banner, hold});
		// Seen only now (the failure came after the probe): the same answer, a moment later.
		const exitCode = exit && !('error' in exit) ? exit.exitCode : undefined;
		const failure = result.how === 'ended' ? startFailure(tap.head(), exitCode) : undefined;
		if (failure) {
			if (failure === 'not-found') notFound.push(cmd[0] ?? '');
			if (failure === 'not-found' && index < candidates.length - 1) continue;
			return failureNotice(failure, cmd, notFound, name, exitCode, tap.head());
		}

		return endNotice(result, exit, `${label} in ${name}`, `the ${request.kind === 'shell' ? 'shell' : 'command'} in ${name}`);
	}

	return {level: 'error', text: `cannot open a shell in ${name}: no command to run`};
}

async function runAttach(id: string, name: string, deps: SessionDeps): Promise<SessionNotice> {
	const session = await inTime(deps.engine.attach(id, {detachKeys: deps.detachKeys.spec}), deps.openMs);
	const tap = tapStream(session.stream);
	const banner = `[berth] attached to ${name} · Ctrl-C goes to the container, not berth · ${deps.detachKeys.label} detaches\r\n`;
	const {result, exit} = await handOff(session, tap, deps, {banner, hold: false, nudge: true});
	return endNotice(result, exit, name, name);
}

type Exit = {exitCode?: number} | {error: unknown};

/** Gives the terminal to the session; how it ended and, unless it was detached, its exit. */
async function handOff(
	session: ExecSession,
	tap: StreamTap,
	deps: SessionDeps,
	options: {banner: string; hold: boolean; nudge?: boolean},
): Promise<{result: HandOffResult; exit?: Exit}> {
	let result: HandOffResult = {how: 'ended'};
	let exit: Exit | undefined;
	try {
		await deps.suspend(async () => {
			result = await handOffTerminal({
				input: deps.input,
				output: deps.output,
				stream: session.stream,
				tap,
				resize: (rows, cols) => session.resize(rows, cols),
				banner: `\r\n${options.banner}`,
				detach: deps.detachKeys.bytes,
				nudgeSize: options.nudge === true,
				async afterEnd(ended) {
					if (ended.how !== 'ended') return;
					const known: Exit = await session.wait().catch((error: unknown) => ({error}));
					exit = known;
					// A one-off command's output would vanish with the dashboard's redraw: let it be read.
					if (options.hold) {
						const code = !('error' in known) && known.exitCode !== undefined ? `exited with code ${known.exitCode}` : 'ended';
						await waitForKey(deps.input, deps.output, `\r\n[berth] ${code} · press any key to return to berth`);
					}
				},
			});
		});
	} finally {
		session.close();
	}

	return exit === undefined ? {result} : {result, exit};
}

function endNotice(result: HandOffResult, exit: Exit | undefined, what: string, detachedFrom: string): SessionNotice {
	if (result.how === 'detached') return {level: 'info', text: `detached from ${detachedFrom}; it keeps running`};
	if (result.how === 'error') return {level: 'error', text: `${what} ended: the connection to the engine broke (${reason(result.error)})`};
	if (exit && 'error' in exit) return {level: 'error', text: `${what} ended; its exit code is unknown (${reason(exit.error)})`};
	if (exit?.exitCode === undefined) return {level: 'info', text: `detached from ${detachedFrom}; it keeps running`};
	return {level: exit.exitCode === 0 ? 'info' : 'warn', text: `${what} exited with code ${exit.exitCode}`};
}

const runtimeWords = /OCI runtime|exec failed/i;

/** The session, or an error after `ms`; one that opens later is closed at once. */
async function inTime(opening: Promise<ExecSession>, ms = 15_000): Promise<ExecSession> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			void opening.then((session) => session.close(), () => undefined);
			reject(new Error(`the engine did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`));
		}, ms);
	});
	try {
		return await Promise.race([opening, late]);
	} finally {
		clearTimeout(timer);
	}
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The engine could not start the command: it says so in the stream ("OCI runtime exec failed:
 * exec failed: … no such file or directory", Podman: "… executable file `x` not found …
 * OCI runtime attempted to invoke a command that was not found") and the exec ends with 126
 * or 127. A program that itself exits 126/127 does not print the runtime's words.
 */
export function startFailure(head: string, exitCode: number | undefined): 'not-found' | 'cannot-run' | undefined {
	if (exitCode !== 126 && exitCode !== 127) return undefined;
	if (!runtimeWords.test(head)) return undefined;
	return /not found|no such file/i.test(head) ? 'not-found' : 'cannot-run';
}

function failureNotice(
	failure: 'not-found' | 'cannot-run',
	cmd: string[],
	notFound: string[],
	name: string,
	exitCode: number | undefined,
	head: string,
): SessionNotice {
	const code = exitCode === undefined ? '' : ` (exit ${exitCode})`;
	if (failure === 'cannot-run') {
		const why = /permission denied|is a directory|exec format error/i.exec(head)?.[0]?.toLowerCase() ?? 'the engine could not start it';
		return {level: 'error', text: `cannot run ${printable(cmd[0] ?? '')} in ${name}: ${why}${code}`};
	}

	if (notFound.length > 1) return {level: 'error', text: `no shell in ${name}: ${notFound.map(printable).join(' and ')} not found${code}; --shell names another`};
	return {level: 'error', text: `${printable(cmd[0] ?? '')} not found in ${name}${code}`};
}

/** argv as a person would type it again: words with spaces or quotes quoted. */
export function commandLine(argv: readonly string[]): string {
	return argv.map((word) => (word === '' || /[\s'"\\$`]/.test(word) ? `'${word.replaceAll("'", `'\\''`)}'` : word)).join(' ');
}

function reason(error: unknown): string {
	if (error instanceof EngineError) return error.problem.title;
	return printable(error instanceof Error ? error.message : String(error));
}

/** Container data on berth's own lines: no control characters. */
function printable(text: string): string {
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '');
}

