/**
 * A log line on its way to the screen: carriage returns, sanitizing (always:
 * container output is untrusted), the drawn-length cap, search highlights and
 * local timestamps. Only the lines on screen go through here.
 */
import {timestampMs} from '../engine/since.js';
import {defaultMaxLineLength, sanitizeLine} from './sanitize.js';

/** Characters of a line that are drawn (wrapped or scrolled to); the whole line is kept for search and save. */
export const drawnLength = defaultMaxLineLength;

/**
 * A lone CR starts the line over, as it does on a terminal: what follows the
 * last one is drawn (a progress bar shows its final state). A CR at the end
 * changes nothing, so the last non-empty part is taken.
 */
export function afterCarriageReturns(text: string): string {
	let end = text.length;
	let cr = text.lastIndexOf('\r');
	while (cr !== -1) {
		if (end - cr > 1) return text.slice(cr + 1, end);
		end = cr;
		if (cr === 0) break;
		cr = text.lastIndexOf('\r', cr - 1);
	}

	return text.slice(0, end);
}

/** The line as drawn: sanitized, SGR colours kept or stripped, at most drawnLength characters. */
export function drawnText(text: string, colors: boolean): string {
	return sanitizeLine(afterCarriageReturns(text), {keepColors: colors, maxLength: drawnLength});
}

/** The line's whole visible text, what search looks in. */
export function plainText(text: string): string {
	return sanitizeLine(afterCarriageReturns(text), {keepColors: false, maxLength: Number.POSITIVE_INFINITY});
}

export type Matcher = {
	query: string;
	test(text: string): boolean;
	/** Start and end of every match, left to right, not overlapping. */
	ranges(text: string): Array<[number, number]>;
};

/** A plain-text search; case matters only when the query has a capital letter (smart case). */
export function makeMatcher(query: string): Matcher {
	const caseless = query === query.toLowerCase();
	const needle = caseless ? query.toLowerCase() : query;
	const fold = (text: string) => (caseless ? text.toLowerCase() : text);
	return {
		query,
		test: (text) => needle !== '' && fold(text).includes(needle),
		ranges(text) {
			const ranges: Array<[number, number]> = [];
			if (needle === '') return ranges;
			const haystack = fold(text);
			// toLowerCase can change lengths (İ): then highlight nothing rather than the wrong text.
			if (haystack.length !== text.length) return ranges;
			let at = haystack.indexOf(needle);
			while (at !== -1) {
				ranges.push([at, at + needle.length]);
				at = haystack.indexOf(needle, at + needle.length);
			}

			return ranges;
		},
	};
}

const matchOn = '\u001B[7m';
const matchOff = '\u001B[27m';
const currentOn = '\u001B[30;43m';
const currentOff = '\u001B[39;49m';

/** The line without its colours and with every match highlighted (inverse; black on yellow on the current match's line). */
export function highlighted(text: string, matcher: Matcher, current: boolean): string {
	const plain = sanitizeLine(afterCarriageReturns(text), {keepColors: false, maxLength: drawnLength});
	const ranges = matcher.ranges(plain);
	if (ranges.length === 0) return plain;
	const [on, off] = current ? [currentOn, currentOff] : [matchOn, matchOff];
	let out = '';
	let at = 0;
	for (const [start, end] of ranges) {
		out += plain.slice(at, start) + on + plain.slice(start, end) + off;
		at = end;
	}

	return out + plain.slice(at);
}

/** An engine timestamp in local time, "MM-DD HH:MM:SS.mmm" (18 columns); blanks when there is none. */
export function localStamp(time: string | undefined): string {
	const ms = time === undefined ? undefined : timestampMs(time);
	if (ms === undefined) return ' '.repeat(18);
	const date = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Local "HH:MM:SS" of an engine timestamp, for marker lines. */
export function localClock(time: string | undefined): string {
	const ms = time === undefined ? undefined : timestampMs(time);
	if (ms === undefined) return '';
	const date = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** A stable colour per name (a project view's service prefixes). */
const palette = ['cyan', 'magenta', 'green', 'yellow', 'blue', 'cyanBright', 'magentaBright', 'greenBright', 'yellowBright', 'blueBright'] as const;

export function colorFor(name: string): (typeof palette)[number] {
	let hash = 2_166_136_261;
	for (let i = 0; i < name.length; i++) {
		hash ^= name.charCodeAt(i);
		hash = Math.imul(hash, 16_777_619);
	}

	return palette[(hash >>> 0) % palette.length]!;
}
