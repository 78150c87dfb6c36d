/** A column of the containers table and the width it gets. */
export type Column = {key: ColumnKey; title: string; width: number};

export type ColumnKey = 'name' | 'state' | 'status' | 'image' | 'ports' | 'created' | 'project';

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
};

// Stable columns first, changing ones (status, created) later: incremental
// rendering rewrites a line only from its first changed cell.
const specs: Spec[] = [
	{key: 'name', title: 'NAME', min: 12, max: 40, shrinkOrder: 4},
	{key: 'image', title: 'IMAGE', min: 10, max: 40, shrinkOrder: 2},
	{key: 'project', title: 'PROJECT/SERVICE', min: 12, max: 30, dropBelow: 110, shrinkOrder: 1},
	{key: 'ports', title: 'PORTS', min: 10, max: 40, dropBelow: 120, shrinkOrder: 0},
	{key: 'state', title: 'STATE', min: 10, max: 10, shrinkOrder: 9},
	{key: 'status', title: 'STATUS', min: 14, max: 34, shrinkOrder: 3},
	{key: 'created', title: 'CREATED', min: 12, max: 22, dropBelow: 90, shrinkOrder: 5},
];

/**
 * Widths for a terminal `width` columns wide: each column as wide as its
 * content (within its bounds), narrowed in shrink order when they do not fit.
 * A one-space gap separates columns.
 */
export function layoutColumns(width: number, content: ContentWidths, options: {project: boolean}): Column[] {
	const chosen = specs.filter(
		(spec) =>
			(spec.key !== 'project' || options.project) &&
			(spec.key !== 'ports' || (content.ports ?? 0) > 0) &&
			width >= (spec.dropBelow ?? 0),
	);
	const widths = new Map(
		chosen.map((spec) => [spec.key, Math.min(spec.max, Math.max(spec.min, spec.title.length, content[spec.key] ?? 0))]),
	);
	let excess = [...widths.values()].reduce((sum, value) => sum + value, chosen.length - 1) - width;
	for (const spec of [...chosen].sort((a, b) => a.shrinkOrder - b.shrinkOrder)) {
		if (excess <= 0) break;
		const current = widths.get(spec.key) ?? spec.min;
		const cut = Math.min(excess, current - spec.min);
		widths.set(spec.key, current - cut);
		excess -= cut;
	}

	return chosen.map((spec) => ({key: spec.key, title: spec.title, width: widths.get(spec.key) ?? spec.min}));
}
