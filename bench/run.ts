/**
 * `npm run bench`: the whole suite in one run, berth beside `docker stats` on one private
 * engine, in 160x45 tmux panes, for N idle busybox containers (scaled up between stages,
 * never recreated). Per N:
 *   - daemon CPU with nothing running (baseline), then berth and docker stats in turn:
 *     client CPU % of one core, RSS (last) and VmHWM (peak), daemon CPU (dockerd +
 *     containerd + shims of this engine), bytes/s written to the terminal (tmux pipe-pane)
 *   - berth --refresh <s> and berth --low-bandwidth (the slow-link options) the same way
 *   - launch to first complete frame (every visible container name), median of --ff-runs
 *   - event to screen: `docker run -d` returning -> the new row on screen, p50/p95
 *   - key to screen: Down/Up -> the inverse-video row moved, p50/p95, idle and during a
 *   (latencies timed by a tmux control client, bench/pane-watch.ts: keys sent and output
 *   seen without a process or a capture-pane per step; the harness's own floor is measured)
 *     log flood (`yes` in a container): list keys with the flood running, and `t` in the
 *     logs pane open on the flood (Down there scrolls the logs)
 * then a soak at the largest N: RSS every 10 s while containers start and stop and a
 * chatty log is followed; slope (MB/h, least squares after warm-up), first/last.
 *
 *   npm run bench -- [--n 10,50,200] [--window 60] [--soak 600] [--ff-runs 5]
 *                    [--events 20] [--keys 50] [--refresh 5] [--latency-at 50] [--no-readme]
 *                    [--workload idle|ticking]
 *
 * Raw JSON goes to bench/results/run-<time>.json; the table replaces the
 * <!-- bench:start --> ... <!-- bench:end --> block of bench/README.md.
 */
import {execFile, execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, release, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {NODE24, berthCommand, startBerth, startTmux, type TmuxSession} from '../test/support/tmux.js';
import {runNumbered} from './bench-containers.js';
import {daemonTicksByPid, processTicks, ticksDelta} from './daemon-ticks.js';
import {growth, readSnapshot, type HeapSummary} from './heap-snapshot.js';
import {timeLaunch, watchPane} from './pane-watch.js';
import {
	budget,
	bytesPerSecond,
	cpuPercent,
	lineOf,
	mean,
	median,
	optionValue,
	parseStatusMb,
	percentile,
	replaceBlock,
	selectedLine,
	slopeErrorMbPerHour,
	slopeMbPerHour,
} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => optionValue(args, name) ?? fallback;

const counts = option('n', '10,50,200').split(',').map(Number).sort((a, b) => a - b);
const windowSeconds = Number(option('window', '60'));
const soakSeconds = Number(option('soak', '600'));
const ffRuns = Number(option('ff-runs', '5'));
const eventRuns = Number(option('events', '20'));
const keyRuns = Number(option('keys', '50'));
const refreshSeconds = option('refresh', '5');
const latencyAt = option('latency-at', 'all'); // 'all' or a comma list of N
const writeReadme = !args.includes('--no-readme');
// Heap snapshots at the end of the soak's warm-up and at its end: the live heap, not only RSS.
const heapSnapshots = args.includes('--heap');
// berth keeps the last 5,000 events by default: at the soak's churn (~2 events/s) that ring fills
// for ~40 min, so a shorter soak can pass a smaller one to be past every ring's fill in the warm-up.
const soakEventsBuffer = option('soak-events-buffer', '');
// idle: `sleep` (stats never change); ticking: a shell starting `sleep 1` in a loop, so CPU %
// and PIDs change every second, as the issue's bytes budget assumes.
const workload = option('workload', 'idle');
const idleCommand = workload === 'ticking' ? ['sh', '-c', 'while :; do sleep 1; done'] : ['sleep', '1000000'];
const warmupSeconds = 5;
const cols = 160;
const rows = 45;
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const commandLine = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');
/** Mean RSS of the first and the second half of the samples after warm-up. */
const halves = (soak: {samples: Array<{t: number; mb: number}>; warmupSeconds: number}) => {
	const kept = soak.samples.filter((sample) => sample.t >= soak.warmupSeconds).map((sample) => sample.mb);
	const middle = Math.floor(kept.length / 2);
	return [mean(kept.slice(0, middle)), mean(kept.slice(middle))];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

// ---- /proc --------------------------------------------------------------------------

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		return parseStatusMb(readFileSync(`/proc/${pid}/status`, 'utf8'), field);
	} catch {
		return Number.NaN;
	}
}


// ---- tmux ---------------------------------------------------------------------------

function tmux(session: TmuxSession, tmuxArgs: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('tmux', ['-S', session.socket, ...tmuxArgs], {encoding: 'utf8'}, (error, stdout, stderr) => {
			if (error) reject(new Error(`tmux ${tmuxArgs.join(' ')}: ${stderr || error.message}`));
			else resolve(stdout);
		});
	});
}

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

