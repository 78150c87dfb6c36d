/**
 * The local stats reader end to end on a fixture tree in a temp dir (its
 * `root`): a v1 hybrid host and a v2 host, one inspect per container, the
 * per-metric fallback, and what it leaves to the API.
 */
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {computeStats} from '../../source/engine/compute-stats.js';
import {createLocalStatsReader, type ContainerProcess, type LocalStatsOptions} from '../../source/engine/local-stats.js';

const fixtures = new URL('../fixtures/cgroup/', import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
const idA = 'a'.repeat(64);
const idB = 'b'.repeat(64);
const hostMemory = 24_683_584 * 1024;
const systemTicks = 3592 + 12 + 2685 + 721_335 + 325 + 4 + 52;

let root: string;

function put(path: string, text: string): void {
	mkdirSync(dirname(join(root, path)), {recursive: true});
	writeFileSync(join(root, path), text);
}

function remove(path: string): void {
	rmSync(join(root, path), {force: true});
}

/** /proc as seen by berth: host files, and per process its cgroup and net/dev. */
function putHost(mountinfo: 'v1' | 'v2'): void {
	put('/proc/stat', fixture('proc/stat'));
	put('/proc/meminfo', fixture('proc/meminfo'));
	put('/proc/self/status', fixture('proc/status'));
	put('/proc/self/mountinfo', fixture(`proc/mountinfo-${mountinfo}`));
}

/** A v1 container (cgroupfs driver) whose main process is `pid`. */
function putV1Container(id: string, pid: number): void {
	const lines = ['11:blkio', '10:memory', '9:pids', '8:cpu,cpuacct', '1:name=systemd', '0:'].map((prefix) => `${prefix}:/docker/${id}`);
	put(`/proc/${pid}/cgroup`, `${lines.join('\n')}\n`);
	put(`/proc/${pid}/net/dev`, fixture('proc/net-dev'));
	const at = (controller: string, file: string) => `/sys/fs/cgroup/${controller}/docker/${id}/${file}`;
	for (const file of ['cpuacct.usage']) put(at('cpu,cpuacct', file), fixture(`v1/${file}`));
	for (const file of ['memory.usage_in_bytes', 'memory.stat', 'memory.limit_in_bytes']) put(at('memory', file), fixture(`v1/${file}`));
	put(at('pids', 'pids.current'), fixture('v1/pids.current'));
	put(at('pids', 'cgroup.procs'), `${pid}\n`);
	put(at('blkio', 'blkio.throttle.io_service_bytes'), fixture('v1/blkio.throttle.io_service_bytes'));
}

/** A v2 container (systemd driver) whose main process is `pid`. */
function putV2Container(id: string, pid: number, memoryMax = 'v2/memory.max'): void {
	const dir = `/sys/fs/cgroup/system.slice/docker-${id}.scope`;
	put(`/proc/${pid}/cgroup`, `0::/system.slice/docker-${id}.scope\n`);
	put(`/proc/${pid}/net/dev`, fixture('proc/net-dev'));
	cpSync(new URL('v2/', fixtures), join(root, dir), {recursive: true});
	cpSync(new URL(memoryMax, fixtures), join(root, dir, 'memory.max'));
}

type Harness = {inspected: string[]; options: LocalStatsOptions};

function harness(processes: Record<string, ContainerProcess | Error>, extra: Partial<LocalStatsOptions> = {}): Harness {
	const inspected: string[] = [];
	let clock = 1_000_000;
	return {
		inspected,
		options: {
			root,
			now: () => (clock += 1000),
			async inspect(id) {
				inspected.push(id);
				const answer = processes[id];
				if (answer instanceof Error) throw answer;
				return answer;
			},
			...extra,
		},
	};
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'berth-cgroup-'));
});

afterEach(() => {
	rmSync(root, {recursive: true, force: true});
});

describe('a v1 host (cgroupfs driver)', () => {
	test('every metric, in the API\'s units; the unlimited memory limit is the host\'s memory', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		const {options} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const result = await createLocalStatsReader(options).sample([idA]);
		const local = result.get(idA);
		expect(local?.missing).toEqual(new Set());
		expect(local?.sample).toEqual({
			readMs: expect.any(Number),
			cpuTotal: 1_234_567_890_123,
			systemCpu: systemTicks * 10_000_000,
			onlineCpus: 2,
			memoryUsage: 54_525_952,
			memoryInactiveFile: 6_291_456,
			memoryLimit: hostMemory,
			networkRx: 1_296_734 + 4096,
			networkTx: 231_902 + 2048,
			blockRead: 1_048_576 + 8192,
			blockWrite: 4096 + 65_536,
			pids: 3,
		});
	});

	test('two passes make CPU % and rates through computeStats, as docker stats would', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		const {options} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const reader = createLocalStatsReader(options);
		const first = (await reader.sample([idA])).get(idA)!.sample;
		// One second later: the container used half a CPU (0.5e9 ns) of the host's 2e9 ns (200 ticks).
		put('/sys/fs/cgroup/cpu,cpuacct/docker/' + idA + '/cpuacct.usage', `${1_234_567_890_123 + 500_000_000}\n`);
		put('/proc/stat', fixture('proc/stat').replace('cpu  3592 12 2685 721335', 'cpu  3692 12 2685 721435'));
		const second = (await reader.sample([idA])).get(idA)!.sample;
		const figures = computeStats(first, second);
		expect(figures.cpuPercent).toBeCloseTo(50, 6);
		expect(figures.memoryUsage).toBe(54_525_952 - 6_291_456);
		expect(figures.networkRxRate).toBe(0);
	});

	test('one inspect per container however many passes; forget() drops it and the next pass inspects again', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		const {options, inspected} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const reader = createLocalStatsReader(options);
		for (let pass = 0; pass < 3; pass++) expect((await reader.sample([idA])).has(idA)).toBe(true);
		expect(inspected).toEqual([idA]);
		reader.forget(idA);
		await reader.sample([idA]);
		expect(inspected).toEqual([idA, idA]);
	});
});

