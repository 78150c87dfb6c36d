/**
 * `docker logs --since` values, converted the way the docker CLI does
 * (github.com/docker/docker/api/types/time GetTimestamp): a Go duration
 * ("10m", "1h30m", "1.5h") counts back from now to whole seconds; an RFC 3339
 * time, a date, or a date and time without a zone (local time) becomes
 * "seconds.nanoseconds"; a unix time ("1700000000", "1700000000.5") passes
 * through. The Engine API takes the result as its `since` query parameter.
 */

const durationUnits: Record<string, number> = {ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Go's time.ParseDuration, in milliseconds; undefined when `value` is not a duration. */
export function parseGoDuration(value: string): number | undefined {
	const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(value);
	if (!match) return value === '0' ? 0 : undefined;
	let total = 0;
	for (const part of match[2]!.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * durationUnits[part[2]!]!;
	return match[1] === '-' ? -total : total;
}

/**
 * The API's `since` for a `--since` value; throws an Error saying what is
 * accepted. `nowMs` is the reference for durations (the CLI uses its own clock).
 */
export function sinceToApi(value: string, nowMs: number = Date.now()): string {
	const text = value.trim();
	const duration = text === '0' ? undefined : parseGoDuration(text);
	if (duration !== undefined) return String(Math.floor((nowMs - duration) / 1000));
	const time = parseTime(text);
	if (time !== undefined) return formatApiTime(time.seconds, time.nanos);
	if (!text.includes('-') && /^\d+(\.\d{1,9})?$/.test(text)) return text;
	throw new Error(`--since needs a duration (10m, 1h30m), an RFC 3339 time (2024-05-01T12:00:00Z), a date (2024-05-01) or a unix time; got "${value}"`);
}

/** "seconds.nanoseconds", as the CLI sends times. */
export function formatApiTime(seconds: number, nanos: number): string {
	return `${seconds}.${String(nanos).padStart(9, '0')}`;
}

/**
 * The API's `since` for an engine timestamp (RFC3339Nano), to the nanosecond:
 * the lines logged at that time or later (dockerd's since is inclusive).
 */
export function sinceAt(timestamp: string): string | undefined {
	const time = parseTime(timestamp);
	return time ? formatApiTime(time.seconds, time.nanos) : undefined;
}

/**
 * An engine log timestamp as a key that sorts in time order: RFC3339Nano in UTC
 * with the fraction padded to nine digits (dockerd always writes that form;
 * Podman trims trailing zeros).
 */
export function timeKey(timestamp: string): string {
	if (timestamp.length === 30 && timestamp.charCodeAt(29) === 0x5a) return timestamp;
	const time = parseTime(timestamp);
	if (!time) return timestamp;
	return `${new Date(time.seconds * 1000).toISOString().slice(0, 19)}.${String(time.nanos).padStart(9, '0')}Z`;
}

/** Milliseconds since the epoch of an engine timestamp (sub-millisecond digits dropped). */
export function timestampMs(timestamp: string): number | undefined {
	const time = parseTime(timestamp);
	return time ? time.seconds * 1000 + Math.floor(time.nanos / 1e6) : undefined;
}

type Time = {seconds: number; nanos: number};

/**
 * The time forms GetTimestamp accepts: with a zone (Z or an offset, or a date
 * with three dashes) parsed as given, else in local time. Undefined when `text`
 * is none of them.
 */
export function parseTime(text: string): Time | undefined {
	const match = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d\d:\d\d)?$/.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
	const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
	if (fields[1] > 11 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return undefined;
	let ms: number;
	if (zone === undefined) {
		ms = new Date(...fields).getTime();
	} else {
		ms = Date.UTC(...fields);
		if (zone !== 'Z' && zone !== 'z') {
			const sign = zone.startsWith('-') ? -1 : 1;
			ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
		}
	}

	if (Number.isNaN(ms)) return undefined;
	return {seconds: Math.floor(ms / 1000), nanos: Number(fraction.padEnd(9, '0') || '0')};
}
