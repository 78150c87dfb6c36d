/**
 * The text of the detail tabs built from a container's inspect: ports as `docker
 * port` prints them, environment and mounts, restart policy and state, resource
 * limits. Pure; engine text is left as it came (the view sanitizes every line).
 */
import type {ContainerDetail, MountInfo, ResourceLimits, RestartInfo} from '../engine/container-detail.js';
import {bytesSize} from '../ui/units.js';
import type {InspectTab} from './inspect-slice.js';

/** Every tab an inspect fills, the JSON tab included. */
export function detailTabs(json: string, detail: ContainerDetail): Partial<Record<InspectTab, string[]>> {
	return {inspect: json.split('\n'), ports: portLines(detail), env: envLines(detail), restart: restartLines(detail.restart), limits: limitLines(detail.limits)};
}

/** net.JoinHostPort: an IPv6 address goes in brackets. */
const hostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * `docker port`: "80/tcp -> 0.0.0.0:8080", one line per host address, in natural
 * order as the CLI sorts them; then the ports exposed but not published.
 */
export function portLines(detail: ContainerDetail): string[] {
	const lines = detail.ports.map((port) => `${port.port} -> ${hostPort(port.hostIp, port.hostPort)}`).sort(naturalCompare);
	const exposed = [...detail.exposed].sort(naturalCompare);
	if (detail.networkMode === 'host') lines.push('Network mode host: the container uses the host\'s own ports; none are published');
	else if (lines.length === 0) lines.push('No published ports');
	if (exposed.length > 0) lines.push('', `Exposed, not published: ${exposed.join(', ')}`);
	return lines;
}

/** fvbommel/sortorder's NaturalLess, which docker port sorts with: runs of digits compare as numbers. */
export function naturalCompare(a: string, b: string): number {
	const split = (s: string) => s.match(/\d+|\D+/g) ?? [];
	const left = split(a);
	const right = split(b);
	for (let i = 0; i < Math.min(left.length, right.length); i++) {
		const x = left[i]!;
		const y = right[i]!;
		if (x === y) continue;
		const numeric = /^\d/.test(x) && /^\d/.test(y);
		if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
		return x < y ? -1 : 1;
	}

	return left.length - right.length;
}

/** Config.Env with its values, then the mounts: type, source → destination, rw or ro, mode and propagation. */
export function envLines(detail: ContainerDetail): string[] {
	const lines = [`Environment (${detail.env.length})`, ...(detail.env.length === 0 ? ['  none'] : detail.env.map((entry) => `  ${entry}`))];
	lines.push('', `Mounts (${detail.mounts.length})`);
	if (detail.mounts.length === 0) return [...lines, '  none'];
	const rows = detail.mounts.map((mount) => [mount.type, `${mountSource(mount)} → ${mount.destination}`, mount.rw ? 'rw' : 'ro', mountExtras(mount)]);
	const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
	for (const row of rows) lines.push(`  ${row.map((cell, index) => (index < 3 ? cell.padEnd(widths[index]!) : cell)).join('  ')}`.trimEnd());
	return lines;
}

const mountSource = (mount: MountInfo) => (mount.type === 'volume' && mount.name !== '' ? mount.name : mount.source || '(none)');

function mountExtras(mount: MountInfo): string {
	const extras: string[] = [];
	if (mount.mode !== '') extras.push(`mode ${mount.mode}`);
	if (mount.propagation !== '') extras.push(`propagation ${mount.propagation}`);
	if (mount.type === 'volume') {
		if (mount.driver !== '' && mount.driver !== 'local') extras.push(`driver ${mount.driver}`);
		if (mount.source !== '') extras.push(`at ${mount.source}`);
	}

	return extras.join(', ');
}

