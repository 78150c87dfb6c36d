import {describe, expect, test} from 'vitest';
import {humanDuration, timeAgo} from '../../source/ui/durations.js';

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;
const month = 30 * day;
const year = 365 * day;

describe('humanDuration', () => {
	// docker/go-units duration_test.go TestHumanDuration, every assertion, in seconds;
	// duration.go HumanDuration is the floored form (hours/24, hours/24/7, ...).
	test.each([
		[0.45, 'Less than a second'],
		[1, '1 second'],
		[45, '45 seconds'],
		[46, '46 seconds'],
		[59, '59 seconds'],
		[60, 'About a minute'],
		[3 * minute, '3 minutes'],
		[35 * minute, '35 minutes'],
		[35 * minute + 40, '35 minutes'],
		[45 * minute, '45 minutes'],
		[45 * minute + 40, '45 minutes'],
		[46 * minute, '46 minutes'],
		[59 * minute, '59 minutes'],
		[hour, 'About an hour'],
		[hour + 29 * minute, 'About an hour'],
		[hour + 31 * minute, '2 hours'],
		[hour + 59 * minute, '2 hours'],
		[3 * hour, '3 hours'],
		[3 * hour + 29 * minute, '3 hours'],
		[3 * hour + 31 * minute, '4 hours'],
		[3 * hour + 59 * minute, '4 hours'],
		[3 * hour + 60 * minute, '4 hours'],
		[24 * hour, '24 hours'],
		[day + 12 * hour, '36 hours'],
		[2 * day, '2 days'],
		[7 * day, '7 days'],
		[13 * day + 5 * hour, '13 days'],
		[2 * week, '2 weeks'],
		[2 * week + 4 * day, '2 weeks'],
		[3 * week, '3 weeks'],
		[4 * week, '4 weeks'],
		[4 * week + 3 * day, '4 weeks'],
		[month, '4 weeks'],
		[month + 2 * week, '6 weeks'],
		[2 * month, '2 months'],
		[2 * month + 2 * week, '2 months'],
		[3 * month, '3 months'],
		[3 * month + week, '3 months'],
		[5 * month + 2 * week, '5 months'],
		[13 * month, '13 months'],
		[23 * month, '23 months'],
		[24 * month, '24 months'],
		[24 * month + 2 * week, '2 years'],
		[3 * year + 2 * month, '3 years'],
	])('%d s -> %s', (seconds, expected) => {
		expect(humanDuration(seconds)).toBe(expected);
	});

	test('edges of the Go arithmetic (int() truncation, +0.5 rounding)', () => {
		expect(humanDuration(1.99)).toBe('1 second');
		expect(humanDuration(119.9)).toBe('About a minute');
		expect(humanDuration(hour + 30 * minute)).toBe('2 hours');
		// Days and longer floor the rounded hours (docker/cli#6891: 3.96 days shows "3 days").
		expect(humanDuration(3.958_333 * day)).toBe('3 days');
		expect(humanDuration(12.583_333 * day)).toBe('12 days');
		expect(humanDuration(13 * day + 23 * hour + 40 * minute)).toBe('2 weeks');
		// A clock ahead of the daemon gives a negative duration.
		expect(humanDuration(-5)).toBe('Less than a second');
		expect(humanDuration(Number.NaN)).toBe('Less than a second');
	});
});

describe('timeAgo', () => {
	// docker/cli formatter/container.go RunningFor: HumanDuration(now - created) + " ago";
	// container_test.go expects "About a minute ago" for a container created 65 s ago.
	test('like docker ps CREATED', () => {
		const now = 1_700_000_000_000;
		expect(timeAgo(now / 1000 - 65, now)).toBe('About a minute ago');
		expect(timeAgo(now / 1000 - day, now)).toBe('24 hours ago');
		expect(timeAgo(now / 1000 - 365 * day, now)).toBe('12 months ago');
		expect(timeAgo(now / 1000 + 3, now)).toBe('Less than a second ago');
	});
});
