/**
 * Pure parsers for the kernel files a local stats pass reads: cgroup v1 and v2
 * controller files, /proc/<pid>/net/dev, /proc/stat, /proc/meminfo and the
 * Cpus_allowed_list of /proc/self/status. Each returns undefined for text it
 * cannot make sense of, so the caller can fall back to the API for that metric.
 * Formats: https://docs.kernel.org/admin-guide/cgroup-v2.html and
 * https://docs.kernel.org/admin-guide/cgroup-v1/ (memory.rst, blkio-controller.rst).
 */

/** A file holding one number (cpuacct.usage, memory.usage_in_bytes, memory.current, pids.current...). */
export function parseNumber(text: string): number | undefined {
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed)) return undefined;
	return Number(trimmed);
}

/**
 * cgroup v2 memory.max (and pids.max): a number, or "max" for no limit, which
 * becomes Infinity so the caller's "above the host's memory" rule applies.
 */
export function parseLimit(text: string): number | undefined {
	return text.trim() === 'max' ? Number.POSITIVE_INFINITY : parseNumber(text);
}

/** A flat-keyed file, "key value" per line (memory.stat, cpu.stat); lines that are not are skipped. */
export function parseFlatKeyed(text: string): Map<string, number> {
	const values = new Map<string, number>();
	for (const line of text.split('\n')) {
		const [key, value, extra] = line.trim().split(/\s+/);
		if (key === undefined || value === undefined || extra !== undefined || !/^\d+$/.test(value)) continue;
		values.set(key, Number(value));
	}

	return values;
}

/** cgroup v2 cpu.stat: usage_usec in ns, as dockerd reports it (UsageUsec * 1000). */
export function cpuFromCpuStat(text: string): number | undefined {
	const usec = parseFlatKeyed(text).get('usage_usec');
	return usec === undefined ? undefined : usec * 1000;
}

/**
 * What docker/cli calculateMemUsageUnixNoCache subtracts from usage, from a
 * memory.stat: total_inactive_file when present and below usage (cgroup v1),
 * else inactive_file when below usage (v2, or v1 without hierarchy totals),
 * else 0. The same rule as to-stats.ts applies to the API's payload.
 */
export function inactiveFile(memoryStat: Map<string, number>, usage: number): number {
	const v1 = memoryStat.get('total_inactive_file');
	if (v1 !== undefined && v1 < usage) return v1;
	const v2 = memoryStat.get('inactive_file') ?? 0;
	return v2 < usage ? v2 : 0;
}

/**
 * cgroup v1 blkio.*io_service_bytes* files ("8:0 Read 4096" per device and op,
 * then "Total n"): bytes read and written summed over devices, as docker/cli
 * calculateBlockIO sums the entries by op. Undefined when a line is malformed.
 */
export function parseBlkioV1(text: string): {read: number; write: number; entries: number} | undefined {
	let read = 0;
	let write = 0;
	let entries = 0;
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields.length === 1 && fields[0] === '') continue;
		if (fields.length === 2 && fields[0] === 'Total') continue;
		if (fields.length !== 3 || !/^\d+:\d+$/.test(fields[0]!) || !/^\d+$/.test(fields[2]!)) return undefined;
		entries++;
		if (fields[1] === 'Read') read += Number(fields[2]);
		else if (fields[1] === 'Write') write += Number(fields[2]);
	}

	return {read, write, entries};
}

/** cgroup v2 io.stat ("8:16 rbytes=1459200 wbytes=314773504 rios=192 ..."): rbytes and wbytes summed over devices, as dockerd's statsV2. */
export function parseIoStat(text: string): {read: number; write: number} | undefined {
	let read = 0;
	let write = 0;
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields[0] === '') continue;
		if (!/^\d+:\d+$/.test(fields[0]!)) return undefined;
		for (const field of fields.slice(1)) {
			const [key, value] = field.split('=');
			if (value === undefined || !/^\d+$/.test(value)) continue;
			if (key === 'rbytes') read += Number(value);
			else if (key === 'wbytes') write += Number(value);
		}
	}

	return {read, write};
}

/**
 * /proc/<pid>/net/dev: bytes received and sent summed over the namespace's
 * interfaces except lo. dockerd reports the interfaces libnetwork put in the
 * sandbox (eth0, ...), never the loopback, and docker/cli sums them.
 */
export function parseNetDev(text: string): {rx: number; tx: number} | undefined {
	// Two header lines ("Inter-|   Receive ...", " face |bytes ...") come first.
	if (!text.includes('|')) return undefined;
	let rx = 0;
	let tx = 0;
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon === -1 || line.includes('|')) continue;
		const name = line.slice(0, colon).trim();
		const fields = line.slice(colon + 1).trim().split(/\s+/);
		if (fields.length < 16 || !/^\d+$/.test(fields[0]!) || !/^\d+$/.test(fields[8]!)) return undefined;
		if (name === 'lo') continue;
		rx += Number(fields[0]);
		tx += Number(fields[8]);
	}

	return {rx, tx};
}

/** Linux's USER_HZ: constant on every architecture dockerd supports (it hard-codes it too). */
export const clockTicksPerSecond = 100;

/**
 * /proc/stat: the host's CPU time in ns as dockerd's getSystemCPUUsage computes
 * it: the first seven fields of the "cpu" line (user, nice, system, idle,
 * iowait, irq, softirq; not steal) in clock ticks, times 1e9 / 100. Also the
 * number of "cpuN" lines, the fallback for online CPUs.
 */
export function parseProcStat(text: string): {systemCpu: number; cpuLines: number} | undefined {
	let systemCpu: number | undefined;
	let cpuLines = 0;
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (/^cpu\d+$/.test(fields[0]!)) cpuLines++;
		if (fields[0] !== 'cpu' || systemCpu !== undefined) continue;
		if (fields.length < 8 || !fields.slice(1, 8).every((field) => /^\d+$/.test(field))) return undefined;
		const ticks = fields.slice(1, 8).reduce((sum, field) => sum + Number(field), 0);
		systemCpu = (ticks * 1e9) / clockTicksPerSecond;
	}

	return systemCpu === undefined ? undefined : {systemCpu, cpuLines};
}

/**
 * The CPUs this process may run on, from /proc/self/status Cpus_allowed_list
 * ("0-3,6"): what dockerd's getNumberOnlineCPUs counts with sched_getaffinity.
 */
export function parseCpusAllowed(status: string): number | undefined {
	const match = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status);
	if (!match) return undefined;
	let count = 0;
	for (const range of match[1]!.split(',')) {
		const bounds = /^(\d+)(?:-(\d+))?$/.exec(range);
		if (!bounds) return undefined;
		const first = Number(bounds[1]);
		const last = bounds[2] === undefined ? first : Number(bounds[2]);
		if (last < first) return undefined;
		count += last - first + 1;
	}

	return count > 0 ? count : undefined;
}

/** /proc/meminfo MemTotal in bytes: dockerd's machineMemory, the limit shown for a container without one. */
export function parseMemTotal(meminfo: string): number | undefined {
	const match = /^MemTotal:\s*(\d+)\s*kB\s*$/m.exec(meminfo);
	return match ? Number(match[1]) * 1024 : undefined;
}
