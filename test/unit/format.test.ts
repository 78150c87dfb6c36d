import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import type {PortMapping} from '../../source/engine/engine.js';
import {
	bytesSize,
	columns,
	fit,
	formatG,
	formatPercent,
	formatPorts,
	formatRate,
	humanDuration,
	humanSize,
	padEnd,
	rateWidth,
	shortId,
	timeAgo,
	truncate,
} from '../../source/ui/format.js';

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

describe('humanSize', () => {
	// docker/go-units size_test.go TestHumanSize (HumanSize is precision 4).
	test.each([
		[1000, '1kB'],
		[1024, '1.024kB'],
		[1_000_000, '1MB'],
		[1_048_576, '1.049MB'],
		[2e6, '2MB'],
		[3.42e9, '3.42GB'],
		[5.372e12, '5.372TB'],
		[2.22e15, '2.22PB'],
		[1e13 * 1e15, '1e+04YB'],
	])('HumanSize(%d) = %s', (bytes, expected) => {
		expect(humanSize(bytes, 4)).toBe(expected);
	});

	// docker stats NET I/O and BLOCK I/O use HumanSizeWithPrecision(x, 3)
	// (cli/command/container/formatter_stats.go; formatter_stats_test.go expects
	// "0.31B / 12.3B" and "0.1B / 2.3B"); docker ps SIZE too (container_test.go: "12.3kB").
	test.each([
		[0, '0B'],
		[0.31, '0.31B'],
		[12.3, '12.3B'],
		[0.1, '0.1B'],
		[2.3, '2.3B'],
		[123, '123B'],
		[12_300, '12.3kB'],
		[1500, '1.5kB'],
		[64e6, '64MB'],
		[1024, '1.02kB'],
		[1_048_576, '1.05MB'],
		// %.3g of 999.5 rounds to 1000, which %g prints in exponent form.
		[999_500, '1e+03kB'],
	])('HumanSizeWithPrecision(%d, 3) = %s', (bytes, expected) => {
		expect(humanSize(bytes)).toBe(expected);
	});
});

describe('bytesSize', () => {
	// docker/go-units size_test.go TestBytesSize; docker stats MEM USAGE / LIMIT uses BytesSize.
	test.each([
		[1024, '1KiB'],
		[1024 * 1024, '1MiB'],
		[1_048_576, '1MiB'],
		[2 * 1024 ** 2, '2MiB'],
		[3.42 * 1024 ** 3, '3.42GiB'],
		[5.372 * 1024 ** 4, '5.372TiB'],
		[2.22 * 1024 ** 5, '2.22PiB'],
		[1024 ** 5 * 1024 ** 5, '1.049e+06YiB'],
		// formatter_stats_test.go: "24B / 30B".
		[24, '24B'],
		[30, '30B'],
		[64 * 1024 ** 2, '64MiB'],
		[2000 * 1024 ** 2, '1.953GiB'],
	])('BytesSize(%d) = %s', (bytes, expected) => {
		expect(bytesSize(bytes)).toBe(expected);
	});

	test('non-finite input is "--"', () => {
		expect(bytesSize(Number.NaN)).toBe('--');
		expect(humanSize(Number.POSITIVE_INFINITY)).toBe('--');
	});
});

describe('formatG (Go %.Ng)', () => {
	test('exact ties round half to even, as strconv does; JS rounds them up', () => {
		// 10368 B = 10.125 KiB exactly.
		expect(bytesSize(10_368)).toBe('10.12KiB');
		expect(formatG(10.375, 4)).toBe('10.38');
		expect(formatG(0.125, 2)).toBe('0.12');
		// Not a tie in binary: 1.0005 is stored just below, so it rounds down everywhere.
		expect(formatG(1.0005, 4)).toBe('1');
	});

	test('exponent form follows Go', () => {
		expect(formatG(0.000_01, 3)).toBe('1e-05');
		expect(formatG(0.0001, 3)).toBe('0.0001');
		expect(formatG(1000, 4)).toBe('1000');
		expect(formatG(-5, 3)).toBe('-5');
	});
});

describe('formatRate', () => {
	test.each([
		[0, '    0 B/s'],
		[512, '  512 B/s'],
		[999.4, '  999 B/s'],
		[999.5, '1.00 kB/s'],
		[1234, '1.23 kB/s'],
		[9995, '10.0 kB/s'],
		[99_950, ' 100 kB/s'],
		[123_456_789, ' 123 MB/s'],
		[-1, '       --'],
		[Number.NaN, '       --'],
	])('%d -> %j', (rate, expected) => {
		expect(formatRate(rate)).toBe(expected);
		expect(formatRate(rate)).toHaveLength(rateWidth);
	});
});

