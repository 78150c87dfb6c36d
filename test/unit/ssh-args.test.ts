import {describe, expect, test} from 'vitest';
import {parseHost} from '../../source/engine/endpoint.js';
import {fingerprintArgs, forwardArgs, loginCommand, masterArgs, sshConfigArgs, type SshTarget} from '../../source/engine/ssh-args.js';
import {probeCommand} from '../../source/engine/ssh-probe.js';

/** The target the transport builds from a URL (see createSshTransport). */
function targetOf(url: string, configFile?: string): SshTarget {
	const endpoint = parseHost(url, {kind: 'flag-host'});
	if (endpoint.kind !== 'ssh') throw new Error('not ssh');
	return {
		host: endpoint.host,
		...(endpoint.user === undefined ? {} : {user: endpoint.user}),
		...(endpoint.port === undefined ? {} : {port: endpoint.port}),
		...(configFile === undefined ? {} : {configFile}),
	};
}

/** The value of each `-o Key=value` in argv. */
function options(argv: string[]): Map<string, string> {
	const found = new Map<string, string>();
	argv.forEach((arg, index) => {
		if (arg !== '-o') return;
		const [key = '', value = ''] = (argv[index + 1] ?? '').split('=');
		found.set(key, value);
	});
	return found;
}

describe('the target: what the URL says and nothing more', () => {
	test('no user and no port: neither -l nor -p, so the ssh config (User, Port) or ssh\'s defaults decide', () => {
		const argv = masterArgs(targetOf('ssh://myalias'), '/t/ctl', {keepAlive: true});
		expect(argv).not.toContain('-l');
		expect(argv).not.toContain('-p');
		expect(argv.slice(-3, -1)).toEqual(['--', 'myalias']);
		expect(sshConfigArgs(targetOf('ssh://myalias'))).toEqual(['-G', '--', 'myalias']);
	});

	test('user and port from the URL become -l and -p; the config file -F comes first', () => {
		const argv = sshConfigArgs(targetOf('ssh://core@box.example:2222', '/cfg/ssh_config'));
		expect(argv).toEqual(['-F', '/cfg/ssh_config', '-p', '2222', '-l', 'core', '-G', '--', 'box.example']);
	});

	test('IPv6: the bracketed URL host is given to ssh bare', () => {
		const argv = masterArgs(targetOf('ssh://me@[::1]:2200'), '/t/ctl', {keepAlive: false});
		expect(argv.slice(-3, -1)).toEqual(['--', '::1']);
		expect(argv).toContain('2200');
	});

	test('a user with an @ (percent-encoded in the URL) is one -l argument', () => {
		expect(sshConfigArgs(targetOf('ssh://me%40corp@host'))).toEqual(['-l', 'me@corp', '-G', '--', 'host']);
	});

	test('the host always follows --, so it can never be read as an option', () => {
		const argv = masterArgs({host: '-oProxyCommand=evil'}, '/t/ctl', {keepAlive: false});
		expect(argv[argv.indexOf('-oProxyCommand=evil') - 1]).toBe('--');
	});
});

describe('the master connection', () => {
	const argv = masterArgs(targetOf('ssh://box'), '/tmp/berth-ssh-abc/ctl', {keepAlive: true, connectTimeoutSeconds: 10});
	const set = options(argv);

	test('never prompts, and owns a private control socket that ends with it', () => {
		expect(set.get('BatchMode')).toBe('yes');
		expect(set.get('ControlMaster')).toBe('yes');
		expect(set.get('ControlPath')).toBe('/tmp/berth-ssh-abc/ctl');
		expect(set.get('ControlPersist')).toBe('no');
		expect(argv).toContain('-T');
	});

	test('leaves the user\'s host key policy alone (no StrictHostKeyChecking, no UserKnownHostsFile)', () => {
		expect(set.has('StrictHostKeyChecking')).toBe(false);
		expect(set.has('UserKnownHostsFile')).toBe(false);
		expect(set.has('User')).toBe(false);
		expect(set.has('Port')).toBe(false);
	});

	test('drops the user\'s own forwardings and agent/X11 forwarding for this connection', () => {
		expect(set.get('ClearAllForwardings')).toBe('yes');
		expect(set.get('ForwardAgent')).toBe('no');
		expect(set.get('ForwardX11')).toBe('no');
		expect(set.get('RemoteCommand')).toBe('none');
		expect(set.get('StreamLocalBindUnlink')).toBe('yes');
	});

	test('adds keepalives and a connect timeout only when asked (the user\'s config did not set them)', () => {
		expect(set.get('ServerAliveInterval')).toBe('15');
		expect(set.get('ConnectTimeout')).toBe('10');
		const plain = options(masterArgs(targetOf('ssh://box'), '/t/ctl', {keepAlive: false}));
		expect(plain.has('ServerAliveInterval')).toBe(false);
		expect(plain.has('ConnectTimeout')).toBe(false);
	});

	test('runs the probe, with the URL\'s socket path as its argument', () => {
		expect(argv.at(-1)).toBe(probeCommand());
		const withPath = masterArgs(targetOf('ssh://core@host/run/user/1000/podman/podman.sock'), '/t/ctl', {keepAlive: false}, '/run/user/1000/podman/podman.sock');
		expect(withPath.at(-1)).toMatch(/^sh -c '.*' berth \/run\/user\/1000\/podman\/podman\.sock$/);
	});
});

describe('the other ssh runs', () => {
	test('the forward goes to the master only, reading no ssh config (which could add LocalForwards)', () => {
		expect(forwardArgs('/t/ctl', '/t/docker.sock', '/var/run/docker.sock')).toEqual([
			'-F', '/dev/null', '-o', 'ControlPath=/t/ctl', '-O', 'forward', '-L', '/t/docker.sock:/var/run/docker.sock', '--', 'berth',
		]);
	});

	test('the fingerprint run is a batch login with debug output and no control socket', () => {
		const argv = fingerprintArgs(targetOf('ssh://core@box:2222', '/cfg'));
		const set = options(argv);
		expect(set.get('BatchMode')).toBe('yes');
		expect(set.get('LogLevel')).toBe('DEBUG1');
		expect(set.get('ControlPath')).toBe('none');
		expect(argv.slice(0, 6)).toEqual(['-F', '/cfg', '-p', '2222', '-l', 'core']);
		expect(argv.slice(-3)).toEqual(['--', 'box', 'true']);
	});

	test('the command shown in hints is what the user would type', () => {
		expect(loginCommand(targetOf('ssh://box'))).toBe('ssh box');
		expect(loginCommand(targetOf('ssh://core@[::1]:2222', '/my dir/cfg'))).toBe("ssh -F '/my dir/cfg' -p 2222 -l core ::1");
	});
});
