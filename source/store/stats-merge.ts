import type {ContainerStats, StatsMetric} from '../engine/engine.js';

/** Every metric a local sample can miss. */
export const allMetrics: ReadonlySet<StatsMetric> = new Set<StatsMetric>(['cpu', 'memory', 'network', 'blockio', 'pids']);

/** The figures each metric is made of. */
const fieldsOf: Record<StatsMetric, ReadonlyArray<keyof ContainerStats>> = {
	cpu: ['cpuPercent', 'onlineCpus'],
	memory: ['memoryUsage', 'memoryLimit', 'memoryPercent'],
	network: ['networkRx', 'networkTx', 'networkRxRate', 'networkTxRate'],
	blockio: ['blockRead', 'blockWrite', 'blockReadRate', 'blockWriteRate'],
	pids: ['pids'],
};

/**
 * A container's figures from its cgroup, with each metric the kernel would not
 * give (`missing`) taken from the API's latest figures, per metric (issue #13).
 * Until the API has answered, a missing rate or CPU % is unknown rather than
 * the local reader's zero. Pure.
 */
export function mergeStats(local: ContainerStats, api: ContainerStats | undefined, missing: ReadonlySet<StatsMetric>): ContainerStats {
	if (missing.size === 0) return {...local, source: 'cgroup'};
	if (missing.size >= allMetrics.size && api) return {...api, source: 'api'};
	const merged: Record<string, unknown> = {...local, source: 'cgroup+api'};
	for (const metric of missing) {
		for (const field of fieldsOf[metric]) {
			const value = api?.[field];
			if (value !== undefined) merged[field] = value;
			else if (isOptional(field)) delete merged[field];
		}
	}

	return merged as ContainerStats;
}

function isOptional(field: keyof ContainerStats): boolean {
	return field === 'cpuPercent' || field.endsWith('Rate');
}