// ---- stages -------------------------------------------------------------------------

type Usage = {cpu: number; rssMb: number; windowPeakMb?: number; hwmMb: number; daemonCpu: number; bytesPerSecond: number; seconds: number};

/** Steady state of one client: warm-up, then CPU, RSS, daemon CPU and terminal bytes over the window. */
async function steady(engine: PrivateEngine, start: () => Promise<TmuxSession>, ready: RegExp | string, tag: string): Promise<Usage> {
	const session = await start();
	try {
		await session.waitFor(ready, {timeout: 90_000});
		await sleep(warmupSeconds * 1000);
		const pipeFile = join(engine.dir, `pipe-${tag}-${Date.now()}.out`);
		await tmux(session, ['pipe-pane', '-o', '-t', 'berth', `cat >> ${pipeFile}`]);
		await sleep(500);
		const bytesBefore = fileSize(pipeFile);
		const clientBefore = processTicks(session.pid);
		const daemonBefore = daemonTicksByPid(engine.dir);
		const began = performance.now();
		// The issue's peak is over the steady-state window; VmHWM also holds the start-up's.
		let windowPeakMb = statusMb(session.pid, 'VmRSS');
		while (performance.now() - began < windowSeconds * 1000) {
			await sleep(Math.min(1000, windowSeconds * 1000 - (performance.now() - began)));
			windowPeakMb = Math.max(windowPeakMb, statusMb(session.pid, 'VmRSS'));
		}
		const seconds = (performance.now() - began) / 1000;
		const usage: Usage = {
			cpu: cpuPercent(processTicks(session.pid) - clientBefore, seconds),
			rssMb: statusMb(session.pid, 'VmRSS'),
			windowPeakMb,
			hwmMb: statusMb(session.pid, 'VmHWM'),
			daemonCpu: cpuPercent(ticksDelta(daemonBefore, daemonTicksByPid(engine.dir)), seconds),
			bytesPerSecond: bytesPerSecond(bytesBefore, fileSize(pipeFile), seconds),
			seconds,
		};
		log(`  ${tag}: ${JSON.stringify(usage)}`);
		return usage;
	} finally {
		await session.kill();
	}
}

async function baselineDaemon(engine: PrivateEngine): Promise<number> {
	const before = daemonTicksByPid(engine.dir);
	const began = performance.now();
	await sleep(windowSeconds * 1000);
	return cpuPercent(ticksDelta(before, daemonTicksByPid(engine.dir)), (performance.now() - began) / 1000);
}


/** Names berth should show on a 160x45 screen: all, or (for many) the first ones by name. */
function visibleNames(n: number): string[] {
	return Array.from({length: Math.min(n, 20)}, (_, i) => `idle-${String(i).padStart(3, '0')}`);
}

/** Enter on a shell line that execs berth -> every visible name on screen (bench/pane-watch.ts timeLaunch). */
async function firstFrames(engine: PrivateEngine, n: number): Promise<number[]> {
	const names = visibleNames(n);
	const times: number[] = [];
	const start = (command: string[]) => startTmux({cols, rows, command, env: {DOCKER_HOST: engine.host}});
	for (let run = 0; run < ffRuns; run++) times.push(await timeLaunch(start, berthCommand(), (screen) => names.every((name) => screen.includes(name))));
	return times;
}

/** ms from `since` to the pane output after which the (plain or escaped) screen passes `test`. */
async function outputToScreen(session: TmuxSession, watch: Awaited<ReturnType<typeof watchPane>>, since: number, test: (screen: string) => boolean, timeoutMs: number, escapes = false, alreadyCounts = false): Promise<number> {
	const at = await watch.screenChange(since, async () => test(escapes ? await session.captureEscapes() : await session.capture()), timeoutMs, {alreadyCounts});
	return at - since;
}

async function eventToScreen(engine: PrivateEngine, n: number): Promise<number[]> {
	const session = await startBerth({cols, rows, host: engine.host});
	const times: number[] = [];
	const created: string[] = [];
	const watch = await watchPane(session);
	try {
		await session.waitFor('idle-000', {timeout: 60_000});
		await sleep(2000);
		for (let i = 0; i < eventRuns; i++) {
			// "a-" sorts before "idle-": the new row lands on the visible part of a name-sorted list.
			const name = `a-ev-${n}-${String(i).padStart(2, '0')}`;
			await engine.run(['sleep', '1000000'], ['--name', name]);
			const returned = performance.now();
			created.push(name);
			try {
				times.push(await outputToScreen(session, watch, returned, (screen) => screen.includes(name), 10_000, false, true));
			} catch {
				times.push(Number.POSITIVE_INFINITY);
			}
			await sleep(300);
		}
	} finally {
		watch.close();
		await session.kill();
		if (created.length > 0) await engine.docker(['rm', '-f', ...created], {allowFailure: true});
	}
	return times;
}

