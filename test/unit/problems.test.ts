import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {chmodSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import tls from 'node:tls';
import Docker from 'dockerode';
import {afterAll, describe, expect, test} from 'vitest';
import {EngineError} from '../../source/engine/engine.js';
import type {Endpoint} from '../../source/engine/endpoint.js';
import {checkApiVersion, explainFailure, MIN_API_VERSION} from '../../source/engine/problems.js';

// Self-signed for localhost and 127.0.0.1, valid 2000-2100.
const key = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxf3SIwXWFi183w1y
aEmE5+bmfqd4n62tT7tfzPT7DfOhRANCAAQAFuN2zVS1zxVvegGEEzSl2XGTmsjm
X+WYTIRlJL65qIyRDMqE8pMI2BEo2S9bJT/tu6RJUY/4aZ9gsYZS/o5D
-----END PRIVATE KEY-----
`;
const cert = `-----BEGIN CERTIFICATE-----
MIIBZzCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAAW43bNVLXPFW96
AYQTNKXZcZOayOZf5ZhMhGUkvrmojJEMyoTykwjYESjZL1slP+27pElRj/hpn2Cx
hlL+jkOjTjBMMBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATAPBgNVHRMBAf8E
BTADAQH/MB0GA1UdDgQWBBSq5JFxYX+zyIWvKermjxtv6KF1wTAKBggqhkjOPQQD
AgNIADBFAiBHsb0ENX0+maxUm9eXI53M7hm74ta37kFrzyGWA/GesgIhALDQOkp/
0jTNbHyTb0c9IpJGuDzXVvfzGm6SD5zKzZe8
-----END CERTIFICATE-----
`;

const dir = mkdtempSync(join(tmpdir(), 'berth-problems-'));
const servers: Array<net.Server> = [];

afterAll(async () => {
	for (const server of servers) {
		(server as http.Server).closeAllConnections?.();
		server.close();
	}

	rmSync(dir, {recursive: true, force: true});
});

const unix = (path: string): Endpoint => ({kind: 'unix', path, url: `unix://${path}`, source: {kind: 'default'}});
const tcp = (port: number, extra: Partial<Extract<Endpoint, {kind: 'tcp'}>> = {}): Endpoint => ({
	kind: 'tcp',
	host: '127.0.0.1',
	port,
	url: `tcp://127.0.0.1:${port}`,
	source: {kind: 'env-host'},
	...extra,
});
const ssh = (port: number, user?: string): Endpoint => ({
	kind: 'ssh',
	host: '127.0.0.1',
	port,
	...(user ? {user} : {}),
	url: `ssh://${user ? `${user}@` : ''}127.0.0.1:${port}`,
	source: {kind: 'flag-context', context: 'remote'},
});

async function failure(run: () => unknown): Promise<unknown> {
	try {
		await run();
	} catch (error) {
		return error;
	}

	throw new Error('expected a failure');
}

function connectError(options: net.NetConnectOpts): Promise<Error> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(options);
		socket.once('connect', () => reject(new Error('unexpectedly connected')));
		socket.once('error', resolve);
	});
}

async function listen<T extends net.Server>(server: T, path?: string): Promise<T> {
	servers.push(server);
	if (path) server.listen(path);
	else server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return server;
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function closedPort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const port = portOf(server);
	server.close();
	await once(server, 'close');
	return port;
}

/** A fake engine answering every request with one HTTP status and body. */
async function engineAnswering(status: number, body: string, type = 'application/json'): Promise<number> {
	const server = await listen(http.createServer((_request, response) => response.writeHead(status, {'Content-Type': type}).end(body)));
	return portOf(server);
}

