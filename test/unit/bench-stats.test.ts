import {describe, expect, it} from 'vitest';
import {
	BLOCK_END,
	BLOCK_START,
	budget,
	bytesPerSecond,
	cpuPercent,
	linearFit,
	median,
	optionValue,
	parseStatTicks,
	parseStatusMb,
	percentile,
	replaceBlock,
	selectedLine,
	slopeErrorMbPerHour,
	slopeMbPerHour,
} from '../../bench/stats.js';

describe('percentile', () => {
	it('is nearest-rank', () => {
		const values = Array.from({length: 20}, (_, i) => 20 - i); // 20..1, unsorted
		expect(percentile(values, 50)).toBe(10);
		expect(percentile(values, 95)).toBe(19);
		expect(percentile(values, 100)).toBe(20);
		expect(percentile(values, 0)).toBe(1);
	});
	it('handles one value and none', () => {
		expect(percentile([7], 95)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
	});
	it('does not reorder its input', () => {
		const values = [3, 1, 2];
		percentile(values, 50);
		expect(values).toEqual([3, 1, 2]);
	});
});

describe('median', () => {
	it('takes the middle or the mean of the two middles', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNaN();
	});
});

describe('slope fit', () => {
	it('recovers an exact line', () => {
		const fit = linearFit([0, 1, 2, 3].map((x) => ({x, y: 2 + 0.5 * x})));
		expect(fit.slope).toBeCloseTo(0.5);
		expect(fit.intercept).toBeCloseTo(2);
	});
	it('is zero for flat or degenerate data', () => {
		expect(linearFit([{x: 1, y: 3}, {x: 1, y: 5}]).slope).toBe(0);
		expect(slopeMbPerHour([0, 10, 20, 30].map((t) => ({t, mb: 100})), 0)).toBe(0);
	});
	it('reports MB per hour after the warm-up only', () => {
		// Grows 1 MB per 10 s during a 60 s warm-up, then 0.1 MB per 10 s (36 MB/h).
		const samples = Array.from({length: 19}, (_, i) => {
			const t = i * 10;
			return {t, mb: t <= 60 ? 100 + t / 10 : 106 + (t - 60) / 100};
		});
		expect(slopeMbPerHour(samples, 60)).toBeCloseTo(36);
		expect(slopeMbPerHour(samples, 0)).toBeGreaterThan(100);
	});
});

describe('/proc parsing', () => {
	it('reads utime + stime past a command name with spaces and parens', () => {
		const stat = '1234 (node (x) y) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 11 0 99 0 0';
		expect(parseStatTicks(stat)).toBe(175);
	});
	it('reads VmRSS and VmHWM in MB', () => {
		const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
		expect(parseStatusMb(status, 'VmRSS')).toBe(100);
		expect(parseStatusMb(status, 'VmHWM')).toBe(200);
		expect(parseStatusMb(status, 'VmSwap')).toBeNaN();
	});
	it('turns ticks into % of one core', () => {
		expect(cpuPercent(50, 10)).toBe(5);
		expect(cpuPercent(1, 0)).toBeNaN();
	});
});

describe('byte counting', () => {
	it('is the growth of the file per second, never negative', () => {
		expect(bytesPerSecond(1000, 21_000, 10)).toBe(2000);
		expect(bytesPerSecond(500, 400, 10)).toBe(0);
		expect(bytesPerSecond(0, 1, 0)).toBeNaN();
	});
});

describe('selectedLine', () => {
	it('finds the inverse-video row, alone or combined with other attributes', () => {
		expect(selectedLine('header\n  a\n\u001B[7m  b\u001B[0m\n  c')).toBe(2);
		expect(selectedLine('header\n\u001B[1;7m  a\u001B[0m')).toBe(1);
		expect(selectedLine('h\n\u001B[7;38;5;2m a')).toBe(1);
		expect(selectedLine('h\n\u001B[37m a\u001B[27m')).toBe(-1);
		expect(selectedLine('nothing')).toBe(-1);
	});
});

describe('replaceBlock', () => {
	it('replaces only the marked block', () => {
		const readme = `# B\n\n## Logs\nkeep\n\n${BLOCK_START}\nold\n${BLOCK_END}\n\n## Other\nkeep too\n`;
		const next = replaceBlock(readme, 'new table');
		expect(next).toBe(`# B\n\n## Logs\nkeep\n\n${BLOCK_START}\nnew table\n${BLOCK_END}\n\n## Other\nkeep too\n`);
		expect(replaceBlock(next, 'new table')).toBe(next);
	});
	it('appends a marked section when there is none', () => {
		const next = replaceBlock('# B\n\n## Logs\nx\n', 't', '## Suite');
		expect(next).toBe(`# B\n\n## Logs\nx\n\n## Suite\n\n${BLOCK_START}\nt\n${BLOCK_END}\n`);
	});
});

describe('budget', () => {
	it('states met or not met with the ratio to the limit', () => {
		expect(budget(1, 2)).toBe('met (0.50x)');
		expect(budget(3, 2)).toBe('not met (1.50x)');
		expect(budget(Number.NaN, 2)).toBe('not measured');
	});
});

describe('slopeErrorMbPerHour', () => {
	it('is zero for points on a line, and grows with the scatter around it', () => {
		const line = [0, 60, 120, 180].map((t) => ({t, mb: 100 + t / 100}));
		expect(slopeErrorMbPerHour(line, 0)).toBeCloseTo(0);
		// Residuals +1, -1, -1, +1 around a flat line: s² = 4/2, Sxx = 18,000 s².
		const noisy = [0, 60, 120, 180].map((t, i) => ({t, mb: 100 + [1, -1, -1, 1][i]!}));
		expect(slopeErrorMbPerHour(noisy, 0)).toBeCloseTo(Math.sqrt(2 / 18_000) * 3600);
		expect(slopeErrorMbPerHour(noisy.slice(0, 2), 0)).toBeNaN();
	});
});

describe('optionValue', () => {
	it('is the argument after --name, undefined when the flag or its value is missing', () => {
		const args = ['--n', '50', '--heap', '--window'];
		expect(optionValue(args, 'n')).toBe('50');
		expect(optionValue(args, 'soak')).toBeUndefined();
		expect(optionValue(args, 'window')).toBeUndefined();
	});
});