describe('a v2 host (systemd driver)', () => {
	test('cpu.stat, memory.current/stat/max, io.stat, pids.current', async () => {
		putHost('v2');
		putV2Container(idA, 5100);
		putV2Container(idB, 5200, 'v2/memory.max.limited');
		const {options} = harness({[idA]: {pid: 5100, hostNetwork: false}, [idB]: {pid: 5200, hostNetwork: true}});
		const result = await createLocalStatsReader(options).sample([idA, idB]);
		expect(result.get(idA)?.sample).toMatchObject({
			cpuTotal: 6_034_862_000,
			memoryUsage: 55_820_288,
			memoryInactiveFile: 6_291_456,
			memoryLimit: hostMemory,
			blockRead: 1_459_200 + 90_430_464,
			blockWrite: 314_773_504 + 299_008_000,
			pids: 2,
		});
		// --memory 64m, and --network host: no interfaces of its own in dockerd's report.
		expect(result.get(idB)?.sample).toMatchObject({memoryLimit: 64 * 1024 * 1024, networkRx: 0, networkTx: 0});
		expect(result.get(idB)?.missing.size).toBe(0);
	});
});

describe('falling back to the API', () => {
	test('an unreadable file costs its metric only', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		remove(`/sys/fs/cgroup/memory/docker/${idA}/memory.stat`);
		remove(`/sys/fs/cgroup/blkio/docker/${idA}/blkio.throttle.io_service_bytes`);
		const {options} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const local = (await createLocalStatsReader(options).sample([idA])).get(idA);
		expect(local?.missing).toEqual(new Set(['memory', 'blockio']));
		expect(local?.sample).toMatchObject({cpuTotal: 1_234_567_890_123, pids: 3, memoryUsage: 0, blockRead: 0});
	});

	test('without /proc/stat CPU is missing (no system time to divide by), the rest is read', async () => {
		putHost('v1');
		remove('/proc/stat');
		putV1Container(idA, 4100);
		const {options} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const local = (await createLocalStatsReader(options).sample([idA])).get(idA);
		expect(local?.missing).toEqual(new Set(['cpu']));
		expect(local?.sample.cpuTotal).toBe(0);
	});

	test('a restarted container\'s new main process is found in cgroup.procs for its network, without an inspect', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		const {options, inspected} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const reader = createLocalStatsReader(options);
		await reader.sample([idA]);
		rmSync(join(root, 'proc/4100'), {recursive: true});
		put('/proc/4300/net/dev', fixture('proc/net-dev'));
		put(`/sys/fs/cgroup/pids/docker/${idA}/cgroup.procs`, '4300\n4301\n');
		const local = (await reader.sample([idA])).get(idA);
		expect(local?.missing.size).toBe(0);
		expect(local?.sample.networkRx).toBe(1_296_734 + 4096);
		expect(inspected).toEqual([idA]);
	});

	test('containers it cannot read at all are left out, and the pass goes on', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		// Another PID namespace: the PID berth sees is some process of the host's.
		put('/proc/4200/cgroup', '10:memory:/user.slice/session-2.scope\n0::/user.slice/session-2.scope\n');
		const idC = 'c'.repeat(64);
		const idD = 'd'.repeat(64);
		const idE = 'e'.repeat(64);
		const {options} = harness({
			[idA]: {pid: 4100, hostNetwork: false},
			[idB]: {pid: 4200, hostNetwork: false},
			[idC]: {pid: 0, hostNetwork: false},
			[idD]: new Error('no such container'),
			// Gone between the list and the read: no /proc/4400.
			[idE]: {pid: 4400, hostNetwork: false},
		});
		const result = await createLocalStatsReader(options).sample([idA, idB, idC, idD, idE]);
		expect([...result.keys()]).toEqual([idA]);
	});

	test('a container it could not find is left to the API for retryMs before the next inspect', async () => {
		putHost('v1');
		const {options, inspected} = harness({[idA]: {pid: 0, hostNetwork: false}}, {retryMs: 2500});
		const reader = createLocalStatsReader(options);
		await reader.sample([idA]);
		await reader.sample([idA]);
		expect(inspected).toEqual([idA]);
		// The clock moves 1 s per reading; after 2.5 s berth looks again.
		await reader.sample([idA]);
		await reader.sample([idA]);
		expect(inspected).toEqual([idA, idA]);
	});

	test('a container whose cgroup is gone (it stopped) is left out until forgotten', async () => {
		putHost('v1');
		putV1Container(idA, 4100);
		const {options} = harness({[idA]: {pid: 4100, hostNetwork: false}});
		const reader = createLocalStatsReader(options);
		expect((await reader.sample([idA])).size).toBe(1);
		for (const controller of ['cpu,cpuacct', 'memory', 'pids', 'blkio']) rmSync(join(root, `sys/fs/cgroup/${controller}/docker/${idA}`), {recursive: true});
		rmSync(join(root, 'proc/4100'), {recursive: true});
		expect((await reader.sample([idA])).size).toBe(0);
	});
});
