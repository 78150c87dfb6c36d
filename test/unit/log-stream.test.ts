import {Readable} from 'node:stream';
import type Docker from 'dockerode';
import {describe, expect, test} from 'vitest';
import type {LogChunk} from '../../source/engine/engine.js';
import {sliceLines, streamDockerLogs} from '../../source/engine/log-stream.js';

/** One multiplexed stdout frame with dockerd's timestamp. */
function frame(i: number): Buffer {
	const payload = Buffer.from(`2026-11-23T15:26:31.${String(i).padStart(9, '0')}Z line ${i}\n`);
	const header = Buffer.alloc(8);
	header[0] = 1;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

/** A docker whose logs request answers `body` (the http client's response) and whose container is running, not a TTY. */
function fakeDocker(body: Readable): Docker {
	return {
		modem: {dial: (_options: unknown, callback: (error: unknown, data: unknown) => void) => callback(null, body)},
		getContainer: () => ({inspect: async () => ({Config: {Tty: false}, State: {Running: true, StartedAt: '2026-11-23T15:00:00Z'}})}),
	} as unknown as Docker;
}

describe('streamDockerLogs', () => {
	test('a flood is read in slices, one a turn of the event loop, every line kept in order', async () => {
		const total = 5 * sliceLines + 123;
		const body = new Readable({read() {}});
		// What one socket event can hold: thousands of chunks (dockerd sends a chunk per line), all there at once.
		for (let i = 0; i < total; i++) body.push(frame(i));
		body.push(null);
		let turn = 0;
		let turning = true;
		const tick = () => {
			turn++;
			if (turning) setImmediate(tick);
		};

		setImmediate(tick);
		const perTurn = new Map<number, number>();
		const texts: string[] = [];
		const controller = new AbortController();
		const fail = (error: unknown): never => {
			throw error;
		};

		for await (const chunk of streamDockerLogs(fakeDocker(body), 'c1', {follow: true, signal: controller.signal}, fail) as AsyncIterable<LogChunk>) {
			if (chunk.kind !== 'records') continue;
			perTurn.set(turn, (perTurn.get(turn) ?? 0) + chunk.records.length);
			for (const record of chunk.records) texts.push(record.text);
		}

		turning = false;
		expect(texts).toEqual(Array.from({length: total}, (_, i) => `line ${i}`));
		expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(sliceLines);
		expect(perTurn.size).toBeGreaterThanOrEqual(6);
	});

	test('a trickle is handed on as it comes, without waiting for a slice to fill', async () => {
		const body = new Readable({read() {}});
		const controller = new AbortController();
		const fail = (error: unknown): never => {
			throw error;
		};

		const iterator = streamDockerLogs(fakeDocker(body), 'c1', {follow: true, signal: controller.signal}, fail)[Symbol.asyncIterator]();
		expect((await iterator.next()).value).toMatchObject({kind: 'opened', tty: false, running: true});
		body.push(frame(1));
		expect((await iterator.next()).value).toMatchObject({kind: 'records', records: [{text: 'line 1'}]});
		body.push(frame(2));
		expect((await iterator.next()).value).toMatchObject({kind: 'records', records: [{text: 'line 2'}]});
		controller.abort();
		body.push(null);
		await iterator.return?.(undefined);
	});
});
