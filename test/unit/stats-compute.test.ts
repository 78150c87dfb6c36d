import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {computeStats} from '../../source/engine/compute-stats.js';
import type {ContainerStats, StatsSample} from '../../source/engine/engine.js';
import {parseTime, toStatsSample, type RawStats} from '../../source/engine/to-stats.js';
import {bytesSize, formatPercent, humanSize} from '../../source/ui/units.js';

type Fixture = {source: string; frames: RawStats[]; dockerStatsNoStream?: {CPUPerc: string; MemUsage: string; MemPerc: string; NetIO: string; BlockIO: string; PIDs: string}};

function fixture(name: string): Fixture {
	return JSON.parse(readFileSync(new URL(`../fixtures/stats/${name}`, import.meta.url), 'utf8')) as Fixture;
}

/** Samples of a fixture's frames, in order. */
function samples(name: string): StatsSample[] {
	return fixture(name).frames.map((frame) => {
		const sample = toStatsSample(frame);
		if (!sample) throw new Error(`${name}: a frame without a reading`);
		return sample;
	});
}

/** Each sample computed with the one before it, as the stats feed does. */
function computed(list: StatsSample[]): ContainerStats[] {
	return list.map((sample, index) => computeStats(list[index - 1], sample));
}

function expectNoNaN(figures: ContainerStats): void {
	for (const [key, value] of Object.entries(figures)) {
		if (value !== undefined) expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
	}
}

/** What `docker stats` prints for a frame, from berth's figures (berth's own column shows rates). */
function asDockerStats(figures: ContainerStats) {
	return {
		CPUPerc: formatPercent(figures.cpuPercent),
		MemUsage: `${bytesSize(figures.memoryUsage)} / ${bytesSize(figures.memoryLimit)}`,
		MemPerc: formatPercent(figures.memoryPercent),
		NetIO: `${humanSize(figures.networkRx)} / ${humanSize(figures.networkTx)}`,
		BlockIO: `${humanSize(figures.blockRead)} / ${humanSize(figures.blockWrite)}`,
		PIDs: String(figures.pids),
	};
}

