import {describe, expect, test} from 'vitest';
import type {Endpoint} from '../../source/engine/endpoint.js';
import {errorFacts} from '../../source/engine/error-facts.js';
import {parseSshSettings} from '../../source/engine/ssh-config.js';
import {parseProbe} from '../../source/engine/ssh-probe.js';
import {
	forwardProblem,
	hostKeyFromDebug,
	noProbeProblem,
	probeProblem,
	remoteSaid,
	sshStartProblem,
	tunnelRequestProblem,
	type SshContext,
} from '../../source/engine/ssh-problem.js';

// stderr below is what OpenSSH 9.2 printed for each case (loopback sshd, BatchMode=yes).
const endpoint: Extract<Endpoint, {kind: 'ssh'}> = {kind: 'ssh', host: 'myalias', url: 'ssh://myalias', source: {kind: 'flag-host'}};
const context: SshContext = {
	endpoint,
	target: {host: 'myalias', configFile: '/t/ssh_config'},
	settings: parseSshSettings('user root\nhostname 127.0.0.1\nport 2412\nuserknownhostsfile /t/known_hosts\n'),
};

describe('ssh failed to log in', () => {
	test('unknown host key: refused, with the fingerprint and how to trust it', () => {
		const stderr = 'Host key verification failed.\r\n';
		const key = hostKeyFromDebug('debug1: kex: host key algorithm: ssh-ed25519\ndebug1: Server host key: ssh-ed25519 SHA256:bTcGvqfKRDjsiSjFlW4ZOvOHIJvdEDjv9C5Yu68iLDs\n');
		expect(key).toEqual({type: 'ED25519', fingerprint: 'SHA256:bTcGvqfKRDjsiSjFlW4ZOvOHIJvdEDjv9C5Yu68iLDs'});
		const problem = sshStartProblem(stderr, context, key);
		expect(problem.title).toBe('The SSH host key of 127.0.0.1 port 2412 is not known');
		expect(problem.detail).toContain('its ED25519 key has fingerprint SHA256:bTcGvqfKRDjsiSjFlW4ZOvOHIJvdEDjv9C5Yu68iLDs');
		expect(problem.detail).toContain('Tried ssh://myalias (from --host), as root@127.0.0.1 port 2412');
		expect(problem.detail).toContain('ssh said: "Host key verification failed."');
		expect(problem.hint).toContain('`ssh -F /t/ssh_config myalias true` once and answer yes');
		expect(problem.hint).toContain('ssh-keyscan -p 2412 127.0.0.1 >> /t/known_hosts');
		expect(problem.needsUser).toBe(true);
	});

	test('StrictHostKeyChecking yes says so in its own words; still the same problem', () => {
		const stderr = 'No ED25519 host key is known for [127.0.0.1]:2412 and you have requested strict checking.\nHost key verification failed.\n';
		expect(sshStartProblem(stderr, context).title).toBe('The SSH host key of 127.0.0.1 port 2412 is not known');
	});

	test('a changed host key: ssh\'s fingerprint and its own removal command', () => {
		const stderr = [
			'@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
			'@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
			'@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
			'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
			'The fingerprint for the ED25519 key sent by the remote host is',
			'SHA256:bTcGvqfKRDjsiSjFlW4ZOvOHIJvdEDjv9C5Yu68iLDs.',
			'Add correct host key in /t/known_hosts to get rid of this message.',
			'Offending ED25519 key in /t/known_hosts:1',
			'  remove with:',
			'  ssh-keygen -f "/t/known_hosts" -R "[127.0.0.1]:2412"',
			'Host key for [127.0.0.1]:2412 has changed and you have requested strict checking.',
			'Host key verification failed.',
		].join('\n');
		const problem = sshStartProblem(stderr, context);
		expect(problem.title).toBe('The SSH host key of 127.0.0.1 port 2412 has CHANGED');
		expect(problem.detail).toContain('SHA256:bTcGvqfKRDjsiSjFlW4ZOvOHIJvdEDjv9C5Yu68iLDs');
		expect(problem.hint).toContain('`ssh-keygen -f "/t/known_hosts" -R "[127.0.0.1]:2412"`');
		expect(problem.needsUser).toBe(true);
	});

	test('authentication refused: what the server allows, and that berth cannot prompt', () => {
		const problem = sshStartProblem('root@127.0.0.1: Permission denied (publickey,password).\n', context);
		expect(problem.title).toBe('SSH login to 127.0.0.1 port 2412 as root was refused');
		expect(problem.detail).toContain('(it allows: publickey,password)');
		expect(problem.detail).toContain('cannot ask for a password or a key passphrase');
		expect(problem.hint).toContain('ssh-add');
		expect(problem.needsUser).toBe(true);
	});

	test('refused port, unknown name, no route: each says so and is retried', () => {
		const refused = sshStartProblem('ssh: connect to host 127.0.0.1 port 2412: Connection refused\n', context);
		expect(refused.title).toBe('SSH connection refused by 127.0.0.1 port 2412');
		expect(refused.needsUser).toBeUndefined();
		const dns = sshStartProblem('ssh: Could not resolve hostname nope.invalid: Name or service not known\n', context);
		expect(dns.title).toBe('Cannot resolve the SSH host 127.0.0.1');
		const route = sshStartProblem('ssh: connect to host 10.9.9.9 port 22: Connection timed out\n', context);
		expect(route.kind).toBe('timeout');
	});

	test('a broken ssh config stops before connecting and needs the user', () => {
		const problem = sshStartProblem('/t/ssh_config: line 3: Bad configuration option: identityfle\n/t/ssh_config: terminating, 1 bad configuration options\n', context);
		expect(problem.title).toBe('ssh cannot use its configuration');
		expect(problem.detail).toContain('line 3: Bad configuration option: identityfle');
		expect(problem.needsUser).toBe(true);
	});

	test('a server that hangs up during the login (MaxStartups, DenyUsers)', () => {
		const problem = sshStartProblem('kex_exchange_identification: Connection closed by remote host\nConnection closed by 127.0.0.1 port 2412\n', context);
		expect(problem.title).toBe('127.0.0.1 port 2412 closed the connection during the SSH login');
	});

	test('anything else quotes ssh and suggests the same command by hand', () => {
		const problem = sshStartProblem('something new\n', context);
		expect(problem.title).toBe('SSH connection to 127.0.0.1 port 2412 failed');
		expect(problem.detail).toContain('ssh said: "something new"');
		expect(problem.hint).toContain('ssh -F /t/ssh_config myalias true');
	});

	test('without ssh -G settings, the URL host is named', () => {
		expect(sshStartProblem('ssh: connect to host box port 22: Connection refused', {endpoint, target: {host: 'box'}}).title).toBe('SSH connection refused by box');
	});
});

