/**
 * What live stats cost, berth beside `docker stats`: N idle busybox containers
 * on a private engine, each client in its own 160x45 tmux pane, one at a time,
 * in alternating windows so drifting machine load hits both alike. Measures
 * the client's CPU and RSS and the daemon's CPU (dockerd + containerd + shims)
 * over the steady state, and an idle baseline of the daemon with no client.
 *
 *   npm run build && npx tsx bench/stats-cost.ts [--n 10,50,200] [--seconds 60] [--json out.json]
 *
 * CPU is % of one core. Results go to stdout as a markdown table (and JSON).
 */
import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {runNumbered} from './bench-containers.js';
import {daemonTicks, processTicks} from './daemon-ticks.js';
import {startBerth, startTmux, type TmuxSession} from '../test/support/tmux.js';
import {optionValue} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => optionValue(args, name) ?? fallback;

const counts = option('n', '10,50,200').split(',').map(Number);
const seconds = Number(option('seconds', '60'));
const jsonOut = option('json', '');
const windows = 2;
const windowSeconds = seconds / windows;
const warmupSeconds = 20;
const cols = 160;
const rows = 45;
const ticksPerSecond = 100;

type Usage = {clientCpu: number; clientRssMb: number; clientRssMaxMb: number; daemonCpu: number};
type Row = {n: number; createSeconds: number; baselineDaemonCpu: number; berth: Usage; dockerStats: Usage};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** CPU of the client and the daemon over `windowSeconds`, RSS sampled every second. */
async function measure(engine: PrivateEngine, client: number | undefined): Promise<{client: number; daemon: number; rss: number[]}> {
	const clientBefore = client === undefined ? 0 : processTicks(client);
	const daemonBefore = daemonTicks(engine.dir);
	const started = performance.now();
	const rss: number[] = [];
	for (let i = 0; i < windowSeconds; i++) {
		await sleep(1000);
		if (client !== undefined) rss.push(rssMb(client));
	}

	const elapsed = (performance.now() - started) / 1000;
	const percent = (ticks: number) => (ticks / ticksPerSecond / elapsed) * 100;
	return {
		client: client === undefined ? 0 : percent(processTicks(client) - clientBefore),
		daemon: percent(daemonTicks(engine.dir) - daemonBefore),
		rss,
	};
}

/** Runs `start` in tmux for a warm-up and one measured window, then kills it. */
async function window(engine: PrivateEngine, start: () => Promise<TmuxSession>, ready: RegExp): Promise<{client: number; daemon: number; rss: number[]}> {
	const session = await start();
	try {
		await session.waitFor(ready, {timeout: 60_000});
		await sleep(warmupSeconds * 1000);
		return await measure(engine, session.pid);
	} finally {
		await session.kill();
	}
}


function summarize(parts: Array<{client: number; daemon: number; rss: number[]}>): Usage {
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
	const rss = parts.flatMap((part) => part.rss);
	return {
		clientCpu: mean(parts.map((part) => part.client)),
		clientRssMb: rss.at(-1) ?? 0,
		clientRssMaxMb: Math.max(0, ...rss),
		daemonCpu: mean(parts.map((part) => part.daemon)),
	};
}

function dockerVersion(): Promise<string> {
	return new Promise((resolve) => {
		const child = spawn('docker', ['version', '--format', '{{.Client.Version}}'], {stdio: ['ignore', 'pipe', 'ignore']});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.on('close', () => resolve(out.trim()));
	});
}

const engine = await startPrivateEngine();
const results: Row[] = [];
try {
	await buildBusyboxImage(engine);
	const env = {DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli')};
	let created = 0;
	for (const n of counts) {
		const began = performance.now();
		await runNumbered(engine, {prefix: 'idle-', from: created, to: n});
		created = Math.max(created, n);
		const createSeconds = (performance.now() - began) / 1000;
		console.error(`N=${n}: ${n} containers running (${createSeconds.toFixed(0)} s to create the new ones); measuring...`);
		// Steady state: every container past its first minute ("Up 45 seconds" is redrawn every second).
		await sleep(75_000);
		const baseline = await measure(engine, undefined);
		const berth: Array<Awaited<ReturnType<typeof window>>> = [];
		const docker: Array<Awaited<ReturnType<typeof window>>> = [];
		for (let i = 0; i < windows; i++) {
			berth.push(await window(engine, () => startBerth({cols, rows, host: engine.host}), /idle-000/));
			docker.push(await window(engine, () => startTmux({cols, rows, command: ['docker', 'stats'], env}), /idle-000/));
		}

		const row: Row = {n, createSeconds, baselineDaemonCpu: baseline.daemon, berth: summarize(berth), dockerStats: summarize(docker)};
		results.push(row);
		console.error(JSON.stringify(row));
	}
} finally {
	await engine.stop();
}

const f = (value: number) => value.toFixed(1);
const lines = [
	`| N | berth CPU % | docker stats CPU % | berth RSS MB (max) | docker stats RSS MB (max) | daemon CPU %, idle | daemon CPU % with berth | daemon CPU % with docker stats |`,
	'|---:|---:|---:|---:|---:|---:|---:|---:|',
	...results.map(
		(row) =>
			`| ${row.n} | ${f(row.berth.clientCpu)} | ${f(row.dockerStats.clientCpu)} | ${f(row.berth.clientRssMb)} (${f(row.berth.clientRssMaxMb)}) | ${f(row.dockerStats.clientRssMb)} (${f(row.dockerStats.clientRssMaxMb)}) | ${f(row.baselineDaemonCpu)} | ${f(row.berth.daemonCpu)} | ${f(row.dockerStats.daemonCpu)} |`,
	),
];
console.log(lines.join('\n'));
console.log(`\n${seconds} s per client per N (${windows} alternating windows of ${windowSeconds} s after ${warmupSeconds} s of warm-up), ${cols}x${rows} tmux panes; docker CLI ${await dockerVersion()}; container creation: ${results.map((row) => `N=${row.n} ${row.createSeconds.toFixed(0)} s`).join(', ')}`);
if (jsonOut !== '') writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
