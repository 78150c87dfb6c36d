/**
 * The least the daemon can be paid for fresh rows on screen (issue #13): N idle
 * containers on a private engine, and in alternating windows
 *   - nothing (the daemon's idle CPU),
 *   - `docker stats` (a stream per container),
 *   - only the streams the rows on screen need (`--rows` raw streams, no other sampling),
 *   - berth's API feed (those streams plus staggered one-shots for the others).
 * dockerd samples every subscribed container in one pass, then sleeps 1 s, so a
 * probe stream on a container that is already subscribed costs nothing and its
 * frames' `read` stamps give the pass period; samples per second are then
 * subscribed containers / period. Reports the daemon's added CPU, samples per
 * second and CPU per sample for each, and the ratios to `docker stats`.
 *
 *   npx tsx bench/stats-floor.ts [--n 200] [--rows 40] [--seconds 30] [--rounds 2]
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {request, type ClientRequest} from 'node:http';
import {runNumbered, startBerthFeeds} from './bench-containers.js';
import {daemonTicks} from './daemon-ticks.js';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {mean, median, optionValue} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(optionValue(args, name) ?? fallback);

const n = option('n', 200);
const rows = option('rows', 40);
const seconds = option('seconds', 30);
const rounds = option('rounds', 2);
const warmupMs = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw stats stream; `reads` collects the engine's reading time of each frame, in ms. */
function openStream(socketPath: string, id: string, reads: number[] = []): {reads: number[]; close: () => void} {
	let carried = '';
	const req: ClientRequest = request({socketPath, path: `/v1.41/containers/${id}/stats?stream=1`}, (res) => {
		res.setEncoding('utf8');
		res.on('data', (chunk: string) => {
			carried += chunk;
			let newline: number;
			while ((newline = carried.indexOf('\n')) >= 0) {
				const line = carried.slice(0, newline);
				carried = carried.slice(newline + 1);
				const read = Date.parse((JSON.parse(line) as {read: string}).read);
				if (read > 0) reads.push(read);
			}
		});
		res.on('error', () => {});
	});
	req.on('error', () => {});
	req.end();
	return {reads, close: () => req.destroy()};
}

/** `readings`: new readings the client has seen so far, when it can count them itself. */
type Client = {stop: () => Promise<void> | void; readings?: () => number};

const stages: Record<string, (engine: PrivateEngine, ids: string[]) => Client> = {
	idle: () => ({stop: () => {}}),
	'docker stats': (engine) => {
		const child: ChildProcess = spawn('docker', ['stats', '--format', '{{.Name}} {{.CPUPerc}} {{.MemUsage}}'], {
			env: {...process.env, DOCKER_HOST: engine.host},
			stdio: ['ignore', 'ignore', 'ignore'],
		});
		return {
			stop: () =>
				new Promise<void>((resolve) => {
					child.once('exit', () => resolve());
					child.kill('SIGTERM');
				}),
		};
	},
	'rows on screen only': (engine, ids) => {
		const streams = ids.slice(0, rows).map((id) => openStream(engine.socketPath, id));
		return {stop: () => streams.forEach((s) => s.close())};
	},
	'berth --stats-source api': (engine, ids) => {
		let readings = 0;
		const berth = startBerthFeeds(engine.host, 'api', ids.slice(0, rows), () => readings++);
		return {readings: () => readings, stop: () => berth.stop()};
	},
};

/** Subscribed containers per pass, by stage (berth's are counted from its readings instead). */
const subscribed = (stage: string) => (stage === 'docker stats' ? n : stage === 'rows on screen only' ? rows : undefined);

type Window = {stage: string; daemon: number; period?: number; samplesPerSecond?: number};

async function measure(engine: PrivateEngine, stage: string, ids: string[]): Promise<Window> {
	const client = stages[stage]!(engine, ids);
	// The probe watches the first container, which every client but idle already samples each pass.
	const probe = stage === 'idle' ? undefined : openStream(engine.socketPath, ids[0]!);
	try {
		await sleep(warmupMs);
		const readsBefore = probe?.reads.length ?? 0;
		const readingsBefore = client.readings?.() ?? 0;
		const before = daemonTicks(engine.dir);
		const started = performance.now();
		await sleep(seconds * 1000);
		const elapsed = (performance.now() - started) / 1000;
		const daemon = ((daemonTicks(engine.dir) - before) / 100 / elapsed) * 100;
		const reads = probe?.reads.slice(Math.max(0, readsBefore - 1)) ?? [];
		const gaps = reads.slice(1).map((read, index) => (read - reads[index]!) / 1000);
		const period = gaps.length > 0 ? median(gaps) : undefined;
		const perPass = subscribed(stage);
		const samplesPerSecond = client.readings ? (client.readings() - readingsBefore) / elapsed : perPass !== undefined && period !== undefined ? perPass / period : undefined;
		return {stage, daemon, period, samplesPerSecond};
	} finally {
		probe?.close();
		await client.stop();
		await sleep(2000);
	}
}

const engine = await startPrivateEngine();
try {
	await buildBusyboxImage(engine);
	const ids = await runNumbered(engine, {prefix: 'floor-', to: n});

	await sleep(5000);
	const windows: Window[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const stage of Object.keys(stages)) {
			const result = await measure(engine, stage, ids);
			windows.push(result);
			console.error(`round ${round + 1} ${stage}: daemon ${result.daemon.toFixed(1)} %, pass period ${result.period?.toFixed(2) ?? '–'} s`);
		}
	}

	const of = (stage: string) => windows.filter((w) => w.stage === stage);
	const idle = mean(of('idle').map((w) => w.daemon));
	const added = (stage: string) => mean(of(stage).map((w) => w.daemon)) - idle;
	const dockerAdded = added('docker stats');
	console.log(`N=${n}, ${rows} rows on screen, ${rounds} rounds of ${seconds} s windows after ${warmupMs / 1000} s of warm-up; daemon idle ${idle.toFixed(1)} % of one core`);
	console.log('| client | daemon pass period, s (median) | samples/s | daemon CPU added, % | ms of daemon CPU per sample | added vs docker stats |');
	console.log('|---|---:|---:|---:|---:|---:|');
	for (const stage of Object.keys(stages).filter((s) => s !== 'idle')) {
		const period = median(of(stage).map((w) => w.period ?? Number.NaN));
		const rate = mean(of(stage).map((w) => w.samplesPerSecond ?? Number.NaN));
		console.log(`| ${stage} | ${period.toFixed(2)} | ${rate.toFixed(1)} | ${added(stage).toFixed(1)} | ${((added(stage) * 10) / rate).toFixed(2)} | ${(added(stage) / dockerAdded).toFixed(2)}x |`);
	}
} finally {
	await engine.stop();
}
