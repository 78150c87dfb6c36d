import {Box, Text} from 'ink';
import type {ContainerStats} from '../../engine/engine.js';
import {historyValues, type History, type HistoryField} from '../../store/stats-history.js';
import type {Container} from '../../store/state.js';
import {barChart, fitColumns, niceMax, shortDuration} from '../charts.js';
import {sanitizeText} from '../sanitize.js';
import {shortId} from '../short-id.js';
import {fit} from '../text-width.js';
import {bytesSize, formatPercent, formatRate, humanSize} from '../units.js';

type Props = {
	container?: Container;
	figures?: ContainerStats;
	history?: History;
	/** The host's memory: a memory limit below it becomes the top of the memory graph. */
	hostMemory: number;
	width: number;
	/** Lines available; the pane never draws more. */
	height: number;
};

type Series = {
	field: HistoryField;
	label: string;
	color: string;
	format: (value: number) => string;
	/** The scale's top is at least this (an idle container's noise must not fill the graph). */
	floor: number;
	/** A fixed top for the scale (the memory limit), else round up from the values. */
	top?: number;
};

/** At least this much time is drawn however narrow the terminal: samples fold into columns. */
const minimumSpanSamples = 120;

/**
 * The selected container's figures and history graphs: CPU %, memory and
 * network rates over the last 2-5 minutes (one sample a column when the
 * terminal is wide enough, folded by maximum when it is not). Graphs are as
 * tall as the height allows, down to one line each; the pane never exceeds
 * `height` lines.
 */
export function DetailsPane({container, figures, history, hostMemory, width, height}: Props) {
	const lines: Array<{text: string; color?: string; bold?: boolean; dim?: boolean}> = [];
	if (!container) {
		lines.push({text: 'No container selected (Esc goes back)', dim: true});
	} else {
		lines.push({text: `${sanitizeText(container.name)}  ${shortId(container.id)}  ${sanitizeText(container.image)}  ${container.state} · ${sanitizeText(container.status)}`, bold: true});
		lines.push(...figureLines(container, figures).map((text) => ({text})));
		lines.push({text: ''});
		const series = seriesFor(figures, hostMemory);
		lines.push(...graphLines(series, history, width, Math.max(0, height - lines.length)));
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height).map((line, index) => (
				// Lines are positions on the screen: the index is their identity.
				<Text key={index} wrap="truncate" color={line.color} bold={line.bold} dimColor={line.dim}>
					{fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
}

function figureLines(container: Container, figures: ContainerStats | undefined): string[] {
	if (!figures) {
		const why = container.state === 'running' ? 'waiting for the first sample…' : `no live figures: the container is ${container.state}`;
		return [why, ''];
	}

	const cpus = figures.onlineCpus > 0 ? ` of ${figures.onlineCpus * 100}% (${figures.onlineCpus} CPUs)` : '';
	const memory = `${bytesSize(figures.memoryUsage)} / ${bytesSize(figures.memoryLimit)} (${formatPercent(figures.memoryPercent)})`;
	return [
		`CPU ${formatPercent(figures.cpuPercent)}${cpus}   MEM ${memory}   PIDS ${figures.pids}`,
		`NET ↓${formatRate(figures.networkRxRate ?? Number.NaN).trimStart()} ↑${formatRate(figures.networkTxRate ?? Number.NaN).trimStart()} (${humanSize(figures.networkRx)} / ${humanSize(figures.networkTx)} in all)   ` +
			`BLOCK r ${formatRate(figures.blockReadRate ?? Number.NaN).trimStart()} w ${formatRate(figures.blockWriteRate ?? Number.NaN).trimStart()} (${humanSize(figures.blockRead)} / ${humanSize(figures.blockWrite)} in all)`,
		// Where the figures came from (issue #13): the kernel's cgroup files, the engine's API, or both per metric.
		`source: ${figures.source ?? 'api'}`,
	];
}

function seriesFor(figures: ContainerStats | undefined, hostMemory: number): Series[] {
	const limit = figures?.memoryLimit ?? 0;
	// A limit below the host's memory (docker run --memory) is the natural top of the memory graph.
	const memoryTop = limit > 0 && (hostMemory === 0 || limit < hostMemory * 0.99) ? limit : undefined;
	return [
		{field: 'cpuPercent', label: 'CPU %', color: 'green', format: formatPercent, floor: 1},
		{field: 'memoryUsage', label: 'MEM', color: 'magenta', format: bytesSize, floor: 1024 ** 2, ...(memoryTop ? {top: memoryTop} : {})},
		{field: 'networkRxRate', label: 'NET RX', color: 'cyan', format: (v) => formatRate(v).trimStart(), floor: 1000},
		{field: 'networkTxRate', label: 'NET TX', color: 'blue', format: (v) => formatRate(v).trimStart(), floor: 1000},
	];
}

/** The graphs in `height` lines: a title line and up to 8 chart lines each, or one line each when short. */
function graphLines(series: Series[], history: History | undefined, width: number, height: number) {
	const out: Array<{text: string; color?: string; dim?: boolean}> = [];
	if (!history || history.length === 0) {
		if (height > 0) out.push({text: 'History graphs appear after a few samples.', dim: true});
		return out;
	}

	const chartRows = Math.min(8, Math.floor(height / series.length) - 1);
	const compact = chartRows < 2;
	const label = 8;
	const chartWidth = Math.max(1, compact ? width - label - 12 : width);
	const perColumn = Math.max(1, Math.ceil(minimumSpanSamples / chartWidth));
	const count = Math.min(history.length, chartWidth * perColumn);
	const times = historyValues(history, 'readMs', count);
	const span = times.length > 1 ? shortDuration(times.at(-1)! - times[0]!) : '0s';
	for (const one of series) {
		if (out.length >= height) break;
		const raw = historyValues(history, one.field, count);
		const values = fitColumns(raw, chartWidth, perColumn);
		const top = one.top ?? niceMax(values, one.floor);
		const now = raw.at(-1) ?? 0;
		if (compact) {
			const [line = ''] = barChart(values, 1, top);
			out.push({text: `${one.label.padEnd(label)}${line.padStart(chartWidth)} ${one.format(now).padStart(11)}`, color: one.color});
			continue;
		}

		const peak = Math.max(0, ...raw);
		out.push({text: `${one.label}  now ${one.format(now)}  peak ${one.format(peak)}  scale ${one.format(top)}  last ${span}`, dim: true});
		for (const line of barChart(values, Math.min(chartRows, height - out.length), top)) out.push({text: line.padStart(width), color: one.color});
	}

	return out;
}
