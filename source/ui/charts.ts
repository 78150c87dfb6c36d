/**
 * Text charts for the detail view: bar charts of block elements (▁▂▃▄▅▆▇█),
 * eight levels per line, any number of lines tall. Pure: values in, lines out.
 */

const levels = ' ▁▂▃▄▅▆▇█';

/**
 * Values fitted to `width` columns, newest on the right: `perColumn` samples
 * fold into one column by their maximum (a spike must not vanish), so a narrow
 * terminal still covers the same time.
 */
export function fitColumns(values: readonly number[], width: number, perColumn: number): number[] {
	const per = Math.max(1, Math.floor(perColumn));
	const columns = Math.max(0, Math.min(width, Math.ceil(values.length / per)));
	const start = values.length - columns * per;
	const out: number[] = [];
	for (let column = 0; column < columns; column++) {
		let max = 0;
		for (let i = Math.max(0, start + column * per); i < start + (column + 1) * per; i++) max = Math.max(max, values[i] ?? 0);
		out.push(max);
	}

	return out;
}

/**
 * A bar chart `rows` lines tall, top line first, each line `values.length`
 * characters. `max` is the top of the scale; anything above 0 shows at least
 * the lowest block, so activity is never invisible.
 */
export function barChart(values: readonly number[], rows: number, max: number): string[] {
	const steps = rows * 8;
	const heights = values.map((value) => {
		if (!(value > 0) || !(max > 0)) return 0;
		return Math.max(1, Math.min(steps, Math.round((value / max) * steps)));
	});
	const lines: string[] = [];
	for (let row = 0; row < rows; row++) {
		const base = (rows - 1 - row) * 8;
		let line = '';
		for (const height of heights) line += levels[Math.max(0, Math.min(8, height - base))]!;
		lines.push(line);
	}

	return lines;
}

/** A round top for a chart's scale: 1, 2, 2.5, 5 times a power of ten, at least `floor`. */
export function niceMax(values: readonly number[], floor: number): number {
	let max = floor;
	for (const value of values) if (value > max) max = value;
	if (!(max > 0)) return 1;
	const power = 10 ** Math.floor(Math.log10(max));
	for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
	return 10 * power;
}

/** A span of time in a few characters: "45s", "2m30s", "5m". */
export function shortDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest === 0 ? `${minutes}m` : `${minutes}m${String(rest).padStart(2, '0')}s`;
}