describe('formatPercent', () => {
	// formatter_stats.go formatPercentage: strconv.FormatFloat(v, 'f', 2, 64) + "%";
	// formatter_stats_test.go expects "5.50%", "10.20%", "20.00%".
	test.each([
		[5.5, '5.50%'],
		[10.2, '10.20%'],
		[20, '20.00%'],
		[0, '0.00%'],
		[12.3456789, '12.35%'],
		[250.004, '250.00%'],
		// Exact binary ties go to even in Go.
		[0.125, '0.12%'],
		[0.375, '0.38%'],
	])('%d -> %s', (value, expected) => {
		expect(formatPercent(value)).toBe(expected);
	});

	test('missing values are "--", as docker stats shows for invalid stats', () => {
		expect(formatPercent(Number.NaN)).toBe('--');
		expect(formatPercent(undefined)).toBe('--');
	});
});

describe('formatPorts', () => {
	const p = (privatePort: number, type: string, publicPort?: number, ip?: string): PortMapping => {
		const port: PortMapping = {privatePort, type};
		if (publicPort !== undefined) port.publicPort = publicPort;
		if (ip !== undefined) port.ip = ip;
		return port;
	};

	// docker/cli cli/command/formatter/container_test.go TestDisplayablePorts (netip version).
	test.each<[PortMapping[], string]>([
		[[p(9988, 'tcp')], '9988/tcp'],
		[[p(9988, 'udp')], '9988/udp'],
		[[p(9988, 'tcp', undefined, '0.0.0.0')], '0.0.0.0:0->9988/tcp'],
		[[p(9988, 'tcp', undefined, '::')], '[::]:0->9988/tcp'],
		[[p(9988, 'tcp', 8899)], '9988/tcp'],
		[[p(9988, 'tcp', 8899, '4.3.2.1')], '4.3.2.1:8899->9988/tcp'],
		[[p(9988, 'tcp', 8899, '::1')], '[::1]:8899->9988/tcp'],
		[[p(9988, 'tcp', 9988, '4.3.2.1')], '4.3.2.1:9988->9988/tcp'],
		[[p(9988, 'tcp', 9988, '::1')], '[::1]:9988->9988/tcp'],
		[[p(9988, 'udp'), p(9988, 'udp')], '9988/udp, 9988/udp'],
		[[p(9998, 'udp', 9998, '1.2.3.4'), p(9999, 'udp', 9999, '1.2.3.4')], '1.2.3.4:9998-9999->9998-9999/udp'],
		[[p(9998, 'udp', 9998, '::1'), p(9999, 'udp', 9999, '::1')], '[::1]:9998-9999->9998-9999/udp'],
		[[p(9998, 'udp', 8887, '1.2.3.4'), p(9999, 'udp', 8888, '1.2.3.4')], '1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp'],
		[[p(9998, 'udp', 8887, '::1'), p(9999, 'udp', 8888, '::1')], '[::1]:8887->9998/udp, [::1]:8888->9999/udp'],
		[[p(9998, 'udp'), p(9999, 'udp')], '9998-9999/udp'],
		[[p(6677, 'tcp', 7766, '1.2.3.4'), p(9988, 'udp', 8899)], '9988/udp, 1.2.3.4:7766->6677/tcp'],
		[
			[p(9988, 'udp', 8899, '1.2.3.4'), p(9988, 'tcp', 8899, '1.2.3.4'), p(2233, 'tcp', 3322, '4.3.2.1'), p(2233, 'tcp', 3322, '::1')],
			'4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp',
		],
		[
			[p(9988, 'udp', 8899), p(6677, 'tcp', 7766, '1.2.3.4'), p(2233, 'tcp', 3322, '4.3.2.1')],
			'9988/udp, 4.3.2.1:3322->2233/tcp, 1.2.3.4:7766->6677/tcp',
		],
		[
			[
				p(80, 'tcp'), p(1024, 'tcp'), p(80, 'udp'), p(1024, 'udp'),
				p(1024, 'tcp', 80, '1.1.1.1'), p(1024, 'udp', 80, '1.1.1.1'), p(80, 'tcp', 1024, '1.1.1.1'), p(80, 'udp', 1024, '1.1.1.1'),
				p(1024, 'tcp', 80, '2.1.1.1'), p(1024, 'udp', 80, '2.1.1.1'), p(80, 'tcp', 1024, '2.1.1.1'), p(80, 'udp', 1024, '2.1.1.1'),
				p(12_345, 'sctp'),
			],
			'80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, 2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, 2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp',
		],
	])('%j -> %s', (ports, expected) => {
		expect(formatPorts(ports)).toBe(expected);
	});

	test('a dual-stack publish, as docker ps shows it', () => {
		expect(formatPorts([p(80, 'tcp', 8080, '::'), p(80, 'tcp', 8080, '0.0.0.0')])).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
		expect(formatPorts([p(81, 'tcp', 81, '0.0.0.0'), p(80, 'tcp', 80, '0.0.0.0')])).toBe('0.0.0.0:80-81->80-81/tcp');
	});

	test('IPv4 sorts before IPv6 by address, not by text (netip.Addr.Less)', () => {
		expect(formatPorts([p(80, 'tcp', 8080, '2001:db8::1'), p(80, 'tcp', 8080, '3.3.3.3'), p(80, 'tcp', 8080, '10.0.0.1')]))
			.toBe('3.3.3.3:8080->80/tcp, 10.0.0.1:8080->80/tcp, [2001:db8::1]:8080->80/tcp');
	});

	test('a range broken by a gap flushes early but keeps its key order, as the CLI loop does', () => {
		expect(formatPorts([p(80, 'tcp'), p(81, 'tcp'), p(83, 'tcp'), p(82, 'udp')])).toBe('80-81/tcp, 83/tcp, 82/udp');
	});

	test('does not reorder the caller\'s array, and answers the same for the same array', () => {
		const ports = [p(81, 'tcp'), p(80, 'tcp')];
		expect(formatPorts(ports)).toBe('80-81/tcp');
		expect(ports[0]?.privatePort).toBe(81);
		expect(formatPorts(ports)).toBe('80-81/tcp');
		expect(formatPorts([])).toBe('');
	});
});

