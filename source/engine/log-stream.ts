import type Docker from 'dockerode';
import {EngineError, type LogChunk, type LogRecord, type LogsOptions} from './engine.js';
import {errorFacts} from './error-facts.js';
import {guardedStream} from './guarded-stream.js';
import {LogDecoder} from './log-decoder.js';

type Fail = (error: unknown) => never;

type RawInspect = {
	Config?: {Tty?: boolean};
	State?: {Running?: boolean; StartedAt?: string; FinishedAt?: string; ExitCode?: number};
};

type Dialable = {
	modem: {dial(options: Record<string, unknown>, callback: (error: unknown, data: unknown) => void): void};
};

/** Go's zero time, what the engine says for "never started/finished". */
const zeroTime = '0001-01-01T00:00:00Z';

/**
 * GET /containers/{id}/logs as a stream, then GET /containers/{id}/json once
 * (is it a TTY? running? since when?), and the stream decoded into lines. Every chunk from
 * the socket becomes at most one batch, so a flood costs one yield per chunk,
 * not per line. The socket is destroyed when the signal aborts, the consumer
 * stops iterating, or the stream breaks.
 */
export async function* streamDockerLogs(docker: Docker, id: string, options: LogsOptions, fail: Fail): AsyncGenerator<LogChunk> {
	const {signal} = options;
	if (signal.aborted) return;
	const timestamps = options.timestamps ?? true;
	let stream: NodeJS.ReadableStream & {destroy(): void};
	let info: RawInspect;
	try {
		const query: Record<string, unknown> = {follow: options.follow, stdout: true, stderr: true, timestamps};
		if (options.tail !== undefined) query['tail'] = String(options.tail);
		if (options.since !== undefined) query['since'] = options.since;
		stream = await dial(docker as unknown as Dialable, id, query, signal);
	} catch (error) {
		if (signal.aborted) return;
		return fail(refusal(error));
	}

	try {
		// After the logs request: what it says holds for the stream (a container that started
		// in between is followed, and its new StartedAt is seen).
		info = (await docker.getContainer(id).inspect({abortSignal: signal} as unknown as Docker.ContainerInspectOptions)) as RawInspect;
	} catch (error) {
		stream.destroy();
		if (signal.aborted) return;
		return fail(refusal(error));
	}

	const state = info.State ?? {};
	const opened: LogChunk = {kind: 'opened', tty: info.Config?.Tty === true, running: state.Running === true};
	if (state.StartedAt && state.StartedAt !== zeroTime) opened.startedAt = state.StartedAt;
	if (state.FinishedAt && state.FinishedAt !== zeroTime) opened.finishedAt = state.FinishedAt;
	if (typeof state.ExitCode === 'number') opened.exitCode = state.ExitCode;

	const decoder = new LogDecoder({tty: opened.tty, timestamps});
	yield* guardedStream(stream, signal, fail, chunks(opened, stream, decoder));
}

async function* chunks(opened: LogChunk, stream: NodeJS.ReadableStream, decoder: LogDecoder): AsyncGenerator<LogChunk> {
	yield opened;
	for await (const records of batches(stream, decoder)) yield withTime(records, decoder.lastTime);
}

/**
 * Lines, and bytes, read in one turn of the event loop before the stream is paused until the
 * next: a flood is read in slices of a few milliseconds, and a key pressed meanwhile waits for
 * one slice, not for all the engine sent (one socket event can read 32 x 64 KiB, 40,000 lines).
 */
export const sliceLines = 1000;
export const sliceBytes = 256 * 1024;

/**
 * The stream's lines, decoded as each chunk arrives (dockerd sends every line as a chunk of
 * its own) and handed on once per turn of the event loop: one batch for whatever arrived
 * meanwhile, instead of a promise and a yield per chunk. The consumer takes every batch as
 * it comes, so nothing piles up beyond what arrives while it is busy. After a slice
 * (sliceLines or sliceBytes) in one turn the stream pauses until the next (setImmediate): what
 * the engine sends meanwhile waits in the socket (backpressure), and input is read in between.
 */
async function* batches(stream: NodeJS.ReadableStream, decoder: LogDecoder): AsyncGenerator<LogRecord[]> {
	let pending: LogRecord[] = [];
	let ended = false;
	let failure: unknown;
	let wake: (() => void) | undefined;
	let sliceCount = 0;
	let sliceSize = 0;
	let turnScheduled = false;
	let paused = false;
	let done = false;
	const nextTurn = () => {
		turnScheduled = false;
		sliceCount = 0;
		sliceSize = 0;
		if (paused) {
			paused = false;
			if (!ended && !done) stream.resume();
		}
	};

	const onData = (chunk: Buffer) => {
		// Every push ends with the lines still open, whole: only the newest of them matter.
		while (pending.length > 0 && pending.at(-1)!.partial) pending.pop();
		const before = pending.length;
		decoder.push(chunk, pending);
		sliceCount += pending.length - before;
		sliceSize += chunk.length;
		if (!turnScheduled) {
			turnScheduled = true;
			setImmediate(nextTurn);
		}

		if (!paused && (sliceCount >= sliceLines || sliceSize >= sliceBytes)) {
			paused = true;
			stream.pause();
		}

		if (pending.length > 0) wake?.();
	};

	const onEnd = () => {
		ended = true;
		wake?.();
	};

	const onError = (error: unknown) => {
		failure = error;
		ended = true;
		wake?.();
	};

	stream.on('data', onData);
	stream.on('end', onEnd);
	stream.on('close', onEnd);
	stream.on('error', onError);
	try {
		for (;;) {
			if (pending.length > 0) {
				const batch = pending;
				pending = [];
				yield batch;
				continue;
			}

			if (failure !== undefined) throw failure;
			if (ended) break;
			await new Promise<void>((resolve) => {
				wake = resolve;
			});
			wake = undefined;
		}

		const rest = decoder.end();
		if (rest.length > 0) yield rest;
	} finally {
		done = true;
		stream.off('data', onData);
		stream.off('end', onEnd);
		stream.off('close', onEnd);
		stream.off('error', onError);
	}
}

function withTime(records: LogRecord[], time: string | undefined): LogChunk {
	return time === undefined ? {kind: 'records', records} : {kind: 'records', records, time};
}

function dial(docker: Dialable, id: string, query: Record<string, unknown>, signal: AbortSignal): Promise<NodeJS.ReadableStream & {destroy(): void}> {
	return new Promise((resolve, reject) => {
		// dockerode's container.logs buffers the whole body unless following; this always streams.
		docker.modem.dial(
			{
				path: `/containers/${encodeURIComponent(id)}/logs?`,
				method: 'GET',
				isStream: true,
				abortSignal: signal,
				statusCodes: {200: true, 404: 'no such container', 500: 'server error'},
				options: query,
			},
			(error, data) => {
				if (error) reject(error);
				else resolve(data as NodeJS.ReadableStream & {destroy(): void});
			},
		);
	});
}

/** A refusal in the engine's own words ("No such container: x", "configured logging driver does not support reading"). */
function refusal(error: unknown): unknown {
	const facts = errorFacts(error);
	if (facts.statusCode === undefined) return error;
	return new EngineError({kind: 'other', title: facts.engineMessage ?? facts.message, detail: `The engine answered HTTP ${facts.statusCode} to logs.`, hint: ''}, {cause: error});
}
