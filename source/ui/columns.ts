/** A column of the containers table and the width it gets. */
export type Column = {key: ColumnKey; title: string; width: number};

export type ColumnKey = 'name' | 'state' | 'status' | 'image' | 'ports' | 'created' | 'project';

type Spec = {key: ColumnKey; title: string; min: number; weight: number; fixed?: number; dropBelow?: number};

// Stable columns first, changing ones (status, created) later: incremental
// rendering rewrites a line only from its first changed cell.
const specs: Spec[] = [
	{key: 'name', title: 'NAME', min: 12, weight: 3},
	{key: 'image', title: 'IMAGE', min: 10, weight: 2},
	{key: 'project', title: 'PROJECT/SERVICE', min: 12, weight: 2, dropBelow: 110},
	{key: 'ports', title: 'PORTS', min: 10, weight: 2, dropBelow: 120},
	{key: 'state', title: 'STATE', min: 10, weight: 0, fixed: 10},
	{key: 'status', title: 'STATUS', min: 14, weight: 0, fixed: 24},
	{key: 'created', title: 'CREATED', min: 14, weight: 0, fixed: 15, dropBelow: 90},
];

/** Widths for a terminal `width` columns wide; a one-space gap follows each column but the last. */
export function layoutColumns(width: number, options: {project: boolean}): Column[] {
	const chosen = specs.filter((spec) => (spec.key !== 'project' || options.project) && width >= (spec.dropBelow ?? 0));
	const gaps = chosen.length - 1;
	const fixed = chosen.reduce((sum, spec) => sum + (spec.fixed ?? 0), 0);
	const weights = chosen.reduce((sum, spec) => sum + spec.weight, 0);
	const free = Math.max(0, width - gaps - fixed);
	const columns = chosen.map((spec) => {
		const width = spec.fixed ?? Math.max(spec.min, Math.floor((free * spec.weight) / weights));
		return {key: spec.key, title: spec.title, width};
	});
	// Give rounding leftovers to the first flexible column, and take any excess back from it.
	const used = columns.reduce((sum, column) => sum + column.width, 0) + gaps;
	const first = columns.find((column) => specs.find((spec) => spec.key === column.key)?.fixed === undefined);
	if (first) first.width = Math.max(4, first.width + (width - used));
	return columns;
}
