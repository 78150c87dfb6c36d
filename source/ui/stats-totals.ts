import {selectStatsTotals} from '../store/stats-selectors.js';
import type {State} from '../store/state.js';
import {bytesSize, formatPercent} from './units.js';

/**
 * The header's stats totals: summed CPU % of the host's CPUs, summed memory
 * of the host's, and where the figures come from (cgroups read by berth,
 * streams for the rows on screen, one-shots for the rest). Empty until the
 * first figures, so an engine without running containers shows none.
 */
export function statsTotalsText(state: State): string {
	const totals = selectStatsTotals(state);
	if (totals.withStats === 0 && totals.streaming === 0) return '';
	const cpu = `CPU ${formatPercent(totals.cpuPercentOfHost)}${totals.cpus > 0 ? ` of ${totals.cpus} CPU${totals.cpus === 1 ? '' : 's'}` : ''}`;
	const memoryOf = totals.memoryTotal > 0 ? ` / ${bytesSize(totals.memoryTotal)} (${formatPercent(totals.memoryPercent)})` : '';
	const memory = `MEM ${bytesSize(totals.memoryUsage)}${memoryOf}`;
	const streams = `${totals.streaming} streaming`;
	const source = totals.fromCgroups === 0 ? streams : totals.streaming === 0 ? 'from cgroups' : `from cgroups + ${streams}`;
	return `${cpu} · ${memory} · ${source}`;
}
