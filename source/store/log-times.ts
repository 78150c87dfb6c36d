/**
 * dockerd's log timestamps, RFC3339Nano in UTC with all nine digits
 * ("2026-11-23T15:26:31.482853071Z"), as two numbers: a log buffer keeps them in typed
 * arrays instead of a string per line, and writes them back the same when asked for.
 */

/**
 * Reads a timestamp of that form into seconds[slot] and nanos[slot]; false (nothing
 * written) for any other form, which the caller keeps as given.
 */
export function storeCanonicalTime(time: string, seconds: Float64Array, nanos: Int32Array, slot: number): boolean {
	if (time.length !== 30 || time.charCodeAt(29) !== 0x5a || time.charCodeAt(19) !== 0x2e) return false;
	if (time.charCodeAt(4) !== 0x2d || time.charCodeAt(7) !== 0x2d || time.charCodeAt(10) !== 0x54 || time.charCodeAt(13) !== 0x3a || time.charCodeAt(16) !== 0x3a) return false;
	const year = number(time, 0, 4);
	const month = number(time, 5, 7);
	const day = number(time, 8, 10);
	const hour = number(time, 11, 13);
	const minute = number(time, 14, 16);
	const second = number(time, 17, 19);
	const fraction = number(time, 20, 29);
	// In range, so that writing it back gives the same text (and no digit was anything else: -1).
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) return false;
	seconds[slot] = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
	nanos[slot] = fraction;
	return true;
}

/** The timestamp as storeCanonicalTime reads it (tests; allocates). */
export function canonicalTime(time: string): {seconds: number; nanos: number} | undefined {
	const seconds = new Float64Array(1);
	const nanos = new Int32Array(1);
	return storeCanonicalTime(time, seconds, nanos, 0) ? {seconds: seconds[0]!, nanos: nanos[0]!} : undefined;
}

/** The text storeCanonicalTime read. */
export function formatCanonicalTime(seconds: number, nanos: number): string {
	return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
}

/** The decimal number text[from, to) spells; -1 when a character is not a digit. */
function number(text: string, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) {
		const digit = text.charCodeAt(i) - 0x30;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}

	return value;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}
