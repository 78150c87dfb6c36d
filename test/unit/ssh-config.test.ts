import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {describeLogin, parseSshSettings} from '../../source/engine/ssh-config.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-unit-sshcfg-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('ssh -G: the configuration ssh will use', () => {
	const sample = [
		'user core',
		'hostname 10.1.2.3',
		'port 2222',
		'serveraliveinterval 0',
		'connecttimeout none',
		'proxyjump bastion',
		'userknownhostsfile /home/me/.ssh/known_hosts /home/me/.ssh/known_hosts2',
		'identityfile ~/.ssh/id_ed25519',
		'identityfile ~/.ssh/id_rsa',
	].join('\n');

	test('parses user, host name, port, keepalive, timeout, proxy, known_hosts', () => {
		expect(parseSshSettings(sample)).toEqual({
			user: 'core',
			hostname: '10.1.2.3',
			port: 2222,
			serverAliveInterval: 0,
			proxy: 'ProxyJump bastion',
			userKnownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'],
		});
		expect(describeLogin(parseSshSettings(sample))).toBe('core@10.1.2.3 port 2222 via ProxyJump bastion');
		expect(parseSshSettings('connecttimeout 7\nserveraliveinterval 30\nhostname ::1\nuser u\nport 22').connectTimeout).toBe(7);
		expect(describeLogin(parseSshSettings('hostname ::1\nuser u\nport 22'))).toBe('u@[::1] port 22');
	});

	test('the real ssh resolves an alias, User and Port from a config file, and -l/-p from the URL win', () => {
		const config = join(dir, 'ssh_config');
		writeFileSync(config, 'Host myalias\n  HostName 127.0.0.9\n  Port 2299\n  User aliasuser\n  ServerAliveInterval 20\n');
		const ssh = (args: string[]) => spawnSync('ssh', ['-F', config, ...args], {encoding: 'utf8'});
		const probe = ssh(['-G', '--', 'myalias']);
		if (probe.error) return; // no OpenSSH client here
		const settings = parseSshSettings(probe.stdout);
		expect(settings).toMatchObject({user: 'aliasuser', hostname: '127.0.0.9', port: 2299, serverAliveInterval: 20});
		expect(parseSshSettings(ssh(['-p', '2200', '-l', 'urluser', '-G', '--', 'myalias']).stdout)).toMatchObject({user: 'urluser', port: 2200});
		// Not in the config: the local user and port 22.
		const other = parseSshSettings(ssh(['-G', '--', 'other.example']).stdout);
		expect(other.port).toBe(22);
		expect(other.user).not.toBe('');
	});
});
