/**
 * Text measured, cut and padded in terminal columns (wide characters and emoji
 * count 2). Pure apart from width caches; safe to call for every row on every render.
 */
import stringWidth from 'string-width';

/**
 * Cuts `s` to at most `width` terminal columns, ending in "…" when cut (wide
 * characters and emoji count 2; a wide character that would straddle the edge
 * becomes a space so a cut result is exactly `width`). Expects sanitized text.
 */
export function truncate(s: string, width: number): string {
	if (width <= 0) return '';
	if (isPlainAscii(s)) return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
	let used = 0;
	// Where the text is cut if it turns out not to fit, and the width before the cut.
	let cut = 0;
	let cutWidth = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.codePointAt(i)!;
		const w = c >= 0x20 && c < 0x7f ? 1 : codePointWidth(c);
		if (w < 0) return truncateGraphemes(s, width);
		used += w;
		if (used > width) break;
		if (c > 0xff_ff) i++;
		if (used < width) {
			cut = i + 1;
			cutWidth = used;
		}
	}

	return used <= width ? s : `${s.slice(0, cut)}…${' '.repeat(width - 1 - cutWidth)}`;
}

function truncateGraphemes(s: string, width: number): string {
	let used = 0;
	let cut = 0;
	let cutWidth = 0;
	for (const {segment, index} of segmenter.segment(s)) {
		used += segmentWidth(segment);
		if (used > width) break;
		if (used < width) {
			cut = index + segment.length;
			cutWidth = used;
		}
	}

	return used <= width ? s : `${s.slice(0, cut)}…${' '.repeat(width - 1 - cutWidth)}`;
}

/** `s` cut (see truncate) or padded with spaces to exactly `width` columns. */
export function padEnd(s: string, width: number): string {
	if (width <= 0) return '';
	if (isPlainAscii(s)) return s.length <= width ? s.padEnd(width) : `${s.slice(0, width - 1)}…`;
	const cut = truncate(s, width);
	const w = cut === s ? columns(s) : width;
	return w < width ? cut + ' '.repeat(width - w) : cut;
}

/** `s` in exactly `width` columns: padEnd under the name the panes use. */
export const fit = padEnd;

/** Terminal columns of `s`, as string-width counts them. */
export function columns(s: string): number {
	if (isPlainAscii(s)) return s.length;
	let w = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.codePointAt(i)!;
		const cw = c >= 0x20 && c < 0x7f ? 1 : codePointWidth(c);
		if (cw < 0) return stringWidth(s);
		if (c > 0xff_ff) i++;
		w += cw;
	}

	return w;
}

/*
 * string-width segments graphemes and tests emoji regexes on every call (tens of
 * microseconds for a short CJK name). Text where every code point is its own
 * grapheme is measured code point by code point from a cache instead; text
 * with marks, joiners, format characters, variation selectors, jamo, regional
 * indicators, skin-tone modifiers, Thai/Lao or escapes takes the full path.
 */
const complex = /[\p{M}\p{Cf}\u001B\u009B\u0D4E\u0E00-\u0EFF\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]/u;
const segmenter = new Intl.Segmenter();
const cacheLimit = 4096;
const codePointWidths = new Map<number, number>();
const segmentWidths = new Map<string, number>();

/** The width of a code point that is a grapheme on its own, or -1 when it may join its neighbours. */
function codePointWidth(c: number): number {
	let w = codePointWidths.get(c);
	if (w === undefined) {
		const text = String.fromCodePoint(c);
		w = complex.test(text) ? -1 : stringWidth(text);
		if (codePointWidths.size >= cacheLimit) codePointWidths.clear();
		codePointWidths.set(c, w);
	}

	return w;
}

function segmentWidth(segment: string): number {
	const c = segment.charCodeAt(0);
	if (segment.length === 1 && c >= 0x20 && c < 0x7f) return 1;
	let w = segmentWidths.get(segment);
	if (w === undefined) {
		w = stringWidth(segment);
		if (segmentWidths.size >= cacheLimit) segmentWidths.clear();
		segmentWidths.set(segment, w);
	}

	return w;
}

/** Only printable ASCII: one column per character, no width lookups needed. */
export function isPlainAscii(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || c >= 0x7f) return false;
	}

	return true;
}
