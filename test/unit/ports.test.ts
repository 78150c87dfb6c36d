import {describe, expect, test} from 'vitest';
import type {PortMapping} from '../../source/engine/engine.js';
import {formatPorts} from '../../source/ui/ports.js';

describe('formatPorts', () => {
	const p = (privatePort: number, type: string, publicPort?: number, ip?: string): PortMapping => {
		const port: PortMapping = {privatePort, type};
		if (publicPort !== undefined) port.publicPort = publicPort;
		if (ip !== undefined) port.ip = ip;
		return port;
	};

	// docker/cli cli/command/formatter/container_test.go TestDisplayablePorts (netip version).
	test.each<[PortMapping[], string]>([
		[[p(9988, 'tcp')], '9988/tcp'],
		[[p(9988, 'udp')], '9988/udp'],
		[[p(9988, 'tcp', undefined, '0.0.0.0')], '0.0.0.0:0->9988/tcp'],
		[[p(9988, 'tcp', undefined, '::')], '[::]:0->9988/tcp'],
		[[p(9988, 'tcp', 8899)], '9988/tcp'],
		[[p(9988, 'tcp', 8899, '4.3.2.1')], '4.3.2.1:8899->9988/tcp'],
		[[p(9988, 'tcp', 8899, '::1')], '[::1]:8899->9988/tcp'],
		[[p(9988, 'tcp', 9988, '4.3.2.1')], '4.3.2.1:9988->9988/tcp'],
		[[p(9988, 'tcp', 9988, '::1')], '[::1]:9988->9988/tcp'],
		[[p(9988, 'udp'), p(9988, 'udp')], '9988/udp, 9988/udp'],
		[[p(9998, 'udp', 9998, '1.2.3.4'), p(9999, 'udp', 9999, '1.2.3.4')], '1.2.3.4:9998-9999->9998-9999/udp'],
		[[p(9998, 'udp', 9998, '::1'), p(9999, 'udp', 9999, '::1')], '[::1]:9998-9999->9998-9999/udp'],
		[[p(9998, 'udp', 8887, '1.2.3.4'), p(9999, 'udp', 8888, '1.2.3.4')], '1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp'],
		[[p(9998, 'udp', 8887, '::1'), p(9999, 'udp', 8888, '::1')], '[::1]:8887->9998/udp, [::1]:8888->9999/udp'],
		[[p(9998, 'udp'), p(9999, 'udp')], '9998-9999/udp'],
		[[p(6677, 'tcp', 7766, '1.2.3.4'), p(9988, 'udp', 8899)], '9988/udp, 1.2.3.4:7766->6677/tcp'],
		[
			[p(9988, 'udp', 8899, '1.2.3.4'), p(9988, 'tcp', 8899, '1.2.3.4'), p(2233, 'tcp', 3322, '4.3.2.1'), p(2233, 'tcp', 3322, '::1')],
			'4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp',
		],
		[
			[p(9988, 'udp', 8899), p(6677, 'tcp', 7766, '1.2.3.4'), p(2233, 'tcp', 3322, '4.3.2.1')],
			'9988/udp, 4.3.2.1:3322->2233/tcp, 1.2.3.4:7766->6677/tcp',
		],
		[
			[
				p(80, 'tcp'), p(1024, 'tcp'), p(80, 'udp'), p(1024, 'udp'),
				p(1024, 'tcp', 80, '1.1.1.1'), p(1024, 'udp', 80, '1.1.1.1'), p(80, 'tcp', 1024, '1.1.1.1'), p(80, 'udp', 1024, '1.1.1.1'),
				p(1024, 'tcp', 80, '2.1.1.1'), p(1024, 'udp', 80, '2.1.1.1'), p(80, 'tcp', 1024, '2.1.1.1'), p(80, 'udp', 1024, '2.1.1.1'),
				p(12_345, 'sctp'),
			],
			'80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, 2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, 2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp',
		],
	])('%j -> %s', (ports, expected) => {
		expect(formatPorts(ports)).toBe(expected);
	});

	test('a dual-stack publish, as docker ps shows it', () => {
		expect(formatPorts([p(80, 'tcp', 8080, '::'), p(80, 'tcp', 8080, '0.0.0.0')])).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
		expect(formatPorts([p(81, 'tcp', 81, '0.0.0.0'), p(80, 'tcp', 80, '0.0.0.0')])).toBe('0.0.0.0:80-81->80-81/tcp');
	});

	test('IPv4 sorts before IPv6 by address, not by text (netip.Addr.Less)', () => {
		expect(formatPorts([p(80, 'tcp', 8080, '2001:db8::1'), p(80, 'tcp', 8080, '3.3.3.3'), p(80, 'tcp', 8080, '10.0.0.1')]))
			.toBe('3.3.3.3:8080->80/tcp, 10.0.0.1:8080->80/tcp, [2001:db8::1]:8080->80/tcp');
	});

	test('a range broken by a gap flushes early but keeps its key order, as the CLI loop does', () => {
		expect(formatPorts([p(80, 'tcp'), p(81, 'tcp'), p(83, 'tcp'), p(82, 'udp')])).toBe('80-81/tcp, 83/tcp, 82/udp');
	});

	test('does not reorder the caller\'s array, and answers the same for the same array', () => {
		const ports = [p(81, 'tcp'), p(80, 'tcp')];
		expect(formatPorts(ports)).toBe('80-81/tcp');
		expect(ports[0]?.privatePort).toBe(81);
		expect(formatPorts(ports)).toBe('80-81/tcp');
		expect(formatPorts([])).toBe('');
	});
});
