import type Docker from 'dockerode';
import type {StatsSample} from './engine.js';
import {jsonLines} from './json-lines.js';
import {toStatsSample, type RawStats} from './to-stats.js';

type Fail = (error: unknown) => never;

/**
 * GET /containers/{id}/stats?stream=true: one JSON document a line, about one
 * a second (dockerd walks its subscribed containers, then sleeps a second). The
 * socket is destroyed when the signal aborts, the consumer stops iterating, or
 * the stream breaks: every stream berth opens is closed by one of these.
 */
export async function* streamDockerStats(docker: Docker, id: string, signal: AbortSignal, fail: Fail): AsyncGenerator<StatsSample> {
	if (signal.aborted) return;
	let stream: NodeJS.ReadableStream & {destroy(): void};
	try {
		const options = {stream: true, abortSignal: signal} as unknown as {stream: true};
		stream = (await docker.getContainer(id).stats(options)) as unknown as typeof stream;
	} catch (error) {
		if (signal.aborted) return;
		return fail(error);
	}

	const abort = () => stream.destroy();
	signal.addEventListener('abort', abort, {once: true});
	try {
		for await (const raw of jsonLines(stream as AsyncIterable<Buffer>)) {
			// A stopped container's stream goes on sending empty frames: skip them (the feed closes it).
			const sample = toStatsSample(raw as RawStats);
			if (sample) yield sample;
		}
	} catch (error) {
		if (signal.aborted) return;
		fail(error);
	} finally {
		signal.removeEventListener('abort', abort);
		abort();
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
