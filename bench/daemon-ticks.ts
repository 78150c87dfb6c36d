/** CPU time of processes from /proc, in clock ticks (utime + stime): a client's, and a private engine's. */
import {readFileSync, readdirSync} from 'node:fs';
import {parseStatTicks} from './stats.js';

/** utime + stime of `pid` in clock ticks; 0 once it is gone. */
export function processTicks(pid: number): number {
	try {
		return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return 0;
	}
}

/** dockerd, its containerd and every containerd-shim of a private engine: each names the engine's temp dir on its command line. */
export function daemonPids(engineDir: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (cmdline.includes(engineDir) && /dockerd|containerd/.test(cmdline)) pids.push(Number(entry));
		} catch {
			// gone
		}
	}

	return pids;
}

/** The engine's CPU ticks, summed over its processes. */
export function daemonTicks(engineDir: string): number {
	return daemonPids(engineDir).reduce((sum, pid) => sum + processTicks(pid), 0);
}

/** The engine's CPU ticks per process, for {@link ticksDelta}. */
export function daemonTicksByPid(engineDir: string): Map<number, number> {
	return new Map(daemonPids(engineDir).map((pid) => [pid, processTicks(pid)]));
}

/** Ticks used between two readings, counting only processes alive at both (a shim that came or went says nothing). */
export function ticksDelta(before: Map<number, number>, after: Map<number, number>): number {
	let sum = 0;
	for (const [pid, value] of after) {
		const old = before.get(pid);
		if (old !== undefined) sum += value - old;
	}

	return sum;
}