describe('unix sockets', () => {
	test('a missing socket (real ENOENT from net.connect) is socket-missing', async () => {
		const path = join(dir, 'missing.sock');
		const error = await connectError({path});
		expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
		const problem = explainFailure(error, unix(path));
		expect(problem.kind).toBe('socket-missing');
		expect(problem.title).toContain(path);
		expect(problem.detail).toContain(`unix://${path} (default socket)`);
		expect(problem.hint).toContain('systemctl start docker');
	});

	test('dockerode passes the ENOENT through unchanged', async () => {
		const path = join(dir, 'missing-too.sock');
		const error = await failure(() => new Docker({socketPath: path}).ping());
		expect(explainFailure(error, unix(path)).kind).toBe('socket-missing');
	});

	test('a socket the user may not open is permission-denied', async () => {
		const path = join(dir, 'locked.sock');
		await listen(net.createServer(), path);
		chmodSync(path, 0o000);
		// root ignores the mode, so build the error the way Node reports it.
		const error =
			process.getuid?.() === 0
				? Object.assign(new Error(`connect EACCES ${path}`), {code: 'EACCES', errno: -13, syscall: 'connect', address: path})
				: await connectError({path});
		const problem = explainFailure(error, unix(path));
		expect(problem.kind).toBe('permission-denied');
		expect(problem.hint).toContain('sudo usermod -aG docker $USER');
	});

	test('EPERM is permission-denied too', () => {
		const error = Object.assign(new Error('connect EPERM /s'), {code: 'EPERM', syscall: 'connect'});
		expect(explainFailure(error, unix('/s')).kind).toBe('permission-denied');
	});

	test('a stale socket left by a killed daemon is connection-refused', async () => {
		const path = join(dir, 'stale.sock');
		const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`]);
		await once(child.stdout, 'data');
		child.kill('SIGKILL');
		await once(child, 'exit');
		const error = await connectError({path});
		expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
		const problem = explainFailure(error, unix(path));
		expect(problem.kind).toBe('connection-refused');
		expect(problem.hint).toContain('nothing listens');
	});
});

describe('tcp', () => {
	test('a closed port (real ECONNREFUSED) is connection-refused and names the port', async () => {
		const port = await closedPort();
		const error = await connectError({host: '127.0.0.1', port});
		const problem = explainFailure(error, tcp(port));
		expect(problem.kind).toBe('connection-refused');
		expect(problem.hint).toContain(`port ${port} of 127.0.0.1`);
		expect(problem.detail).toContain('from DOCKER_HOST');
	});

	test('an AggregateError from happy-eyeballs connects is read through its members', () => {
		const member = Object.assign(new Error('connect ECONNREFUSED ::1:2375'), {code: 'ECONNREFUSED'});
		expect(explainFailure(new AggregateError([member]), tcp(2375)).kind).toBe('connection-refused');
	});

	test('a request aborted by AbortSignal.timeout is a timeout', async () => {
		const server = await listen(http.createServer(() => undefined));
		// dockerode 5 takes abortSignal; @types/dockerode does not know it yet.
		const docker = new Docker({host: '127.0.0.1', port: portOf(server)}) as unknown as {ping(options: {abortSignal: AbortSignal}): Promise<unknown>};
		const error = await failure(() => docker.ping({abortSignal: AbortSignal.timeout(50)}));
		expect((error as Error).name).toBe('AbortError');
		const problem = explainFailure(error, tcp(portOf(server)));
		expect(problem.kind).toBe('timeout');
		expect(problem.hint).toContain('127.0.0.1 is reachable');
	});

	test.each(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'])('%s is a timeout', code => {
		const error = Object.assign(new Error(`connect ${code} 10.9.9.9:2375`), {code, syscall: 'connect'});
		expect(explainFailure(error, tcp(2375)).kind).toBe('timeout');
	});

	test('an unknown host name is explained', () => {
		const error = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), {code: 'ENOTFOUND'});
		const problem = explainFailure(error, {...tcp(2375), host: 'nope.invalid'} as Endpoint);
		expect(problem.title).toBe('Cannot resolve nope.invalid');
	});
});

describe('TLS', () => {
	test('TLS to a plain-text engine (real "wrong version number")', async () => {
		const server = await listen(net.createServer(socket => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
		const error = await new Promise<Error>(resolve => tls.connect({host: '127.0.0.1', port: portOf(server), rejectUnauthorized: false}).once('error', resolve));
		const problem = explainFailure(error, tcp(portOf(server), {tls: {verify: true}}));
		expect(problem.kind).toBe('tls');
		expect(problem.title).toContain('does not speak TLS');
		expect(problem.hint).toContain('DOCKER_TLS_VERIFY');
	});

	test('a self-signed engine certificate (real verify failure through dockerode)', async () => {
		const server = await listen(tls.createServer({key, cert}, socket => socket.end()));
		const error = await failure(() => new Docker({host: '127.0.0.1', port: portOf(server), protocol: 'https'}).ping());
		const problem = explainFailure(error, tcp(portOf(server), {tls: {verify: true}}));
		expect(problem.kind).toBe('tls');
		expect(problem.title).toMatch(/not accepted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
		expect(problem.hint).toContain('DOCKER_CERT_PATH');
	});

	test('a certificate for another name (real ERR_TLS_CERT_ALTNAME_INVALID)', async () => {
		const server = await listen(tls.createServer({key, cert}, socket => socket.end()));
		const error = await new Promise<Error>(resolve =>
			tls.connect({host: '127.0.0.1', port: portOf(server), ca: cert, servername: 'docker.example'}).once('error', resolve),
		);
		const problem = explainFailure(error, {...tcp(portOf(server), {tls: {verify: true}}), host: 'docker.example'} as Endpoint);
		expect(problem.kind).toBe('tls');
		expect(problem.title).toContain('not valid for docker.example');
	});

	test('an unreadable TLS file (real ENOENT from readFileSync) is tls, not socket-missing', () => {
		const ca = join(dir, 'certs', 'ca.pem');
		const error = (() => {
			try {
				readFileSync(ca);
			} catch (error_) {
				return error_;
			}
		})();
		const problem = explainFailure(error, tcp(2376, {tls: {ca, verify: true}}));
		expect(problem.kind).toBe('tls');
		expect(problem.title).toBe(`Cannot read the TLS file ${ca}`);
	});

	test('a broken key file (ERR_OSSL_*) is tls', () => {
		const error = (() => {
			try {
				tls.createSecureContext({key: 'not a key', cert});
			} catch (error_) {
				return error_;
			}
		})();
		expect(String((error as NodeJS.ErrnoException).code)).toMatch(/^ERR_OSSL_/);
		expect(explainFailure(error, tcp(2376, {tls: {verify: true}})).kind).toBe('tls');
	});

	test('a context\'s TLS problem points at the context', () => {
		const error = Object.assign(new Error('self-signed certificate'), {code: 'DEPTH_ZERO_SELF_SIGNED_CERT'});
		const problem = explainFailure(error, tcp(2376, {tls: {verify: true}, source: {kind: 'env-context', context: 'secure'}}));
		expect(problem.hint).toContain('docker context update secure');
	});
});

describe('HTTP answers from the engine (real docker-modem errors)', () => {
	test('"client version is too old" is api-too-old', async () => {
		const message = 'client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version';
		const port = await engineAnswering(400, JSON.stringify({message}));
		const error = await failure(() => new Docker({host: '127.0.0.1', port}).ping());
		expect((error as {statusCode?: number}).statusCode).toBe(400);
		const problem = explainFailure(error, tcp(port));
		expect(problem.kind).toBe('api-too-old');
		expect(problem.detail).toContain(message);
	});

	test('"client version is too new" is api-too-old, asking for a newer engine', async () => {
		const port = await engineAnswering(400, JSON.stringify({message: 'client version 1.47 is too new. Maximum supported API version is 1.23'}));
		const problem = explainFailure(await failure(() => new Docker({host: '127.0.0.1', port}).ping()), tcp(port));
		expect(problem.kind).toBe('api-too-old');
		expect(problem.hint).toContain('upgrade the Docker Engine');
	});

	test('plain HTTP to a TLS engine is tls', async () => {
		const port = await engineAnswering(400, 'Client sent an HTTP request to an HTTPS server.\n', 'text/plain');
		const problem = explainFailure(await failure(() => new Docker({host: '127.0.0.1', port}).ping()), tcp(port));
		expect(problem.kind).toBe('tls');
		expect(problem.title).toContain('requires TLS');
	});

	test('any other status is other, with the engine\'s own message', async () => {
		const port = await engineAnswering(500, JSON.stringify({message: 'Something broke \u001B[31min the daemon'}));
		const problem = explainFailure(await failure(() => new Docker({host: '127.0.0.1', port}).ping()), tcp(port));
		expect(problem.kind).toBe('other');
		expect(problem.title).toContain('HTTP 500');
		expect(problem.detail).toContain('Something broke [31min the daemon');
		expect(problem.detail).not.toContain('\u001B');
	});
});

describe('ssh (what reaches explainFailure; ssh stderr itself is mapped in ssh-problem.test.ts)', () => {
	test('the ssh program missing is said plainly', () => {
		const error = Object.assign(new Error('spawn ssh ENOENT'), {code: 'ENOENT', syscall: 'spawn ssh', path: 'ssh'});
		const problem = explainFailure(error, ssh(22, 'core'));
		expect(problem.kind).toBe('ssh');
		expect(problem.title).toBe('The ssh program was not found');
		expect(problem.needsUser).toBe(true);
	});

	test('a request cut on the tunnel\'s local socket is blamed on the connection, not on port 22', () => {
		const error = Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'});
		const problem = explainFailure(error, ssh(22, 'core'));
		expect(problem.kind).toBe('ssh');
		expect(problem.title).toBe('The connection to the engine on 127.0.0.1 broke');
		expect(problem.detail).toContain('Tried ssh://core@127.0.0.1:22 (from context "remote" (--context))');
		const refused = explainFailure(Object.assign(new Error('connect ECONNREFUSED /tmp/berth-ssh-x/docker.sock'), {code: 'ECONNREFUSED'}), ssh(22));
		expect(refused.title).toBe('The connection to the engine on 127.0.0.1 broke');
	});

	test('"socket hang up" over tcp is not blamed on ssh', () => {
		const error = Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'});
		expect(explainFailure(error, tcp(2375)).kind).toBe('other');
	});
});

describe('everything else', () => {
	test('an EngineError keeps its problem', () => {
		const problem = {kind: 'unknown-context', title: 't', detail: 'd', hint: 'h'} as const;
		expect(explainFailure(new EngineError(problem), unix('/s'))).toBe(problem);
	});

	test('an unknown error is other with its message and no stack', () => {
		const error = new Error('boom\n    at secret (/app/x.js:1:1)');
		const problem = explainFailure(error, unix('/s'));
		expect(problem.kind).toBe('other');
		expect(problem.detail).toBe('Tried unix:///s (default socket): boom.');
		expect(JSON.stringify(problem)).not.toContain('x.js');
	});

	test('a thrown string is other with that string', () => {
		expect(explainFailure('weird', unix('/s')).detail).toContain('weird');
	});

	test('a user abort is a cancellation, not a timeout', () => {
		const controller = new AbortController();
		controller.abort();
		const problem = explainFailure(controller.signal.reason, unix('/s'));
		expect(problem.kind).toBe('other');
		expect(problem.title).toBe('The request was cancelled');
	});
});

describe('checkApiVersion', () => {
	test('MIN_API_VERSION is 1.24', () => {
		expect(MIN_API_VERSION).toBe('1.24');
	});

	test.each([
		['1.12', true],
		['1.9', true],
		['1.23', true],
		['1.24', false],
		['1.41', false],
		['1.100', false],
		['2.0', false],
		['', false],
		['unknown', false],
	])('%s too old: %s', (version, tooOld) => {
		const problem = checkApiVersion(version, unix('/s'));
		expect(problem?.kind).toBe(tooOld ? 'api-too-old' : undefined);
		if (tooOld) expect(problem?.detail).toContain(`API ${version}`);
	});
});
