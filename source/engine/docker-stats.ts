import {StringDecoder} from 'node:string_decoder';
import type Docker from 'dockerode';
import type {StatsSample} from './engine.js';
import {toStatsSample, type RawStats} from './to-stats.js';

type Fail = (error: unknown) => never;

type Body = NodeJS.ReadableStream & {destroy(error?: Error): void};

/**
 * GET /containers/{id}/stats?stream=true: one JSON document a line, about one
 * a second (dockerd walks its subscribed containers, then sleeps a second). The
 * socket is destroyed when the signal aborts, the consumer stops iterating, or
 * the stream breaks: every stream berth opens is closed by one of these.
 *
 * Read with 'data' events and one pending promise, not a chain of async
 * generators over the body's async iterator: with 200 streams that chain cost
 * more CPU than parsing the JSON, and its promises lived long enough between
 * frames to be promoted, growing the heap (bench/README.md).
 */
export function streamDockerStats(docker: Docker, id: string, signal: AbortSignal, fail: Fail): AsyncIterable<StatsSample> {
	return {[Symbol.asyncIterator]: () => new StatsStream(docker, id, signal, fail)};
}

class StatsStream implements AsyncIterator<StatsSample> {
	private readonly queue: StatsSample[] = [];
	private waiting: {resolve: (result: IteratorResult<StatsSample>) => void; reject: (error: unknown) => void} | undefined;
	private body: Body | undefined;
	private ended = false;
	private failure: {error: unknown} | undefined;
	private pending = '';
	private readonly decoder = new StringDecoder('utf8');

	constructor(
		docker: Docker,
		id: string,
		private readonly signal: AbortSignal,
		private readonly fail: Fail,
	) {
		if (signal.aborted) {
			this.ended = true;
			return;
		}

		signal.addEventListener('abort', this.abort, {once: true});
		const options = {stream: true, abortSignal: signal} as unknown as {stream: true};
		docker
			.getContainer(id)
			.stats(options)
			.then(
				(body) => this.attach(body as unknown as Body),
				(error: unknown) => this.finish(error),
			);
	}

	async next(): Promise<IteratorResult<StatsSample>> {
		const queued = this.queue.shift();
		if (queued) return {value: queued, done: false};
		if (this.failure) {
			const {error} = this.failure;
			this.failure = undefined;
			throw error;
		}

		if (this.ended) return {value: undefined, done: true};
		return new Promise((resolve, reject) => {
			this.waiting = {resolve, reject};
		});
	}

	async return(): Promise<IteratorResult<StatsSample>> {
		this.finish(undefined);
		return {value: undefined, done: true};
	}

	private readonly abort = () => {
		this.finish(undefined);
	};

	private attach(body: Body): void {
		this.body = body;
		if (this.ended) {
			body.destroy();
			return;
		}

		body.on('data', (chunk: Buffer | string) => {
			this.read(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
		});
		body.on('end', () => this.finish(undefined));
		body.on('error', (error: Error) => this.finish(error));
		body.on('close', () => this.finish(undefined));
	}

	private read(text: string): void {
		this.pending += text;
		let newline = this.pending.indexOf('\n');
		while (newline !== -1) {
			const line = this.pending.slice(0, newline);
			this.pending = this.pending.slice(newline + 1);
			newline = this.pending.indexOf('\n');
			if (line.trim() === '') continue;
			let sample: StatsSample | undefined;
			try {
				sample = toStatsSample(JSON.parse(line) as RawStats);
			} catch (error) {
				this.finish(error);
				return;
			}

			// A stopped container's stream goes on sending empty frames: skip them (the feed closes it).
			if (!sample) continue;
			if (this.waiting) {
				const {resolve} = this.waiting;
				this.waiting = undefined;
				resolve({value: sample, done: false});
			} else {
				this.queue.push(sample);
			}
		}
	}

	/** Ends the stream once: quietly when aborted or ended by the engine, with an EngineError when broken. */
	private finish(error: unknown): void {
		if (this.ended) return;
		this.ended = true;
		this.signal.removeEventListener('abort', this.abort);
		this.body?.destroy();
		let failure: {error: unknown} | undefined;
		if (error !== undefined && !this.signal.aborted) {
			try {
				this.fail(error);
			} catch (engineError) {
				failure = {error: engineError};
			}
		}

		if (this.waiting) {
			const {resolve, reject} = this.waiting;
			this.waiting = undefined;
			if (failure) reject(failure.error);
			else resolve({value: undefined, done: true});
		} else {
			this.failure = failure;
		}
	}
}

/**
 * GET /containers/{id}/stats?stream=false&one-shot=true: returns at once
 * instead of waiting for a second reading (API >= 1.41; dockerode sends no
 * version prefix, so the engine's own version applies). precpu_stats is zeroed.
 */
export async function sampleDockerStats(docker: Docker, id: string, signal: AbortSignal | undefined, fail: Fail): Promise<StatsSample | undefined> {
	try {
		const options = {stream: false, 'one-shot': true, ...(signal ? {abortSignal: signal} : {})} as unknown as {stream: false};
		const raw = (await docker.getContainer(id).stats(options)) as unknown as RawStats;
		return toStatsSample(raw);
	} catch (error) {
		return fail(error);
	}
}