describe('shortId', () => {
	// docker TruncateID (stringid): strip the algorithm prefix, keep 12 characters.
	test('like TruncateID', () => {
		const id = 'b95a83497c9161c9b444e3d70e1a9dfba0c1840d41720e146a95a08ebf938afc';
		expect(shortId(id)).toBe('b95a83497c91');
		expect(shortId(`sha256:${id}`)).toBe('b95a83497c91');
		expect(shortId('abc')).toBe('abc');
	});
});

describe('truncate, padEnd, columns', () => {
	test('ASCII', () => {
		expect(truncate('hello world', 5)).toBe('hell…');
		expect(truncate('hello', 5)).toBe('hello');
		expect(truncate('hello', 1)).toBe('…');
		expect(truncate('hello', 0)).toBe('');
		expect(padEnd('abc', 6)).toBe('abc   ');
		expect(padEnd('abcdefgh', 6)).toBe('abcde…');
		expect(fit('abc', 4)).toBe('abc ');
	});

	test('wide characters count two columns; a straddling one becomes a space', () => {
		expect(truncate('日本語テキスト', 6)).toBe('日本… ');
		expect(truncate('日本語テキスト', 5)).toBe('日本…');
		expect(truncate('日本語', 6)).toBe('日本語');
		expect(padEnd('日本', 7)).toBe('日本   ');
		expect(truncate('a😀b', 3)).toBe('a… ');
		expect(padEnd('café', 6)).toBe('café  ');
	});

	test('grapheme clusters are never split', () => {
		const family = '👨‍👩‍👧';
		expect(truncate(`${family}${family}x`, 4)).toBe(`${family}… `);
		expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
		expect(truncate('🇩🇪🇫🇷', 3)).toBe('🇩🇪…');
	});

	test('every result is exactly the asked width', () => {
		const samples = ['plain', 'コンテナ名前テスト', 'mixed 日本 text 😀 ok', 'e\u0301le\u0300ve', 'ｶﾞｷﾞ', '한국어', '\u1100\u1161\u11A8x', 'ไทย', '🇩🇪 👍🏽 1️⃣'];
		for (const s of samples) {
			expect(columns(s)).toBe(stringWidth(s));
			for (let width = 1; width <= 24; width++) {
				expect(stringWidth(padEnd(s, width))).toBe(width);
				expect(stringWidth(truncate(s, width))).toBe(Math.min(width, stringWidth(s)));
			}
		}
	});
});
