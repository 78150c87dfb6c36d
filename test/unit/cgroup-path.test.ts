/**
 * Finding a container's cgroup directories from /proc/<pid>/cgroup and the
 * cgroup mounts, for the layouts Docker and Podman use: cgroupfs and systemd
 * drivers, cgroup v1 (hybrid hosts), v2, rootless, Podman's crun sub-group.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {containerCgroupPath, parseMountinfo, parseProcCgroup, resolveCgroupDirs} from '../../source/engine/cgroup-path.js';

const id = '3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00998877665544332211';
const mountsV1 = parseMountinfo(readFileSync(new URL('../fixtures/cgroup/proc/mountinfo-v1', import.meta.url), 'utf8'));
const mountsV2 = parseMountinfo(readFileSync(new URL('../fixtures/cgroup/proc/mountinfo-v2', import.meta.url), 'utf8'));

/** A v1 hybrid host's /proc/<pid>/cgroup with every controller at `path`. */
function v1Lines(path: string): string {
	return [
		`12:cpuset:${path}`,
		`11:blkio:${path}`,
		`10:memory:${path}`,
		`9:pids:${path}`,
		`8:cpu,cpuacct:${path}`,
		`7:devices:${path}`,
		`1:name=systemd:${path}`,
		`0::${path}`,
		'',
	].join('\n');
}

describe('mountinfo', () => {
	test('cgroup v1 hierarchies with their controllers, and the unified one', () => {
		const byPoint = new Map(mountsV1.map((mount) => [mount.mountPoint, mount]));
		expect([...byPoint.keys()]).toEqual([
			'/sys/fs/cgroup/unified',
			'/sys/fs/cgroup/systemd',
			'/sys/fs/cgroup/cpu,cpuacct',
			'/sys/fs/cgroup/memory',
			'/sys/fs/cgroup/blkio',
			'/sys/fs/cgroup/pids',
		]);
		expect(byPoint.get('/sys/fs/cgroup/unified')?.version).toBe(2);
		expect([...byPoint.get('/sys/fs/cgroup/cpu,cpuacct')!.controllers]).toEqual(['rw', 'cpu', 'cpuacct']);
		expect(mountsV2).toEqual([{version: 2, root: '/', mountPoint: '/sys/fs/cgroup', controllers: new Set()}]);
	});

	test('octal escapes in paths are undone', () => {
		const [mount] = parseMountinfo('40 31 0:37 /a\\040b /mnt/my\\040cgroups rw - cgroup cgroup rw,memory\n');
		expect(mount).toMatchObject({root: '/a b', mountPoint: '/mnt/my cgroups'});
	});
});

describe('/proc/<pid>/cgroup', () => {
	test('v1 controllers one by one (cpu,cpuacct split), the unified path apart', () => {
		const parsed = parseProcCgroup(v1Lines(`/docker/${id}`));
		expect(parsed.v1.get('cpuacct')).toBe(`/docker/${id}`);
		expect(parsed.v1.get('cpu')).toBe(`/docker/${id}`);
		expect(parsed.v1.get('name=systemd')).toBe(`/docker/${id}`);
		expect(parsed.unified).toBe(`/docker/${id}`);
	});
});

