import {describe, expect, test} from 'vitest';
import type {ContainerStats} from '../../source/engine/engine.js';
import {barChart, fitColumns, niceMax, shortDuration} from '../../source/ui/charts.js';
import {layoutColumns} from '../../source/ui/columns.js';
import {statsCellText} from '../../source/ui/stats-cells.js';
import {containerFixture} from '../support/fake-engine.js';

const figures: ContainerStats = {
	readMs: 0,
	cpuPercent: 48.214,
	memoryUsage: 52_875_264,
	memoryLimit: 64 * 1024 * 1024,
	memoryPercent: 78.7902,
	networkRx: 0,
	networkTx: 0,
	blockRead: 0,
	blockWrite: 0,
	networkRxRate: 1_234_567,
	networkTxRate: 512,
	pids: 3,
	onlineCpus: 2,
};

describe('stats cells', () => {
	const running = containerFixture({name: 'web'});

	test("docker stats' units, right-aligned in fixed widths", () => {
		expect(statsCellText('cpu', running, figures, 7)).toBe(' 48.21%');
		expect(statsCellText('memory', running, figures, 19)).toBe('50.43MiB / 64MiB   ');
		expect(statsCellText('memory', running, figures, 8)).toBe('50.43MiB');
		expect(statsCellText('memoryPercent', running, figures, 7)).toBe(' 78.79%');
		expect(statsCellText('network', running, figures, 19)).toBe('1.23 MB/s   512 B/s');
		expect(statsCellText('block', running, figures, 19)).toBe('       --        --');
		expect(statsCellText('pids', running, figures, 4)).toBe('   3');
	});

	test('a running container without figures yet shows "--"; stopped ones show nothing', () => {
		expect(statsCellText('cpu', running, undefined, 7)).toBe('     --');
		expect(statsCellText('network', running, undefined, 19)).toBe('       --        --');
		const stopped = containerFixture({name: 'old', state: 'exited'});
		expect(statsCellText('cpu', stopped, figures, 7)).toBe('       ');
		expect(statsCellText('cpu', running, {...figures, cpuPercent: undefined}, 7)).toBe('     --');
	});

	test('a CPU % wider than its column loses the decimals, never the digits', () => {
		expect(statsCellText('cpu', running, {...figures, cpuPercent: 1234.5678}, 7)).toBe('  1235%');
		expect(statsCellText('cpu', running, {...figures, cpuPercent: 100}, 7)).toBe('100.00%');
	});

	test('every width stays the same whatever the value', () => {
		for (const cpuPercent of [0, 0.004, 9.999, 99.99, 100, 799.5]) {
			for (const networkRxRate of [0, 999, 999.6, 1e6, 5e12]) {
				const one = {...figures, cpuPercent, networkRxRate};
				expect(statsCellText('cpu', running, one, 7)).toHaveLength(7);
				expect(statsCellText('network', running, one, 19)).toHaveLength(19);
			}
		}
	});
});