describe('recorded from dockerd 20.10 on cgroup v1, against docker stats --no-stream at the same moment', () => {
	// dockerd serves every subscriber from the same collection pass: the CLI's
	// figures are exactly berth's for one of the frames recorded beside them.
	test.each(['v1-busy.json', 'v1-idle.json', 'v1-memory.json', 'v1-cache.json', 'v1-paused.json', 'v1-network.json'])('%s', (name) => {
		const cli = fixture(name).dockerStatsNoStream!;
		const figures = computed(samples(name)).filter((one) => one.cpuPercent !== undefined);
		expect(figures.length).toBeGreaterThan(0);
		const shown = figures.map(asDockerStats);
		expect(shown.map((one) => one.CPUPerc)).toContain(cli.CPUPerc);
		const same = shown.find((one) => one.CPUPerc === cli.CPUPerc)!;
		expect(same.MemUsage).toBe(cli.MemUsage);
		expect(same.MemPerc).toBe(cli.MemPerc);
		expect(same.BlockIO).toBe(cli.BlockIO);
		expect(same.PIDs).toBe(cli.PIDs);
		if (name === 'v1-network.json') expect(shown.map((one) => one.NetIO)).toContain(cli.NetIO);
		else expect(same.NetIO).toBe(cli.NetIO);
		for (const one of figures) expectNoNaN(one);
	});

	test('a busy loop limited to half a CPU: CPU % from precpu_stats, the same as from the previous frame', () => {
		const list = samples('v1-busy.json');
		const [first, second, third] = list;
		expect(second!.previousCpu).toEqual({cpuTotal: first!.cpuTotal, systemCpu: first!.systemCpu});
		const fromPrecpu = computeStats(undefined, third!);
		const fromPrevious = computeStats(second, {...third!, previousCpu: undefined});
		expect(fromPrecpu.cpuPercent).toBeGreaterThan(20);
		expect(fromPrecpu.cpuPercent).toBeLessThan(60);
		expect(fromPrevious.cpuPercent).toBe(fromPrecpu.cpuPercent);
		// calculateCPUPercentUnix by hand: delta / system delta x online CPUs x 100.
		const expected = ((third!.cpuTotal - second!.cpuTotal) / (third!.systemCpu - second!.systemCpu)) * 2 * 100;
		expect(fromPrecpu.cpuPercent).toBeCloseTo(expected, 10);
	});

	test('the first frame of a stream has zeroed precpu_stats: no CPU % and no rates yet', () => {
		const [first] = samples('v1-busy.json');
		expect(first!.previousCpu).toBeUndefined();
		const figures = computeStats(undefined, first!);
		expect(figures.cpuPercent).toBeUndefined();
		expect(figures.networkRxRate).toBeUndefined();
		expect(figures.blockWriteRate).toBeUndefined();
		expect(figures.memoryUsage).toBe(315_392);
		expect(figures.pids).toBe(1);
		expectNoNaN(figures);
	});

	test('one-shot samples have zeroed precpu_stats: CPU % comes from the previous sample kept', () => {
		const [first, second] = samples('v1-one-shot.json');
		expect(first!.previousCpu).toBeUndefined();
		expect(second!.previousCpu).toBeUndefined();
		expect(computeStats(undefined, second!).cpuPercent).toBeUndefined();
		const figures = computeStats(first, second!);
		const expected = ((second!.cpuTotal - first!.cpuTotal) / (second!.systemCpu - first!.systemCpu)) * second!.onlineCpus * 100;
		expect(figures.cpuPercent).toBeCloseTo(expected, 10);
		expect(figures.cpuPercent).toBeGreaterThan(10);
	});

	test('a 64 MiB limit holding 50 MiB of tmpfs', () => {
		const [, second] = computed(samples('v1-memory.json'));
		expect(second!.memoryLimit).toBe(64 * 1024 * 1024);
		expect(bytesSize(second!.memoryLimit)).toBe('64MiB');
		expect(second!.memoryUsage / 1024 / 1024).toBeGreaterThan(50);
		expect(second!.memoryUsage / 1024 / 1024).toBeLessThan(51);
	});

	test('memory without the page cache: usage minus total_inactive_file', () => {
		const [frame] = fixture('v1-cache.json').frames;
		const stats = frame!.memory_stats!.stats!;
		const [sample] = samples('v1-cache.json');
		expect(stats['total_inactive_file']).toBeGreaterThan(20_000_000);
		expect(computeStats(undefined, sample!).memoryUsage).toBe(frame!.memory_stats!.usage! - stats['total_inactive_file']!);
	});

	test('network rates per second from byte counters summed over interfaces', () => {
		const list = samples('v1-network.json');
		const figures = computed(list);
		const seconds = (list[1]!.readMs - list[0]!.readMs) / 1000;
		expect(figures[1]!.networkRxRate).toBeCloseTo((list[1]!.networkRx - list[0]!.networkRx) / seconds, 6);
		expect(figures[1]!.networkRxRate).toBeGreaterThan(100_000);
		expect(figures[1]!.networkTxRate).toBeGreaterThan(0);
		expect(figures[1]!.blockReadRate).toBe(0);
	});

	test('a paused container reads 0 % CPU; a stopped container\'s frame is no reading at all', () => {
		const [, paused] = computed(samples('v1-paused.json'));
		expect(paused!.cpuPercent).toBe(0);
		const [stopped] = fixture('v1-stopped.json').frames;
		expect(toStatsSample(stopped!)).toBeUndefined();
	});
});

