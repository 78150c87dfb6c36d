/**
 * Container stats straight from the kernel when the engine runs on this host
 * (issue #13): no daemon work per sample. A container's cgroup directories
 * are found once, from its main process (one inspect for State.Pid, then
 * /proc/<pid>/cgroup), and every pass after that only reads files: the
 * container's cgroup files, /proc/<pid>/net/dev, and /proc/stat once per pass.
 * Figures come in the API's units, so compute-stats.ts turns two samples into
 * what `docker stats` shows. See perf.md for why: the daemon pays ~5.5 ms of
 * CPU per API sample, a pass over 50 containers here costs a few ms of berth's.
 */
import {readFileSync} from 'node:fs';
import {parseCpusAllowed, parseMemTotal, parseProcStat} from './cgroup-files.js';
import {parseMountinfo, parseProcCgroup, resolveCgroupDirs, type CgroupDirs, type CgroupMount} from './cgroup-path.js';
import type {LocalStatsReader, LocalStatsSample, StatsMetric, StatsSample} from './engine.js';
import {livePid, readBlkio, readCpu, readMemory, readNetwork, readPids, type BlkioChoice, type ReadText} from './local-stats-metrics.js';

/** What an inspect says about a running container's processes. */
export type ContainerProcess = {
	/** The main process's PID as the engine sees it (State.Pid); 0 when not running. */
	pid: number;
	/** It shares the host's network namespace (--network host): dockerd reports no interfaces for it. */
	hostNetwork: boolean;
};

export type LocalStatsOptions = {
	/** One inspect of a container (never on the hot path: once per container); undefined when it cannot say. */
	inspect(id: string): Promise<ContainerProcess | undefined>;
	/** Prefix of every path read: a fixture tree in tests, '' (the host's own /proc and /sys) by default. */
	root?: string;
	/** The time of a reading, ms since the epoch (sub-ms precision kept). */
	now?: () => number;
	/** A container that could not be found is left to the API this long before berth looks again (default 30 s). */
	retryMs?: number;
	/** Inspects at once when many containers are new (default 4): no burst on the daemon. */
	concurrency?: number;
};

type Entry = {pid: number; hostNetwork: boolean; dirs: CgroupDirs; blkio: BlkioChoice};

type Host = {systemCpu?: number; onlineCpus?: number; memory?: number};

const metrics: readonly StatsMetric[] = ['cpu', 'memory', 'network', 'blockio', 'pids'];

/** A file's text, or undefined for any failure: one unreadable file costs one metric, never the pass. */
export const readTextSync: ReadText = (path) => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
};

