import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {EngineError, type EngineProblem} from '../../source/engine/engine.js';
import {
	describeSource,
	parseHost,
	resolveEndpoint,
	type Endpoint,
	type EndpointSource,
	type ResolveInput,
} from '../../source/engine/endpoint.js';

const root = mkdtempSync(join(tmpdir(), 'berth-endpoint-'));
const config = join(root, 'config');
const certs = join(root, 'certs');

const sha256 = (name: string) => createHash('sha256').update(name).digest('hex');

function writeContext(name: string, docker: Record<string, unknown> | undefined, tls: string[] = [], dir = config): void {
	const metaDir = join(dir, 'contexts', 'meta', sha256(name));
	mkdirSync(metaDir, {recursive: true});
	const endpoints = docker ? {docker} : {};
	writeFileSync(join(metaDir, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: endpoints}));
	if (tls.length === 0) return;
	const tlsDir = join(dir, 'contexts', 'tls', sha256(name), 'docker');
	mkdirSync(tlsDir, {recursive: true});
	for (const file of tls) writeFileSync(join(tlsDir, file), `${file} of ${name}`);
}

beforeAll(() => {
	mkdirSync(config, {recursive: true});
	mkdirSync(certs, {recursive: true});
	writeFileSync(join(config, 'config.json'), JSON.stringify({auths: {}, currentContext: 'from-config'}));
	writeContext('from-config', {Host: 'tcp://config.example:2375', SkipTLSVerify: false});
	writeContext('from-env', {Host: 'ssh://env@env.example'});
	writeContext('from-flag', {Host: 'unix:///run/flag.sock'});
	writeContext('tls-full', {Host: 'tcp://secure.example:2376', SkipTLSVerify: false}, ['ca.pem', 'cert.pem', 'key.pem']);
	writeContext('tls-skip', {Host: 'tcp://skip.example:2376', SkipTLSVerify: true});
	writeContext('plain-tcp', {Host: 'tcp://plain.example:2375'});
	writeContext('lower-case-keys', {host: 'tcp://lower.example:1234'});
	writeContext('no-host', {SkipTLSVerify: false});
	writeContext('no-docker', undefined);
	writeContext('broken-host', {Host: 'http://example.com'});
	for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, file), file);
});

afterAll(() => {
	rmSync(root, {recursive: true, force: true});
});

function resolve(overrides: Partial<ResolveInput> & {env?: Record<string, string | undefined>}): Endpoint {
	return resolveEndpoint({homeDir: join(root, 'home'), ...overrides, env: {DOCKER_CONFIG: config, ...overrides.env}});
}

function problemOf(run: () => unknown): EngineProblem {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(EngineError);
		return (error as EngineError).problem;
	}

	throw new Error('expected an EngineError');
}

