/** A column of the containers table and the width it gets; numbers are right-aligned. */
export type Column = {key: ColumnKey; title: string; width: number; align?: 'right'};

export type ColumnKey = 'name' | 'state' | 'status' | 'image' | 'ports' | 'created' | 'project' | StatsColumnKey;

/** Live stats columns (stats-cells.ts): fixed widths, so values change in place. */
export type StatsColumnKey = 'cpu' | 'memory' | 'memoryPercent' | 'network' | 'block' | 'pids';

/** The widest text of each column among the containers (sanitized, in terminal columns). */
export type ContentWidths = Partial<Record<ColumnKey, number>>;

type Spec = {
	key: ColumnKey;
	title: string;
	min: number;
	max: number;
	/** The terminal must be at least this wide for the column to be shown. */
	dropBelow?: number;
	/** Lower gives up width first when the terminal is narrow. */
	shrinkOrder: number;
	/** Lower is dropped first when even the minimum widths do not fit; unset: never dropped. */
	dropOrder?: number;
	align?: 'right';
};

// Stable columns first, changing ones (status, created, then the live stats)
// later: incremental rendering rewrites a line only from its first changed cell.
// In a narrow terminal PORTS and PROJECT go first, then the stats in dropOrder;
// NAME, STATE, STATUS, CPU% and MEM stay down to the 60-column minimum.
const specs: Spec[] = [
	{key: 'name', title: 'NAME', min: 12, max: 40, shrinkOrder: 5},
	{key: 'image', title: 'IMAGE', min: 10, max: 40, shrinkOrder: 2, dropOrder: 7},
	{key: 'project', title: 'PROJECT/SERVICE', min: 12, max: 30, shrinkOrder: 1, dropOrder: 1},
	{key: 'ports', title: 'PORTS', min: 10, max: 40, shrinkOrder: 0, dropOrder: 0},
	{key: 'state', title: 'STATE', min: 10, max: 10, shrinkOrder: 9},
	{key: 'status', title: 'STATUS', min: 14, max: 34, shrinkOrder: 4},
	{key: 'created', title: 'CREATED', min: 12, max: 22, shrinkOrder: 6, dropOrder: 3},
	{key: 'cpu', title: 'CPU%', min: 7, max: 7, shrinkOrder: 9, align: 'right'},
	// Usage only when narrowed below 19, "usage / limit" at full width (stats-cells.ts).
	{key: 'memory', title: 'MEM USAGE / LIMIT', min: 8, max: 19, shrinkOrder: 3, align: 'right'},
	{key: 'memoryPercent', title: 'MEM%', min: 7, max: 7, shrinkOrder: 9, dropOrder: 5, align: 'right'},
	// Each title word sits over its 9-column rate (stats-cells.ts).
	{key: 'network', title: ' NET RX/s      TX/s', min: 19, max: 19, shrinkOrder: 9, dropOrder: 6, align: 'right'},
	{key: 'block', title: 'BLOCK R/s       W/s', min: 19, max: 19, shrinkOrder: 9, dropOrder: 2, align: 'right'},
	{key: 'pids', title: 'PIDS', min: 4, max: 4, shrinkOrder: 9, dropOrder: 4, align: 'right'},
];

const statsKeys = new Set<ColumnKey>(['cpu', 'memory', 'memoryPercent', 'network', 'block', 'pids']);

/**
 * Widths for a terminal `width` columns wide: each column as wide as its
 * content (within its bounds), narrowed in shrink order when they do not fit,
 * and columns dropped in drop order when even their minimums do not.
 * A one-space gap separates columns.
 */
export function layoutColumns(width: number, content: ContentWidths, options: {project: boolean; stats?: boolean}): Column[] {
	let chosen = specs.filter(
		(spec) =>
			(spec.key !== 'project' || options.project) &&
			(spec.key !== 'ports' || (content.ports ?? 0) > 0) &&
			(options.stats !== false || !statsKeys.has(spec.key)) &&
			width >= (spec.dropBelow ?? 0),
	);
	const minimum = (list: Spec[]) => list.reduce((sum, spec) => sum + spec.min, list.length - 1);
	for (const drop of chosen.filter((spec) => spec.dropOrder !== undefined).sort((a, b) => a.dropOrder! - b.dropOrder!)) {
		if (minimum(chosen) <= width) break;
		chosen = chosen.filter((spec) => spec !== drop);
	}

	const widths = new Map(
		chosen.map((spec) => [
			spec.key,
			// Stats columns are fixed: their values come and go every second.
			statsKeys.has(spec.key) ? spec.max : Math.min(spec.max, Math.max(spec.min, spec.title.length, content[spec.key] ?? 0)),
		]),
	);
	let excess = [...widths.values()].reduce((sum, value) => sum + value, chosen.length - 1) - width;
	for (const spec of [...chosen].sort((a, b) => a.shrinkOrder - b.shrinkOrder)) {
		if (excess <= 0) break;
		const current = widths.get(spec.key) ?? spec.min;
		const cut = Math.min(excess, current - spec.min);
		widths.set(spec.key, current - cut);
		excess -= cut;
	}

	// Memory shows the limit only at full width: a partly narrowed column is all padding, so it
	// goes down to the usage alone and gives the rest back to columns that were narrowed.
	const memory = widths.get('memory');
	const memorySpec = chosen.find((spec) => spec.key === 'memory');
	if (memory !== undefined && memorySpec && memory > memorySpec.min && memory < memorySpec.max) {
		let spare = memory - memorySpec.min;
		widths.set('memory', memorySpec.min);
		for (const spec of [...chosen].sort((a, b) => b.shrinkOrder - a.shrinkOrder)) {
			if (spec === memorySpec || statsKeys.has(spec.key)) continue;
			const current = widths.get(spec.key) ?? spec.min;
			const room = Math.max(0, Math.min(spec.max, Math.max(spec.min, spec.title.length, content[spec.key] ?? 0)) - current);
			const give = Math.min(room, spare);
			widths.set(spec.key, current + give);
			spare -= give;
		}
	}

	return chosen.map((spec) => {
		const columnWidth = widths.get(spec.key) ?? spec.min;
		const title = spec.key === 'memory' && columnWidth < spec.max ? 'MEM' : spec.title;
		return {key: spec.key, title, width: columnWidth, ...(spec.align ? {align: spec.align} : {})};
	});
}
