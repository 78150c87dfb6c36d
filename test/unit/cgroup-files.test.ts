/**
 * The kernel file parsers of the local stats reader, on cgroup v1 files in a
 * Debian 12 host's format and v2 files written from the kernel's cgroup-v2
 * documentation (test/fixtures/cgroup/).
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {
	cpuFromCpuStat,
	inactiveFile,
	parseBlkioV1,
	parseCpusAllowed,
	parseFlatKeyed,
	parseIoStat,
	parseLimit,
	parseMemTotal,
	parseNetDev,
	parseNumber,
	parseProcStat,
} from '../../source/engine/cgroup-files.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/cgroup/${path}`, import.meta.url), 'utf8');

describe('single values', () => {
	test('a number file, with or without its newline', () => {
		expect(parseNumber(fixture('v1/cpuacct.usage'))).toBe(1_234_567_890_123);
		expect(parseNumber('3')).toBe(3);
		expect(parseNumber('')).toBeUndefined();
		expect(parseNumber('-1\n')).toBeUndefined();
		expect(parseNumber('12 34')).toBeUndefined();
	});

	test('v2 memory.max: "max" is no limit, else a number', () => {
		expect(parseLimit(fixture('v2/memory.max'))).toBe(Number.POSITIVE_INFINITY);
		expect(parseLimit(fixture('v2/memory.max.limited'))).toBe(64 * 1024 * 1024);
		expect(parseLimit('lots')).toBeUndefined();
	});

	test('v1 "unlimited" (page-rounded LONG_MAX) is read as the large number it is', () => {
		expect(parseLimit(fixture('v1/memory.limit_in_bytes'))).toBeGreaterThan(9e18);
	});
});

describe('cpu', () => {
	test('v2 cpu.stat usage_usec becomes ns, as dockerd reports it', () => {
		expect(cpuFromCpuStat(fixture('v2/cpu.stat'))).toBe(6_034_862_000);
		expect(cpuFromCpuStat('user_usec 5\n')).toBeUndefined();
	});

	test('/proc/stat: the first seven fields of the cpu line (not steal) in ns at 100 ticks a second, and the cpuN lines', () => {
		const ticks = 3592 + 12 + 2685 + 721_335 + 325 + 4 + 52;
		expect(parseProcStat(fixture('proc/stat'))).toEqual({systemCpu: ticks * 10_000_000, cpuLines: 2});
		expect(parseProcStat('cpu 1 2 3\n')).toBeUndefined();
		expect(parseProcStat('intr 1\n')).toBeUndefined();
	});

	test('online CPUs from Cpus_allowed_list (sched_getaffinity), ranges and singles', () => {
		expect(parseCpusAllowed(fixture('proc/status'))).toBe(2);
		expect(parseCpusAllowed('Cpus_allowed_list:\t0-3,6,8-9\n')).toBe(7);
		expect(parseCpusAllowed('Cpus_allowed_list:\t3-1\n')).toBeUndefined();
		expect(parseCpusAllowed('Name: x\n')).toBeUndefined();
	});
});

describe('memory', () => {
	test('v1 memory.stat: docker/cli subtracts total_inactive_file', () => {
		const stat = parseFlatKeyed(fixture('v1/memory.stat'));
		expect(stat.get('total_inactive_file')).toBe(6_291_456);
		expect(stat.get('hierarchical_memory_limit')).toBeGreaterThan(9e18);
		expect(inactiveFile(stat, 54_525_952)).toBe(6_291_456);
	});

	test('v2 memory.stat: inactive_file', () => {
		const stat = parseFlatKeyed(fixture('v2/memory.stat'));
		expect(stat.get('anon')).toBe(46_137_344);
		expect(inactiveFile(stat, 55_820_288)).toBe(6_291_456);
	});

	test('nothing is subtracted when the figure is not below usage, as the CLI does', () => {
		expect(inactiveFile(new Map([['total_inactive_file', 100]]), 100)).toBe(0);
		expect(inactiveFile(new Map([['total_inactive_file', 100], ['inactive_file', 10]]), 50)).toBe(10);
		expect(inactiveFile(new Map(), 50)).toBe(0);
	});

	test('host memory from /proc/meminfo MemTotal, in bytes', () => {
		expect(parseMemTotal(fixture('proc/meminfo'))).toBe(24_683_584 * 1024);
		expect(parseMemTotal('MemFree: 1 kB\n')).toBeUndefined();
	});
});

describe('block I/O', () => {
	test('v1 blkio.throttle.io_service_bytes: Read and Write summed over devices, the other ops and Total ignored', () => {
		expect(parseBlkioV1(fixture('v1/blkio.throttle.io_service_bytes'))).toEqual({read: 1_048_576 + 8192, write: 4096 + 65_536, entries: 12});
		expect(parseBlkioV1(fixture('v1/blkio.throttle.io_service_bytes.empty'))).toEqual({read: 0, write: 0, entries: 0});
		expect(parseBlkioV1('8:0 Read\n')).toBeUndefined();
	});

	test('v2 io.stat: rbytes and wbytes summed over devices, as dockerd statsV2', () => {
		expect(parseIoStat(fixture('v2/io.stat'))).toEqual({read: 1_459_200 + 90_430_464, write: 314_773_504 + 299_008_000});
		expect(parseIoStat('')).toEqual({read: 0, write: 0});
		expect(parseIoStat('rbytes=1\n')).toBeUndefined();
	});
});

describe('network', () => {
	test('/proc/<pid>/net/dev: every interface but lo', () => {
		expect(parseNetDev(fixture('proc/net-dev'))).toEqual({rx: 1_296_734 + 4096, tx: 231_902 + 2048});
	});

	test('loopback only (--network none): 0, as docker stats shows', () => {
		const loOnly = fixture('proc/net-dev').split('\n').slice(0, 3).join('\n');
		expect(parseNetDev(loOnly)).toEqual({rx: 0, tx: 0});
	});

	test('not a net/dev file', () => {
		expect(parseNetDev('')).toBeUndefined();
		expect(parseNetDev('Inter-|\n eth0: 1 2\n')).toBeUndefined();
	});
});
