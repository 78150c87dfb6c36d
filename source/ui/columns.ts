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
	/** The width to aim for before dropping other columns; the rest is given only if there is room. */
	preferred?: number;
	/** Lower gives up width first when the terminal is narrow and nothing is left to drop. */
	shrinkOrder: number;
	/** Lower is dropped first when the preferred widths do not fit; unset: never dropped. */
	dropOrder?: number;
	align?: 'right';
};

// Stable columns first, changing ones (status, created, then the live stats)
// later: incremental rendering rewrites a line only from its first changed cell.
// In a narrow terminal CREATED (STATUS says how long it has run) goes first, then
// the less telling stats, PORTS, PROJECT; NAME, STATE, STATUS, CPU% and MEM stay
// down to the 60-column minimum.
const specs: Spec[] = [
	{key: 'name', title: 'NAME', min: 12, max: 40, preferred: 24, shrinkOrder: 5},
	{key: 'image', title: 'IMAGE', min: 10, max: 40, preferred: 24, shrinkOrder: 2, dropOrder: 8},
	{key: 'project', title: 'PROJECT/SERVICE', min: 12, max: 30, preferred: 20, shrinkOrder: 1, dropOrder: 6},
	{key: 'ports', title: 'PORTS', min: 10, max: 40, preferred: 20, shrinkOrder: 0, dropOrder: 2},
	{key: 'state', title: 'STATE', min: 10, max: 10, shrinkOrder: 9},
	{key: 'status', title: 'STATUS', min: 14, max: 34, preferred: 24, shrinkOrder: 4},
	{key: 'created', title: 'CREATED', min: 12, max: 22, shrinkOrder: 6, dropOrder: 0},
	{key: 'cpu', title: 'CPU%', min: 7, max: 7, shrinkOrder: 9, align: 'right'},
	// Usage only when narrowed below 19, "usage / limit" at full width (stats-cells.ts).
	{key: 'memory', title: 'MEM USAGE / LIMIT', min: 8, max: 19, shrinkOrder: 3, align: 'right'},
	{key: 'memoryPercent', title: 'MEM%', min: 7, max: 7, shrinkOrder: 9, dropOrder: 4, align: 'right'},
	// Each title word sits over its 9-column rate (stats-cells.ts).
	{key: 'network', title: ' NET RX/s      TX/s', min: 19, max: 19, shrinkOrder: 9, dropOrder: 5, align: 'right'},
	{key: 'block', title: 'BLOCK R/s       W/s', min: 19, max: 19, shrinkOrder: 9, dropOrder: 1, align: 'right'},
	{key: 'pids', title: 'PIDS', min: 4, max: 4, shrinkOrder: 9, dropOrder: 3, align: 'right'},
];

const statsKeys = new Set<ColumnKey>(['cpu', 'memory', 'memoryPercent', 'network', 'block', 'pids']);

/** Who gets spare width first, back up towards their content. */
const growOrder: ColumnKey[] = ['status', 'image', 'name', 'project', 'ports', 'created'];

/**
 * Widths for a terminal `width` columns wide: each column as wide as its
 * content (within its bounds). When the preferred widths do not fit, columns
 * are dropped in drop order; spare room then goes back to the narrowed ones;
 * if still too wide, columns shrink in shrink order. One space separates columns.
 */
export function layoutColumns(width: number, content: ContentWidths, options: {project: boolean; stats?: boolean}): Column[] {
	let chosen = specs.filter(
		(spec) =>
			(spec.key !== 'project' || options.project) &&
			(spec.key !== 'ports' || (content.ports ?? 0) > 0) &&
			(options.stats !== false || !statsKeys.has(spec.key)),
	);
	// Stats columns are fixed: their values come and go every second.
	const want = (spec: Spec) =>
		statsKeys.has(spec.key) ? spec.max : Math.min(spec.max, Math.max(spec.min, spec.title.length, content[spec.key] ?? 0));
	const comfortable = (spec: Spec) => Math.min(want(spec), spec.preferred ?? spec.max);
	// A column is dropped only when the others would otherwise lose more than 15 % of their width.
	const squeezed = (spec: Spec) => Math.max(spec.min, Math.round(comfortable(spec) * 0.85));
	const total = (list: Spec[], size: (spec: Spec) => number) => list.reduce((sum, spec) => sum + size(spec), list.length - 1);
	for (const drop of chosen.filter((spec) => spec.dropOrder !== undefined).sort((a, b) => a.dropOrder! - b.dropOrder!)) {
		if (total(chosen, squeezed) <= width) break;
		chosen = chosen.filter((spec) => spec !== drop);
	}

	const widths = new Map(chosen.map((spec) => [spec.key, comfortable(spec)]));
	let spare = width - total(chosen, comfortable);
	for (const key of growOrder) {
		const spec = chosen.find((candidate) => candidate.key === key);
		if (!spec || spare <= 0) continue;
		const current = widths.get(key) ?? spec.min;
		const give = Math.min(spare, want(spec) - current);
		widths.set(key, current + give);
		spare -= give;
	}

	// Still too wide: every column gives up width in proportion to what it has above its minimum.
	let excess = -spare;
	if (excess > 0) {
		const slack = (spec: Spec) => (widths.get(spec.key) ?? spec.min) - spec.min;
		const available = chosen.reduce((sum, spec) => sum + slack(spec), 0);
		for (const spec of [...chosen].sort((a, b) => a.shrinkOrder - b.shrinkOrder)) {
			if (excess <= 0) break;
			const cut = Math.min(excess, slack(spec), Math.ceil((slack(spec) * -spare) / Math.max(1, available)));
			widths.set(spec.key, (widths.get(spec.key) ?? spec.min) - cut);
			excess -= cut;
		}
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
