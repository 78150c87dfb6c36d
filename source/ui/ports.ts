/**
 * The PORTS column of `docker ps`, as docker/cli (cli/command/formatter) prints it.
 * Pure; safe to call for every row on every render.
 */
import type {PortMapping} from '../engine/engine.js';

/**
 * `docker ps` PORTS, ported from docker/cli DisplayablePorts: sorted by private
 * port, host IP (IPv4 before IPv6, as netip.Addr.Less), public port, protocol;
 * runs of consecutive ports published on the same port number collapse into
 * ranges ("0.0.0.0:80-81->80-81/tcp", "80-81/tcp"); other host mappings come last;
 * IPv6 hosts are bracketed ("[::]:8080->80/tcp", docker/cli#5363, CLI 28+).
 * Results are memoised per array: ports arrays are immutable store state.
 */
export function formatPorts(ports: readonly PortMapping[]): string {
	if (ports.length === 0) return '';
	const cached = portsCache.get(ports);
	if (cached !== undefined) return cached;
	const text = displayablePorts(ports);
	portsCache.set(ports, text);
	return text;
}

const portsCache = new WeakMap<readonly PortMapping[], string>();

type PortGroup = {ip: string; type: string; first: number; last: number};

function displayablePorts(ports: readonly PortMapping[]): string {
	const sorted = [...ports].sort(comparePorts);
	const groups = new Map<string, PortGroup>();
	const result: string[] = [];
	const hostMappings: string[] = [];
	for (const port of sorted) {
		const current = port.privatePort;
		const ip = port.ip ?? '';
		let key = port.type;
		if (ip !== '') {
			const published = port.publicPort ?? 0;
			if (published !== current) {
				hostMappings.push(`${joinHostPort(ip, String(published))}->${current}/${port.type}`);
				continue;
			}

			key = `${ip}/${port.type}`;
		}

		const group = groups.get(key);
		if (group === undefined) {
			groups.set(key, {ip, type: port.type, first: current, last: current});
			continue;
		}

		// uint16 arithmetic, as in the CLI.
		if (current === ((group.last + 1) & 0xff_ff)) {
			group.last = current;
			continue;
		}

		// The CLI flushes the finished range now but keeps the key's first-seen position.
		result.push(formGroup(group));
		groups.set(key, {ip, type: port.type, first: current, last: current});
	}

	for (const group of groups.values()) result.push(formGroup(group));
	for (const mapping of hostMappings) result.push(mapping);
	return result.join(', ');
}

function formGroup(group: PortGroup): string {
	let range = String(group.first);
	if (group.first !== group.last) range += `-${group.last}`;
	if (group.ip !== '') range = `${joinHostPort(group.ip, range)}->${range}`;
	return `${range}/${group.type}`;
}

function joinHostPort(host: string, port: string): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(a: PortMapping, b: PortMapping): number {
	if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
	const ip = compareIp(a.ip ?? '', b.ip ?? '');
	if (ip !== 0) return ip;
	const published = (a.publicPort ?? 0) - (b.publicPort ?? 0);
	if (published !== 0) return published;
	return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** netip.Addr.Compare: no address < IPv4 < IPv6, then numerically; unparsable strings last, by text. */
function compareIp(a: string, b: string): number {
	if (a === b) return 0;
	const x = ipWords(a);
	const y = ipWords(b);
	if (x.length !== y.length) return x.length - y.length;
	for (let i = 0; i < x.length; i++) {
		const d = x[i]! - y[i]!;
		if (d !== 0) return d;
	}

	return a < b ? -1 : a > b ? 1 : 0;
}

const noAddress: number[] = [];
const unparsable = Array.from({length: 9}, () => 0);

/** IPv4 as 4 octets, IPv6 as 8 hextets (zone ignored), "" as none. */
function ipWords(ip: string): number[] {
	if (ip === '') return noAddress;
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
	if (v4) return [Number(v4[1]), Number(v4[2]), Number(v4[3]), Number(v4[4])];
	const address = ip.split('%')[0]!;
	const halves = address.split('::');
	if (halves.length > 2) return unparsable;
	const head = hextets(halves[0]!);
	const tail = halves.length === 2 ? hextets(halves[1]!) : [];
	if (head === undefined || tail === undefined) return unparsable;
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return unparsable;
	return [...head, ...Array.from({length: missing}, () => 0), ...tail];
}

function hextets(part: string): number[] | undefined {
	if (part === '') return [];
	const words: number[] = [];
	for (const piece of part.split(':')) {
		const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(piece);
		if (v4) {
			words.push(Number(v4[1]) * 256 + Number(v4[2]), Number(v4[3]) * 256 + Number(v4[4]));
		} else if (/^[\da-f]{1,4}$/i.test(piece)) {
			words.push(Number.parseInt(piece, 16));
		} else {
			return undefined;
		}
	}

	return words;
}
