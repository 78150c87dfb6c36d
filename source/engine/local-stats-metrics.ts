/**
 * Reads one metric of one container from its cgroup directories and its
 * network namespace, in the units of the API's stats payload, with the
 * daemon's own choices (dockerd statsV1/statsV2 over containerd's cgroups
 * package). Each reader returns undefined when a file it needs cannot be read
 * or parsed: that metric then comes from the API.
 */
import {
	cpuFromCpuStat,
	inactiveFile,
	parseBlkioV1,
	parseFlatKeyed,
	parseIoStat,
	parseLimit,
	parseNetDev,
	parseNumber,
} from './cgroup-files.js';
import type {CgroupDir} from './cgroup-path.js';

/** Reads a file's text; undefined when it cannot (missing, permission, gone). */
export type ReadText = (path: string) => string | undefined;

/** Container CPU time in ns: v1 cpuacct.usage, v2 cpu.stat usage_usec x 1000. */
export function readCpu(read: ReadText, cgroup: CgroupDir): number | undefined {
	if (cgroup.version === 1) return parseNumber(read(`${cgroup.dir}/cpuacct.usage`) ?? '');
	const text = read(`${cgroup.dir}/cpu.stat`);
	return text === undefined ? undefined : cpuFromCpuStat(text);
}

/** Memory usage, the inactive file cache docker/cli subtracts, and the limit. */
export type MemoryReading = {usage: number; inactiveFile: number; limit: number};

/**
 * v1: memory.usage_in_bytes, memory.stat, memory.limit_in_bytes; v2:
 * memory.current, memory.stat, memory.max. A limit above the host's memory
 * (v1's "unlimited" 9223372036854771712, v2's "max") is the host's memory, as
 * dockerd reports it; without `hostMemory` such a limit is unreadable.
 */
export function readMemory(read: ReadText, cgroup: CgroupDir, hostMemory: number | undefined): MemoryReading | undefined {
	const [usageFile, limitFile] = cgroup.version === 1 ? ['memory.usage_in_bytes', 'memory.limit_in_bytes'] : ['memory.current', 'memory.max'];
	const usage = parseNumber(read(`${cgroup.dir}/${usageFile}`) ?? '');
	const statText = read(`${cgroup.dir}/memory.stat`);
	let limit = parseLimit(read(`${cgroup.dir}/${limitFile}`) ?? '');
	if (usage === undefined || statText === undefined || limit === undefined) return undefined;
	if (hostMemory !== undefined && hostMemory > 0 && limit > hostMemory) limit = hostMemory;
	else if (!Number.isSafeInteger(limit)) return undefined;
	return {usage, inactiveFile: inactiveFile(parseFlatKeyed(statText), usage), limit};
}

/** pids.current (same file in v1 and v2). */
export function readPids(read: ReadText, cgroup: CgroupDir): number | undefined {
	return parseNumber(read(`${cgroup.dir}/pids.current`) ?? '');
}

/** Which v1 blkio file answered for a container, kept so later passes read only that one. */
export type BlkioChoice = {file?: 'cfq' | 'throttle'};

/**
 * Bytes read and written. v1 as containerd's blkio controller: the CFQ file
 * blkio.io_service_bytes_recursive when it exists and has entries, else
 * blkio.throttle.io_service_bytes (kernels since 5.0 have no CFQ, so this is
 * what dockerd reports there; it equals the _recursive file for a container
 * whose processes sit in its own cgroup). v2: io.stat rbytes and wbytes.
 */
export function readBlkio(read: ReadText, cgroup: CgroupDir, choice: BlkioChoice): {read: number; write: number} | undefined {
	if (cgroup.version === 2) {
		const text = read(`${cgroup.dir}/io.stat`);
		return text === undefined ? undefined : parseIoStat(text);
	}

	if (choice.file !== 'throttle') {
		const cfqText = read(`${cgroup.dir}/blkio.io_service_bytes_recursive`);
		if (cfqText === undefined) choice.file = 'throttle';
		else {
			const cfq = parseBlkioV1(cfqText);
			if (cfq && cfq.entries > 0) return {read: cfq.read, write: cfq.write};
		}
	}

	const text = read(`${cgroup.dir}/blkio.throttle.io_service_bytes`);
	const throttle = text === undefined ? undefined : parseBlkioV1(text);
	return throttle && {read: throttle.read, write: throttle.write};
}

/**
 * Bytes received and sent in the network namespace of `pid`, from
 * /proc/<pid>/net/dev under `procDir`. A container on the host's network has
 * no interfaces of its own in dockerd's report: 0, as `docker stats` shows.
 */
export function readNetwork(read: ReadText, procDir: string, pid: number, hostNetwork: boolean): {rx: number; tx: number} | undefined {
	if (hostNetwork) return {rx: 0, tx: 0};
	const text = read(`${procDir}/${pid}/net/dev`);
	return text === undefined ? undefined : parseNetDev(text);
}

/** A process still in the cgroup (its first cgroup.procs entry): the container's main process changed (a restart). */
export function livePid(read: ReadText, cgroup: CgroupDir): number | undefined {
	const first = read(`${cgroup.dir}/cgroup.procs`)?.split('\n')[0];
	const pid = first === undefined ? undefined : parseNumber(first);
	return pid !== undefined && pid > 0 ? pid : undefined;
}
