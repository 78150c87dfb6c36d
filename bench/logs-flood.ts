// Logs under a flood: lines per second ingested by berth (following a container that prints
// as fast as it can) against `docker logs -f` piped away, key-to-screen latency in tmux
// during the flood (and with a quiet container, for the machine's own latency), berth's CPU
// and RSS, and from inside berth (a preloaded probe, not part of berth): key to the frame
// written, event-loop delay, garbage collection. One private engine, one run; writes the table
// into bench/README.md under "## Logs".
// Run: npm run build && npx tsx bench/logs-flood.ts [seconds per window, default 10]
//   --presses N      keys per window (default 40)
//   --bin FILE       the bundle to measure (default dist/berth.js)
//   --compare FILE   also measure another bundle (e.g. a copy of an earlier dist/berth.js),
//                    its flood windows interleaved with this build's (--rounds each, default 2)
//   --no-readme      print the section only
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {BERTH_BIN, NODE24, startTmux, type TmuxSession} from '../test/support/tmux.js';
import {optionValue} from './stats.js';

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string) => optionValue(args, name);

const seconds = Number(args.find((arg, index) => /^\d+$/.test(arg) && !args[index - 1]?.startsWith('--')) ?? 10);
const presses = Number(option('presses') ?? 40);
const bin = option('bin') ?? BERTH_BIN;
const compare = option('compare');
const rounds = Number(option('rounds') ?? (compare ? 2 : 1));
const writeReadme = !args.includes('--no-readme');
const readme = fileURLToPath(new URL('README.md', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
const median = (values: number[]) => percentile(values, 50);

/**
 * Loaded into berth with `node --import` (berth itself has no such code): from the first
 * stdin event after a frame to the next write to stdout (the frame showing the key), the
 * event loop's delay (timers 10 ms apart), and GC pauses, from SIGUSR2 to exit, into $BERTH_PROBE.
 */
const probeSource = `
import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay, performance, PerformanceObserver} from 'node:perf_hooks';
const keyToFrame = []; const keyCpu = []; let keyAt; let keyCpuAt; const frames = []; const gc = {count: 0, total: 0, max: 0};
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const delay = monitorEventLoopDelay({resolution: 10}); delay.enable();
let utilization = performance.eventLoopUtilization(); let since = performance.now();
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gc.count++; gc.total += e.duration; gc.max = Math.max(gc.max, e.duration); } }).observe({entryTypes: ['gc']});
const emit = process.stdin.emit;
process.stdin.emit = function (event, ...rest) { if ((event === 'readable' || event === 'data') && keyAt === undefined) { keyAt = performance.now(); keyCpuAt = cpu(); } return emit.call(this, event, ...rest); };
const write = process.stdout.write;
const sync = new Set(['\\u001B[?2026h', '\\u001B[?2026l']);
process.stdout.write = function (...rest) { if (!sync.has(String(rest[0]))) frames.push(performance.now() - since); if (keyAt !== undefined) { keyToFrame.push(performance.now() - keyAt); keyCpu.push(cpu() - keyCpuAt); keyAt = undefined; } return write.apply(this, rest); };
process.on('SIGUSR2', () => { keyToFrame.length = 0; keyCpu.length = 0; frames.length = 0; delay.reset(); utilization = performance.eventLoopUtilization(); Object.assign(gc, {count: 0, total: 0, max: 0}); since = performance.now(); });
process.on('exit', () => writeFileSync(process.env.BERTH_PROBE, JSON.stringify({keyToFrame, keyCpu, frames, delayP99: delay.percentile(99) / 1e6, delayMax: delay.max / 1e6, utilization: performance.eventLoopUtilization(utilization).utilization, gc, span: performance.now() - since})));
`;

const work = mkdtempSync(join(tmpdir().length <= 40 ? tmpdir() : '/tmp', 'berth-flood-'));
const probeFile = join(work, 'probe.mjs');
writeFileSync(probeFile, probeSource);

/** NaN once the process is gone (the window then fails with berth's last screen). */
function rssMiB(pid: number): number {
	if (!existsSync(`/proc/${pid}/status`)) return Number.NaN;
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match?.[1] ?? 0) / 1024;
}

function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function logRows(screen: string): string[] {
	const lines = screen.split('\n');
	const title = lines.findIndex((line) => line.startsWith('── logs'));
	return title === -1 ? [] : lines.slice(title + 1, -2).filter((line) => line.trim() !== '');
}

const received = (screen: string) => Number(/ · ([\d,]+) lines/.exec(screen)?.[1]?.replaceAll(',', '') ?? Number.NaN);

/** `docker logs -f` of the flood, piped to wc: lines per second over the window. */
async function dockerIngest(engine: PrivateEngine): Promise<number> {
	const env = {...process.env, DOCKER_HOST: engine.host};
	const {stdout} = await run('sh', ['-c', `timeout ${seconds} docker logs -f --tail 0 flood | wc -l`], {env});
	return Number(stdout.trim()) / seconds;
}

async function select(session: TmuxSession, name: string): Promise<void> {
	for (let i = 0; i < 20; i++) {
		const row = (await session.captureEscapes()).split('\n').find((line) => line.includes(name));
		if (row && /\u001B\[(?:[\d;]*;)?7m/.test(row)) return;
		await session.sendKeys('j');
		await sleep(50);
	}

	throw new Error(`could not select ${name}`);
}

/** t toggles timestamps: the time from send-keys to the screen showing the change, `count` times. */
async function keyLatencies(session: TmuxSession, count: number): Promise<number[]> {
	const stamped = (screen: string) => /^ ?\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /.test(logRows(screen).at(-1) ?? '');
	const latencies: number[] = [];
	for (let i = 0; i < count; i++) {
		const want = !stamped(await session.capture());
		const sent = performance.now();
		await session.sendKeys('t');
		for (;;) {
			if (stamped(await session.capture()) === want) break;
			if (performance.now() - sent > 10_000) throw new Error(`no screen change within 10 s; the screen:\n${await session.capture()}`);
		}

		latencies.push(performance.now() - sent);
		// Not in step with berth's frames.
		await sleep(100 + Math.random() * 100);
	}

	return latencies;
}

type Probe = {keyToFrame: number[]; keyCpu: number[]; frames: number[]; framesPerSecond?: number; delayP99: number; delayMax: number; utilization: number; gc: {count: number; total: number; max: number}; span: number};
type BerthWindow = {cpuMsPerThousandLines: number; linesPerSecond: number; hiddenLinesPerSecond: number; latencies: number[]; cpu: number; rss: number[]; probe: Probe | undefined; elapsed: number};

async function berthWindow(engine: PrivateEngine, bin: string, container: string, measureIngest: boolean): Promise<BerthWindow> {
	const probeOut = join(work, `probe-${Date.now()}.json`);
	const session = await startTmux({cols: 160, rows: 45, command: [NODE24, '--import', pathToFileURL(probeFile).href, bin], env: {DOCKER_HOST: engine.host, BERTH_PROBE: probeOut}});
	try {
		await session.waitFor(container);
		await select(session, container);
		await session.sendKeys('l');
		await session.waitFor(new RegExp(`── logs ${container} following`));
		await sleep(1000);
		process.kill(session.pid, 'SIGUSR2');
		const rss: number[] = [];
		const sampler = setInterval(() => rss.push(rssMiB(session.pid)), 1000);
		const first = received(await session.capture());
		const cpuStart = cpuSeconds(session.pid);
		const started = performance.now();
		const latencies = await keyLatencies(session, presses);
		const left = seconds * 1000 - (performance.now() - started);
		if (left > 0) await sleep(left);
		const elapsed = (performance.now() - started) / 1000;
		clearInterval(sampler);
		if (!(await session.isAlive())) throw new Error(`berth (${bin}) exited during the window; its last screen:\n${await session.capture()}`);
		rss.push(rssMiB(session.pid));
		const last = received(await session.capture());
		const cpuUsed = cpuSeconds(session.pid) - cpuStart;
		const cpu = (cpuUsed / elapsed) * 100;
		// /proc counts in 10 ms ticks: over a 10 s window that is 0.1 % of a core.
		const cpuMsPerThousandLines = last > first ? (cpuUsed * 1e6) / (last - first) : 0;
		// The same stream with the logs hidden (the help screen over them): what reading costs without drawing.
		let hiddenLinesPerSecond = 0;
		if (measureIngest) {
			const before = received(await session.capture());
			const hidden = performance.now();
			await session.sendKeys('?');
			await sleep(seconds * 1000);
			await session.sendKeys('Escape');
			const after = received(await session.waitFor(/── logs/));
			hiddenLinesPerSecond = (after - before) / ((performance.now() - hidden) / 1000);
		}

		await session.sendKeys('q');
		for (let i = 0; i < 50 && (await session.isAlive()); i++) await sleep(100);
		const probe = existsSync(probeOut) ? (JSON.parse(readFileSync(probeOut, 'utf8')) as Probe) : undefined;
		// Frames in the key window only (the probe runs on through the hidden window).
		if (probe) probe.framesPerSecond = probe.frames.filter((at) => at <= elapsed * 1000).length / elapsed;
		return {cpuMsPerThousandLines, linesPerSecond: measureIngest ? (last - first) / elapsed : 0, hiddenLinesPerSecond, latencies, cpu, rss, probe, elapsed};
	} finally {
		await session.kill();
	}
}

/** Several windows of one bundle as one: latencies pooled, rates and CPU as medians. */
function pool(windows: BerthWindow[]): BerthWindow & {keyToFrame: number[]} {
	const probes = windows.map((w) => w.probe).filter((p) => p !== undefined);
	return {
		cpuMsPerThousandLines: median(windows.map((w) => w.cpuMsPerThousandLines)),
		linesPerSecond: median(windows.map((w) => w.linesPerSecond)),
		hiddenLinesPerSecond: median(windows.map((w) => w.hiddenLinesPerSecond)),
		latencies: windows.flatMap((w) => w.latencies),
		cpu: median(windows.map((w) => w.cpu)),
		rss: windows.flatMap((w) => w.rss),
		elapsed: windows.reduce((sum, w) => sum + w.elapsed, 0),
		keyToFrame: probes.flatMap((p) => p.keyToFrame),
		probe: probes.length === 0 ? undefined : {
			keyToFrame: probes.flatMap((p) => p.keyToFrame),
			keyCpu: probes.flatMap((p) => p.keyCpu),
			frames: [],
			framesPerSecond: median(probes.map((p) => p.framesPerSecond ?? 0)),
			delayP99: median(probes.map((p) => p.delayP99)),
			delayMax: Math.max(...probes.map((p) => p.delayMax)),
			utilization: median(probes.map((p) => p.utilization)),
			gc: {count: probes.reduce((s, p) => s + p.gc.count, 0), total: probes.reduce((s, p) => s + p.gc.total, 0), max: Math.max(...probes.map((p) => p.gc.max))},
			span: probes.reduce((s, p) => s + p.span, 0),
		},
	};
}

const engine = await startPrivateEngine();
try {
	await buildBusyboxImage(engine);
	await engine.run(['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "quiet line $i"; sleep 1; done'], ['--name', 'quiet']);
	const loadBefore = loadavg()[0]!;
	const quiet = await berthWindow(engine, bin, 'quiet', false);
	await engine.run(['seq', '1', '4000000000'], ['--name', 'flood']);
	await sleep(2000);
	// The flood loads dockerd (and so the machine) whoever reads it: berth on the quiet container meanwhile.
	const beside = await berthWindow(engine, bin, 'quiet', false);
	const dockerFirst = await dockerIngest(engine);
	const floods: BerthWindow[] = [];
	const compared: BerthWindow[] = [];
	for (let round = 0; round < rounds; round++) {
		floods.push(await berthWindow(engine, bin, 'flood', true));
		if (compare) compared.push(await berthWindow(engine, compare, 'flood', true));
	}

	const dockerAgain = await dockerIngest(engine);
	const loadAfter = loadavg()[0]!;
	const flood = pool(floods);
	const before = compare ? pool(compared) : undefined;

	// Raw figures (every latency, every window) for pooling runs: bench/results/ is not committed.
	const resultsDir = fileURLToPath(new URL('results/', import.meta.url));
	mkdirSync(resultsDir, {recursive: true});
	const rawPath = join(resultsDir, `logs-flood-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}.json`);
	writeFileSync(rawPath, JSON.stringify({args, loadBefore, loadAfter, bin, compare, dockerFirst, dockerAgain, quiet, beside, floods, compared}, null, 1));
	process.stdout.write(`raw results: ${rawPath}\n`);
	const ms = (value: number) => `${value.toFixed(0)} ms`;
	const both = (pick: (w: ReturnType<typeof pool>) => string) => (before ? [pick(flood), pick(before)] : [pick(flood)]);
	const gcText = (w: ReturnType<typeof pool>) => (w.probe ? `${((w.probe.gc.total / w.probe.span) * 100).toFixed(1)} % of the time, longest ${ms(w.probe.gc.max)}` : '–');
	const rows = [
		['lines/s ingested (flood: `seq` as fast as it goes), following on screen', ...both((w) => Math.round(w.linesPerSecond).toLocaleString('en-US')), `${Math.round(dockerFirst).toLocaleString('en-US')} before, ${Math.round(dockerAgain).toLocaleString('en-US')} after`],
		['lines/s ingested, the same stream with the logs hidden (help screen)', ...both((w) => Math.round(w.hiddenLinesPerSecond).toLocaleString('en-US')), ''],
		[`key-to-screen p50 / p95 during the flood (t, ${flood.latencies.length} presses)`, ...both((w) => `${ms(percentile(w.latencies, 50))} / ${ms(percentile(w.latencies, 95))}`), ''],
		['inside berth: key read to its frame written, p50 / p95', ...both((w) => `${ms(percentile(w.keyToFrame, 50))} / ${ms(percentile(w.keyToFrame, 95))}`), ''],
		['inside berth: main-thread CPU from key read to frame written, p50 / p95', ...both((w) => (w.probe ? `${percentile(w.probe.keyCpu, 50).toFixed(1)} ms / ${percentile(w.probe.keyCpu, 95).toFixed(1)} ms` : '–')), ''],
		['inside berth: frames written per second during the flood', ...both((w) => (w.probe?.framesPerSecond === undefined ? '–' : w.probe.framesPerSecond.toFixed(1))), ''],
		['inside berth: event-loop delay p99 / max (10 ms timer); loop busy', ...both((w) => (w.probe ? `${ms(w.probe.delayP99)} / ${ms(w.probe.delayMax)}; ${(w.probe.utilization * 100).toFixed(0)} %` : '–')), ''],
		['inside berth: garbage collection', ...both(gcText), ''],
		['berth CPU following the flood (% of one core); CPU per 1,000 lines', ...both((w) => `${w.cpu.toFixed(0)} %; ${w.cpuMsPerThousandLines.toFixed(1)} ms`), ''],
		['berth RSS during the flood: first / last / max', ...both((w) => `${w.rss[0]?.toFixed(0)} / ${w.rss.at(-1)?.toFixed(0)} / ${Math.max(...w.rss).toFixed(0)} MiB`), ''],
		['key-to-screen p50 / p95, following the quiet container while the flood runs', `${ms(percentile(beside.latencies, 50))} / ${ms(percentile(beside.latencies, 95))}`, ...(before ? [''] : []), ''],
		['key-to-screen p50 / p95, quiet container, no flood (the machine and tmux)', `${ms(percentile(quiet.latencies, 50))} / ${ms(percentile(quiet.latencies, 95))}`, ...(before ? [''] : []), ''],
	];
	const header = before ? ['what', 'berth', `berth before (\`--compare\`)`, '`docker logs -f \\| wc -l`'] : ['what', 'berth', '`docker logs -f \\| wc -l`'];
	const table = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
	const command = `npx tsx bench/logs-flood.ts ${seconds}${presses === 40 ? '' : ` --presses ${presses}`}${bin === BERTH_BIN ? '' : ` --bin ${bin}`}${compare ? ` --compare ${compare}` : ''}${rounds !== (compare ? 2 : 1) ? ` --rounds ${rounds}` : ''}`;
	const section = [
		'## Logs',
		'',
		`\`${command}\` (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${seconds} s windows${rounds > 1 ? `, ${rounds} flood windows per build, pooled` : ''}; 160x45 tmux pane; private dockerd with the json-file driver; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on a shared 2-core machine):`,
		'',
		table,
		'',
	].join('\n');
	process.stdout.write(`${section}\n`);
	if (writeReadme) {
		const old = existsSync(readme) ? readFileSync(readme, 'utf8') : '# Benchmarks\n';
		const start = old.indexOf('## Logs\n');
		// The generated part ends at the table; the notes after it (up to the next section) stay.
		let updated: string;
		if (start === -1) {
			updated = `${old.trimEnd()}\n\n${section}`;
		} else {
			const tableStart = old.indexOf('\n|', start);
			const tableEnd = old.indexOf('\n\n', tableStart + 1);
			updated = old.slice(0, start) + section.trimEnd() + old.slice(tableEnd === -1 ? old.length : tableEnd);
		}

		writeFileSync(readme, updated);
		process.stdout.write(`written to ${readme}\n`);
	}
} finally {
	await engine.stop();
	rmSync(work, {recursive: true, force: true});
}
