/**
 * `--events-since`: how far back the events view starts. Like `docker events
 * --since`: a duration back from now (30m, 1h30m), or a time (RFC 3339, a date,
 * Unix seconds); `off` loads no history.
 */
export type EventsSince = {kind: 'off'} | {kind: 'ago'; ms: number} | {kind: 'at'; nano: bigint};

export const defaultEventsSince: EventsSince = {kind: 'ago', ms: 3_600_000};

const unitMs: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** Throws an Error saying what is accepted when `text` is none of those. */
export function parseEventsSince(text: string): EventsSince {
	const value = text.trim();
	if (value === 'off' || value === 'none') return {kind: 'off'};
	if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(value)) {
		let ms = 0;
		for (const [, amount = '0', unit = 's'] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(amount) * (unitMs[unit] ?? 0);
		return ms === 0 ? {kind: 'off'} : {kind: 'ago', ms: Math.round(ms)};
	}

	// Unix seconds, with up to nine decimals, as the Engine API takes them.
	const unix = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
	if (unix) return {kind: 'at', nano: BigInt(unix[1]!) * 1_000_000_000n + BigInt((unix[2] ?? '').padEnd(9, '0'))};
	// A date alone is local midnight, as the docker CLI reads it (ECMAScript would say UTC).
	const withTime = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value;
	if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(withTime)) {
		const ms = Date.parse(withTime.replace(' ', 'T'));
		if (Number.isFinite(ms)) {
			const fraction = /\.(\d+)/.exec(withTime)?.[1] ?? '';
			// Date keeps milliseconds; the rest of a nanosecond fraction is added back.
			const extra = BigInt(fraction.padEnd(9, '0').slice(3, 9) || '0');
			return {kind: 'at', nano: BigInt(ms) * 1_000_000n + extra};
		}
	}

	throw new Error(`--events-since needs a duration (90s, 30m, 2h, 1h30m), a time (2025-05-01T12:00:00, 2025-05-01, Unix seconds) or off, not "${text}"`);
}

/** The history window for a connection made at `untilNano` (the engine's clock); undefined when off. */
export function historyWindow(since: EventsSince, untilNano: bigint): {sinceNano: bigint; untilNano: bigint} | undefined {
	switch (since.kind) {
		case 'off':
			return undefined;
		case 'ago':
			return {sinceNano: untilNano - BigInt(since.ms) * 1_000_000n, untilNano};
		case 'at':
			return since.nano > untilNano ? undefined : {sinceNano: since.nano, untilNano};
	}
}
