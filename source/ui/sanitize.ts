/**
 * Text from containers (names, labels, images, status, log lines, exec output)
 * is untrusted: an escape sequence in it would reach the user's terminal.
 * Everything here is one forward scan that returns the input itself when there
 * is nothing to remove, so the common case costs one pass and no allocation.
 */

/** Cap on visible characters per log line unless the caller asks otherwise. */
export const defaultMaxLineLength = 4096;

export type LineOptions = {
	/** Keep SGR colour sequences (`ESC [ <digits and ;> m`); drop every other sequence. */
	keepColors: boolean;
	/** Visible characters (code points, tab expansion included) kept; default 4096. */
	maxLength?: number;
};

const esc = 0x1b;
const bel = 0x07;
const can = 0x18;
const sub = 0x1a;
const st8 = 0x9c;
const reset = '\u001B[0m';
// A kept SGR longer than this is not a colour, it is padding someone wants rendered.
const maxSgrLength = 32;

/** True when `s` holds anything sanitizeText would remove or replace. */
export function hasControl(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) continue;
		if (c < 0xa0 || (c >= 0x20_2a && c <= 0x20_2e) || (c >= 0x20_66 && c <= 0x20_69)) return true;
		if (c >= 0xd8_00 && c <= 0xdf_ff) {
			if (c > 0xdb_ff || !isLow(s.charCodeAt(i + 1))) return true;
			i++;
		}
	}

	return false;
}

/**
 * For one-line cells: drops every escape sequence (7-bit and 8-bit), C0/C1
 * controls, DEL and bidi overrides/isolates; a tab becomes one space and a lone
 * surrogate becomes U+FFFD.
 */
export function sanitizeText(s: string): string {
	return scrub(s, false, false, Number.POSITIVE_INFINITY);
}

/**
 * For log lines: like sanitizeText, but tabs expand to the next multiple of 8,
 * SGR colours survive when `keepColors`, and at most `maxLength` visible
 * characters are kept (the scan stops there, so a 1 MB line costs what its first
 * 4096 characters cost). An SGR still open at the end is closed with `ESC[0m`.
 */
export function sanitizeLine(s: string, options: LineOptions): string {
	return scrub(s, options.keepColors, true, options.maxLength ?? defaultMaxLineLength);
}

function isLow(c: number): boolean {
	return c >= 0xdc_00 && c <= 0xdf_ff;
}

// Scratch results of readCsi, kept in module scope so parsing allocates nothing.
let csiEnd = 0;
let csiIsSgr = false;

/** Reads a CSI body from `from` (just after `ESC [` or U+009B); a sequence cut short by a control is aborted. */
function readCsi(s: string, from: number): void {
	let sgr = true;
	for (let j = from; j < s.length; j++) {
		const c = s.charCodeAt(j);
		if (c >= 0x20 && c <= 0x3f) {
			if (sgr && !((c >= 0x30 && c <= 0x39) || c === 0x3b)) sgr = false;
			continue;
		}

		if (c >= 0x40 && c <= 0x7e) {
			csiEnd = j + 1;
			csiIsSgr = sgr && c === 0x6d && j - from <= maxSgrLength;
			return;
		}

		// Anything else aborts the sequence in a VT parser; it is then read as itself.
		csiEnd = j;
		csiIsSgr = false;
		return;
	}

	csiEnd = s.length;
	csiIsSgr = false;
}

/**
 * Skips an OSC/DCS/SOS/PM/APC body: it ends at ST (`ESC \` or U+009C), at BEL
 * for OSC, or where an ESC/CAN/SUB aborts it; unterminated, it runs to the end.
 */
function skipString(s: string, from: number, belEnds: boolean): number {
	for (let j = from; j < s.length; j++) {
		const c = s.charCodeAt(j);
		if (c === st8 || (c === bel && belEnds)) return j + 1;
		if (c === esc) return s.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
		if (c === can || c === sub) return j;
	}

	return s.length;
}

