import type {State} from './state.js';

export type StatsTotals = {
	/** Summed CPU % of the containers over the host's CPUs (100 = every host CPU busy); undefined before any figure. */
	cpuPercentOfHost?: number;
	/** The host's CPUs (engine info, else the samples' online CPUs); 0 if unknown. */
	cpus: number;
	/** Summed memory usage (without inactive file cache, as docker stats). */
	memoryUsage: number;
	/** The host's memory (engine info); 0 if unknown. */
	memoryTotal: number;
	memoryPercent?: number;
	/** Containers with figures, and stats streams open. */
	withStats: number;
	streaming: number;
	/** Containers whose figures come from the kernel's cgroups (all metrics or some). */
	fromCgroups: number;
};

/** The header's totals. Each container's CPU % is of one CPU, as docker stats shows it. */
export function selectStatsTotals(state: State): StatsTotals {
	let cpuSum = 0;
	let cpuSeen = false;
	let memoryUsage = 0;
	let sampleCpus = 0;
	let fromCgroups = 0;
	for (const figures of state.stats.current.values()) {
		if (figures.source === 'cgroup' || figures.source === 'cgroup+api') fromCgroups += 1;
		if (figures.cpuPercent !== undefined) {
			cpuSum += figures.cpuPercent;
			cpuSeen = true;
		}

		memoryUsage += figures.memoryUsage;
		sampleCpus = Math.max(sampleCpus, figures.onlineCpus);
	}

	const cpus = state.engine?.cpus || sampleCpus;
	const memoryTotal = state.engine?.memoryBytes ?? 0;
	const totals: StatsTotals = {cpus, memoryUsage, memoryTotal, withStats: state.stats.current.size, streaming: state.stats.streaming, fromCgroups};
	if (cpuSeen && cpus > 0) totals.cpuPercentOfHost = cpuSum / cpus;
	if (memoryTotal > 0) totals.memoryPercent = (memoryUsage / memoryTotal) * 100;
	return totals;
}