describe('cgroup v2, from the Engine API reference', () => {
	test('the reference sample: equal precpu gives 0 %, usage below inactive_file stays usage (0B), both interfaces and lowercase ops count', () => {
		const [sample] = samples('v2-docs.json');
		expect(sample).toMatchObject({
			cpuTotal: 29_912_000,
			systemCpu: 5,
			onlineCpus: 5,
			memoryUsage: 0,
			memoryInactiveFile: 0,
			memoryLimit: 8_217_579_520,
			networkRx: 5338 + 4641,
			networkTx: 648 + 690,
			blockRead: 7_593_984,
			blockWrite: 100,
			pids: 5,
		});
		const figures = computeStats(undefined, sample!);
		expect(figures.cpuPercent).toBe(0);
		expect(figures.memoryUsage).toBe(0);
		expect(figures.memoryPercent).toBe(0);
		expectNoNaN(figures);
	});

	test('a stream: 150 % on 4 CPUs, usage minus inactive_file, rates over both devices and interfaces', () => {
		const [first, second, third] = computed(samples('v2-stream.json'));
		expect(first!.cpuPercent).toBeUndefined();
		expect(second!.cpuPercent).toBeCloseTo(150, 10);
		expect(second!.memoryUsage).toBe(106_954_752 - 20_971_520);
		expect(bytesSize(second!.memoryUsage)).toBe('82MiB');
		expect(second!.memoryPercent).toBeCloseTo(16.015625, 10);
		expect(second!.networkRxRate).toBe(250_500);
		expect(second!.networkTxRate).toBe(50_200);
		expect(second!.blockReadRate).toBe(409_600);
		expect(second!.blockWriteRate).toBe(102_400);
		expect(second!.pids).toBe(13);
		expect(second!.onlineCpus).toBe(4);
		expect(third!.cpuPercent).toBe(0);
		expect(third!.networkRxRate).toBe(0);
		for (const one of [first!, second!, third!]) expectNoNaN(one);
	});
});

describe("Podman's compatible API (recorded from Podman 4.3)", () => {
	test('no memory_stats.stats, an interface named "network", precpu filled from the first frame', () => {
		const list = samples('podman-busy.json');
		expect(list[0]!.previousCpu).toBeDefined();
		expect(list[0]!.memoryInactiveFile).toBe(0);
		const figures = computed(list);
		// Podman samples every 5 s; the busy loop is limited to half a CPU.
		expect(figures[1]!.cpuPercent).toBeGreaterThan(40);
		expect(figures[1]!.cpuPercent).toBeLessThan(60);
		expect((list[1]!.readMs - list[0]!.readMs) / 1000).toBeGreaterThan(4);
		for (const one of figures) expectNoNaN(one);
	});

	test('a one-shot sample: the limit and usage, no CPU % without an earlier sample', () => {
		const [sample] = samples('podman-one-shot.json');
		const figures = computeStats(undefined, sample!);
		expect(figures.memoryLimit).toBe(64 * 1024 * 1024);
		expect(figures.memoryUsage / 1024 / 1024).toBeGreaterThan(29);
		expect(figures.cpuPercent).toBeUndefined();
	});
});