/** Where the escape sequence starting at `i` (an ESC or a C1 control) ends. Sets csiIsSgr. */
function skipEscape(s: string, i: number): number {
	csiIsSgr = false;
	const c = s.charCodeAt(i);
	if (c !== esc) {
		if (c === 0x9b) {
			readCsi(s, i + 1);
			// 8-bit CSI is never kept: downstream ANSI parsers only agree on the 7-bit form.
			csiIsSgr = false;
			return csiEnd;
		}

		if (c === 0x9d) return skipString(s, i + 1, true);
		if (c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) return skipString(s, i + 1, false);
		return i + 1;
	}

	const d = s.charCodeAt(i + 1);
	if (d === 0x5b) {
		readCsi(s, i + 2);
		return csiEnd;
	}

	if (d === 0x5d) return skipString(s, i + 2, true);
	if (d === 0x50 || d === 0x58 || d === 0x5e || d === 0x5f) return skipString(s, i + 2, false);
	if (d >= 0x20 && d <= 0x2f) {
		// nF: intermediates then one final byte, e.g. `ESC ( B`, `ESC # 8`.
		let j = i + 2;
		while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
		const f = s.charCodeAt(j);
		return f >= 0x30 && f <= 0x7e ? j + 1 : j;
	}

	// Fp/Fe/Fs two-byte sequences (`ESC 7`, `ESC c`, `ESC M`, ...); a lone ESC just goes.
	return d >= 0x30 && d <= 0x7e ? i + 2 : i + 1;
}

function scrub(s: string, keepSgr: boolean, tabStops: boolean, max: number): string {
	const n = s.length;
	let out = '';
	// s[run, i) is clean text not yet copied to `out`; while nothing was dropped, out stays ''.
	let run = 0;
	let dirty = false;
	let sgrOpen = false;
	// Kept SGR bytes count against this too, so a line of nothing but colours stays bounded.
	let budget = max * 4;
	// Printable ASCII prefix: the whole of most strings, so keep this loop tight.
	let i = 0;
	const asciiEnd = Math.min(n, max);
	while (i < asciiEnd) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || c >= 0x7f) break;
		i++;
	}

	if (i === n) return s;
	let visible = i;
	while (i < n) {
		if (visible >= max) break;
		const c = s.charCodeAt(i);
		if (c >= 0x20 && c < 0x7f) {
			i++;
			visible++;
			continue;
		}

		if (c >= 0xa0 && !(c >= 0x20_2a && c <= 0x20_2e) && !(c >= 0x20_66 && c <= 0x20_69)) {
			if (c < 0xd8_00 || c > 0xdf_ff) {
				i++;
				visible++;
				continue;
			}

			if (c <= 0xdb_ff && isLow(s.charCodeAt(i + 1))) {
				i += 2;
				visible++;
				continue;
			}
		}

		// Something to drop or replace: copy the clean run before it.
		if (run < i) out += s.slice(run, i);
		run = i;
		dirty = true;
		if (c === 0x09) {
			const width = tabStops ? Math.min(8 - (visible % 8), max - visible) : 1;
			out += '        '.slice(0, width);
			visible += width;
			i++;
		} else if (c === esc || (c >= 0x80 && c <= 0x9f)) {
			const end = skipEscape(s, i);
			if (keepSgr && csiIsSgr) {
				budget -= end - i;
				if (budget < 0) break;
				out += s.slice(i, end);
				sgrOpen = !isReset(s, i + 2, end - 1);
			}

			i = end;
		} else if (c >= 0xd8_00 && c <= 0xdf_ff) {
			out += '\uFFFD';
			visible++;
			i++;
		} else {
			// C0, DEL, bidi override or isolate.
			i++;
		}

		run = i;
	}

	if (!dirty) return i >= n ? s : s.slice(0, i);
	if (run < i) out += s.slice(run, i);
	return sgrOpen ? out + reset : out;
}

/** `ESC[m`, `ESC[0m`, `ESC[00m`: parameters (s[from, to)) that are all zeros. */
function isReset(s: string, from: number, to: number): boolean {
	for (let j = from; j < to; j++) {
		if (s.charCodeAt(j) !== 0x30) return false;
	}

	return true;
}
