import {afterAll, beforeAll, expect, it, vi} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine, LogChunk, LogRecord, LogsOptions} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {sinceToApi} from '../../source/engine/since.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {startLogsFeed, type LogsFeed} from '../../source/store/logs-feed.js';
import {initialState} from '../../source/store/state.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';

/** Every chunk of a log read to its end (follow=false) or until `stop` says so. */
async function read(engine: Engine, id: string, options: Omit<LogsOptions, 'signal'>, stop?: (records: LogRecord[]) => boolean): Promise<{opened?: LogChunk; records: LogRecord[]}> {
	const controller = new AbortController();
	const records: LogRecord[] = [];
	let opened: LogChunk | undefined;
	const timer = setTimeout(() => controller.abort(), 20_000);
	try {
		for await (const chunk of engine.streamLogs(id, {...options, signal: controller.signal})) {
			if (chunk.kind === 'opened') opened = chunk;
			else records.push(...chunk.records.filter((record) => !record.partial));
			if (stop?.(records)) break;
		}
	} finally {
		clearTimeout(timer);
		controller.abort();
	}

	return {opened, records};
}

/** Waits for a container's log to hold `count` lines (docker logs, not berth). */
async function waitForLines(docker: EngineClient, id: string, count: number): Promise<void> {
	await vi.waitFor(async () => {
		const {stdout} = await docker.docker(['logs', id]);
		if (stdout.split('\n').filter(Boolean).length < count) throw new Error('not yet');
	}, {timeout: 20_000, interval: 100});
}

describeWithEngine('container logs from the engine', (docker: EngineClient) => {
	let engine: Engine;

	beforeAll(() => {
		engine = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}));
	});

	afterAll(() => {
		engine.close();
	});

	it('non-TTY: stdout and stderr come demultiplexed, in order, stderr marked, with timestamps', async () => {
		const id = await docker.run(['sh', '-c', 'echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; printf "out2 \\033[32mgreen\\033[0m\\r\\n"; sleep 0.2; echo err2 >&2; sleep 1000']);
		const {opened, records} = await read(engine, id, {follow: true}, (got) => got.length === 4);
		expect(opened).toMatchObject({kind: 'opened', tty: false, running: true});
		expect(records.map((record) => [record.stream, record.text])).toEqual([
			['stdout', 'out1'],
			['stderr', 'err1'],
			['stdout', 'out2 \u001B[32mgreen\u001B[0m'],
			['stderr', 'err2'],
		]);
		for (const record of records) expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
		const times = records.map((record) => record.time!);
		expect([...times].sort()).toEqual(times);
	});

	it('TTY: one raw stream, nothing to demultiplex, CRLF lines', async () => {
		const id = await docker.run(['sh', '-c', 'echo out1; echo err1 >&2; printf "a\\tb\\n"; sleep 1000'], ['-t']);
		const {opened, records} = await read(engine, id, {follow: true}, (got) => got.length === 3);
		expect(opened).toMatchObject({tty: true});
		expect(records.map((record) => [record.stream, record.text])).toEqual([
			['stdout', 'out1'],
			['stdout', 'err1'],
			['stdout', 'a\tb'],
		]);
	});

	it('tail and since select the same lines as docker logs --tail and --since', async () => {
		const id = await docker.run(['sh', '-c', 'for i in $(seq 1 30); do echo "line $i"; sleep 0.05; done; sleep 1000']);
		await waitForLines(docker, id, 30);
		const cli = async (args: string[]) => (await docker.docker(['logs', ...args, id])).stdout.split('\n').filter(Boolean);
		const ours = async (options: Omit<LogsOptions, 'signal'>) => (await read(engine, id, options)).records.map((record) => record.text);

		expect(await ours({follow: false, tail: 5})).toEqual(await cli(['--tail', '5']));
		expect(await ours({follow: false, tail: 0})).toEqual([]);
		expect(await ours({follow: false, tail: 'all'})).toEqual(await cli([]));

		// The 12th line's own timestamp: since is inclusive, so it starts the window.
		const stamped = await cli(['--timestamps']);
		const twelfth = stamped[11]!.split(' ')[0]!;
		const fromTwelfth = await ours({follow: false, since: sinceToApi(twelfth)});
		expect(fromTwelfth).toEqual(await cli(['--since', twelfth]));
		expect(fromTwelfth[0]).toBe('line 12');
		expect(await ours({follow: false, since: sinceToApi('1h')})).toEqual(await cli(['--since', '1h']));
		expect(await ours({follow: false, since: sinceToApi(twelfth), tail: 3})).toEqual(await cli(['--since', twelfth, '--tail', '3']));
	});

	it('a 1 MB line without a newline: shown as it grows, whole once the container stops, the process never blocked', async () => {
		const id = await docker.run(['sh', '-c', 'printf "%01000000d" 0; sleep 1000']);
		const controller = new AbortController();
		let longestPartial = 0;
		const complete: LogRecord[] = [];
		let maxLagMs = 0;
		let last = performance.now();
		const lag = setInterval(() => {
			const now = performance.now();
			maxLagMs = Math.max(maxLagMs, now - last - 10);
			last = now;
		}, 10);
		const reading = (async () => {
			for await (const chunk of engine.streamLogs(id, {follow: true, signal: controller.signal})) {
				if (chunk.kind !== 'records') continue;
				for (const record of chunk.records) {
					if (record.partial) longestPartial = Math.max(longestPartial, record.text.length);
					else complete.push(record);
				}
			}
		})();
		try {
			// dockerd holds back the last piece (< 16 KiB) until the process ends or writes a newline.
			await vi.waitFor(() => {
				if (longestPartial < 1_000_000 - 16_384) throw new Error(`partial line at ${longestPartial}`);
			}, {timeout: 20_000, interval: 50});
			expect(complete).toEqual([]);
			await docker.docker(['stop', '-t', '0', id]);
			await reading;
			// dockerd may end the follow stream before writing the last piece: the line then ends
			// unterminated, and reading the log again has all of it.
			expect(complete).toHaveLength(1);
			const ended = complete[0]!;
			expect(ended.text.length === 1_000_000 || (ended.unterminated === true && ended.text.length >= 1_000_000 - 16_384)).toBe(true);
			const again = await read(engine, id, {follow: false});
			expect(again.records.map((record) => record.text)).toEqual(['0'.repeat(1_000_000)]);
			expect(maxLagMs).toBeLessThan(500);
		} finally {
			clearInterval(lag);
			controller.abort();
		}
	});

	it('a removed container is refused in the engine\'s words', async () => {
		await expect(read(engine, 'berth-no-such-container', {follow: false})).rejects.toThrow(/No such container/);
	});
});