/** Presses Down/Up alternately; time until the inverse-video row moves. */
async function keyToScreen(session: TmuxSession, runs: number): Promise<number[]> {
	const times: number[] = [];
	let down = true;
	const watch = await watchPane(session);
	try {
		for (let i = 0; i < runs; i++) {
			const from = selectedLine(await session.captureEscapes());
			const began = watch.sendKeys(down ? 'Down' : 'Up');
			try {
				times.push(await outputToScreen(session, watch, began, (screen) => {
					const at = selectedLine(screen);
					return at !== -1 && at !== from;
				}, 5_000, true));
			} catch {
				times.push(Number.POSITIVE_INFINITY);
			}
			down = !down;
			await sleep(100);
		}
	} finally {
		watch.close();
	}
	return times;
}

function logRows(screen: string): string[] {
	const lines = screen.split('\n');
	const title = lines.findIndex((line) => line.startsWith('── logs'));
	return title === -1 ? [] : lines.slice(title + 1, -2).filter((line) => line.trim() !== '');
}

/** `t` in the logs pane toggles timestamps: time until the last log row shows the change. */
async function toggleToScreen(session: TmuxSession, runs: number): Promise<number[]> {
	const stamped = (screen: string) => /^ ?\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /.test(logRows(screen).at(-1) ?? '');
	const times: number[] = [];
	const watch = await watchPane(session);
	try {
		for (let i = 0; i < runs; i++) {
			const want = !stamped(await session.capture());
			const began = watch.sendKeys('t');
			try {
				// The flood keeps the pane writing: here each output is checked, as fast as capture-pane goes.
				times.push(await outputToScreen(session, watch, began, (screen) => stamped(screen) === want, 5_000));
			} catch {
				times.push(Number.POSITIVE_INFINITY);
			}
			await sleep(100);
		}
	} finally {
		watch.close();
	}
	return times;
}

/** Selects the row holding `name`, moving the cursor towards it (g first: it sorts near the top). */
async function selectTop(session: TmuxSession, name: string): Promise<void> {
	await session.sendKeys('g');
	await sleep(300);
	for (let i = 0; i < 60; i++) {
		const screen = await session.captureEscapes();
		const selected = selectedLine(screen);
		const target = lineOf(screen, name);
		if (selected !== -1 && selected === target) return;
		await session.sendKeys(target !== -1 && target < selected ? 'k' : 'j');
		await sleep(200);
	}
	throw new Error(`could not select ${name}`);
}

type Keys = {idle: number[]; floodList: number[]; floodLogs: number[]; captureMs: number[]; floorMs: number[]};

/** What one `capture-pane` round trip costs on this machine: the resolution of every latency figure. */
async function captureCost(session: TmuxSession, runs = 20): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const began = performance.now();
		await session.captureEscapes();
		times.push(performance.now() - began);
	}
	return times;
}

/** Launch floor: the same harness and Node 24 boot, printing one line, no berth. */
async function launchFloor(runs: number): Promise<number[]> {
	const times: number[] = [];
	const start = (command: string[]) => startTmux({cols, rows, command});
	for (let run = 0; run < runs; run++) times.push(await timeLaunch(start, [NODE24, '-e', 'console.log("floor-ready"); setTimeout(() => {}, 60000)'], (screen) => screen.includes('floor-ready')));
	return times;
}

/** Key floor: a key to its echo by `cat` in the same kind of pane, timed as berth's keys are. */
async function keyFloor(runs: number): Promise<number[]> {
	const session = await startTmux({cols, rows, command: ['cat']});
	const watch = await watchPane(session);
	const times: number[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const char = String.fromCharCode(97 + (i % 26));
			const before = await session.capture();
			const began = watch.sendKeys(char);
			times.push(await outputToScreen(session, watch, began, (screen) => screen.length > before.length, 5_000));
			await sleep(50);
		}
	} finally {
		watch.close();
		await session.kill();
	}
	return times;
}

async function keyStage(engine: PrivateEngine): Promise<Keys> {
	const result: Keys = {idle: [], floodList: [], floodLogs: [], captureMs: [], floorMs: await keyFloor(20)};
	let session = await startBerth({cols, rows, host: engine.host});
	try {
		await session.waitFor('idle-000', {timeout: 60_000});
		await sleep(2000);
		result.captureMs = await captureCost(session);
		result.idle = await keyToScreen(session, keyRuns);
	} finally {
		await session.kill();
	}
	await engine.run(['yes', 'flood line: the quick brown fox jumps over the lazy dog'], ['--name', 'a-flood']);
	try {
		session = await startBerth({cols, rows, host: engine.host});
		try {
			await session.waitFor('a-flood', {timeout: 60_000});
			await sleep(2000);
			result.floodList = await keyToScreen(session, keyRuns);
			await selectTop(session, 'a-flood');
			await session.sendKeys('l');
			await session.waitFor(/── logs a-flood/, {timeout: 20_000});
			await sleep(1000);
			result.floodLogs = await toggleToScreen(session, keyRuns);
		} finally {
			await session.kill();
		}
	} finally {
		await engine.docker(['rm', '-f', 'a-flood'], {allowFailure: true});
	}
	return result;
}

