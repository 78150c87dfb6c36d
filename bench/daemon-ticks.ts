import {readFileSync, readdirSync} from 'node:fs';

/** utime + stime, in clock ticks, of every process of a private engine (dockerd, containerd, shims): those with its temp dir on their command line. */
export function daemonTicks(engineDir: string): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(engineDir)) continue;
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// gone
		}
	}

	return ticks;
}