/** A label and its value, the labels in one column. */
function table(rows: Array<[string, string]>): string[] {
	const width = Math.max(...rows.map(([label]) => label.length));
	return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`.trimEnd());
}

/** Go's zero time: the engine's "never". */
const never = (time: string) => time === '' || time.startsWith('0001-01-01');

/** HostConfig.RestartPolicy and RestartCount, with the state they act on. */
export function restartLines(restart: RestartInfo): string[] {
	const rows: Array<[string, string]> = [
		['Restart policy', restartPolicy(restart)],
		['Restart count', String(restart.restartCount)],
		['Auto remove', restart.autoRemove ? 'yes (--rm: removed when it exits)' : 'no'],
		['Status', `${restart.status}${restart.restarting ? ' (restarting)' : ''}`],
		['Started at', never(restart.startedAt) ? 'never' : restart.startedAt],
		['Finished at', never(restart.finishedAt) ? 'never' : restart.finishedAt],
		['Exit code', String(restart.exitCode)],
		['OOM killed', restart.oomKilled ? 'yes' : 'no'],
	];
	if (restart.error !== '') rows.push(['Error', restart.error]);
	if (restart.health) rows.push(['Health', `${restart.health.status} (failing streak ${restart.health.failingStreak})`]);
	return table(rows);
}

function restartPolicy({policy, maxRetries}: RestartInfo): string {
	switch (policy) {
		case '':
		case 'no':
			return 'no (the engine never restarts it)';
		case 'on-failure':
			return maxRetries > 0 ? `on-failure:${maxRetries} (at most ${maxRetries} restarts after a non-zero exit)` : 'on-failure (restarts after every non-zero exit)';
		case 'always':
			return 'always (restarts whenever it stops; after a daemon restart too)';
		case 'unless-stopped':
			return 'unless-stopped (as always, unless it was stopped by hand)';
		default:
			return policy;
	}
}

/** Bytes as docker stats writes them, with the exact figure; 0 is no limit. */
const bytes = (value: number) => (value > 0 ? `${bytesSize(value)} (${value} bytes)` : 'unlimited');

/** HostConfig's limits, each with the docker run flag that sets it; 0 reads "unlimited" as docker means it. */
export function limitLines(limits: ResourceLimits): string[] {
	const cpus = limits.nanoCpus > 0 ? `${limits.nanoCpus / 1e9}` : limits.cpuQuota > 0 ? `${limits.cpuQuota / (limits.cpuPeriod || 100_000)} (quota / period)` : 'unlimited';
	const swap = limits.memorySwap < 0 ? 'unlimited swap' : limits.memorySwap > 0 ? bytes(limits.memorySwap) : limits.memory > 0 ? 'twice the memory (default)' : 'unlimited';
	const pids = limits.pidsLimit === undefined || limits.pidsLimit <= 0 ? 'unlimited' : String(limits.pidsLimit);
	const rows: Array<[string, string]> = [
		['Memory (--memory)', bytes(limits.memory)],
		['Memory + swap (--memory-swap)', swap],
		['Memory reservation (--memory-reservation)', bytes(limits.memoryReservation)],
		['CPUs (--cpus)', limits.nanoCpus > 0 ? `${cpus} (NanoCpus ${limits.nanoCpus})` : cpus],
		['CPU quota (--cpu-quota)', limits.cpuQuota > 0 ? `${limits.cpuQuota} µs per period` : 'unlimited'],
		['CPU period (--cpu-period)', limits.cpuPeriod > 0 ? `${limits.cpuPeriod} µs` : 'default (100000 µs)'],
		['CPU shares (--cpu-shares)', limits.cpuShares > 0 ? String(limits.cpuShares) : 'default (1024)'],
		['CPU set (--cpuset-cpus)', limits.cpusetCpus === '' ? 'all' : limits.cpusetCpus],
		['Memory nodes (--cpuset-mems)', limits.cpusetMems === '' ? 'all' : limits.cpusetMems],
		['PIDs (--pids-limit)', pids],
		['Block I/O weight (--blkio-weight)', limits.blkioWeight > 0 ? String(limits.blkioWeight) : 'default'],
		['OOM killer (--oom-kill-disable)', limits.oomKillDisable ? 'disabled' : 'enabled'],
		['/dev/shm (--shm-size)', limits.shmSize > 0 ? bytesSize(limits.shmSize) : 'default'],
	];
	const ulimits = limits.ulimits.map((ulimit) => `${ulimit.name}=${ulimit.soft}:${ulimit.hard}`);
	rows.push(['Ulimits (--ulimit)', ulimits.length === 0 ? 'the engine\'s defaults' : ulimits.join(' ')]);
	return table(rows);
}
