/**
 * The local (cgroup) stats reader of a dockerode engine, or none: see
 * local-stats-mode.ts for when. Its one daemon call per container is an
 * inspect for the main process's PID and network mode.
 */
import type Docker from 'dockerode';
import type {Endpoint} from './endpoint.js';
import type {LocalStatsReader} from './engine.js';
import {createLocalStatsReader, type ContainerProcess} from './local-stats.js';
import {localStatsProblem, type StatsSourceMode} from './local-stats-mode.js';

const inspectTimeoutMs = 5000;

/** A reader for `endpoint` under `mode`; `root` prefixes /proc and /sys (tests). */
export function dockerLocalStats(docker: Docker, endpoint: Endpoint, mode: StatsSourceMode, root = ''): LocalStatsReader | undefined {
	if (mode === 'api') return undefined;
	if (mode === 'auto' && localStatsProblem({endpoint, root})) return undefined;
	return createLocalStatsReader({root, inspect: (id) => inspectProcess(docker, id)});
}

async function inspectProcess(docker: Docker, id: string): Promise<ContainerProcess | undefined> {
	// dockerode honours abortSignal on inspect; its type definitions predate it.
	const options = {abortSignal: AbortSignal.timeout(inspectTimeoutMs)} as unknown as Docker.ContainerInspectOptions;
	const info = (await docker.getContainer(id).inspect(options)) as {State?: {Pid?: unknown}; HostConfig?: {NetworkMode?: unknown}};
	const pid = info.State?.Pid;
	return {pid: typeof pid === 'number' ? pid : 0, hostNetwork: info.HostConfig?.NetworkMode === 'host'};
}
