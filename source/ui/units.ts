/**
 * Sizes, rates and percentages, matching the docker CLI where it defines the
 * output (github.com/docker/go-units size.go, docker/cli cli/command/formatter).
 * Pure; safe to call for every row on every render.
 */
import {formatG, toFixed2} from './go-float.js';

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/**
 * Decimal size, go-units HumanSizeWithPrecision: "1.5kB", "64MB". The default of 3
 * significant digits is what `docker stats` NET I/O and BLOCK I/O and `docker ps
 * --size` print; go-units HumanSize itself is precision 4.
 */
export function humanSize(bytes: number, precision = 3): string {
	if (!Number.isFinite(bytes)) return '--';
	const [size, i] = scaled(bytes, 1000, decimalUnits.length);
	return formatG(size, precision) + decimalUnits[i]!;
}

/** Binary size, go-units BytesSize ("%.4g", base 1024): "64MiB", "1.953GiB"; `docker stats` MEM USAGE / LIMIT. */
export function bytesSize(bytes: number): string {
	if (!Number.isFinite(bytes)) return '--';
	const [size, i] = scaled(bytes, 1024, binaryUnits.length);
	return formatG(size, 4) + binaryUnits[i]!;
}

/** `value` divided by `base` while it is at least `base` and units remain, and that unit's index (go-units getSizeAndUnit). */
function scaled(value: number, base: number, units: number): [number, number] {
	let size = value;
	let i = 0;
	while (size >= base && i < units - 1) {
		size /= base;
		i++;
	}

	return [size, i];
}

const rateUnits = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s', 'PB/s', 'EB/s', 'ZB/s', 'YB/s'] as const;
/** Width of every formatRate result. */
export const rateWidth = 9;

/**
 * A decimal rate for "/s" columns, always `rateWidth` columns and right-aligned so
 * a column does not jitter: "  512 B/s", "1.23 MB/s", "12.3 kB/s", " 123 GB/s".
 * Not a CLI format (docker stats shows totals, not rates). Negative or non-finite
 * values (a counter reset, no sample yet) show as "--".
 */
export function formatRate(bytesPerSecond: number): string {
	if (!(bytesPerSecond >= 0) || bytesPerSecond === Number.POSITIVE_INFINITY) return '       --';
	let value = bytesPerSecond;
	let i = 0;
	// 999.5 would print as "1000"; it belongs to the next unit as "1.00".
	while (value >= 999.5 && i < rateUnits.length - 1) {
		value /= 1000;
		i++;
	}

	let number: string;
	if (i === 0) number = String(Math.round(value));
	else if (value < 9.995) number = value.toFixed(2);
	else if (value < 99.95) number = value.toFixed(1);
	else number = value.toFixed(0);
	return `${number} ${rateUnits[i]!}`.padStart(rateWidth);
}

/** `docker stats` CPU % / MEM %: strconv.FormatFloat(v, 'f', 2, 64) + "%"; missing or NaN is "--". */
export function formatPercent(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '--';
	return `${toFixed2(value)}%`;
}
