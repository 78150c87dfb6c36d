import {readdirSync, readFileSync} from 'node:fs';

/** PIDs whose parent chain leads to `root` (not including it), from /proc. */
export function descendants(root: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(entry), Number(fields[1]));
		} catch {
			// exited meanwhile
		}
	}

	const found: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const parent = queue.shift()!;
		for (const [pid, ppid] of parents) {
			if (ppid === parent && !found.includes(pid)) {
				found.push(pid);
				queue.push(pid);
			}
		}
	}

	return found;
}
