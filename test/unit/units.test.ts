import {describe, expect, test} from 'vitest';
import {formatG} from '../../source/ui/go-float.js';
import {bytesSize, formatPercent, formatRate, humanSize, rateWidth} from '../../source/ui/units.js';

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
