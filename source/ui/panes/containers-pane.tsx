import {Box, Text} from 'ink';
import type {Column} from '../columns.js';
import {cellText, stateColor} from '../container-cells.js';
import {fit} from '../format.js';
import type {ContainerView, Row} from '../../store/selectors.js';
import {sanitizeText} from '../sanitize.js';

type Props = {
	view: ContainerView;
	columns: Column[];
	/** Lines available for rows, below the column titles. */
	height: number;
	width: number;
	nowMs: number;
	dim: boolean;
	emptyText: string;
};

/** The containers table: titles, then only the rows that fit, the selection kept in sight. */
export function ContainersPane({view, columns, height, width, nowMs, dim, emptyText}: Props) {
	const selectedRow = rowIndexOf(view);
	const start = windowStart(selectedRow, view.rows.length, height);
	const visible = view.rows.slice(start, start + height);
	const titles = columns.map((column) => fit(column.title, column.width)).join(' ');
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
					/>
				))
			)}
		</Box>
	);
}

function RowLine({row, columns, width, nowMs, selected, dim}: {row: Row; columns: Column[]; width: number; nowMs: number; selected: boolean; dim: boolean}) {
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
		const text = fit(cellText(container, column.key, nowMs), column.width);
		if (column.key === 'state') {
			state = text;
			stateSeen = true;
		} else (stateSeen ? after : before).push(text);
	}

	const head = before.join(' ') + (before.length > 0 ? ' ' : '');
	const tail = (after.length > 0 ? ' ' : '') + after.join(' ');
	const used = columns.reduce((sum, column) => sum + column.width, columns.length - 1);
	const pad = ' '.repeat(Math.max(0, width - used));
	return (
		<Text inverse={selected} dimColor={dim && !selected} wrap="truncate">
			{head}
			<Text color={stateColor(container)}>{state}</Text>
			{tail}
			{pad}
		</Text>
	);
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