describe('missing and odd fields', () => {
	test('an empty payload with a read time maps to zeros, and computes without NaN', () => {
		const sample = toStatsSample({read: '2025-01-16T13:55:22Z'})!;
		expect(sample).toEqual({
			readMs: Date.parse('2025-01-16T13:55:22Z'),
			cpuTotal: 0,
			systemCpu: 0,
			onlineCpus: 0,
			memoryUsage: 0,
			memoryInactiveFile: 0,
			memoryLimit: 0,
			networkRx: 0,
			networkTx: 0,
			blockRead: 0,
			blockWrite: 0,
			pids: 0,
		});
		expectNoNaN(computeStats(sample, sample));
		expect(computeStats(sample, sample)).toMatchObject({cpuPercent: 0, memoryPercent: 0});
	});

	test('nulls, strings and negative numbers where numbers belong read as 0', () => {
		const raw = {
			read: '2025-01-16T13:55:22Z',
			cpu_stats: {cpu_usage: {total_usage: null, percpu_usage: null}, system_cpu_usage: '12', online_cpus: -1},
			memory_stats: {usage: Number.NaN, limit: null, stats: null},
			networks: {eth0: null, eth1: {rx_bytes: 10}},
			blkio_stats: {io_service_bytes_recursive: [{op: '', value: 5}, {value: 7}, {op: 'Total', value: 9}, {op: 'Read'}]},
			pids_stats: null,
		} as unknown as RawStats;
		const sample = toStatsSample(raw)!;
		expect(sample).toMatchObject({cpuTotal: 0, systemCpu: 0, onlineCpus: 0, memoryUsage: 0, networkRx: 10, blockRead: 0, blockWrite: 0, pids: 0});
		expectNoNaN(computeStats(undefined, sample));
	});

	test('without online_cpus the CLI counts percpu_usage', () => {
		const sample = toStatsSample({read: '2025-01-16T13:55:22Z', cpu_stats: {cpu_usage: {total_usage: 1, percpu_usage: [1, 0, 0]}}})!;
		expect(sample.onlineCpus).toBe(3);
	});

	test('v1 subtracts total_inactive_file; when that is not below usage, inactive_file as on v2', () => {
		const at = (stats: Record<string, number>, usage = 1000) => toStatsSample({read: '2025-01-16T13:55:22Z', memory_stats: {usage, stats}})!;
		expect(computeStats(undefined, at({total_inactive_file: 300, inactive_file: 100})).memoryUsage).toBe(700);
		expect(computeStats(undefined, at({total_inactive_file: 1000, inactive_file: 100})).memoryUsage).toBe(900);
		expect(computeStats(undefined, at({total_inactive_file: 2000, inactive_file: 2000})).memoryUsage).toBe(1000);
		expect(computeStats(undefined, at({inactive_file: 250})).memoryUsage).toBe(750);
	});

	test('counters that went back (a restart) give no rate; time that did not advance neither', () => {
		const base = toStatsSample({read: '2025-01-16T13:55:22Z', networks: {eth0: {rx_bytes: 5000, tx_bytes: 5000}}})!;
		const reset = {...base, readMs: base.readMs + 1000, networkRx: 10, networkTx: 6000};
		const figures = computeStats(base, reset);
		expect(figures.networkRxRate).toBeUndefined();
		expect(figures.networkTxRate).toBe(1000);
		expect(computeStats(base, base).networkTxRate).toBeUndefined();
	});

	test('CPU counters that went back or stood still give 0 %, as the CLI', () => {
		const base = toStatsSample({read: '2025-01-16T13:55:22Z', cpu_stats: {cpu_usage: {total_usage: 5000}, system_cpu_usage: 10_000, online_cpus: 2}})!;
		expect(computeStats(base, {...base, cpuTotal: 100, systemCpu: 20_000}).cpuPercent).toBe(0);
		expect(computeStats(base, {...base, cpuTotal: 6000}).cpuPercent).toBe(0);
		expect(computeStats(base, {...base, cpuTotal: 6000, systemCpu: 20_000}).cpuPercent).toBeCloseTo(20, 10);
	});

	test('read times: nanoseconds kept to the microsecond, zones, Go\'s zero time and garbage', () => {
		expect(parseTime('2026-11-23T14:57:45.096452175Z')).toBeCloseTo(Date.parse('2026-11-23T14:57:45Z') + 96.452175, 6);
		expect(parseTime('2026-11-23T15:57:45.5+01:00')).toBe(Date.parse('2026-11-23T14:57:45.500Z'));
		expect(parseTime('0001-01-01T00:00:00Z')).toBeUndefined();
		expect(parseTime('yesterday')).toBeUndefined();
		expect(parseTime(undefined)).toBeUndefined();
	});
});
