/**
 * What to write to turn a terminal line that shows `previous` into `next`, where
 * the two differ: Ink's incremental renderer asks this for every changed line of
 * a frame. scripts/build.js puts it in place of Ink's own line-update.js, which
 * keeps the unchanged start of a line but erases and rewrites all the rest: a
 * CPU % that moved at column 96 rewrote the 60 columns after it on every row,
 * every tick (perf.md). This writes only the cells that changed, each run of
 * them after a cursor move, so a stats tick costs a few bytes per row.
 *
 * Contract (Ink's): the cursor is at column 0 of the line before; after, it may
 * be anywhere on that line (Ink moves on with a newline or a cursor move); the
 * line starts and ends with default attributes (Ink closes every style it opens).
 * Anything this does not fully understand (controls other than SGR, SGR it does
 * not model, a line wider than the terminal) is written whole, as Ink would.
 */
import stringWidth from 'string-width';

const esc = '\u001B[';

/** A run of unchanged cells shorter than this is rewritten rather than jumped over (a jump costs a cursor move and the style again). */
const mergeGap = 8;

/** One terminal column: its grapheme ('' for the second column of a wide one) and the SGR parameters that style it from the default. */
type Cell = {text: string; style: string};

const blank: Cell = {text: ' ', style: ''};

export default function lineUpdate(previous: string, next: string, columns: number | undefined): string {
	const full = `${esc}1G${esc}K${next}`;
	if (previous === next) return '';
	if (columns === undefined || !Number.isFinite(columns) || columns < 1) return full;
	const before = parseLine(previous);
	const after = parseLine(next);
	if (!before || !after || before.length > columns || after.length > columns) return full;
	const changes = changedRuns(before, after);
	let out = '';
	for (const [start, end] of changes) out += writeRun(after, start, end);
	return out.length < full.length ? out : full;
}

/** [start, end) column ranges to rewrite; a wide character is never cut in half. */
export function changedRuns(before: readonly Cell[], after: readonly Cell[]): Array<[number, number]> {
	const width = Math.max(before.length, after.length);
	const changed: boolean[] = [];
	for (let column = 0; column < width; column++) changed.push(!sameCell(before[column] ?? blank, after[column] ?? blank));
	// Either half of a wide character, before or after, takes the other half with it.
	for (let pass = 0; pass < 2; pass++) {
		for (let column = 0; column < width; column++) {
			if (!changed[column]) continue;
			if (isContinuation(before[column]) || isContinuation(after[column])) changed[column - 1] = true;
			if (isContinuation(before[column + 1]) || isContinuation(after[column + 1])) changed[column + 1] = true;
		}
	}

	const runs: Array<[number, number]> = [];
	for (let column = 0; column < width; column++) {
		if (!changed[column]) continue;
		const last = runs.at(-1);
		if (last && column - last[1] < mergeGap) last[1] = column + 1;
		else runs.push([column, column + 1]);
	}

	return runs;
}

function writeRun(after: readonly Cell[], start: number, end: number): string {
	let out = `${esc}${start + 1}G`;
	let style = '';
	// Past the end of the new line: erase the rest rather than write spaces, when that is all there is.
	const last = Math.min(end, after.length);
	for (let column = start; column < last; column++) {
		const cell = after[column]!;
		if (cell.text === '') continue;
		if (cell.style !== style) {
			out += sgrTransition(style, cell.style);
			style = cell.style;
		}

		out += cell.text;
	}

	if (style !== '') out += `${esc}0m`;
	if (end > after.length) out += `${esc}K`;
	return out;
}

function sgrTransition(from: string, to: string): string {
	if (to === '') return `${esc}0m`;
	return from === '' ? `${esc}${to}m` : `${esc}0;${to}m`;
}

function sameCell(a: Cell, b: Cell): boolean {
	return a.text === b.text && a.style === b.style;
}

function isContinuation(cell: Cell | undefined): boolean {
	return cell !== undefined && cell.text === '';
}

