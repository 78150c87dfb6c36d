/**
 * How fresh berth's stats are, per source: N idle containers on a private
 * engine, berth's own feeds in process (no UI), a viewport of the first
 * `rows` containers by name (what a 45-row terminal shows), and for S seconds
 * the time between a container's successive readings (the reading times the
 * engine, or berth's cgroup pass, stamped on them), for the rows on
 * screen and for the others. Also the daemon's CPU over the window, beside
 * its idle CPU, for each source.
 *
 *   npx tsx bench/stats-freshness.ts [--n 200] [--rows 40] [--seconds 60]
 */
import type {StatsSourceMode} from '../source/engine/local-stats-mode.js';
import {runNumbered, startBerthFeeds} from './bench-containers.js';
import {daemonTicks} from './daemon-ticks.js';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {optionValue} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(optionValue(args, name) ?? fallback);

const n = option('n', 200);
const rows = option('rows', 40);
const seconds = option('seconds', 60);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** `ids` in the order of their names: the first `rows` are the rows on screen. */
async function measure(engine: PrivateEngine, source: StatsSourceMode, ids: string[]) {
	const visible = ids.slice(0, rows);
	const shown = new Set(visible);
	// The engine's (or the kernel pass's) own reading times: a gap is the time between two
	// successive readings of a container, not between the ticks that published them.
	const gaps = {visible: [] as number[], other: [] as number[]};
	let counting = false;
	const berth = startBerthFeeds(engine.host, source, visible, (id, readMs, previous) => {
		if (counting && previous !== undefined) (shown.has(id) ? gaps.visible : gaps.other).push((readMs - previous) / 1000);
	});
	await sleep(20_000); // warm-up: every container has been sampled at least once
	counting = true;
	const before = daemonTicks(engine.dir);
	await sleep(seconds * 1000);
	const daemonPercent = ((daemonTicks(engine.dir) - before) * 10) / (seconds * 10);
	const open = berth.open;
	berth.stop();
	return {source, gaps, daemonPercent, open};
}

const engine = await startPrivateEngine();
try {
	await buildBusyboxImage(engine);
	const ids = await runNumbered(engine, {prefix: 'fresh-', to: n});

	await sleep(5000);
	const idleBefore = daemonTicks(engine.dir);
	await sleep(20_000);
	const idle = ((daemonTicks(engine.dir) - idleBefore) * 10) / 200;
	console.log(`N=${n}, ${rows} rows on screen, ${seconds} s windows; daemon idle ${idle.toFixed(1)} % of one core`);
	console.log('| source | rows on screen: s between new readings p50 / p90 | other rows: p50 / p90 | daemon CPU % (added) | streams open at the end |');
	console.log('|---|---:|---:|---:|---:|');
	for (const source of ['auto', 'api'] as const) {
		const {gaps, daemonPercent, open} = await measure(engine, source, ids);
		const pp = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${percentile(values, 90).toFixed(2)}`;
		console.log(`| ${source === 'auto' ? 'cgroups (auto)' : 'api'} | ${pp(gaps.visible)} | ${pp(gaps.other)} | ${daemonPercent.toFixed(1)} (+${(daemonPercent - idle).toFixed(1)}) | ${open} |`);
	}
} finally {
	await engine.stop();
}
