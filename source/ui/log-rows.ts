/**
 * Lays out the rows of a logs view: from the line at the bottom (the newest
 * when following) upwards until the rows are full, each line as one row
 * (scrolled sideways) or several (wrapped). Pure: the pane draws what this returns.
 */
import type {LogBuffer} from '../store/log-buffer.js';
import type {LogLine} from '../store/log-line.js';
import type {LogSource} from '../store/log-session.js';
import type {LogsUi} from '../store/logs-ui.js';
import {sliceColumns, wrapColumns} from './ansi-columns.js';
import {bottomIndex, lineList, listOf, searchIndex} from './log-search.js';
import {sanitizeText} from './sanitize.js';
import {colorFor, drawnLength, drawnText, highlighted, localClock, localStamp, makeMatcher, plainText, type Matcher} from './log-text.js';

export type LogRow = {
	/** A one-column mark: stderr lines get a red bar. */
	gutter: '' | ' ' | '▌';
	/** Local time, or blanks on a wrapped line's later rows. */
	stamp: string;
	/** A project view's "service | ", or blanks. */
	prefix: string;
	prefixColor?: string;
	/** Sanitized text exactly as wide as the row allows (may hold SGR). */
	body: string;
	/** berth's own line: a restart or exit separator. */
	marker: boolean;
};

export type LogLayout = {
	rows: LogRow[];
	/** Lines in the view (all, or the matching ones in filter mode). */
	count: number;
	/** Lines after the one at the bottom: "N new lines" while paused. */
	below: number;
	/** Lines matching the search, when there is one. */
	matches: number | undefined;
	/** Which match is current (1-based), when n/N chose one that is still kept. */
	matchNumber: number | undefined;
};

export type LayoutInput = {
	buffer: LogBuffer;
	sources: readonly LogSource[];
	ui: LogsUi;
	width: number;
	rows: number;
	/** One container with a TTY: no stderr, no gutter. */
	tty: boolean;
	project: boolean;
};

const stampWidth = 19;
const maxLabelWidth = 20;

export function layoutLogRows({buffer, sources, ui, width, rows: height, tty, project}: LayoutInput): LogLayout {
	const list = lineList(buffer, ui);
	const bottom = bottomIndex(list, ui);
	const matcher = ui.query === '' ? undefined : makeMatcher(ui.query);
	const matches = ui.query === '' ? undefined : searchIndex(buffer).find(ui.query);
	const labelWidth = project ? Math.min(maxLabelWidth, Math.max(1, ...sources.map((source) => sanitizeText(source.label).length))) : 0;
	const gutterWidth = tty ? 0 : 1;
	const prefixWidth = project ? labelWidth + 3 : 0;
	const bodyWidth = Math.max(8, width - gutterWidth - (ui.timestamps ? stampWidth : 0) - prefixWidth);
	const context: RowContext = {ui, sources, matcher, gutterWidth, labelWidth, bodyWidth, width, project};
	const rows: LogRow[] = [];
	let index = bottom;
	// Upwards from the bottom line until the rows are full.
	while (index >= 0 && rows.length < height) {
		const seq = list.at(index);
		const line = buffer.get(seq);
		if (line) rows.unshift(...linesRows(line, seq, context, height - rows.length, true));
		index--;
	}

	// Scrolled to the top with room left: the lines below fill it.
	let below = bottom + 1;
	while (rows.length < height && below < list.count) {
		const seq = list.at(below);
		const line = buffer.get(seq);
		if (line) rows.push(...linesRows(line, seq, context, height - rows.length, false));
		below++;
	}

	const matchNumber = ui.match === undefined || !matches ? undefined : indexOf(matches, ui.match);
	return {rows, count: list.count, below: Math.max(0, list.count - below), matches: matches?.length, matchNumber};
}

type RowContext = {
	ui: LogsUi;
	sources: readonly LogSource[];
	matcher: Matcher | undefined;
	gutterWidth: number;
	labelWidth: number;
	bodyWidth: number;
	width: number;
	project: boolean;
};

/** A line's rows, at most `room`; the last ones when `fromEnd` (the line is cut at the top of the view). */
function linesRows(line: LogLine, seq: number, context: RowContext, room: number, fromEnd: boolean): LogRow[] {
	const {ui, sources, matcher, gutterWidth, labelWidth, bodyWidth, width, project} = context;
	const label = sanitizeText(sources[line.source]?.label ?? '');
	const markerRow = (text: string, time: string | undefined): LogRow => {
		const what = `── ${project && label !== '' ? `${label} ` : ''}${text}${time === undefined ? '' : ` ${localClock(time)}`} `;
		return {gutter: '', stamp: '', prefix: '', body: sliceColumns(what.padEnd(width, '─'), 0, width), marker: true};
	};

	if (line.kind === 'marker') return [markerRow(line.text, line.time)];
	const above = line.before ? [markerRow(line.before.text, line.before.time)] : [];

	const matched = matcher !== undefined && matcher.test(plainText(line.text));
	let text = matched ? highlighted(line.text, matcher, seq === ui.match) : drawnText(line.text, ui.colors);
	// Only the start of a very long line is drawn: say how much more there is (search and save have all of it).
	const visible = line.text.length > drawnLength ? plainText(line.text).length : 0;
	if (visible > drawnLength) text += `\u001B[2m … ${(visible - drawnLength).toLocaleString('en-US')} more characters\u001B[22m`;
	const gutter = gutterWidth === 0 ? '' : line.kind === 'err' ? '▌' : ' ';
	const stamp = ui.timestamps ? `${localStamp(line.time)} ` : '';
	const prefix = project ? `${fitLabel(label, labelWidth)} | ` : '';
	const prefixColor = project ? colorFor(label) : undefined;
	let bodies: string[];
	if (ui.wrap) {
		bodies = wrapColumns(text, bodyWidth, fromEnd ? Number.POSITIVE_INFINITY : room);
		if (fromEnd && bodies.length > room) bodies = bodies.slice(bodies.length - room);
	} else {
		bodies = [sliceColumns(text, ui.hscroll, bodyWidth)];
	}

	const rows = bodies.map((body, index) => {
		const first = index === 0;
		const row: LogRow = {
			// A wrapped stderr line keeps its bar on every row.
			gutter,
			stamp: first ? stamp : ' '.repeat(stamp.length),
			prefix: first ? prefix : ' '.repeat(prefix.length),
			body,
			marker: false,
		};
		if (prefixColor) row.prefixColor = prefixColor;
		return row;
	});
	const all = [...above, ...rows];
	return fromEnd ? all.slice(Math.max(0, all.length - room)) : all.slice(0, room);
}

function fitLabel(label: string, width: number): string {
	return label.length > width ? `${label.slice(0, width - 1)}…` : label.padEnd(width);
}

/** 1-based position of `seq` among the matches, if it is one of them. */
function indexOf(seqs: readonly number[], seq: number): number | undefined {
	const index = listOf(seqs).indexAtOrBefore(seq);
	return index !== -1 && seqs[index] === seq ? index + 1 : undefined;
}