/** Builds the reader. It reads synchronously: procfs and cgroupfs files are generated in memory, a pass takes a few ms. */
export function createLocalStatsReader(options: LocalStatsOptions): LocalStatsReader {
	const root = options.root ?? '';
	const now = options.now ?? (() => performance.timeOrigin + performance.now());
	const retryMs = options.retryMs ?? 30_000;
	const concurrency = Math.max(1, options.concurrency ?? 4);
	const read: ReadText = (path) => readTextSync(`${root}${path}`);
	const entries = new Map<string, Entry>();
	const retryAt = new Map<string, number>();
	const resolving = new Map<string, symbol>();
	let mounts: CgroupMount[] | undefined;
	let hostMemory: number | undefined;

	const cgroupMounts = (): CgroupMount[] => {
		// Kept once found; an empty answer is asked again (nothing mounted yet, or unreadable).
		if (!mounts?.length) mounts = parseMountinfo(read('/proc/self/mountinfo') ?? '');
		return mounts;
	};

	const resolve = async (id: string): Promise<Entry | undefined> => {
		const process = await options.inspect(id).catch(() => undefined);
		if (!process || !(process.pid > 0)) return undefined;
		const text = read(`/proc/${process.pid}/cgroup`);
		const dirs = text === undefined ? undefined : resolveCgroupDirs(parseProcCgroup(text), cgroupMounts(), id);
		return dirs && {pid: process.pid, hostNetwork: process.hostNetwork, dirs, blkio: {}};
	};

	const resolveNew = async (ids: readonly string[]) => {
		const queue = ids.filter((id) => !entries.has(id) && !resolving.has(id) && (retryAt.get(id) ?? 0) <= now());
		const work = async () => {
			for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
				const token = Symbol(id);
				resolving.set(id, token);
				const entry = await resolve(id).catch(() => undefined);
				// forget() during the inspect: the container went away, drop what was found.
				if (resolving.get(id) !== token) continue;
				resolving.delete(id);
				if (entry) entries.set(id, entry);
				else retryAt.set(id, now() + retryMs);
			}
		};

		await Promise.all(Array.from({length: Math.min(concurrency, queue.length)}, work));
	};

	const readHost = (): Host => {
		const stat = parseProcStat(read('/proc/stat') ?? '');
		hostMemory ??= parseMemTotal(read('/proc/meminfo') ?? '');
		const host: Host = {memory: hostMemory};
		if (!stat) return host;
		host.systemCpu = stat.systemCpu;
		const allowed = parseCpusAllowed(read('/proc/self/status') ?? '') ?? stat.cpuLines;
		if (allowed > 0) host.onlineCpus = allowed;
		return host;
	};

	const readContainer = (entry: Entry, host: Host): LocalStatsSample | undefined => {
		const missing = new Set<StatsMetric>();
		const sample: StatsSample = {
			readMs: now(),
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
		};
		const {dirs} = entry;
		const cpu = dirs.cpu && host.systemCpu !== undefined && host.onlineCpus !== undefined ? readCpu(read, dirs.cpu) : undefined;
		if (cpu === undefined) missing.add('cpu');
		else Object.assign(sample, {cpuTotal: cpu, systemCpu: host.systemCpu, onlineCpus: host.onlineCpus});
		const memory = dirs.memory && readMemory(read, dirs.memory, host.memory);
		if (memory) Object.assign(sample, {memoryUsage: memory.usage, memoryInactiveFile: memory.inactiveFile, memoryLimit: memory.limit});
		else missing.add('memory');
		const pids = dirs.pids && readPids(read, dirs.pids);
		if (pids === undefined) missing.add('pids');
		else sample.pids = pids;
		const blkio = dirs.blkio && readBlkio(read, dirs.blkio, entry.blkio);
		if (blkio) Object.assign(sample, {blockRead: blkio.read, blockWrite: blkio.write});
		else missing.add('blockio');
		const network = readContainerNetwork(entry);
		if (network) Object.assign(sample, {networkRx: network.rx, networkTx: network.tx});
		else missing.add('network');
		return missing.size === metrics.length ? undefined : {sample, missing};
	};

	const readContainerNetwork = (entry: Entry) => {
		const network = readNetwork(read, '/proc', entry.pid, entry.hostNetwork);
		if (network) return network;
		// The main process is gone but the cgroup is not: a restart gave it a new PID.
		const cgroup = entry.dirs.pids ?? entry.dirs.memory ?? entry.dirs.cpu ?? entry.dirs.blkio;
		const pid = cgroup && livePid(read, cgroup);
		if (pid === undefined || pid === entry.pid) return undefined;
		entry.pid = pid;
		return readNetwork(read, '/proc', pid, entry.hostNetwork);
	};

	return {
		async sample(ids) {
			await resolveNew(ids);
			const host = readHost();
			const result = new Map<string, LocalStatsSample>();
			for (const id of ids) {
				const entry = entries.get(id);
				if (!entry) continue;
				try {
					const sample = readContainer(entry, host);
					if (sample) result.set(id, sample);
				} catch {
					// Never fail the pass for one container: the API covers it.
				}
			}

			return result;
		},

		forget(id) {
			entries.delete(id);
			retryAt.delete(id);
			resolving.delete(id);
		},
	};
}