describe('precedence, as the docker CLI resolves it', () => {
	const all = {
		host: 'tcp://flag.example:1',
		env: {DOCKER_HOST: 'tcp://env.example:2', DOCKER_CONTEXT: 'from-env'},
	};
	const cases: Array<{name: string; input: Partial<ResolveInput>; url: string; source: EndpointSource}> = [
		{name: '--host beats DOCKER_HOST, DOCKER_CONTEXT and config', input: all, url: 'tcp://flag.example:1', source: {kind: 'flag-host'}},
		{
			name: '--context beats DOCKER_HOST (cli.go resolveContextName)',
			input: {context: 'from-flag', env: all.env},
			url: 'unix:///run/flag.sock',
			source: {kind: 'flag-context', context: 'from-flag'},
		},
		{name: 'DOCKER_HOST beats DOCKER_CONTEXT and config', input: {env: all.env}, url: 'tcp://env.example:2', source: {kind: 'env-host'}},
		{
			name: 'DOCKER_CONTEXT beats config',
			input: {env: {DOCKER_CONTEXT: 'from-env'}},
			url: 'ssh://env@env.example',
			source: {kind: 'env-context', context: 'from-env'},
		},
		{
			name: 'an empty DOCKER_HOST counts as unset',
			input: {env: {DOCKER_HOST: '', DOCKER_CONTEXT: 'from-env'}},
			url: 'ssh://env@env.example',
			source: {kind: 'env-context', context: 'from-env'},
		},
		{name: 'config.json currentContext', input: {}, url: 'tcp://config.example:2375', source: {kind: 'config-context', context: 'from-config'}},
		{
			name: 'the default socket when nothing is set',
			input: {env: {DOCKER_CONFIG: join(root, 'empty')}},
			url: 'unix:///var/run/docker.sock',
			source: {kind: 'default'},
		},
		{
			name: '--context default uses DOCKER_HOST',
			input: {context: 'default', env: all.env},
			url: 'tcp://env.example:2',
			source: {kind: 'env-host', context: 'default'},
		},
		{
			name: 'DOCKER_CONTEXT=default means the default socket, not config',
			input: {env: {DOCKER_CONTEXT: 'default'}},
			url: 'unix:///var/run/docker.sock',
			source: {kind: 'env-context', context: 'default'},
		},
	];

	test.each(cases)('$name', ({input, url, source}) => {
		const endpoint = resolve(input);
		expect(endpoint.url).toBe(url);
		expect(endpoint.source).toEqual(source);
	});

	test('--host together with --context is refused, as by the CLI', () => {
		const problem = problemOf(() => resolve({host: 'unix:///x.sock', context: 'from-flag'}));
		expect(problem.kind).toBe('bad-host');
		expect(problem.title).toContain('--host and --context');
	});

	test('the config dir defaults to ~/.docker', () => {
		const home = join(root, 'home-with-docker');
		mkdirSync(join(home, '.docker'), {recursive: true});
		writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({currentContext: 'local'}));
		writeContext('local', {Host: 'tcp://local.example:2375'}, [], join(home, '.docker'));
		const endpoint = resolveEndpoint({homeDir: home, env: {}});
		expect(endpoint.url).toBe('tcp://local.example:2375');
		expect(endpoint.source).toEqual({kind: 'config-context', context: 'local'});
	});

	test('a broken config.json is ignored, as the CLI only warns', () => {
		const dir = join(root, 'broken-config');
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'config.json'), '{not json');
		expect(resolve({env: {DOCKER_CONFIG: dir}}).url).toBe('unix:///var/run/docker.sock');
	});

	test('readFile and listDir can replace the file system', () => {
		const files = new Map([
			['/cfg/config.json', '{"currentContext":"mem"}'],
			[`/cfg/contexts/meta/${sha256('mem')}/meta.json`, '{"Name":"mem","Endpoints":{"docker":{"Host":"ssh://mem.example"}}}'],
		]);
		const endpoint = resolveEndpoint({env: {DOCKER_CONFIG: '/cfg'}, homeDir: '/nowhere', readFile: path => files.get(path), listDir: () => []});
		expect(endpoint).toMatchObject({kind: 'ssh', host: 'mem.example', source: {kind: 'config-context', context: 'mem'}});
	});
});

describe('contexts', () => {
	test('context directories are the sha256 of the name, as the CLI stores them', () => {
		// A real CLI path for context "local", seen in a published DOCKER_CERT_PATH.
		expect(sha256('local')).toBe('25bf8e1a2393f1108d37029b3df5593236c755742ec93465bbafa9b290bddcf6');
	});

	test('TLS files of a context are used with verification', () => {
		const endpoint = resolve({context: 'tls-full'});
		const tlsDir = join(config, 'contexts', 'tls', sha256('tls-full'), 'docker');
		expect(endpoint).toMatchObject({kind: 'tcp', host: 'secure.example', port: 2376});
		expect(endpoint.kind === 'tcp' && endpoint.tls).toEqual({
			ca: join(tlsDir, 'ca.pem'),
			cert: join(tlsDir, 'cert.pem'),
			key: join(tlsDir, 'key.pem'),
			verify: true,
		});
	});

	test('SkipTLSVerify turns TLS on without verification', () => {
		const endpoint = resolve({context: 'tls-skip'});
		expect(endpoint.kind === 'tcp' && endpoint.tls).toEqual({verify: false});
	});

	test('a context without TLS material ignores DOCKER_TLS_VERIFY', () => {
		const endpoint = resolve({context: 'plain-tcp', env: {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs}});
		expect(endpoint.kind).toBe('tcp');
		expect(endpoint.kind === 'tcp' && endpoint.tls).toBeUndefined();
	});

	test('meta.json keys match case-insensitively, like Go encoding/json', () => {
		expect(resolve({context: 'lower-case-keys'}).url).toBe('tcp://lower.example:1234');
	});

	test('a context without a host falls back to the default socket', () => {
		expect(resolve({context: 'no-host'})).toMatchObject({kind: 'unix', path: '/var/run/docker.sock', source: {kind: 'flag-context', context: 'no-host'}});
	});

	test('a context without a docker endpoint is a bad host', () => {
		const problem = problemOf(() => resolve({context: 'no-docker'}));
		expect(problem.kind).toBe('bad-host');
		expect(problem.title).toContain('no-docker');
	});

	test('a bad host inside a context names the context', () => {
		const problem = problemOf(() => resolve({context: 'broken-host'}));
		expect(problem.kind).toBe('bad-host');
		expect(problem.detail).toContain('context "broken-host" (--context)');
	});

	test('an unknown context lists the contexts that exist', () => {
		const problem = problemOf(() => resolve({context: 'nope'}));
		expect(problem.kind).toBe('unknown-context');
		expect(problem.title).toContain('"nope"');
		expect(problem.detail).toContain(join(config, 'contexts', 'meta', sha256('nope'), 'meta.json'));
		for (const name of ['default', 'from-config', 'from-env', 'tls-full']) expect(problem.hint).toContain(name);
		expect(problem.hint).not.toContain('DOCKER_CONTEXT');
	});

	test('an unknown DOCKER_CONTEXT suggests unsetting it', () => {
		const problem = problemOf(() => resolve({env: {DOCKER_CONTEXT: 'gone'}}));
		expect(problem.kind).toBe('unknown-context');
		expect(problem.hint).toContain('unset DOCKER_CONTEXT');
	});

	test('an unknown currentContext in config.json is reported, not skipped', () => {
		const dir = join(root, 'stale-current');
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'config.json'), JSON.stringify({currentContext: 'deleted'}));
		const problem = problemOf(() => resolve({env: {DOCKER_CONFIG: dir}}));
		expect(problem.kind).toBe('unknown-context');
		expect(problem.detail).toContain('currentContext');
		expect(problem.hint).toContain('Known contexts: default.');
	});
});

