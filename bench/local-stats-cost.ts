/**
 * What one local (cgroup) stats pass costs berth: N idle busybox containers on
 * a private engine, one reader over all of them; the first pass (one inspect
 * per container, then the reads), then the median of 20 passes (file reads
 * only: nothing for the daemon to do). Also the daemon's CPU over those passes.
 *
 *   npx tsx bench/local-stats-cost.ts [--n 50] [--passes 20]
 */
import {createDockerEngine} from '../source/engine/docker-engine.js';
import {parseHost} from '../source/engine/endpoint.js';
import {daemonTicks} from './daemon-ticks.js';
import {buildBusyboxImage, startPrivateEngine} from '../test/support/private-engine.js';
import {optionValue} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(optionValue(args, name) ?? fallback);

const n = option('n', 50);
const passes = option('passes', 20);

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const engine = await startPrivateEngine();
try {
	await buildBusyboxImage(engine);
	const ids: string[] = [];
	for (let index = 0; index < n; index += 8) {
		const batch = Array.from({length: Math.min(8, n - index)}, () => engine.run(['sleep', '1000000']));
		ids.push(...(await Promise.all(batch)));
	}

	const berth = createDockerEngine(parseHost(engine.host, {kind: 'flag-host'}));
	const reader = berth.localStats;
	if (!reader) throw new Error('no local stats reader for this engine');
	let started = performance.now();
	const first = await reader.sample(ids);
	const firstMs = performance.now() - started;
	if (first.size !== n) throw new Error(`the first pass read ${first.size} of ${n} containers`);
	const times: number[] = [];
	const daemonBefore = daemonTicks(engine.dir);
	const cpuBefore = process.cpuUsage();
	for (let pass = 0; pass < passes; pass++) {
		started = performance.now();
		const result = await reader.sample(ids);
		times.push(performance.now() - started);
		if (result.size !== n || [...result.values()].some((one) => one.missing.size > 0)) throw new Error(`pass ${pass}: not every metric of every container was read`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	const cpu = process.cpuUsage(cpuBefore);
	const daemon = daemonTicks(engine.dir) - daemonBefore;
	berth.close();
	console.log(`N=${n}: first pass (${n} inspects + reads) ${firstMs.toFixed(1)} ms; one pass: median ${median(times).toFixed(2)} ms, min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)} (${passes} passes)`);
	console.log(`berth CPU over the ${passes} passes: ${((cpu.user + cpu.system) / 1000 / passes).toFixed(2)} ms per pass; daemon (dockerd + containerd + shims): ${daemon} ticks (${daemon * 10} ms) in all`);
} finally {
	await engine.stop();
}
