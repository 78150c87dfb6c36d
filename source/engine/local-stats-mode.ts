/**
 * --stats-source: where live stats come from. `auto` reads the kernel's
 * cgroups when the engine is on this host and falls back to the API per
 * container and metric; `cgroup` reads them whatever the endpoint looks like
 * (a tcp://localhost engine is local too); `api` never does.
 */
import {parseMountinfo} from './cgroup-path.js';
import {parseProcStat} from './cgroup-files.js';
import type {Endpoint} from './endpoint.js';
import {readTextSync} from './local-stats.js';

/** The values of --stats-source. */
export type StatsSourceMode = 'auto' | 'cgroup' | 'api';

/** Every value, in the order the help lists them. */
export const statsSourceModes: readonly StatsSourceMode[] = ['auto', 'cgroup', 'api'];

/** Parses --stats-source (unset or empty: auto); throws an Error that names the values. */
export function parseStatsSourceMode(text: string | undefined): StatsSourceMode {
	if (text === undefined || text === '') return 'auto';
	const mode = statsSourceModes.find((one) => one === text.trim().toLowerCase());
	if (!mode) throw new Error(`--stats-source must be one of ${statsSourceModes.join(', ')}, not "${text}"`);
	return mode;
}

/** What the check looks at: the endpoint, and (for tests) the platform and a root for /proc. */
export type LocalCheck = {endpoint: Endpoint; platform?: NodeJS.Platform; root?: string};

/**
 * Why berth cannot read this engine's containers from the kernel, in one
 * sentence; undefined when it may (each container is then still checked:
 * its PID must be visible here and its cgroup must name it).
 */
export function localStatsProblem({endpoint, platform = process.platform, root = ''}: LocalCheck): string | undefined {
	if (platform !== 'linux') return `berth runs on ${platform}, which has no cgroups to read`;
	if (endpoint.kind !== 'unix') return `the engine is reached over ${endpoint.kind}:// and may not run on this host`;
	if (!parseProcStat(readTextSync(`${root}/proc/stat`) ?? '')) return `${root}/proc/stat cannot be read here`;
	if (parseMountinfo(readTextSync(`${root}/proc/self/mountinfo`) ?? '').length === 0) return 'no cgroup file system is mounted here';
	return undefined;
}