type HeapReport = {warmMb: number; endMb: number; warmObjects: number; endObjects: number; grew: ReturnType<typeof growth>};
type Soak = {seconds: number; samples: Array<{t: number; mb: number}>; hwmMb: number; slopeMbPerHour: number; slopeErrorMbPerHour: number; warmupSeconds: number; churned: number; heap?: HeapReport};

/** Asks berth (started with --heapsnapshot-signal) for a snapshot and reads it once written. */
async function heapSnapshot(pid: number, dir: string): Promise<HeapSummary> {
	const before = new Set(readdirSync(dir));
	process.kill(pid, 'SIGUSR2');
	const deadline = Date.now() + 120_000;
	for (;;) {
		const fresh = readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.heapsnapshot'));
		// V8 streams the file out: it is complete once its size stops changing.
		if (fresh && statSync(join(dir, fresh)).size > 0) {
			const path = join(dir, fresh);
			for (let size = -1; size !== statSync(path).size;) {
				size = statSync(path).size;
				await sleep(1500);
			}
			const summary = readSnapshot(path);
			rmSync(path);
			return summary;
		}
		if (Date.now() > deadline) throw new Error('no heap snapshot within 120 s');
		await sleep(500);
	}
}

async function soak(engine: PrivateEngine): Promise<Soak> {
	// 50 lines/s: the logs pane's ring (10,000 lines) is full after ~200 s, within the warm-up.
	await engine.run(['sh', '-c', 'i=0; while true; do i=$((i+1)); d=$(date); for j in 0 1 2 3 4 5 6 7 8 9; do echo "chatty line $i.$j $d"; done; sleep 0.2; done'], ['--name', 'a-chatty']);
	const heapDir = heapSnapshots ? mkdtempSync(join(tmpdir(), 'berth-heap-')) : undefined;
	const session = await startBerth({cols, rows, host: engine.host, args: soakEventsBuffer ? ['--events-buffer', soakEventsBuffer] : [], ...(heapDir ? {env: {NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${heapDir}`}} : {})});
	let stop = false;
	let churned = 0;
	const churn = (async () => {
		let k = 0;
		while (!stop) {
			const name = `b-churn-${k++}`;
			await engine.run(['sleep', '1000000'], ['--name', name]).catch(() => undefined);
			if (k > 2) await engine.docker(['rm', '-f', `b-churn-${k - 3}`], {allowFailure: true}).catch(() => undefined);
			churned++;
			await sleep(3000);
		}
	})();
	const samples: Array<{t: number; mb: number}> = [];
	try {
		await session.waitFor('a-chatty', {timeout: 60_000});
		await selectTop(session, 'a-chatty');
		await session.sendKeys('l');
		await session.waitFor(/── logs a-chatty/, {timeout: 20_000});
		const began = performance.now();
		// Warm-up: until the log ring is full (see a-chatty), a third of a short soak.
		const warm = Math.min(300, soakSeconds / 3);
		let warmHeap: HeapSummary | undefined;
		while ((performance.now() - began) / 1000 < soakSeconds) {
			samples.push({t: (performance.now() - began) / 1000, mb: statusMb(session.pid, 'VmRSS')});
			if (heapDir && !warmHeap && (performance.now() - began) / 1000 >= warm) {
				warmHeap = await heapSnapshot(session.pid, heapDir);
				log(`  heap at ${f0((performance.now() - began) / 1000)} s: ${f1(warmHeap.totalBytes / 1e6)} MB live`);
			}
			await sleep(10_000);
		}
		samples.push({t: (performance.now() - began) / 1000, mb: statusMb(session.pid, 'VmRSS')});
		const hwmMb = statusMb(session.pid, 'VmHWM');
		const result: Soak = {seconds: soakSeconds, samples, hwmMb, slopeMbPerHour: slopeMbPerHour(samples, warm), slopeErrorMbPerHour: slopeErrorMbPerHour(samples, warm), warmupSeconds: warm, churned};
		if (heapDir && warmHeap) {
			const endHeap = await heapSnapshot(session.pid, heapDir);
			result.heap = {warmMb: warmHeap.totalBytes / 1e6, endMb: endHeap.totalBytes / 1e6, warmObjects: warmHeap.nodeCount, endObjects: endHeap.nodeCount, grew: growth(warmHeap, endHeap)};
			log(`  heap at the end: ${f1(result.heap.endMb)} MB live; grew most: ${result.heap.grew.slice(0, 4).map((g) => `${g.key} ${g.bytesDelta > 0 ? '+' : ''}${g.bytesDelta} B`).join(', ')}`);
		}
		return result;
	} finally {
		if (heapDir) rmSync(heapDir, {recursive: true, force: true});
		stop = true;
		await session.kill();
		await churn;
		const {stdout} = await engine.docker(['ps', '-aq', '--filter', 'name=b-churn-']);
		const ids = stdout.split('\n').filter(Boolean);
		await engine.docker(['rm', '-f', 'a-chatty', ...ids], {allowFailure: true});
	}
}

// ---- run ----------------------------------------------------------------------------

type Stage = {
	n: number;
	createSeconds: number;
	baselineDaemonCpu: number;
	berth: Usage;
	dockerStats: Usage;
	berthRefresh: Usage;
	berthLow?: Usage;
	/** berth with --stats-source api: every figure from the engine's API (streams for the rows on screen, one-shots for the rest). */
	berthApi?: Usage;
	firstFrameMs: number[];
	eventMs?: number[];
	keys?: Keys;
};

function versions(engine: PrivateEngine): Record<string, string> {
	const out = (cmd: string, cmdArgs: string[], env?: NodeJS.ProcessEnv) => {
		try {
			return execFileSync(cmd, cmdArgs, {encoding: 'utf8', env: env ?? process.env, stdio: ['ignore', 'pipe', 'ignore']}).trim();
		} catch {
			return '?';
		}
	};
	const dockerEnv = {...process.env, DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli')};
	const pkg = (name: string) => {
		try {
			return (JSON.parse(readFileSync(join(benchDir, '..', 'node_modules', name, 'package.json'), 'utf8')) as {version: string}).version;
		} catch {
			return '?';
		}
	};
	return {
		node: out(NODE24, ['--version']),
		berth: out(NODE24, [join(benchDir, '..', 'dist', 'berth.js'), '--version']),
		ink: pkg('ink'),
		react: pkg('react'),
		dockerd: out('docker', ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'], dockerEnv),
		dockerCli: out('docker', ['version', '--format', '{{.Client.Version}}'], dockerEnv),
		tmux: out('tmux', ['-V']),
		kernel: release(),
		cpu: cpus()[0]?.model ?? '?',
		commit: `${out('git', ['-C', join(benchDir, '..'), 'rev-parse', '--short', 'HEAD'])}${out('git', ['-C', join(benchDir, '..'), 'status', '--porcelain', '--', 'source', 'cli.tsx']) === '' ? '' : ' + uncommitted changes to source/'}`,
	};
}

const load0 = loadavg();
const startedAt = new Date();
log(`berth bench: N=${counts.join(',')}, window ${windowSeconds} s, soak ${soakSeconds} s; load ${load0.map((v) => v.toFixed(2)).join(' ')}`);
const engine = await startPrivateEngine();
const stages: Stage[] = [];
let soakResult: Soak | undefined;
let engineVersions: Record<string, string> = {};
let floorMs: number[] = [];
try {
	await buildBusyboxImage(engine);
	engineVersions = versions(engine);
	const dockerEnv = {DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli')};
	floorMs = await launchFloor(Math.min(ffRuns, 3));
	log(`launch floor (tmux + node -e): ${floorMs.map((t) => t.toFixed(0)).join(', ')} ms`);
	let created = 0;
	for (const n of counts) {
		const began = performance.now();
		await runNumbered(engine, {prefix: 'idle-', from: created, to: n, command: idleCommand});
		const createSeconds = (performance.now() - began) / 1000;
		log(`N=${n}: created ${n - created} containers in ${createSeconds.toFixed(0)} s`);
		created = n;
		// Past a minute, docker's status text ("Up 45 seconds", "50 seconds ago") stops changing
		// every second: wait until the newest containers are that old, so the first client measured
		// does not pay for rows that tick while the later ones do not.
		await sleep(30_000);
		const baselineDaemonCpu = await baselineDaemon(engine);
		log(`  daemon idle: ${baselineDaemonCpu.toFixed(1)} %`);
		const berth = await steady(engine, () => startBerth({cols, rows, host: engine.host}), 'idle-000', `berth-${n}`);
		const dockerStats = await steady(engine, () => startTmux({cols, rows, command: ['docker', 'stats'], env: dockerEnv}), 'idle-000', `docker-stats-${n}`);
		const berthRefresh = await steady(engine, () => startBerth({cols, rows, host: engine.host, args: ['--refresh', refreshSeconds]}), 'idle-000', `berth-refresh-${n}`);
		const berthLow = await steady(engine, () => startBerth({cols, rows, host: engine.host, args: ['--low-bandwidth']}), 'idle-000', `berth-low-bandwidth-${n}`);
		const berthApi = await steady(engine, () => startBerth({cols, rows, host: engine.host, args: ['--stats-source', 'api']}), 'idle-000', `berth-api-${n}`);
		const firstFrameMs = await firstFrames(engine, n);
		log(`  first frame: ${firstFrameMs.map((t) => t.toFixed(0)).join(', ')} ms`);
		const stage: Stage = {n, createSeconds, baselineDaemonCpu, berth, dockerStats, berthRefresh, berthLow, berthApi, firstFrameMs};
		if (latencyAt === 'all' || latencyAt.split(',').map(Number).includes(n)) {
			if (eventRuns > 0) {
				stage.eventMs = await eventToScreen(engine, n).catch((error: unknown) => {
					log(`  event stage failed: ${String(error)}`);
					return [];
				});
				log(`  event to screen: p50 ${percentile(stage.eventMs, 50).toFixed(0)} p95 ${percentile(stage.eventMs, 95).toFixed(0)} ms`);
			}
			if (keyRuns > 0) {
				stage.keys = await keyStage(engine).catch((error: unknown) => {
					log(`  key stage failed: ${String(error)}`);
					return {idle: [], floodList: [], floodLogs: [], captureMs: [], floorMs: []};
				});
				log(`  keys: idle p95 ${percentile(stage.keys.idle, 95).toFixed(0)}, flood list p95 ${percentile(stage.keys.floodList, 95).toFixed(0)}, flood logs p95 ${percentile(stage.keys.floodLogs, 95).toFixed(0)} ms`);
			}
		}
		stages.push(stage);
	}
	if (soakSeconds > 0) {
		log(`soak: ${soakSeconds} s at N=${created}`);
		soakResult = await soak(engine).catch((error: unknown) => {
			log(`  soak failed: ${String(error)}`);
			return undefined;
		});
		if (soakResult) log(`  soak: ${JSON.stringify({first: soakResult.samples[0], last: soakResult.samples.at(-1), slope: soakResult.slopeMbPerHour})}`);
	}
} catch (error) {
	log(`run stopped early: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
	await engine.stop();
}
const load1 = loadavg();
const finishedAt = new Date();

mkdirSync(join(benchDir, 'results'), {recursive: true});
const raw = {startedAt, finishedAt, commandLine, options: {workload, counts, windowSeconds, soakSeconds, ffRuns, eventRuns, keyRuns, refreshSeconds, cols, rows, warmupSeconds}, nproc: cpus().length, launchFloorMs: floorMs, load: {start: load0, end: load1}, versions: engineVersions, stages, soak: soakResult};
const rawPath = join(benchDir, 'results', `run-${startedAt.toISOString().replaceAll(':', '-').slice(0, 19)}.json`);
writeFileSync(rawPath, `${JSON.stringify(raw, (_key, value: unknown) => (value === Number.POSITIVE_INFINITY ? 'timeout' : value), 2)}\n`);

// ---- table --------------------------------------------------------------------------

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '–');
const pp = (values: number[] | undefined) => {
	if (!values || values.length === 0) return 'not run';
	const timeouts = values.filter((v) => !Number.isFinite(v)).length;
	return `${f0(percentile(values, 50))} / ${percentile(values, 95) === Number.POSITIVE_INFINITY ? '>5000' : f0(percentile(values, 95))} ms (${values.length}${timeouts > 0 ? `, ${timeouts} timed out` : ''})`;
};

const lines: string[] = [];
lines.push(`Run \`${commandLine}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((finishedAt.getTime() - startedAt.getTime()) / 60_000).toFixed(0)} min. Machine: ${cpus().length} CPUs (${engineVersions['cpu']}), load average ${load0.map((v) => v.toFixed(2)).join(' ')} at start, ${load1.map((v) => v.toFixed(2)).join(' ')} at end (a VM shared with other test runs). berth ${engineVersions['berth']} (${engineVersions['commit']}) on Node ${engineVersions['node']}, Ink ${engineVersions['ink']}, React ${engineVersions['react']}; private dockerd ${engineVersions['dockerd']} (vfs, cgroup v1), docker CLI ${engineVersions['dockerCli']}, ${engineVersions['tmux']}, kernel ${engineVersions['kernel']}. ${cols}x${rows} tmux panes; steady-state windows of ${windowSeconds} s after ${warmupSeconds} s of warm-up, one per client per N, run one after another (baseline, berth, docker stats, berth --refresh ${refreshSeconds}, berth --low-bandwidth, berth --stats-source api). Containers: ${workload === 'ticking' ? 'a shell looping on `sleep 1` (CPU % and PIDs change every second)' : 'idle `sleep` (their stats do not change)'}. CPU is % of one core. Raw: \`bench/results/${rawPath.split('/').at(-1)}\`.`);
lines.push('');
lines.push(`| N | berth CPU % | docker stats CPU % | ratio | berth RSS MB: last / window peak / since start | docker stats RSS / peak MB | daemon CPU %: idle / berth / docker stats | daemon added: berth / docker stats (ratio) | terminal B/s: berth / docker stats | berth --refresh ${refreshSeconds}: CPU %, B/s, daemon % | berth --low-bandwidth: CPU %, B/s, daemon % | containers created (s) |`);
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of stages) {
	const addB = s.berth.daemonCpu - s.baselineDaemonCpu;
	const addD = s.dockerStats.daemonCpu - s.baselineDaemonCpu;
	lines.push(`| ${s.n} | ${f1(s.berth.cpu)} | ${f1(s.dockerStats.cpu)} | ${ratio(s.berth.cpu, s.dockerStats.cpu)} | ${f0(s.berth.rssMb)} / ${f0(s.berth.windowPeakMb ?? Number.NaN)} / ${f0(s.berth.hwmMb)} | ${f0(s.dockerStats.rssMb)} / ${f0(s.dockerStats.hwmMb)} | ${f1(s.baselineDaemonCpu)} / ${f1(s.berth.daemonCpu)} / ${f1(s.dockerStats.daemonCpu)} | ${f1(addB)} / ${f1(addD)} (${ratio(addB, addD)}) | ${f0(s.berth.bytesPerSecond)} / ${f0(s.dockerStats.bytesPerSecond)} | ${f1(s.berthRefresh.cpu)}, ${f0(s.berthRefresh.bytesPerSecond)}, ${f1(s.berthRefresh.daemonCpu)} | ${s.berthLow ? `${f1(s.berthLow.cpu)}, ${f0(s.berthLow.bytesPerSecond)}, ${f1(s.berthLow.daemonCpu)}` : 'not run'} | ${s.n - (stages[stages.indexOf(s) - 1]?.n ?? 0)} in ${f0(s.createSeconds)} |`);
}
lines.push('');
lines.push('| N | first complete frame, median (runs) | event to screen p50 / p95 | key to screen p50 / p95, idle | key, `yes` flooding (list, Down/Up) | key, logs pane open on the flood (`t`) |');
lines.push('|---:|---:|---:|---:|---:|---:|');
for (const s of stages) {
	lines.push(`| ${s.n} | ${f0(median(s.firstFrameMs))} ms (${s.firstFrameMs.map(f0).join(', ')}) | ${pp(s.eventMs)} | ${pp(s.keys?.idle)} | ${pp(s.keys?.floodList)} | ${pp(s.keys?.floodLogs)} |`);
}
const captures = stages.flatMap((s) => s.keys?.captureMs ?? []);
const keyFloors = stages.flatMap((s) => s.keys?.floorMs ?? []);
lines.push('');
lines.push(`Floors of the harness at the time (bench/README.md, "what the harness adds"): launch, from Enter on a shell line that execs \`node -e 'console.log(…)'\` in the same kind of pane to its line on screen: median ${f0(median(floorMs))} ms (${floorMs.map(f0).join(', ')}); a key to its echo by \`cat\`, timed as berth's keys are (tmux control client): p50 ${f0(percentile(keyFloors, 50))} ms, p95 ${f0(percentile(keyFloors, 95))} ms; one \`capture-pane -e\` round trip (only while the pane keeps writing, as in the logs flood, does it bound a figure): median ${f0(median(captures))} ms, p95 ${f0(percentile(captures, 95))} ms. Event to screen starts when \`docker run -d\` returns; berth often shows the row from the create event before that, hence figures near 0.`);
lines.push('');
if (soakResult) {
	const first = soakResult.samples[0]?.mb ?? Number.NaN;
	const last = soakResult.samples.at(-1)?.mb ?? Number.NaN;
	lines.push(`Soak at N=${counts.at(-1)} (+ a churn of containers started and removed every ~3 s, ${soakResult.churned} in all, and the logs pane following a container printing 50 lines/s${soakEventsBuffer ? `; berth --events-buffer ${soakEventsBuffer}` : ''}): ${soakResult.seconds} s, RSS every 10 s: first ${f0(first)} MB, last ${f0(last)} MB, peak (VmHWM) ${f0(soakResult.hwmMb)} MB, slope after ${f0(soakResult.warmupSeconds)} s of warm-up ${f1(soakResult.slopeMbPerHour)} ± ${f1(soakResult.slopeErrorMbPerHour)} MB/h (standard error); mean of the first and second half after warm-up ${halves(soakResult).map(f1).join(' and ')} MB. Samples (MB): ${soakResult.samples.map((s) => f0(s.mb)).join(' ')}.`);
	if (soakResult.heap) {
		const heap = soakResult.heap;
		lines.push(`Live heap (V8 heap snapshots, each after a full collection): ${f1(heap.warmMb)} MB (${heap.warmObjects} objects) at the end of the warm-up, ${f1(heap.endMb)} MB (${heap.endObjects} objects) at the end; grew most: ${heap.grew.slice(0, 5).map((g) => `${g.key} ${g.countDelta >= 0 ? '+' : ''}${g.countDelta} (${g.bytesDelta >= 0 ? '+' : ''}${f0(g.bytesDelta / 1024)} KB)`).join(', ')}.`);
	}
} else {
	lines.push('Soak: not run (`--soak 0`).');
}
lines.push('');
lines.push('| N | daemon added by berth, stats from cgroups (default here) | daemon added by berth --stats-source api | daemon added by docker stats | berth CPU %: cgroups / api | terminal B/s: cgroups / api |');
lines.push('|---:|---:|---:|---:|---:|---:|');
for (const s of stages) {
	if (!s.berthApi) continue;
	const add = (usage: Usage) => usage.daemonCpu - s.baselineDaemonCpu;
	lines.push(`| ${s.n} | ${f1(add(s.berth))} % (${ratio(add(s.berth), add(s.dockerStats))} of docker stats) | ${f1(add(s.berthApi))} % (${ratio(add(s.berthApi), add(s.dockerStats))}) | ${f1(add(s.dockerStats))} % | ${f1(s.berth.cpu)} / ${f1(s.berthApi.cpu)} | ${f0(s.berth.bytesPerSecond)} / ${f0(s.berthApi.bytesPerSecond)} |`);
}
lines.push('');
const lows = stages.filter((s) => s.berthLow);
lines.push(lows.length === 0 ? 'berth --low-bandwidth: not measured in this run.' : `berth --low-bandwidth (stats every 5 s, at most 8 frames a second) writes ${lows.map((s) => `${f0(s.berthLow!.bytesPerSecond)} B/s at N=${s.n}`).join(', ')}, beside ${lows.map((s) => f0(s.berth.bytesPerSecond)).join(', ')} B/s by default and ${lows.map((s) => f0(s.berthRefresh.bytesPerSecond)).join(', ')} B/s with --refresh ${refreshSeconds}.`);
lines.push('');

const at = (n: number) => stages.find((s) => s.n === n) ?? stages.filter((s) => s.n <= n).at(-1);
const s50 = at(50);
const sMax = stages.at(-1);
const allEvents = stages.flatMap((s) => s.eventMs ?? []);
const allIdle = stages.flatMap((s) => s.keys?.idle ?? []);
const allFlood = stages.flatMap((s) => [...(s.keys?.floodList ?? []), ...(s.keys?.floodLogs ?? [])]);
const budgets: Array<[string, string]> = [];
if (s50) {
	budgets.push([`berth CPU at N=${s50.n} ≤ docker stats'`, budget(s50.berth.cpu, s50.dockerStats.cpu)]);
	budgets.push([`daemon CPU added at N=${s50.n} ≤ docker stats'`, budget(s50.berth.daemonCpu - s50.baselineDaemonCpu, s50.dockerStats.daemonCpu - s50.baselineDaemonCpu)]);
	budgets.push([`terminal bytes at N=${s50.n} ≤ 2 KB/s`, `${budget(s50.berth.bytesPerSecond, 2048)}; docker stats writes ${f0(s50.dockerStats.bytesPerSecond)} B/s`]);
}
budgets.push(['first frame ≤ 400 ms (median, every N)', stages.map((s) => `N=${s.n} ${budget(median(s.firstFrameMs), 400)}`).join('; ')]);
budgets.push(['event to screen p95 ≤ 150 ms (all N pooled)', budget(percentile(allEvents, 95), 150)]);
budgets.push(['key to screen p95 ≤ 50 ms idle (all N pooled)', budget(percentile(allIdle, 95), 50)]);
budgets.push(['key to screen p95 ≤ 100 ms during a flood (list and logs pane pooled)', budget(percentile(allFlood, 95), 100)]);
if (sMax) {
	const peak = sMax.berth.windowPeakMb ?? sMax.berth.hwmMb;
	budgets.push([`RSS ≤ 120 MB at N=${sMax.n}${sMax.n < 200 ? ' (N=200 not run)' : ''}`, `${budget(peak, 120)} (peak over the steady-state window ${f0(peak)} MB, last ${f0(sMax.berth.rssMb)} MB; since start, start-up included (VmHWM), ${f0(sMax.berth.hwmMb)} MB)`]);
}
if (soakResult) {
	const {slopeMbPerHour: slope, slopeErrorMbPerHour: error} = soakResult;
	// Flat: no trend beyond the samples' own swing (within two standard errors of zero), or under 5 MB/h.
	const verdict = Math.abs(slope) < 5 || Math.abs(slope) < 2 * error ? 'flat' : 'growing';
	budgets.push(['no growth over the soak', `${f1(slope)} ± ${f1(error)} MB/h after warm-up (${verdict}; halves ${halves(soakResult).map(f1).join(' / ')} MB)`]);
}
lines.push('| budget (issue 10) | this run |');
lines.push('|---|---|');
for (const [name, verdict] of budgets) lines.push(`| ${name} | ${verdict} |`);

const table = lines.join('\n');
process.stdout.write(`${table}\n\nraw results: ${rawPath}\n`);
if (writeReadme) {
	const readmePath = join(benchDir, 'README.md');
	const before = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '# Benchmarks\n';
	writeFileSync(readmePath, replaceBlock(before, table));
	process.stdout.write(`table written to ${readmePath}\n`);
}
