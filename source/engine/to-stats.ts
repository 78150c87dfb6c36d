import type {StatsSample} from './engine.js';

type RawCpu = {
	cpu_usage?: {total_usage?: number; percpu_usage?: number[] | null} | null;
	system_cpu_usage?: number;
	online_cpus?: number;
};

type RawBlkioEntry = {major?: number; minor?: number; op?: string; value?: number};

/**
 * The subset of GET /containers/{id}/stats that berth reads. Docker on cgroup v1
 * and v2 and Podman's compatible API all fill it differently: v2 has no
 * total_* memory stats and lowercase blkio ops, Podman sends no memory stats
 * at all and names its one interface "network"; a stopped container's frames
 * have a zero `read` and nothing else.
 */
export type RawStats = {
	read?: string;
	preread?: string;
	pids_stats?: {current?: number} | null;
	blkio_stats?: {io_service_bytes_recursive?: RawBlkioEntry[] | null} | null;
	cpu_stats?: RawCpu | null;
	precpu_stats?: RawCpu | null;
	memory_stats?: {usage?: number; limit?: number; stats?: Record<string, number> | null} | null;
	networks?: Record<string, {rx_bytes?: number; tx_bytes?: number} | null> | null;
};

/** Maps one stats payload to a StatsSample; undefined when it holds no reading (the container is not running). */
export function toStatsSample(raw: RawStats): StatsSample | undefined {
	const readMs = parseTime(raw.read);
	if (readMs === undefined) return undefined;
	const cpu = raw.cpu_stats ?? {};
	const memory = raw.memory_stats ?? {};
	const usage = count(memory.usage);
	const [networkRx, networkTx] = sumNetworks(raw.networks);
	const [blockRead, blockWrite] = sumBlockIo(raw.blkio_stats?.io_service_bytes_recursive);
	const sample: StatsSample = {
		readMs,
		cpuTotal: count(cpu.cpu_usage?.total_usage),
		systemCpu: count(cpu.system_cpu_usage),
		onlineCpus: onlineCpus(cpu),
		memoryUsage: usage,
		memoryInactiveFile: inactiveFile(memory.stats, usage),
		memoryLimit: count(memory.limit),
		networkRx,
		networkTx,
		blockRead,
		blockWrite,
		pids: count(raw.pids_stats?.current),
	};
	// One-shot payloads and a stream's first frame carry a zeroed precpu_stats.
	const previous = raw.precpu_stats;
	if (previous && count(previous.system_cpu_usage) > 0) {
		sample.previousCpu = {cpuTotal: count(previous.cpu_usage?.total_usage), systemCpu: count(previous.system_cpu_usage)};
	}

	return sample;
}

/**
 * docker/cli calculateMemUsageUnixNoCache subtracts total_inactive_file when
 * it is present and below usage (cgroup v1), else inactive_file when below
 * usage (cgroup v2, or v1's own-group figure), else nothing.
 */
function inactiveFile(stats: Record<string, number> | null | undefined, usage: number): number {
	if (!stats) return 0;
	const v1 = stats['total_inactive_file'];
	if (v1 !== undefined && count(v1) < usage) return count(v1);
	const v2 = count(stats['inactive_file']);
	return v2 < usage ? v2 : 0;
}

/** The CLI's fallback when online_cpus is missing (old engines): the number of per-CPU counters. */
function onlineCpus(cpu: RawCpu): number {
	const online = count(cpu.online_cpus);
	if (online > 0) return online;
	return Array.isArray(cpu.cpu_usage?.percpu_usage) ? cpu.cpu_usage.percpu_usage.length : 0;
}

/** docker/cli calculateNetwork: rx and tx summed over every interface. */
function sumNetworks(networks: RawStats['networks']): [number, number] {
	let rx = 0;
	let tx = 0;
	for (const network of Object.values(networks ?? {})) {
		rx += count(network?.rx_bytes);
		tx += count(network?.tx_bytes);
	}

	return [rx, tx];
}

/** docker/cli calculateBlockIO: by the first letter of op, so v1's "Read" and v2's "read" both count; Sync/Async/Total do not. */
function sumBlockIo(entries: RawBlkioEntry[] | null | undefined): [number, number] {
	let read = 0;
	let write = 0;
	for (const entry of entries ?? []) {
		const op = entry.op?.[0];
		if (op === 'r' || op === 'R') read += count(entry.value);
		else if (op === 'w' || op === 'W') write += count(entry.value);
	}

	return [read, write];
}

/** A non-negative finite number, else 0: nothing downstream ever sees NaN. */
function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * RFC 3339 with up to nine fraction digits ("2026-11-23T14:57:45.096452175Z")
 * to ms, keeping the sub-ms part; Go's zero time ("0001-01-01T00:00:00Z") and
 * garbage are undefined.
 */
export function parseTime(text: string | undefined): number | undefined {
	if (typeof text !== 'string') return undefined;
	const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
	if (!match) return undefined;
	const whole = Date.parse(`${match[1]}${match[3]}`);
	if (!Number.isFinite(whole) || whole <= 0) return undefined;
	const fraction = match[2] ? Number(`0.${match[2]}`) * 1000 : 0;
	return whole + fraction;
}
