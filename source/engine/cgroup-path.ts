/**
 * Where a container's cgroup lives on this host's file system, from its main
 * process's /proc/<pid>/cgroup and the cgroup mounts in /proc/self/mountinfo.
 * Works for cgroup v1 (one hierarchy per controller), v2 (one unified
 * hierarchy) and hybrids, and for every layout the engines use, since the path
 * comes from the kernel rather than from a naming scheme: cgroupfs
 * (/docker/<id>), systemd (/system.slice/docker-<id>.scope), rootless
 * (/user.slice/user-1000.slice/user@1000.service/.../docker-<id>.scope) and
 * Podman (/machine.slice/libpod-<id>.scope, /libpod_parent/libpod-<id>). Pure.
 */
import {posix} from 'node:path';

/** What /proc/<pid>/cgroup says: the path per v1 controller, and the v2 path ("0::/..."). */
export type ProcCgroup = {v1: Map<string, string>; unified?: string};

/** A mounted cgroup hierarchy: `root` is the hierarchy's path shown at `mountPoint`. */
export type CgroupMount = {version: 1 | 2; root: string; mountPoint: string; controllers: ReadonlySet<string>};

/** The metrics a cgroup holds; network comes from the process's namespace instead. */
export type CgroupMetric = 'cpu' | 'memory' | 'pids' | 'blkio';

/** A metric's cgroup directory and which file layout it has. */
export type CgroupDir = {version: 1 | 2; dir: string};

/** The directories to read per metric; a metric without one is read from the API. */
export type CgroupDirs = Partial<Record<CgroupMetric, CgroupDir>>;

/** The cgroup v1 controller holding each metric (cpuacct: total CPU time in ns). */
const v1Controller: Record<CgroupMetric, string> = {cpu: 'cpuacct', memory: 'memory', pids: 'pids', blkio: 'blkio'};

/** Parses /proc/<pid>/cgroup ("hierarchy-id:controllers:path" per line). */
export function parseProcCgroup(text: string): ProcCgroup {
	const result: ProcCgroup = {v1: new Map()};
	for (const line of text.split('\n')) {
		const first = line.indexOf(':');
		const second = line.indexOf(':', first + 1);
		if (first === -1 || second === -1) continue;
		const controllers = line.slice(first + 1, second);
		const path = line.slice(second + 1).trim();
		if (!path.startsWith('/')) continue;
		if (line.slice(0, first) === '0' && controllers === '') result.unified = path;
		else for (const controller of controllers.split(',')) if (controller !== '') result.v1.set(controller, path);
	}

	return result;
}

/** The cgroup and cgroup2 mounts of /proc/self/mountinfo (`man 5 proc`: fields, " - ", fstype, source, super options). */
export function parseMountinfo(text: string): CgroupMount[] {
	const mounts: CgroupMount[] = [];
	for (const line of text.split('\n')) {
		const fields = line.split(' ');
		const separator = fields.indexOf('-', 6);
		if (separator === -1 || fields.length < separator + 4) continue;
		const fstype = fields[separator + 1];
		if (fstype !== 'cgroup' && fstype !== 'cgroup2') continue;
		mounts.push({
			version: fstype === 'cgroup' ? 1 : 2,
			root: unescape(fields[3]!),
			mountPoint: unescape(fields[4]!),
			controllers: new Set(fstype === 'cgroup' ? fields[separator + 3]!.split(',') : []),
		});
	}

	return mounts;
}

/**
 * The container's own cgroup from a process's: the deepest path component
 * naming the container id (docker-<id>.scope, <id>, libpod-<id>.scope), so a
 * process in a sub-group (crun's libpod-<id>.scope/container, systemd inside
 * the container) still reads the container's totals and limit. Undefined when
 * no component names the id: the PID is not this container's (another PID
 * namespace, an engine in a VM), and reading it would show someone else's figures.
 */
export function containerCgroupPath(path: string, id: string): string | undefined {
	if (id.length < 12 || path.startsWith('/..')) return undefined;
	const parts = path.split('/');
	for (let end = parts.length; end > 1; end--) if (parts[end - 1]!.includes(id)) return parts.slice(0, end).join('/');
	return undefined;
}

/**
 * Where each metric of container `id` is read: its v1 controller's hierarchy
 * when the process is in one (v1 and hybrid hosts), else the unified v2
 * hierarchy. Undefined when no metric resolves (see containerCgroupPath).
 */
export function resolveCgroupDirs(procCgroup: ProcCgroup, mounts: readonly CgroupMount[], id: string): CgroupDirs | undefined {
	const dirs: CgroupDirs = {};
	let found = false;
	for (const metric of Object.keys(v1Controller) as CgroupMetric[]) {
		const controller = v1Controller[metric];
		const v1Path = procCgroup.v1.get(controller);
		const dir = v1Path === undefined
			? locate(procCgroup.unified, mounts.filter((mount) => mount.version === 2), id, 2)
			: locate(v1Path, mounts.filter((mount) => mount.version === 1 && mount.controllers.has(controller)), id, 1);
		if (dir) {
			dirs[metric] = dir;
			found = true;
		}
	}

	return found ? dirs : undefined;
}

/** The directory of `path` under the mount whose root holds it (the longest such root). */
function locate(path: string | undefined, mounts: readonly CgroupMount[], id: string, version: 1 | 2): CgroupDir | undefined {
	const own = path === undefined ? undefined : containerCgroupPath(path, id);
	if (own === undefined) return undefined;
	let best: CgroupMount | undefined;
	for (const mount of mounts) {
		const inside = mount.root === '/' || own === mount.root || own.startsWith(`${mount.root}/`);
		if (inside && (!best || mount.root.length > best.root.length)) best = mount;
	}

	if (!best) return undefined;
	const relative = best.root === '/' ? own : own.slice(best.root.length);
	return {version, dir: posix.join(best.mountPoint, relative)};
}

/** mountinfo escapes space, tab, newline and backslash as \ooo octal. */
function unescape(field: string): string {
	return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