describe('the table layout with stats', () => {
	const titles = (width: number, project = false, ports = 0) =>
		layoutColumns(width, {name: 10, image: 18, status: 14, ports, project: project ? 20 : 0, created: 22}, {project}).map((column) => column.title.trim());

	test('a wide terminal shows every column', () => {
		expect(titles(220, true, 20)).toEqual([
			'NAME',
			'IMAGE',
			'PROJECT/SERVICE',
			'PORTS',
			'STATE',
			'STATUS',
			'CREATED',
			'CPU%',
			'MEM USAGE / LIMIT',
			'MEM%',
			'NET RX/s      TX/s',
			'BLOCK R/s       W/s',
			'PIDS',
		]);
	});

	test('narrower: created goes first, then block I/O, ports, PIDs, MEM%, network, project; memory loses its limit', () => {
		expect(titles(150, true, 20)).toEqual(['NAME', 'IMAGE', 'PROJECT/SERVICE', 'PORTS', 'STATE', 'STATUS', 'CPU%', 'MEM', 'MEM%', 'NET RX/s      TX/s', 'PIDS']);
		expect(titles(120)).toEqual(['NAME', 'IMAGE', 'STATE', 'STATUS', 'CPU%', 'MEM USAGE / LIMIT', 'MEM%', 'NET RX/s      TX/s', 'PIDS']);
		expect(titles(100)).toEqual(['NAME', 'IMAGE', 'STATE', 'STATUS', 'CPU%', 'MEM', 'NET RX/s      TX/s']);
		expect(titles(80)).toEqual(['NAME', 'IMAGE', 'STATE', 'STATUS', 'CPU%', 'MEM']);
		expect(titles(60)).toEqual(['NAME', 'STATE', 'STATUS', 'CPU%', 'MEM']);
	});

	test('a compose project keeps its column at 120 columns, ahead of the network rates', () => {
		const keys = layoutColumns(120, {name: 20, image: 25, status: 24, project: 15, created: 22}, {project: true}).map((column) => column.key);
		expect(keys).toContain('project');
		expect(keys).toContain('image');
		expect(keys).not.toContain('created');
	});

	test('the columns never need more than the terminal, down to 60 columns', () => {
		for (let width = 60; width <= 240; width++) {
			for (const project of [false, true]) {
				const columns = layoutColumns(width, {name: 30, image: 40, status: 24, ports: 30, project: 25, created: 22}, {project});
				const used = columns.reduce((sum, column) => sum + column.width, columns.length - 1);
				expect(used, `${width}`).toBeLessThanOrEqual(width);
				const memory = columns.find((column) => column.key === 'memory');
				expect([8, 19]).toContain(memory?.width);
			}
		}
	});

	test('stats columns are right-aligned; stats: false leaves them out', () => {
		const columns = layoutColumns(200, {}, {project: false});
		expect(columns.filter((column) => column.align === 'right').map((column) => column.key)).toEqual(['cpu', 'memory', 'memoryPercent', 'network', 'block', 'pids']);
		expect(layoutColumns(200, {}, {project: false, stats: false}).map((column) => column.key)).toEqual(['name', 'image', 'state', 'status', 'created']);
	});
});

describe('charts', () => {
	test('bar chart: eight levels a line, stacked over several lines, top line first', () => {
		expect(barChart([0, 1, 2, 4, 8], 1, 8)).toEqual([' ▁▂▄█']);
		expect(barChart([0, 8, 16], 2, 16)).toEqual(['  █', ' ██']);
		expect(barChart([12], 2, 16)).toEqual(['▄', '█']);
	});

	test('anything above zero shows; beyond the scale is a full bar; nothing is NaN', () => {
		expect(barChart([0.0001, 999], 1, 100)).toEqual(['▁█']);
		expect(barChart([Number.NaN, -5], 1, 100)).toEqual(['  ']);
		expect(barChart([5], 1, 0)).toEqual([' ']);
	});

	test('fitColumns folds samples by their maximum, newest on the right', () => {
		expect(fitColumns([1, 2, 3, 4, 5, 6], 10, 1)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(fitColumns([1, 2, 3, 4, 5, 6], 2, 1)).toEqual([5, 6]);
		expect(fitColumns([1, 9, 3, 4, 5, 6], 3, 2)).toEqual([9, 4, 6]);
		expect(fitColumns([1, 2, 3, 4, 5], 3, 2)).toEqual([1, 3, 5]);
		expect(fitColumns([], 10, 2)).toEqual([]);
	});

	test('scales round up to 1, 2, 2.5 or 5 times a power of ten', () => {
		expect(niceMax([0.3], 1)).toBe(1);
		expect(niceMax([48], 1)).toBe(50);
		expect(niceMax([51], 1)).toBe(100);
		expect(niceMax([210], 1)).toBe(250);
		expect(niceMax([], 0)).toBe(1);
	});

	test('short durations', () => {
		expect(shortDuration(45_000)).toBe('45s');
		expect(shortDuration(150_000)).toBe('2m30s');
		expect(shortDuration(300_000)).toBe('5m');
	});
});