// ---- parsing ----------------------------------------------------------------------

/** SGR state: attributes on, and the foreground and background as their SGR parameters. */
type Sgr = {attributes: Set<number>; fg: string; bg: string};

const attributeOff = new Map<number, number[]>([
	[22, [1, 2]],
	[23, [3]],
	[24, [4]],
	[25, [5]],
	[27, [7]],
	[28, [8]],
	[29, [9]],
	[55, [53]],
]);
const attributeOrder = [1, 2, 3, 4, 5, 7, 8, 9, 53];
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
// eslint-disable-next-line no-control-regex -- SGR starts with ESC.
const sgrAt = /\u001B\[([\d;]*)m/y;
// eslint-disable-next-line no-control-regex -- what a line may not hold besides SGR.
const controls = /[\u0000-\u001F\u007F-\u009F]/;
const printableAscii = /^[\u0020-\u007E]*$/;

/** The cells of a line as a terminal shows them, or undefined when it holds something not modelled here. */
export function parseLine(line: string): Cell[] | undefined {
	const cells: Cell[] = [];
	const sgr: Sgr = {attributes: new Set(), fg: '', bg: ''};
	let style = '';
	let index = 0;
	while (index < line.length) {
		const escape = line.indexOf('\u001B', index);
		const textEnd = escape === -1 ? line.length : escape;
		if (textEnd > index && !addText(cells, line.slice(index, textEnd), style)) return undefined;
		if (escape === -1) break;
		sgrAt.lastIndex = escape;
		const match = sgrAt.exec(line);
		if (!match || !applySgr(sgr, match[1]!)) return undefined;
		style = styleOf(sgr);
		index = sgrAt.lastIndex;
	}

	return cells;
}

function addText(cells: Cell[], text: string, style: string): boolean {
	if (printableAscii.test(text)) {
		for (const char of text) cells.push({text: char, style});
		return true;
	}

	if (controls.test(text)) return false;
	for (const {segment} of segmenter.segment(text)) {
		const width = stringWidth(segment);
		if (width === 0) {
			// A zero-width grapheme rides on the cell before it.
			const previous = cells.at(-1);
			if (!previous || previous.text === '') return false;
			previous.text += segment;
			continue;
		}

		if (width > 2) return false;
		cells.push({text: segment, style});
		if (width === 2) cells.push({text: '', style});
	}

	return true;
}

/** Applies one SGR sequence's parameters; false for any this does not model. */
function applySgr(sgr: Sgr, parameters: string): boolean {
	const list = parameters === '' ? [0] : parameters.split(';').map(Number);
	for (let i = 0; i < list.length; i++) {
		const code = list[i]!;
		if (code === 0) {
			sgr.attributes.clear();
			sgr.fg = '';
			sgr.bg = '';
		} else if (attributeOrder.includes(code)) sgr.attributes.add(code);
		else if (attributeOff.has(code)) for (const off of attributeOff.get(code)!) sgr.attributes.delete(off);
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) sgr.fg = String(code);
		else if (code === 39) sgr.fg = '';
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) sgr.bg = String(code);
		else if (code === 49) sgr.bg = '';
		else if (code === 38 || code === 48) {
			const kind = list[i + 1];
			const count = kind === 5 ? 1 : kind === 2 ? 3 : -1;
			if (count === -1 || i + 1 + count >= list.length) return false;
			const color = list.slice(i, i + 2 + count).join(';');
			if (code === 38) sgr.fg = color;
			else sgr.bg = color;
			i += 1 + count;
		} else return false;
	}

	return true;
}

/** The SGR parameters that give this state from the default one ('' for the default). */
function styleOf(sgr: Sgr): string {
	const parts = attributeOrder.filter((code) => sgr.attributes.has(code)).map(String);
	if (sgr.fg !== '') parts.push(sgr.fg);
	if (sgr.bg !== '') parts.push(sgr.bg);
	return parts.join(';');
}
