/**
 * Pure helpers of the benchmark suite (bench/run.ts): percentiles, a least-squares slope,
 * /proc parsing, finding the selected (inverse-video) row in a `capture-pane -e` screen,
 * and replacing the marked table block in bench/README.md. Unit-tested in
 * test/unit/bench-stats.test.ts.
 */

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Median (mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Least-squares fit y = intercept + slope * x; slope 0 for fewer than two distinct x. */
export function linearFit(points: ReadonlyArray<{x: number; y: number}>): {slope: number; intercept: number} {
	const n = points.length;
	if (n === 0) return {slope: 0, intercept: Number.NaN};
	const mx = mean(points.map((p) => p.x));
	const my = mean(points.map((p) => p.y));
	let sxy = 0;
	let sxx = 0;
	for (const p of points) {
		sxy += (p.x - mx) * (p.y - my);
		sxx += (p.x - mx) ** 2;
	}
	const slope = sxx === 0 ? 0 : sxy / sxx;
	return {slope, intercept: my - slope * mx};
}

/** Memory trend in MB per hour from samples of (seconds, MB), ignoring those before `warmupSeconds`. */
export function slopeMbPerHour(samples: ReadonlyArray<{t: number; mb: number}>, warmupSeconds: number): number {
	const kept = samples.filter((s) => s.t >= warmupSeconds);
	return linearFit(kept.map((s) => ({x: s.t, y: s.mb}))).slope * 3600;
}

/**
 * The standard error of {@link slopeMbPerHour}'s slope (MB/h): RSS swings by megabytes
 * between samples as V8 collects, so a short soak's slope means little without it. A
 * slope within two of these of zero is no evidence of growth. NaN with under 3 samples.
 */
export function slopeErrorMbPerHour(samples: ReadonlyArray<{t: number; mb: number}>, warmupSeconds: number): number {
	const kept = samples.filter((s) => s.t >= warmupSeconds).map((s) => ({x: s.t, y: s.mb}));
	if (kept.length < 3) return Number.NaN;
	const {slope, intercept} = linearFit(kept);
	const mx = mean(kept.map((p) => p.x));
	let residuals = 0;
	let sxx = 0;
	for (const p of kept) {
		residuals += (p.y - (intercept + slope * p.x)) ** 2;
		sxx += (p.x - mx) ** 2;
	}
	return sxx === 0 ? Number.NaN : Math.sqrt(residuals / (kept.length - 2) / sxx) * 3600;
}

/** utime + stime (clock ticks) from the text of /proc/<pid>/stat; the command name may hold spaces and parens. */
export function parseStatTicks(stat: string): number {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** A `VmRSS`/`VmHWM`-style field of /proc/<pid>/status in MB (1024 kB); NaN if absent. */
export function parseStatusMb(status: string, field: string): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** CPU % of one core from a tick delta over `seconds` (USER_HZ ticks per second, 100 on Linux). */
export function cpuPercent(ticks: number, seconds: number, hz = 100): number {
	return seconds <= 0 ? Number.NaN : (ticks / hz / seconds) * 100;
}

/** Bytes per second written to a growing file between two sizes. */
export function bytesPerSecond(sizeBefore: number, sizeAfter: number, seconds: number): number {
	return seconds <= 0 ? Number.NaN : Math.max(0, sizeAfter - sizeBefore) / seconds;
}

const INVERSE = /\u001B\[(?:[\d;]*;)?7(?:;[\d;]*)?m/;

/** Index of the first screen line holding inverse video (the selected row), -1 if none. */
export function selectedLine(screenWithEscapes: string): number {
	return screenWithEscapes.split('\n').findIndex((line) => INVERSE.test(line));
}

/** The screen line index (plain `capture-pane -p`) containing `text`, -1 if none. */
export function lineOf(screen: string, text: string): number {
	return screen.split('\n').findIndex((line) => line.includes(text));
}

export const BLOCK_START = '<!-- bench:start -->';
export const BLOCK_END = '<!-- bench:end -->';

/**
 * Puts `block` between the bench markers of a README, replacing what was there; appends
 * a section with the markers (under `heading`) if the README has none. Text outside the
 * markers is kept byte for byte.
 */
export function replaceBlock(readme: string, block: string, heading = '## Suite (`npm run bench`)'): string {
	const start = readme.indexOf(BLOCK_START);
	const end = readme.indexOf(BLOCK_END);
	const body = `${BLOCK_START}\n${block.trim()}\n${BLOCK_END}`;
	if (start !== -1 && end > start) return readme.slice(0, start) + body + readme.slice(end + BLOCK_END.length);
	return `${readme.trimEnd()}\n\n${heading}\n\n${body}\n`;
}

/** "met (0.42x)" / "not met (1.8x)" for value against a limit (lower is better). */
export function budget(value: number, limit: number): string {
	if (!Number.isFinite(value) || !Number.isFinite(limit) || limit <= 0) return 'not measured';
	const ratio = value / limit;
	return `${value <= limit ? 'met' : 'not met'} (${ratio.toFixed(2)}x)`;
}

/** The value after `--name` in a script's arguments, or undefined when the flag (or its value) is absent. */
export function optionValue(args: readonly string[], name: string): string | undefined {
	const index = args.indexOf(`--${name}`);
	return index === -1 ? undefined : args[index + 1];
}
