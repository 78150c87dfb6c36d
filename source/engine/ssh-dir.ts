/**
 * The private directory of an ssh:// connection: the forwarded socket and ssh's control
 * socket live there, mode 0700. It records its owner's PID, so a berth that was killed
 * outright (no chance to remove it) leaves nothing for long: the next berth removes it.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const prefix = 'berth-ssh-';
const ownerFile = 'owner';

/** Creates the directory (removing abandoned ones first); short, for unix socket paths (at most 107 bytes). */
export function makePrivateDir(): string {
	const base = tmpdir().length <= 40 && /^[\w./-]+$/.test(tmpdir()) ? tmpdir() : '/tmp';
	sweepAbandoned(base);
	const dir = mkdtempSync(join(base, prefix));
	writeFileSync(join(dir, ownerFile), `${process.pid}\n`);
	return dir;
}

/** Removes directories of this user whose owner process is gone. */
export function sweepAbandoned(base: string): void {
	let entries: string[];
	try {
		entries = readdirSync(base).filter((name) => name.startsWith(prefix) && name.length === prefix.length + 6);
	} catch {
		return;
	}

	for (const name of entries) {
		const dir = join(base, name);
		try {
			if (statSync(dir).uid !== process.getuid?.()) continue;
			const owner = Number(readFileSync(join(dir, ownerFile), 'utf8').trim());
			if (Number.isInteger(owner) && owner > 0 && !alive(owner)) rmSync(dir, {recursive: true, force: true});
		} catch {
			// Not ours, no owner file (being created), or already gone.
		}
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists, as another user's process.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
