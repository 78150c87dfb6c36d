import {Box, Text} from 'ink';
import {useContext, useEffect} from 'react';
import type {Column} from '../columns.js';
import {cellText, stateColor} from '../container-cells.js';
import type {ContainerStats} from '../../engine/engine.js';
import type {ContainerView, Row} from '../../store/selectors.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';
import {StoreContext} from '../use-store.js';

type Props = {
	view: ContainerView;
	columns: Column[];
	/** Lines available for rows, below the column titles. */
	height: number;
	width: number;
	nowMs: number;
	dim: boolean;
	emptyText: string;
	/** A leading column (marks, actions in flight): its width and each container's text of that width. */
	markers?: {width: number; of(id: string): string};
	/** Live figures per container id (state.stats.current). */
	stats?: ReadonlyMap<string, ContainerStats>;
};

/** The containers table: titles, then only the rows that fit, the selection kept in sight. */
export function ContainersPane({view, columns, height, width, nowMs, dim, emptyText, markers, stats}: Props) {
	const selectedRow = rowIndexOf(view);
	const start = windowStart(selectedRow, view.rows.length, height);
	const visible = view.rows.slice(start, start + height);
	useReportShown(visible);
	const gutter = markers ? ' '.repeat(markers.width + 1) : '';
	const titles = gutter + columns.map(titleText).join(' ');
	return (
		<Box flexDirection="column" height={height + 1} width={width}>
			<Text bold wrap="truncate">
				{fit(titles, width)}
			</Text>
			{visible.length === 0 ? (
				<Text dimColor>{fit(emptyText, width)}</Text>
			) : (
				visible.map((row, index) => (
					<RowLine
						key={row.kind === 'group' ? `group:${row.project}` : row.container.id}
						row={row}
						columns={columns}
						width={width}
						nowMs={nowMs}
						selected={start + index === selectedRow}
						dim={dim}
						marker={markers && row.kind === 'container' ? `${markers.of(row.container.id)} ` : ''}
						figures={row.kind === 'container' ? stats?.get(row.container.id) : undefined}
					/>
				))
			)}
		</Box>
	);
}

type RowProps = {row: Row; columns: Column[]; width: number; nowMs: number; selected: boolean; dim: boolean; marker: string; figures: ContainerStats | undefined};

function RowLine({row, columns, width, nowMs, selected, dim, marker, figures}: RowProps) {
	if (row.kind === 'group') {
		const title = `▾ ${row.project === '' ? '(no compose project)' : sanitizeText(row.project)} (${row.count})`;
		return (
			<Text bold color="blue" wrap="truncate">
				{fit(title, width)}
			</Text>
		);
	}

	// One Text per row, the state cell a nested span: far fewer layout nodes than a Box per cell.
	const {container} = row;
	const before: string[] = [];
	const after: string[] = [];
	let state = '';
	let stateSeen = false;
	for (const column of columns) {
		const text = fit(cellText(container, column.key, nowMs, figures, column.width), column.width);
		if (column.key === 'state') {
			state = text;
			stateSeen = true;
		} else (stateSeen ? after : before).push(text);
	}

	const head = before.join(' ') + (before.length > 0 ? ' ' : '');
	const tail = (after.length > 0 ? ' ' : '') + after.join(' ');
	const used = columns.reduce((sum, column) => sum + column.width, columns.length - 1) + marker.length;
	const pad = ' '.repeat(Math.max(0, width - used));
	return (
		<Text inverse={selected} dimColor={dim && !selected} wrap="truncate">
			{marker.trim() === '' ? marker : <Text color="cyan">{marker}</Text>}
			{head}
			<Text color={stateColor(container)}>{state}</Text>
			{tail}
			{pad}
		</Text>
	);
}

/**
 * Tells the store which containers this render drew, so the stats feed streams
 * exactly those rows (issue #13). The scroll window exists only here, in React;
 * the report is an intent dispatched after the commit, only when the rows
 * change, and the table reports none when it leaves the screen.
 */
function useReportShown(visible: Row[]): void {
	const store = useContext(StoreContext);
	const ids = visible.flatMap((row) => (row.kind === 'container' ? [row.container.id] : []));
	const key = ids.join(' ');
	useEffect(() => {
		store?.dispatch({type: 'viewport/shown', ids: key === '' ? [] : key.split(' ')});
	}, [store, key]);
	useEffect(() => () => store?.dispatch({type: 'viewport/shown', ids: []}), [store]);
}

/** A column title, right-aligned over numbers. */
function titleText(column: Column): string {
	return column.align === 'right' && column.title.length <= column.width ? column.title.padStart(column.width) : fit(column.title, column.width);
}

/** The row index of the selected container (group headings count as rows). */
function rowIndexOf(view: ContainerView): number {
	const id = view.ids[view.cursor];
	if (id === undefined) return -1;
	return view.rows.findIndex((row) => row.kind === 'container' && row.container.id === id);
}

/** First row to draw so the selection stays visible, scrolling only when it must. */
export function windowStart(selected: number, total: number, height: number): number {
	if (total <= height || selected < 0) return 0;
	const start = Math.max(0, selected - height + 1);
	return Math.min(start, total - height);
}
