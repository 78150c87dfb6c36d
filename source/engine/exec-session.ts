/**
 * exec and attach with a terminal on dockerode: the hijacked stream (HTTP upgrade to a
 * raw TCP stream, the same over unix, tcp, TLS and berth's ssh-forwarded socket), resize,
 * and how the process ended. With Tty the stream is the terminal's bytes, not multiplexed.
 * Engine API: ExecCreate/ExecStart/ExecResize/ExecInspect, ContainerAttach/ContainerResize.
 */
import type {Duplex} from 'node:stream';
import type Docker from 'dockerode';
import {EngineError, type EngineProblem, type ExecOptions, type ExecSession} from './engine.js';
import {errorFacts} from './error-facts.js';

type Fail = (error: unknown) => never;

/** How long wait() gives the engine to notice that the process ended before saying it still runs. */
const settleMs = 1000;
const pollMs = 50;

/** Creates and starts an exec with a TTY; rejects (through `fail`) with the engine's refusal. */
export async function openExec(docker: Docker, id: string, options: ExecOptions, fail: Fail): Promise<ExecSession> {
	const create: Docker.ExecCreateOptions & {DetachKeys?: string} = {
		Cmd: options.cmd,
		AttachStdin: true,
		AttachStdout: true,
		AttachStderr: true,
		Tty: true,
	};
	if (options.env) create.Env = options.env;
	if (options.detachKeys) create.DetachKeys = options.detachKeys;
	let exec: Docker.Exec;
	let stream: Duplex;
	try {
		exec = await docker.getContainer(id).exec(create);
		// docker-modem answers a hijacked start with the upgraded socket itself.
		stream = (await exec.start({hijack: true, stdin: true, Tty: true} as Docker.ExecStartOptions)) as unknown as Duplex;
	} catch (error) {
		return fail(refusal(error, 'exec'));
	}

	return {
		stream,
		resize: inOrder((rows, cols) => resizeWithRetry(() => exec.resize({h: rows, w: cols}))),
		async wait() {
			try {
				return await settled(async () => {
					const info = await exec.inspect();
					return {running: info.Running, exitCode: info.ExitCode ?? undefined};
				});
			} catch (error) {
				return fail(error);
			}
		},
		close: () => stream.destroy(),
	};
}

/** Attaches to a running container's TTY; says plainly when there is none to attach to. */
export async function openAttach(docker: Docker, id: string, options: {detachKeys?: string}, fail: Fail): Promise<ExecSession> {
	const container = docker.getContainer(id);
	let stream: Duplex;
	try {
		const info = await container.inspect();
		const name = info.Name.replace(/^\//, '') || id.slice(0, 12);
		const problem = attachProblem(name, info.State, info.Config);
		if (problem) throw new EngineError(problem);
		const query: Record<string, unknown> = {stream: true, stdin: true, stdout: true, stderr: true, hijack: true};
		if (options.detachKeys) query['detachKeys'] = options.detachKeys;
		stream = (await container.attach(query)) as unknown as Duplex;
	} catch (error) {
		return fail(error instanceof EngineError ? error : refusal(error, 'attach'));
	}

	return {
		stream,
		resize: inOrder((rows, cols) => resizeWithRetry(() => container.resize({h: rows, w: cols}))),
		async wait() {
			try {
				return await settled(async () => {
					const {State} = await container.inspect();
					return {running: State.Running, exitCode: State.ExitCode};
				});
			} catch (error) {
				return fail(error);
			}
		},
		close: () => stream.destroy(),
	};
}

/** Why a container cannot be attached to, or undefined when it can. */
export function attachProblem(
	name: string,
	state: {Running: boolean; Paused: boolean},
	config: {Tty: boolean; OpenStdin: boolean},
): EngineProblem | undefined {
	const problem = (title: string): EngineProblem => ({kind: 'other', title, detail: `${name} cannot be attached to.`, hint: ''});
	if (state.Paused) return problem('it is paused: unpause it (p) first');
	if (!state.Running) return problem('it is not running: start it (S) first');
	if (!config.Tty || !config.OpenStdin) return problem('it has no terminal (it was not run with -t -i); e opens a shell in it');

	return undefined;
}

/** The stream has ended, but the engine may not have recorded the exit yet: ask again for a moment. */
async function settled(inspect: () => Promise<{running: boolean; exitCode?: number}>): Promise<{exitCode?: number}> {
	const deadline = Date.now() + settleMs;
	for (;;) {
		const {running, exitCode} = await inspect();
		if (!running) return exitCode === undefined ? {} : {exitCode};
		if (Date.now() >= deadline) return {};
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}

/** Resizes one after another: sent side by side, a later size could land before an earlier one. */
function inOrder(resize: (rows: number, cols: number) => Promise<void>): (rows: number, cols: number) => Promise<void> {
	let last = Promise.resolve();
	return (rows, cols) => {
		last = last.then(() => resize(rows, cols));
		return last;
	};
}

/** The first resize can come before the process has started; the docker CLI retries it too. */
async function resizeWithRetry(resize: () => Promise<unknown>): Promise<void> {
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			await resize();
			return;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

/** The engine's own words for a refusal (409 "Container … is paused, unpause the container before exec"). */
function refusal(error: unknown, what: string): unknown {
	const facts = errorFacts(error);
	if (facts.statusCode === undefined) return error;
	return new EngineError(
		{kind: 'other', title: facts.engineMessage ?? facts.message, detail: `The engine answered HTTP ${facts.statusCode} to ${what}.`, hint: ''},
		{cause: error},
	);
}