describe('resolving a container', () => {
	test('cgroupfs driver on a v1 host: /docker/<id> under each controller\'s mount', () => {
		expect(resolveCgroupDirs(parseProcCgroup(v1Lines(`/docker/${id}`)), mountsV1, id)).toEqual({
			cpu: {version: 1, dir: `/sys/fs/cgroup/cpu,cpuacct/docker/${id}`},
			memory: {version: 1, dir: `/sys/fs/cgroup/memory/docker/${id}`},
			pids: {version: 1, dir: `/sys/fs/cgroup/pids/docker/${id}`},
			blkio: {version: 1, dir: `/sys/fs/cgroup/blkio/docker/${id}`},
		});
	});

	test('systemd driver on a v1 host: /system.slice/docker-<id>.scope', () => {
		const dirs = resolveCgroupDirs(parseProcCgroup(v1Lines(`/system.slice/docker-${id}.scope`)), mountsV1, id);
		expect(dirs?.memory).toEqual({version: 1, dir: `/sys/fs/cgroup/memory/system.slice/docker-${id}.scope`});
		expect(dirs?.cpu?.dir).toBe(`/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-${id}.scope`);
	});

	test('v2 unified, systemd driver: every metric in one directory', () => {
		const dir = {version: 2, dir: `/sys/fs/cgroup/system.slice/docker-${id}.scope`};
		expect(resolveCgroupDirs(parseProcCgroup(`0::/system.slice/docker-${id}.scope\n`), mountsV2, id)).toEqual({cpu: dir, memory: dir, pids: dir, blkio: dir});
	});

	test('v2 unified, cgroupfs driver', () => {
		expect(resolveCgroupDirs(parseProcCgroup(`0::/docker/${id}\n`), mountsV2, id)?.memory).toEqual({version: 2, dir: `/sys/fs/cgroup/docker/${id}`});
	});

	test('rootless Docker under the user\'s systemd', () => {
		const path = `/user.slice/user-1000.slice/user@1000.service/user.slice/docker-${id}.scope`;
		expect(resolveCgroupDirs(parseProcCgroup(`0::${path}\n`), mountsV2, id)?.pids).toEqual({version: 2, dir: `/sys/fs/cgroup${path}`});
	});

	test('Podman: libpod-<id>.scope, and crun\'s "container" sub-group reads the scope (where the limit is)', () => {
		expect(resolveCgroupDirs(parseProcCgroup(`0::/machine.slice/libpod-${id}.scope/container\n`), mountsV2, id)?.memory).toEqual({
			version: 2,
			dir: `/sys/fs/cgroup/machine.slice/libpod-${id}.scope`,
		});
		const rootless = `/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${id}.scope`;
		expect(resolveCgroupDirs(parseProcCgroup(`0::${rootless}/container\n`), mountsV2, id)?.cpu?.dir).toBe(`/sys/fs/cgroup${rootless}`);
	});

	test('Podman with cgroupfs on v1: /libpod_parent/libpod-<id>', () => {
		expect(resolveCgroupDirs(parseProcCgroup(v1Lines(`/libpod_parent/libpod-${id}`)), mountsV1, id)?.blkio?.dir).toBe(`/sys/fs/cgroup/blkio/libpod_parent/libpod-${id}`);
	});

	test('a hybrid host whose process is only in the unified hierarchy uses v2 files there', () => {
		const dirs = resolveCgroupDirs(parseProcCgroup(`1:name=systemd:/\n0::/system.slice/docker-${id}.scope\n`), mountsV1, id);
		expect(dirs?.memory).toEqual({version: 2, dir: `/sys/fs/cgroup/unified/system.slice/docker-${id}.scope`});
	});

	test('a mount whose root is a sub-tree (berth in a cgroup namespace) strips that root', () => {
		const mounts = parseMountinfo('35 31 0:32 /docker /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n');
		expect(resolveCgroupDirs(parseProcCgroup(`10:memory:/docker/${id}\n`), mounts, id)?.memory?.dir).toBe(`/sys/fs/cgroup/memory/${id}`);
		expect(resolveCgroupDirs(parseProcCgroup(`10:memory:/other/${id}\n`), mounts, id)).toBeUndefined();
	});

	test('a process whose cgroup does not name the container is someone else\'s (another PID namespace, an engine in a VM)', () => {
		expect(resolveCgroupDirs(parseProcCgroup(v1Lines('/user.slice/session-2.scope')), mountsV1, id)).toBeUndefined();
		expect(resolveCgroupDirs(parseProcCgroup('0::/\n'), mountsV2, id)).toBeUndefined();
	});

	test('paths outside berth\'s cgroup namespace ("/..") and hosts without cgroup mounts resolve nothing', () => {
		expect(resolveCgroupDirs(parseProcCgroup(`0::/../../docker/${id}\n`), mountsV2, id)).toBeUndefined();
		expect(resolveCgroupDirs(parseProcCgroup(v1Lines(`/docker/${id}`)), [], id)).toBeUndefined();
	});

	test('the deepest component naming the id wins; a short id never matches', () => {
		expect(containerCgroupPath(`/docker/${id}/init.scope`, id)).toBe(`/docker/${id}`);
		expect(containerCgroupPath(`/docker/${id}`, 'abc')).toBeUndefined();
	});
});
