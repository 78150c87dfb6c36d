import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {parseGoDuration, parseTime, sinceAt, sinceToApi, timeKey, timestampMs} from '../../source/engine/since.js';
import {toLogsConfig} from '../../source/logs-config.js';

const now = Date.UTC(2026, 10, 23, 15, 0, 0, 750);

describe('parseGoDuration (Go time.ParseDuration)', () => {
	test.each([
		['10m', 600_000],
		['1h', 3_600_000],
		['1h30m', 5_400_000],
		['1.5h', 5_400_000],
		['90s', 90_000],
		['250ms', 250],
		['2h45m30.5s', 9_930_500],
		['1500us', 1.5],
		['0', 0],
	])('%s', (text, ms) => {
		expect(parseGoDuration(text)).toBeCloseTo(ms, 6);
	});

	test.each(['', '10', 'm', '10 m', '1d', '1h-30m', 'ten minutes'])('%j is not a duration', (text) => {
		expect(parseGoDuration(text)).toBeUndefined();
	});
});

describe('sinceToApi (docker logs --since)', () => {
	test('a duration counts back from now, to whole seconds as the CLI sends it', () => {
		expect(sinceToApi('10m', now)).toBe(String(Math.floor((now - 600_000) / 1000)));
		expect(sinceToApi('1h30m', now)).toBe(String(Math.floor((now - 5_400_000) / 1000)));
	});

	test('RFC 3339 with a zone, with and without a fraction', () => {
		expect(sinceToApi('2026-11-23T15:00:00Z', now)).toBe(`${Date.UTC(2026, 10, 23, 15) / 1000}.000000000`);
		expect(sinceToApi('2026-11-23T15:00:00.123456789Z', now)).toBe(`${Date.UTC(2026, 10, 23, 15) / 1000}.123456789`);
		expect(sinceToApi('2026-11-23T17:00:00+02:00', now)).toBe(`${Date.UTC(2026, 10, 23, 15) / 1000}.000000000`);
		expect(sinceToApi('2026-11-23T10:00:00.5-05:00', now)).toBe(`${Date.UTC(2026, 10, 23, 15) / 1000}.500000000`);
	});

	test('without a zone: local time, as the CLI reads it', () => {
		const local = new Date(2026, 10, 23, 15, 4, 5).getTime() / 1000;
		expect(sinceToApi('2026-11-23T15:04:05', now)).toBe(`${local}.000000000`);
		expect(sinceToApi('2026-11-23', now)).toBe(`${new Date(2026, 10, 23).getTime() / 1000}.000000000`);
		expect(sinceToApi('2026-11-23T15', now)).toBe(`${new Date(2026, 10, 23, 15).getTime() / 1000}.000000000`);
	});

	test('a unix time passes through', () => {
		expect(sinceToApi('1700000000', now)).toBe('1700000000');
		expect(sinceToApi('1700000000.25', now)).toBe('1700000000.25');
	});

	test.each(['yesterday', '2026-13-01', '2026-11-23T25:00:00Z', '10 minutes', '-'])('%j is refused with a message naming the forms', (text) => {
		expect(() => sinceToApi(text, now)).toThrow(/--since needs a duration/);
	});
});

describe('engine timestamps', () => {
	test('sinceAt keeps every nanosecond', () => {
		const seconds = Date.UTC(2026, 10, 23, 15, 26, 31) / 1000;
		expect(sinceAt('2026-11-23T15:26:31.482853071Z')).toBe(`${seconds}.482853071`);
		expect(sinceAt('2026-11-23T16:26:31.000000001+01:00')).toBe(`${seconds}.000000001`);
		expect(sinceAt('not a time')).toBeUndefined();
	});

	test('timeKey sorts like time, also for trimmed fractions and offsets', () => {
		const keys = ['2026-11-23T15:26:31.5Z', '2026-11-23T15:26:31.482853071Z', '2026-11-23T16:26:31.1+01:00'].map(timeKey);
		expect(keys).toEqual(['2026-11-23T15:26:31.500000000Z', '2026-11-23T15:26:31.482853071Z', '2026-11-23T15:26:31.100000000Z']);
		expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
	});

	test('timestampMs and parseTime', () => {
		expect(timestampMs('2026-11-23T15:26:31.482853071Z')).toBe(Date.UTC(2026, 10, 23, 15, 26, 31, 482));
		expect(parseTime('2026-11-23T15:26:31.000000001Z')).toEqual({seconds: Date.UTC(2026, 10, 23, 15, 26, 31) / 1000, nanos: 1});
	});
});

describe('toLogsConfig', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(now);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	test('defaults: 500 lines of tail, 10,000 kept, colours on', () => {
		expect(toLogsConfig({})).toEqual({tail: 500, lines: 10_000, colors: true});
	});

	test('flags', () => {
		expect(toLogsConfig({tail: 'all', since: '10m', logLines: 200, logColors: false})).toEqual({tail: 'all', since: String(Math.floor(now / 1000) - 600), lines: 200, colors: false});
		expect(toLogsConfig({tail: '0', noLogColors: true})).toMatchObject({tail: 0, colors: false});
	});

	test('bad values say which flag', () => {
		expect(() => toLogsConfig({tail: '-5'})).toThrow(/--tail/);
		expect(() => toLogsConfig({tail: 'lots'})).toThrow(/--tail/);
		expect(() => toLogsConfig({logLines: 0})).toThrow(/--log-lines/);
		expect(() => toLogsConfig({since: 'soon'})).toThrow(/--since/);
	});
});
