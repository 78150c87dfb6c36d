/**
 * Cutting sanitized text (printable characters and SGR sequences only, as
 * sanitizeLine returns it) into terminal columns: a window for horizontal
 * scrolling, rows for wrapping. Colours carry across a cut: each piece starts
 * with the SGRs in force and ends with a reset, so no piece leaks its colour
 * into the next. A wide character that straddles an edge becomes a space.
 */
import stringWidth from 'string-width';
import {isPlainAscii} from './text-width.js';

const esc = 0x1b;
const reset = '\u001B[0m';
const widths = new Map<number, number>();

/** Columns one code point takes (0 for combining marks and joiners). */
export function charWidth(c: number): number {
	if (c >= 0x20 && c < 0x7f) return 1;
	let w = widths.get(c);
	if (w === undefined) {
		w = stringWidth(String.fromCodePoint(c));
		if (widths.size > 4096) widths.clear();
		widths.set(c, w);
	}

	return w;
}

/** Where the SGR starting at `i` (an ESC) ends. */
function sgrEnd(s: string, i: number): number {
	let j = i + 1;
	while (j < s.length && s.charCodeAt(j) !== 0x6d) j++;
	return Math.min(s.length, j + 1);
}

function isResetSgr(sgr: string): boolean {
	return sgr === '\u001B[m' || /^\u001B\[0*m$/.test(sgr);
}

/** Terminal columns of sanitized text, SGRs taking none. */
export function textColumns(s: string): number {
	if (isPlainAscii(s)) return s.length;
	let w = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.codePointAt(i)!;
		if (c === esc) {
			i = sgrEnd(s, i) - 1;
			continue;
		}

		if (c > 0xff_ff) i++;
		w += charWidth(c);
	}

	return w;
}

/** The columns [from, from + width) of `s`, at most `width` columns wide. */
export function sliceColumns(s: string, from: number, width: number): string {
	if (width <= 0) return '';
	if (isPlainAscii(s)) return s.slice(from, from + width);
	let out = '';
	let prefix = '';
	let colored = false;
	let col = 0;
	const end = from + width;
	for (let i = 0; i < s.length && col < end; i++) {
		const c = s.codePointAt(i)!;
		if (c === esc) {
			const to = sgrEnd(s, i);
			const sgr = s.slice(i, to);
			if (col < from) prefix = isResetSgr(sgr) ? '' : prefix + sgr;
			else {
				out += sgr;
				colored = true;
			}

			i = to - 1;
			continue;
		}

		const w = charWidth(c);
		const size = c > 0xff_ff ? 2 : 1;
		if (col >= from && col + w <= end) {
			if (out === '' && prefix !== '') {
				out = prefix;
				colored = true;
			}

			out += s.slice(i, i + size);
		} else if (w > 0 && col + w > from && col < end) {
			// A wide character cut by an edge: the part inside becomes spaces.
			if (out === '' && prefix !== '') {
				out = prefix;
				colored = true;
			}

			out += ' '.repeat(Math.min(col + w, end) - Math.max(col, from));
		}

		col += w;
		if (size === 2) i++;
	}

	return colored ? out + reset : out;
}

/** `s` cut into rows of at most `width` columns; at most `maxRows` of them (the first ones). */
export function wrapColumns(s: string, width: number, maxRows = Number.POSITIVE_INFINITY): string[] {
	if (width <= 0) return [''];
	if (isPlainAscii(s)) {
		if (s.length <= width) return [s];
		const rows: string[] = [];
		for (let at = 0; at < s.length && rows.length < maxRows; at += width) rows.push(s.slice(at, at + width));
		return rows;
	}

	const rows: string[] = [];
	let active = '';
	let row = '';
	let rowColored = false;
	let col = 0;
	const endRow = () => {
		rows.push(rowColored ? row + reset : row);
		row = active;
		rowColored = active !== '';
		col = 0;
	};

	for (let i = 0; i < s.length; i++) {
		const c = s.codePointAt(i)!;
		if (c === esc) {
			const to = sgrEnd(s, i);
			const sgr = s.slice(i, to);
			active = isResetSgr(sgr) ? '' : active + sgr;
			row += sgr;
			rowColored = true;
			i = to - 1;
			continue;
		}

		const w = charWidth(c);
		const size = c > 0xff_ff ? 2 : 1;
		if (col + w > width && col > 0) {
			if (col < width) row += ' '.repeat(width - col);
			endRow();
			if (rows.length >= maxRows) return rows;
		}

		row += s.slice(i, i + size);
		col += w;
		if (size === 2) i++;
	}

	if (rows.length < maxRows && (col > 0 || rows.length === 0)) rows.push(rowColored ? row + reset : row);
	return rows;
}
