import {Box, Text} from 'ink';
import {topRefreshMs} from '../../store/inspect-feed.js';
import {inspectTabs, type InspectState, type InspectTab} from '../../store/inspect-slice.js';
import {inspectHeaderLines, inspectView, type ShownLine} from '../../store/inspect-view.js';
import type {Matcher} from '../log-text.js';
import {sanitizeText} from '../sanitize.js';
import {columns, fit} from '../text-width.js';

export const tabNames: Record<InspectTab, string> = {
	inspect: 'Inspect',
	top: 'Processes',
	ports: 'Ports',
	diff: 'Diff',
	env: 'Env & mounts',
	restart: 'Restart',
	limits: 'Limits',
};

/**
 * The container detail view: the tabs, a line saying where the cursor is (and the
 * search being typed or kept), then the lines that fit, the cursor's inverse.
 * Every line comes sanitized from inspect-view.ts.
 */
export function InspectPane({inspect, height, width}: {inspect: InspectState; height: number; width: number}) {
	const view = inspectView(inspect);
	const rows = Math.max(0, height - inspectHeaderLines);
	const total = view?.lines.length ?? 0;
	const cursor = Math.min(inspect.cursor, Math.max(0, total - 1));
	const offset = Math.max(0, Math.min(cursorWindow(inspect.offset, cursor, rows), total - rows));
	const foldable = view?.doc.foldable ?? false;
	const gutter = foldable ? 2 : 0;
	const current = view ? view.lines[cursor]?.at : undefined;
	return (
		<Box flexDirection="column" height={height} width={width}>
			<TabBar name={sanitizeText(inspect.name)} tab={inspect.tab} width={width} />
			<Text dimColor={!inspect.search} wrap="truncate">
				{fit(statusText(inspect, total, cursor, view?.matches, current), width)}
			</Text>
			{inspect.error ? (
				<Text color="red" wrap="truncate">{fit(sanitizeText(inspect.error), width)}</Text>
			) : view ? (
				view.lines.slice(offset, offset + rows).map((line, index) => (
					<Line
						key={offset + index}
						line={line}
						tab={inspect.tab}
						selected={offset + index === cursor}
						gutter={gutter}
						width={width}
						matcher={view.matcher}
					/>
				))
			) : (
				<Text dimColor wrap="truncate">{fit('Loading…', width)}</Text>
			)}
		</Box>
	);
}

function cursorWindow(offset: number, cursor: number, rows: number): number {
	if (cursor < offset) return cursor;
	if (cursor >= offset + rows) return cursor - Math.max(1, rows) + 1;
	return offset;
}

/**
 * The container's name, then each tab, the shown one in brackets (inverse marks
 * the cursor's line below). Tabs that do not fit are left out.
 */
function TabBar({name, tab, width}: {name: string; tab: InspectTab; width: number}) {
	const lead = fit(name, Math.min(columns(name), Math.max(8, Math.floor(width / 4))));
	let used = columns(lead) + 1;
	const parts: Array<{text: string; on: boolean}> = [];
	for (const each of inspectTabs) {
		const text = each === tab ? `[${tabNames[each]}]` : ` ${tabNames[each]} `;
		if (used + text.length > width) break;
		parts.push({text, on: each === tab});
		used += text.length;
	}

	return (
		<Text wrap="truncate">
			<Text bold>{lead} </Text>
			{parts.map((part) => (
				<Text key={part.text} color={part.on ? 'cyan' : undefined} bold={part.on}>
					{part.text}
				</Text>
			))}
			{' '.repeat(Math.max(0, width - used))}
		</Text>
	);
}

function statusText(inspect: InspectState, total: number, cursor: number, matches: readonly number[] | undefined, current: number | undefined): string {
	const parts: string[] = [];
	if (total > 0) parts.push(`line ${cursor + 1} of ${total}`);
	if (inspect.tab === 'top') parts.push(`every ${topRefreshMs / 1000} s`);
	if (inspect.tab === 'inspect') parts.push('Enter folds/unfolds, + all, - none');
	const {search} = inspect;
	if (search) {
		const count = matches?.length ?? 0;
		const index = current === undefined ? -1 : (matches ?? []).indexOf(current);
		const where = count === 0 ? 'no match' : index >= 0 ? `match ${index + 1} of ${count}` : `${count} ${count === 1 ? 'match' : 'matches'}`;
		parts.unshift(search.editing ? `/${sanitizeText(search.text)}▏ ${where} (Enter keeps, Esc clears)` : `/${sanitizeText(search.text)} ${where} (n/N)`);
	} else {
		parts.push('/ searches');
	}

	return parts.join(' · ');
}

function Line({line, tab, selected, gutter, width, matcher}: {line: ShownLine; tab: InspectTab; selected: boolean; gutter: number; width: number; matcher?: Matcher}) {
	const mark = gutter === 0 ? '' : line.fold === 'folded' ? '▸ ' : line.fold === 'open' ? '▾ ' : '  ';
	const text = fit(line.text, Math.max(0, width - gutter));
	const ranges = matcher ? matcher.ranges(text) : [];
	const pieces: Array<{text: string; match: boolean}> = [];
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) pieces.push({text: text.slice(at, start), match: false});
		pieces.push({text: text.slice(start, end), match: true});
		at = end;
	}

	if (at < text.length) pieces.push({text: text.slice(at), match: false});
	return (
		<Text inverse={selected} color={lineColor(tab, line)} wrap="truncate">
			{mark === '' ? null : <Text dimColor>{mark}</Text>}
			{pieces.map((piece, index) =>
				piece.match ? (
					<Text key={index} backgroundColor="yellow" color="black">
						{piece.text}
					</Text>
				) : (
					piece.text
				),
			)}
		</Text>
	);
}

function lineColor(tab: InspectTab, line: ShownLine): string | undefined {
	if (line.fold === 'folded') return 'cyan';
	if (tab !== 'diff') return undefined;
	const {text} = line;
	return text.startsWith('A ') ? 'green' : text.startsWith('D ') ? 'red' : text.startsWith('C ') ? 'yellow' : undefined;
}
