/**
 * Presentation of numbers, durations, ports and ids, matching the docker CLI
 * where it defines the output (github.com/docker/go-units, docker/cli
 * cli/command/formatter). Pure; safe to call for every row on every render.
 */
import stringWidth from 'string-width';
import type {PortMapping} from '../engine/engine.js';

/**
 * go-units HumanDuration: "Less than a second", "About a minute", "3 hours",
 * "2 weeks"... Hours are rounded, then days, weeks, months and years are whole
 * divisions of those hours (floored), exactly as duration.go does.
 */
export function humanDuration(seconds: number): string {
	// Go's int() truncates toward zero; a negative duration (clock skew) lands in the first branch.
	if (!(seconds >= 1)) return 'Less than a second';
	const whole = Math.trunc(seconds);
	if (whole === 1) return '1 second';
	if (whole < 60) return `${whole} seconds`;
	const minutes = Math.trunc(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(seconds / 3600 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	return `${Math.trunc(Math.trunc(seconds / 3600) / 24 / 365)} years`;
}

/** `docker ps` CREATED: HumanDuration(now - created) + " ago". */
export function timeAgo(unixSeconds: number, nowMs: number): string {
	return `${humanDuration(nowMs / 1000 - unixSeconds)} ago`;
}

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/**
 * Decimal size, go-units HumanSizeWithPrecision: "1.5kB", "64MB". The default of 3
 * significant digits is what `docker stats` NET I/O and BLOCK I/O and `docker ps
 * --size` print; go-units HumanSize itself is precision 4.
 */
export function humanSize(bytes: number, precision = 3): string {
	if (!Number.isFinite(bytes)) return '--';
	let size = bytes;
	let i = 0;
	while (size >= 1000 && i < decimalUnits.length - 1) {
		size /= 1000;
		i++;
	}

	return formatG(size, precision) + decimalUnits[i]!;
}

/** Binary size, go-units BytesSize ("%.4g", base 1024): "64MiB", "1.953GiB"; `docker stats` MEM USAGE / LIMIT. */
export function bytesSize(bytes: number): string {
	if (!Number.isFinite(bytes)) return '--';
	let size = bytes;
	let i = 0;
	while (size >= 1024 && i < binaryUnits.length - 1) {
		size /= 1024;
		i++;
	}

	return formatG(size, 4) + binaryUnits[i]!;
}

const rateUnits = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s', 'PB/s', 'EB/s', 'ZB/s', 'YB/s'] as const;
/** Width of every formatRate result. */
export const rateWidth = 9;

/**
 * A decimal rate for "/s" columns, always `rateWidth` columns and right-aligned so
 * a column does not jitter: "  512 B/s", "1.23 MB/s", "12.3 kB/s", " 123 GB/s".
 * Not a CLI format (docker stats shows totals, not rates). Negative or non-finite
 * values (a counter reset, no sample yet) show as "--".
 */
export function formatRate(bytesPerSecond: number): string {
	if (!(bytesPerSecond >= 0) || bytesPerSecond === Number.POSITIVE_INFINITY) return '       --';
	let value = bytesPerSecond;
	let i = 0;
	// 999.5 would print as "1000"; it belongs to the next unit as "1.00".
	while (value >= 999.5 && i < rateUnits.length - 1) {
		value /= 1000;
		i++;
	}

	let number: string;
	if (i === 0) number = String(Math.round(value));
	else if (value < 9.995) number = value.toFixed(2);
	else if (value < 99.95) number = value.toFixed(1);
	else number = value.toFixed(0);
	return `${number} ${rateUnits[i]!}`.padStart(rateWidth);
}

/** `docker stats` CPU % / MEM %: strconv.FormatFloat(v, 'f', 2, 64) + "%"; missing or NaN is "--". */
export function formatPercent(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '--';
	return `${toFixed2(value)}%`;
}

/**
 * `docker ps` PORTS, ported from docker/cli DisplayablePorts: sorted by private
 * port, host IP (IPv4 before IPv6, as netip.Addr.Less), public port, protocol;
 * runs of consecutive ports published on the same port number collapse into
 * ranges ("0.0.0.0:80-81->80-81/tcp", "80-81/tcp"); other host mappings come last;
 * IPv6 hosts are bracketed ("[::]:8080->80/tcp", docker/cli#5363, CLI 28+).
 * Results are memoised per array: ports arrays are immutable store state.
 */
export function formatPorts(ports: readonly PortMapping[]): string {
	if (ports.length === 0) return '';
	const cached = portsCache.get(ports);
	if (cached !== undefined) return cached;
	const text = displayablePorts(ports);
	portsCache.set(ports, text);
	return text;
}

const portsCache = new WeakMap<readonly PortMapping[], string>();

type PortGroup = {ip: string; type: string; first: number; last: number};

function displayablePorts(ports: readonly PortMapping[]): string {
	const sorted = [...ports].sort(comparePorts);
	const groups = new Map<string, PortGroup>();
	const result: string[] = [];
	const hostMappings: string[] = [];
	for (const port of sorted) {
		const current = port.privatePort;
		const ip = port.ip ?? '';
		let key = port.type;
		if (ip !== '') {
			const published = port.publicPort ?? 0;
			if (published !== current) {
				hostMappings.push(`${joinHostPort(ip, String(published))}->${current}/${port.type}`);
				continue;
			}

			key = `${ip}/${port.type}`;
		}

		const group = groups.get(key);
		if (group === undefined) {
			groups.set(key, {ip, type: port.type, first: current, last: current});
			continue;
		}

		// uint16 arithmetic, as in the CLI.
		if (current === ((group.last + 1) & 0xff_ff)) {
			group.last = current;
			continue;
		}

		// The CLI flushes the finished range now but keeps the key's first-seen position.
		result.push(formGroup(group));
		groups.set(key, {ip, type: port.type, first: current, last: current});
	}

	for (const group of groups.values()) result.push(formGroup(group));
	for (const mapping of hostMappings) result.push(mapping);
	return result.join(', ');
}

function formGroup(group: PortGroup): string {
	let range = String(group.first);
	if (group.first !== group.last) range += `-${group.last}`;
	if (group.ip !== '') range = `${joinHostPort(group.ip, range)}->${range}`;
	return `${range}/${group.type}`;
}

function joinHostPort(host: string, port: string): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(a: PortMapping, b: PortMapping): number {
	if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
	const ip = compareIp(a.ip ?? '', b.ip ?? '');
	if (ip !== 0) return ip;
	const published = (a.publicPort ?? 0) - (b.publicPort ?? 0);
	if (published !== 0) return published;
	return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** netip.Addr.Compare: no address < IPv4 < IPv6, then numerically; unparsable strings last, by text. */
function compareIp(a: string, b: string): number {
	if (a === b) return 0;
	const x = ipWords(a);
	const y = ipWords(b);
	if (x.length !== y.length) return x.length - y.length;
	for (let i = 0; i < x.length; i++) {
		const d = x[i]! - y[i]!;
		if (d !== 0) return d;
	}

	return a < b ? -1 : a > b ? 1 : 0;
}

const noAddress: number[] = [];
const unparsable = Array.from({length: 9}, () => 0);

/** IPv4 as 4 octets, IPv6 as 8 hextets (zone ignored), "" as none. */
function ipWords(ip: string): number[] {
	if (ip === '') return noAddress;
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
	if (v4) return [Number(v4[1]), Number(v4[2]), Number(v4[3]), Number(v4[4])];
	const address = ip.split('%')[0]!;
	const halves = address.split('::');
	if (halves.length > 2) return unparsable;
	const head = hextets(halves[0]!);
	const tail = halves.length === 2 ? hextets(halves[1]!) : [];
	if (head === undefined || tail === undefined) return unparsable;
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return unparsable;
	return [...head, ...Array.from({length: missing}, () => 0), ...tail];
}

function hextets(part: string): number[] | undefined {
	if (part === '') return [];
	const words: number[] = [];
	for (const piece of part.split(':')) {
		const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(piece);
		if (v4) {
			words.push(Number(v4[1]) * 256 + Number(v4[2]), Number(v4[3]) * 256 + Number(v4[4]));
		} else if (/^[\da-f]{1,4}$/i.test(piece)) {
			words.push(Number.parseInt(piece, 16));
		} else {
			return undefined;
		}
	}

	return words;
}

/** docker's TruncateID: drop an algorithm prefix ("sha256:"), keep 12 characters. */
export function shortId(id: string): string {
	const colon = id.indexOf(':');
	const hex = colon === -1 ? id : id.slice(colon + 1);
	return hex.length > 12 ? hex.slice(0, 12) : hex;
}

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

function isPlainAscii(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || c >= 0x7f) return false;
	}

	return true;
}

/**
 * Go's %.<precision>g (strconv 'g'): shortest of %e/%f by Go's rule, trailing
 * zeros dropped, exact ties rounded half to even (JS rounds them up).
 */
export function formatG(x: number, precision: number): string {
	if (x === 0) return Object.is(x, -0) ? '-0' : '0';
	if (Number.isNaN(x)) return 'NaN';
	if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
	const p = Math.max(1, Math.trunc(precision));
	const sign = x < 0 ? '-' : '';
	const a = Math.abs(x);
	let [digits, exp] = splitExponential(a.toExponential(p - 1));
	const probe = a.toExponential(p);
	const probeE = probe.indexOf('e');
	if (probe.charCodeAt(probeE - 1) === 0x35 && Number(probe) === a && isExactTie(a, probe)) {
		const [longer, probeExp] = splitExponential(probe);
		const kept = longer.slice(0, p);
		// Half to even: keep the truncated digits when their last digit is even.
		if ((kept.charCodeAt(p - 1) - 0x30) % 2 === 0) {
			digits = kept;
			exp = probeExp;
		}
	}

	digits = digits.replace(/0+$/, '');
	const nd = digits.length;
	const dp = exp + 1;
	let eprec = p;
	if (eprec > nd && nd >= dp) eprec = nd;
	if (exp < -4 || exp >= eprec) {
		const mantissa = nd > 1 ? `${digits[0]!}.${digits.slice(1)}` : digits;
		const e = Math.abs(exp);
		return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
	}

	const decimals = p > dp ? Math.max(nd - dp, 0) : 0;
	const integer = dp > 0 ? digits.slice(0, dp).padEnd(dp, '0') : '0';
	if (decimals === 0) return sign + integer;
	let fraction = '';
	for (let i = 0; i < decimals; i++) {
		const j = dp + i;
		fraction += j < 0 || j >= nd ? '0' : digits[j]!;
	}

	return `${sign}${integer}.${fraction}`;
}

/** "1.234e+5" -> ["1234", 5]. */
function splitExponential(text: string): [string, number] {
	const e = text.indexOf('e');
	return [text.slice(0, e).replace('.', ''), Number(text.slice(e + 1))];
}

/** Whether `a` is exactly the decimal `probe` (whose last digit is a 5), not just its nearest double. */
function isExactTie(a: number, probe: string): boolean {
	const [want] = splitExponential(probe);
	const exact = a.toPrecision(100);
	const e = exact.indexOf('e');
	const mantissa = (e === -1 ? exact : exact.slice(0, e)).replace('.', '').replace(/^0+/, '');
	return mantissa.startsWith(want) && /^0*$/.test(mantissa.slice(want.length));
}

/** strconv.FormatFloat(v, 'f', 2, 64): toFixed(2), except that exact ties go to even as in Go. */
function toFixed2(value: number): string {
	const text = value.toFixed(2);
	// A float is exactly halfway between two hundredths only when it is an odd number of eighths.
	const eighths = Math.abs(value) * 8;
	if (!Number.isInteger(eighths) || eighths % 2 === 0) return text;
	const down = Math.floor(Math.abs(value) * 100);
	if (down % 2 !== 0) return text;
	return (value < 0 ? '-' : '') + (down / 100).toFixed(2);
}
