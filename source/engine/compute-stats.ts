/**
 * What `docker stats` shows, from berth's samples. Mirrors docker/cli
 * cli/command/container/stats_helpers.go (calculateCPUPercentUnix,
 * calculateMemUsageUnixNoCache, calculateMemPercentUnixNoCache,
 * calculateNetwork, calculateBlockIO); network and block I/O are turned into
 * rates per second between two samples, which the CLI does not do. Pure; never
 * NaN.
 */
import type {ContainerStats, StatsSample} from './engine.js';

/**
 * The figures for `current`. CPU % comes from the payload's own precpu_stats
 * when the engine filled it (a stream after its first frame), else from
 * `previous` (one-shot payloads, a stream's first frame); without either it
 * is undefined rather than the CLI's since-boot average.
 */
export function computeStats(previous: StatsSample | undefined, current: StatsSample): ContainerStats {
	const memoryUsage = memoryUsageNoCache(current);
	const stats: ContainerStats = {
		readMs: current.readMs,
		memoryUsage,
		memoryLimit: current.memoryLimit,
		memoryPercent: memoryPercent(current.memoryLimit, memoryUsage),
		networkRx: current.networkRx,
		networkTx: current.networkTx,
		blockRead: current.blockRead,
		blockWrite: current.blockWrite,
		pids: current.pids,
		onlineCpus: current.onlineCpus,
	};
	const base = current.previousCpu ?? (previous ? {cpuTotal: previous.cpuTotal, systemCpu: previous.systemCpu} : undefined);
	if (base) stats.cpuPercent = cpuPercent(base, current);
	if (previous) {
		const seconds = (current.readMs - previous.readMs) / 1000;
		const rx = rate(previous.networkRx, current.networkRx, seconds);
		const tx = rate(previous.networkTx, current.networkTx, seconds);
		const read = rate(previous.blockRead, current.blockRead, seconds);
		const write = rate(previous.blockWrite, current.blockWrite, seconds);
		if (rx !== undefined) stats.networkRxRate = rx;
		if (tx !== undefined) stats.networkTxRate = tx;
		if (read !== undefined) stats.blockReadRate = read;
		if (write !== undefined) stats.blockWriteRate = write;
	}

	return stats;
}

/** calculateCPUPercentUnix: (cpu delta / system delta) x online CPUs x 100, and 0 unless both deltas are positive. */
export function cpuPercent(previous: {cpuTotal: number; systemCpu: number}, current: StatsSample): number {
	const cpuDelta = current.cpuTotal - previous.cpuTotal;
	const systemDelta = current.systemCpu - previous.systemCpu;
	if (!(systemDelta > 0 && cpuDelta > 0)) return 0;
	const percent = (cpuDelta / systemDelta) * current.onlineCpus * 100;
	return Number.isFinite(percent) ? percent : 0;
}

/** calculateMemUsageUnixNoCache: usage minus the inactive file cache (to-stats.ts picked the v1 or v2 figure). */
export function memoryUsageNoCache(sample: StatsSample): number {
	return sample.memoryInactiveFile < sample.memoryUsage ? sample.memoryUsage - sample.memoryInactiveFile : sample.memoryUsage;
}

/** calculateMemPercentUnixNoCache: 0 when the limit is unknown (a container that is not running). */
export function memoryPercent(limit: number, used: number): number {
	return limit > 0 ? (used / limit) * 100 : 0;
}

/** Bytes per second; undefined when time did not advance or the counter went back (a restart). */
function rate(before: number, after: number, seconds: number): number | undefined {
	if (!(seconds > 0) || after < before) return undefined;
	return (after - before) / seconds;
}
