/**
 * The live stats cells of the containers table, in the docker CLI's units
 * (units.ts): CPU % and MEM % with two decimals, memory in binary units,
 * network and block I/O as rates. Each cell has a fixed width and is
 * right-aligned, so a value changes in place and never shifts its row.
 */
import type {ContainerStats} from '../engine/engine.js';
import type {Container} from '../store/state.js';
import type {StatsColumnKey} from './columns.js';
import {fit} from './text-width.js';
import {bytesSize, formatPercent, formatRate} from './units.js';

/** The text of one stats cell, exactly `width` columns. */
export function statsCellText(key: StatsColumnKey, container: Container, figures: ContainerStats | undefined, width: number): string {
	// Only running and paused containers have figures; the others stay blank, not "--".
	if (container.state !== 'running' && container.state !== 'paused') return ' '.repeat(width);
	return right(statsText(key, figures, width), width);
}

function statsText(key: StatsColumnKey, figures: ContainerStats | undefined, width: number): string {
	if (!figures) return key === 'network' || key === 'block' ? `${formatRate(Number.NaN)} ${formatRate(Number.NaN)}` : '--';
	switch (key) {
		case 'cpu':
			return percent(figures.cpuPercent, width);
		case 'memory':
			return memoryText(figures, width);
		case 'memoryPercent':
			return percent(figures.memoryPercent, width);
		case 'network':
			return `${formatRate(figures.networkRxRate ?? Number.NaN)} ${formatRate(figures.networkTxRate ?? Number.NaN)}`;
		case 'block':
			return `${formatRate(figures.blockReadRate ?? Number.NaN)} ${formatRate(figures.blockWriteRate ?? Number.NaN)}`;
		case 'pids':
			return String(figures.pids);
	}
}

/** `docker stats` MEM USAGE / LIMIT when there is room ("50.42MiB / 64MiB"), else the usage alone. */
export function memoryText(figures: ContainerStats, width: number): string {
	const usage = bytesSize(figures.memoryUsage);
	if (width < 19) return usage;
	return `${usage.padStart(8)} / ${bytesSize(figures.memoryLimit)}`.padEnd(width);
}

/** "48.21%"; whole percents past what fits ("1234%" for a 12-core container in 7 columns). */
function percent(value: number | undefined, width: number): string {
	const text = formatPercent(value);
	return text.length <= width || value === undefined ? text : `${Math.round(value)}%`;
}

function right(text: string, width: number): string {
	return text.length <= width ? text.padStart(width) : fit(text, width);
}
