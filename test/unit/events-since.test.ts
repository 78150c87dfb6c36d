import {describe, expect, test} from 'vitest';
import {historyWindow, parseEventsSince} from '../../source/store/events-since.js';

describe('--events-since', () => {
	test('durations, as docker events --since takes them (plus d for days)', () => {
		expect(parseEventsSince('1h')).toEqual({kind: 'ago', ms: 3_600_000});
		expect(parseEventsSince('90s')).toEqual({kind: 'ago', ms: 90_000});
		expect(parseEventsSince('1h30m')).toEqual({kind: 'ago', ms: 5_400_000});
		expect(parseEventsSince('1.5h')).toEqual({kind: 'ago', ms: 5_400_000});
		expect(parseEventsSince('250ms')).toEqual({kind: 'ago', ms: 250});
		expect(parseEventsSince('2d')).toEqual({kind: 'ago', ms: 172_800_000});
	});

	test('off, none and a zero duration load nothing', () => {
		expect(parseEventsSince('off')).toEqual({kind: 'off'});
		expect(parseEventsSince('none')).toEqual({kind: 'off'});
		expect(parseEventsSince('0s')).toEqual({kind: 'off'});
	});

	test('Unix seconds, with nanoseconds kept exactly', () => {
		expect(parseEventsSince('1750000000')).toEqual({kind: 'at', nano: 1_750_000_000_000_000_000n});
		expect(parseEventsSince('1750000000.123456789')).toEqual({kind: 'at', nano: 1_750_000_000_123_456_789n});
		expect(parseEventsSince('1750000000.5')).toEqual({kind: 'at', nano: 1_750_000_000_500_000_000n});
	});

	test('RFC 3339 times; a date or a time without a zone is local', () => {
		expect(parseEventsSince('2025-06-15T12:00:00Z')).toEqual({kind: 'at', nano: BigInt(Date.UTC(2025, 5, 15, 12)) * 1_000_000n});
		expect(parseEventsSince('2025-06-15T12:00:00.000000123+02:00')).toEqual({kind: 'at', nano: BigInt(Date.UTC(2025, 5, 15, 10)) * 1_000_000n + 123n});
		expect(parseEventsSince('2025-06-15')).toEqual({kind: 'at', nano: BigInt(new Date(2025, 5, 15).getTime()) * 1_000_000n});
		expect(parseEventsSince('2025-06-15 08:30')).toEqual({kind: 'at', nano: BigInt(new Date(2025, 5, 15, 8, 30).getTime()) * 1_000_000n});
	});

	test('anything else says what is accepted', () => {
		for (const bad of ['', 'yesterday', '1x', '-1h', '2025-13-45', 'h']) expect(() => parseEventsSince(bad), bad).toThrow(/--events-since needs a duration/);
	});

	test('the window ends at the connect time and starts that far back, or at the time given', () => {
		const until = 1_800_000_000_000_000_000n;
		expect(historyWindow({kind: 'ago', ms: 3_600_000}, until)).toEqual({sinceNano: until - 3_600_000_000_000n, untilNano: until});
		expect(historyWindow({kind: 'at', nano: 5n}, until)).toEqual({sinceNano: 5n, untilNano: until});
		expect(historyWindow({kind: 'at', nano: until + 1n}, until)).toBeUndefined();
		expect(historyWindow({kind: 'off'}, until)).toBeUndefined();
	});
});