describeWithEngine('the logs view against a real engine', (docker: EngineClient) => {
	let engine: Engine;
	let store: Store;
	let feeds: Feeds;
	let logs: LogsFeed;

	beforeAll(() => {
		engine = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}));
		store = createStore(initialState());
		feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
		logs = startLogsFeed(engine, store, {notifyMs: 10});
	});

	afterAll(() => {
		logs.stop();
		feeds.stop();
		engine.close();
	});

	// A restart learnt of late is drawn above the new run's first line (`before`): the same order on screen.
	const lines = () => [...(logs.session()?.buffer.lines() ?? [])].flatMap((line) => [...(line.before ? [`── ${line.before.text}`] : []), line.kind === 'marker' ? `── ${line.text}` : line.text]);

	it('a 1 MB line without a newline ends up whole in the view, even when the stream ends before its last piece', async () => {
		const id = await docker.run(['sh', '-c', 'printf "%01000000d" 0; sleep 1000'], ['--name', 'logs-megaline']);
		await vi.waitFor(() => {
			if (!store.getState().containers.has(id)) throw new Error('not listed yet');
		}, {timeout: 20_000});
		store.dispatch({type: 'logs/open', target: {kind: 'container', id, name: 'logs-megaline'}});
		const only = () => [...(logs.session()?.buffer.lines() ?? [])];
		await vi.waitFor(() => {
			const [line] = only();
			if (!line || line.text.length < 1_000_000 - 16_384) throw new Error(`line at ${line?.text.length}`);
		}, {timeout: 20_000, interval: 50});
		expect(only()[0]!.partial).toBe(true);
		await docker.docker(['stop', '-t', '0', id]);
		await vi.waitFor(() => {
			if (!only().some((line) => line.kind === 'marker')) throw new Error('no exit marker yet');
		}, {timeout: 20_000, interval: 50});
		const lines = only();
		expect(lines.map((line) => [line.kind, line.kind === 'marker' ? line.text : line.text.length, line.partial])).toEqual([
			['out', 1_000_000, false],
			['marker', 'exited (code 137)', false],
		]);
		store.dispatch({type: 'logs/close'});
	});

	it('a restart is marked, and following goes on with the new run', async () => {
		const id = await docker.run(['sh', '-c', 'echo "started $RANDOM$RANDOM"; trap "echo bye; exit 0" TERM; sleep 1000 & wait'], ['--name', 'logs-restart']);
		await vi.waitFor(() => {
			if (!store.getState().containers.has(id)) throw new Error('not listed yet');
		}, {timeout: 20_000});
		store.dispatch({type: 'logs/open', target: {kind: 'container', id, name: 'logs-restart'}});
		await vi.waitFor(() => {
			if (!lines().some((line) => line.startsWith('started'))) throw new Error(lines().join('\n'));
		}, {timeout: 20_000, interval: 50});
		await docker.docker(['restart', '-t', '5', id]);
		await vi.waitFor(() => {
			if (lines().filter((line) => line.startsWith('started')).length < 2 || !lines().includes('── restarted')) throw new Error(lines().join('\n'));
		}, {timeout: 30_000, interval: 50});
		const seen = lines();
		expect(seen[0]).toMatch(/^started \d+$/);
		expect(seen[1]).toBe('bye');
		// Whether the end of the first run was seen before the start (an exit marker) depends on timing.
		const restarted = seen.indexOf('── restarted');
		expect(restarted, seen.join('\n')).toBeGreaterThan(1);
		expect(seen[restarted + 1]).toMatch(/^started \d+$/);
		expect(seen.filter((line) => line === '── restarted')).toHaveLength(1);
		// No line twice: the second run was followed from after the last line seen.
		expect(new Set(seen.filter((line) => !line.startsWith('──'))).size).toBe(seen.filter((line) => !line.startsWith('──')).length);
		await vi.waitFor(() => {
			if (logs.session()?.status().following !== 1) throw new Error('not following');
		}, {timeout: 10_000});
		store.dispatch({type: 'logs/close'});
	});
});