describe('logged in, but the engine cannot be reached', () => {
	const report = (lines: string) => parseProbe(`berth-probe-1\n${lines}\nberth-probe-end\n`)!;

	test('no socket where the remote\'s DOCKER_HOST points', () => {
		const problem = probeProblem(report('from=env\nhost=unix:///run/docker.sock\npath=/run/docker.sock\nstate=missing'), context)!;
		expect(problem.kind).toBe('socket-missing');
		expect(problem.title).toBe('No Docker socket at /run/docker.sock on 127.0.0.1');
		expect(problem.detail).toContain("the socket path comes from the remote's DOCKER_HOST (unix:///run/docker.sock)");
		expect(problem.hint).toContain('ssh -F /t/ssh_config myalias docker version');
		expect(problem.hint).toContain('ssh://myalias/run/user/1000/docker.sock');
	});

	test('permission denied on the socket names the user and the docker group', () => {
		const problem = probeProblem(report('from=default\nhost=unix:///var/run/docker.sock\npath=/var/run/docker.sock\nstate=denied'), context)!;
		expect(problem.kind).toBe('permission-denied');
		expect(problem.title).toBe('root may not open /var/run/docker.sock on 127.0.0.1');
		expect(problem.hint).toContain('usermod -aG docker root');
	});

	test('a tcp:// DOCKER_HOST on the remote cannot be forwarded', () => {
		const problem = probeProblem(report('from=env\nhost=tcp://0.0.0.0:2375\npath=\nstate=not-unix'), context)!;
		expect(problem.kind).toBe('bad-host');
		expect(problem.title).toContain('tcp://0.0.0.0:2375');
	});

	test('a usable socket is no problem', () => {
		expect(probeProblem(report('from=url\nhost=\npath=/x.sock\nstate=ok'), context)).toBeUndefined();
	});

	test('the probe never ran: what the remote said instead', () => {
		const problem = noProbeProblem('This account is currently not available.\n', '', context);
		expect(problem.detail).toContain('The remote said: "This account is currently not available."');
		expect(problem.hint).toContain('ForceCommand');
	});

	test('the forward could not be added', () => {
		expect(forwardProblem('mux_client_forward: forwarding request failed: Port forwarding failed', context, '/var/run/docker.sock').detail).toContain('Port forwarding failed');
	});
});

describe('a request through a running tunnel failed', () => {
	const reset = errorFacts(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}));

	test('sshd could not open the socket (the engine went away)', () => {
		const problem = tunnelRequestProblem(reset, context, {up: true, stderr: 'channel 2: open failed: connect failed: open failed\r\n', remotePath: '/var/run/docker.sock'});
		expect(problem?.title).toBe('sshd on 127.0.0.1 could not open /var/run/docker.sock');
		expect(problem?.detail).toContain('ssh said: "channel 2: open failed: connect failed: open failed"');
	});

	test('sshd forbids socket forwarding', () => {
		const problem = tunnelRequestProblem(reset, context, {up: true, stderr: 'channel 3: open failed: administratively prohibited: open failed\n'});
		expect(problem?.title).toBe('sshd on 127.0.0.1 does not allow forwarding to the engine socket');
		expect(problem?.hint).toContain('AllowStreamLocalForwarding');
	});

	test('the SSH connection itself ended', () => {
		const problem = tunnelRequestProblem(reset, context, {up: false, stderr: 'Connection to 127.0.0.1 closed by remote host.\n'});
		expect(problem?.title).toBe('The SSH connection to 127.0.0.1 port 2412 was lost');
		expect(problem?.detail).toContain('Connection to 127.0.0.1 closed by remote host.');
	});

	test('nothing wrong on the ssh side, or an HTTP answer: no opinion', () => {
		expect(tunnelRequestProblem(reset, context, {up: true, stderr: ''})).toBeUndefined();
		const http = errorFacts(Object.assign(new Error('(HTTP code 404) no such container'), {statusCode: 404}));
		expect(tunnelRequestProblem(http, context, {up: false, stderr: ''})).toBeUndefined();
	});
});

test('what ssh said: the last meaningful lines, without debug output, notes or banner art', () => {
	const stderr = 'debug1: x\nWarning: Permanently added \'[h]:22\' (ED25519) to the list of known hosts.\n@@@@@\nfirst\n\u001b[31msecond\u001b[0m\nthird\nfourth\n';
	expect(remoteSaid(stderr)).toBe('second / third / fourth');
	expect(remoteSaid(stderr)).not.toContain('\u001b');
});