describe('host forms', () => {
	const source: EndpointSource = {kind: 'env-host'};
	const good: Array<[string, Partial<Endpoint>]> = [
		['unix:///var/run/docker.sock', {kind: 'unix', path: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock'}],
		['unix:///run/user/1000/docker.sock', {kind: 'unix', path: '/run/user/1000/docker.sock'}],
		['unix://', {kind: 'unix', path: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock'}],
		['  tcp://10.0.0.5:2375  ', {kind: 'tcp', host: '10.0.0.5', port: 2375, url: 'tcp://10.0.0.5:2375'}],
		['tcp://docker.example', {kind: 'tcp', host: 'docker.example', port: 2375, url: 'tcp://docker.example:2375'}],
		['tcp://docker.example:80/', {kind: 'tcp', host: 'docker.example', port: 80}],
		['tcp://[::1]:2376', {kind: 'tcp', host: '::1', port: 2376, url: 'tcp://[::1]:2376'}],
		['tcp://[fe80::1]', {kind: 'tcp', host: 'fe80::1', port: 2375, url: 'tcp://[fe80::1]:2375'}],
		['ssh://host.example', {kind: 'ssh', host: 'host.example', url: 'ssh://host.example'}],
		['ssh://core@host.example', {kind: 'ssh', user: 'core', host: 'host.example', url: 'ssh://core@host.example'}],
		['ssh://core@host.example:2222', {kind: 'ssh', user: 'core', host: 'host.example', port: 2222}],
		[
			'ssh://core@host/run/user/1000/podman/podman.sock',
			{kind: 'ssh', user: 'core', host: 'host', path: '/run/user/1000/podman/podman.sock', url: 'ssh://core@host/run/user/1000/podman/podman.sock'},
		],
		['ssh://[::1]:2222', {kind: 'ssh', host: '::1', port: 2222, url: 'ssh://[::1]:2222'}],
		['ssh://me%40corp@host', {kind: 'ssh', user: 'me@corp', host: 'host'}],
		// Without a scheme, and with an empty host, as the docker CLI dials them.
		['localhost:2375', {kind: 'tcp', host: 'localhost', port: 2375, url: 'tcp://localhost:2375'}],
		['docker.example', {kind: 'tcp', host: 'docker.example', port: 2375, url: 'tcp://docker.example:2375'}],
		['[::1]:2376', {kind: 'tcp', host: '::1', port: 2376}],
		['tcp://', {kind: 'tcp', host: 'localhost', port: 2375, url: 'tcp://localhost:2375'}],
		['tcp://:2376', {kind: 'tcp', host: 'localhost', port: 2376}],
	];

	test.each(good)('%s', (raw, expected) => {
		const endpoint = parseHost(raw, source);
		expect(endpoint).toMatchObject({...expected, source});
	});

	test('ssh without user or port leaves them undefined (local user, port 22)', () => {
		const endpoint = parseHost('ssh://box', source);
		expect(endpoint.kind === 'ssh' && [endpoint.user, endpoint.port, endpoint.path]).toEqual([undefined, undefined, undefined]);
	});

	const bad: Array<[string, string, string?]> = [
		['/var/run/docker.sock', 'no scheme', 'unix:///var/run/docker.sock'],
		['', 'empty'],
		['http://x', 'not a Docker host scheme', 'tcp://x'],
		['tcp://host:99999', 'cannot be parsed'],
		['tcp://host:2375/v1.41', 'path'],
		['tcp://user@host:2375', 'no user'],
		['tcp://bad host:1', 'cannot be parsed'],
		['ssh://', 'names no host'],
		['ssh://u:secret@host', 'password'],
		['ssh://host?x=1', 'query'],
		['npipe:////./pipe/docker_engine', 'Windows named pipe'],
		['fd://', 'systemd'],
		['gopher://x', 'not supported'],
		['unix://unix:///x', 'second scheme'],
	];

	test.each(bad)('%s is a bad host (%s)', (raw, reason, suggestion) => {
		const problem = problemOf(() => parseHost(raw, source));
		expect(problem.kind).toBe('bad-host');
		expect(problem.title).toBe(`"${raw}" is not a valid Docker host`);
		expect(problem.detail).toContain(reason);
		expect(problem.detail).toContain('from DOCKER_HOST');
		expect(problem.hint).toContain('unix:///var/run/docker.sock');
		expect(problem.hint).toContain('ssh://user@host');
		if (suggestion) expect(problem.hint).toContain(`Did you mean ${suggestion}?`);
	});

	test('a bad --host is reported with its source', () => {
		const problem = problemOf(() => resolve({host: 'gopher://foo'}));
		expect(problem.detail).toContain('from --host');
	});
});

describe('TLS from the environment', () => {
	test('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH verifies with those files', () => {
		const endpoint = resolve({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs}});
		expect(endpoint.kind === 'tcp' && endpoint.tls).toEqual({
			ca: join(certs, 'ca.pem'),
			cert: join(certs, 'cert.pem'),
			key: join(certs, 'key.pem'),
			verify: true,
		});
	});

	test('any non-empty DOCKER_TLS_VERIFY verifies, even "0", as in the CLI', () => {
		const endpoint = resolve({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: certs}});
		expect(endpoint.kind === 'tcp' && endpoint.tls?.verify).toBe(true);
	});

	test('DOCKER_TLS alone means TLS without verification', () => {
		const endpoint = resolve({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs}});
		expect(endpoint.kind === 'tcp' && endpoint.tls?.verify).toBe(false);
	});

	test('without DOCKER_CERT_PATH the config dir is used; missing cert and key are dropped, ca is kept', () => {
		const endpoint = resolve({host: 'tcp://h:2376', env: {DOCKER_TLS_VERIFY: '1'}});
		expect(endpoint.kind === 'tcp' && endpoint.tls).toEqual({ca: join(config, 'ca.pem'), verify: true});
	});

	test('no TLS variables, no TLS', () => {
		const endpoint = resolve({host: 'tcp://h:2376', env: {DOCKER_CERT_PATH: certs}});
		expect(endpoint.kind === 'tcp' && endpoint.tls).toBeUndefined();
	});

	test('TLS with nothing else set dials tcp://localhost:2376, as the CLI does', () => {
		const endpoint = resolve({env: {DOCKER_CONFIG: join(root, 'empty'), DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs}});
		expect(endpoint).toMatchObject({kind: 'tcp', host: 'localhost', port: 2376, url: 'tcp://localhost:2376'});
	});

	test('TLS variables do not apply to unix or ssh hosts', () => {
		const env = {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs};
		expect(resolve({host: 'unix:///x.sock', env})).not.toHaveProperty('tls');
		expect(resolve({host: 'ssh://u@h', env})).not.toHaveProperty('tls');
	});
});

describe('describeSource', () => {
	test.each<[EndpointSource, string]>([
		[{kind: 'flag-host'}, 'from --host'],
		[{kind: 'env-host'}, 'from DOCKER_HOST'],
		[{kind: 'env-host', context: 'default'}, 'from DOCKER_HOST (context "default")'],
		[{kind: 'flag-context', context: 'remote'}, 'from context "remote" (--context)'],
		[{kind: 'env-context', context: 'remote'}, 'from context "remote" (DOCKER_CONTEXT)'],
		[{kind: 'config-context', context: 'remote'}, 'from context "remote" (docker context use)'],
		[{kind: 'default'}, 'default socket'],
	])('%j', (source, text) => {
		expect(describeSource(source)).toBe(text);
	});
});
