import {spawnSync} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {describeOrigin, isSafeRemotePath, parseProbe, probeCommand} from '../../source/engine/ssh-probe.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-unit-probe-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** Runs the probe command as a login shell would (`sh -c '<command>'`), stdin closed, with env. */
function runProbe(path: string | undefined, env: Record<string, string>, shell = 'sh'): string {
	const result = spawnSync(shell, ['-c', probeCommand(path)], {env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, DOCKER_CONFIG: dir, ...env}, input: '', encoding: 'utf8'});
	return result.stdout;
}

describe('the remote probe, run by a real sh', () => {
	const socket = join(dir, 'engine.sock');
	const plain = join(dir, 'plain-file');
	writeFileSync(plain, '');
	const server = net.createServer().listen(socket);
	afterAll(() => server.close());

	test('the URL\'s path wins over DOCKER_HOST, as with the CLI\'s `docker --host unix://PATH system dial-stdio`', () => {
		const report = parseProbe(runProbe(socket, {DOCKER_HOST: 'unix:///elsewhere.sock'}));
		expect(report).toEqual({origin: {kind: 'url'}, host: '', path: socket, state: 'ok'});
	});

	test('the remote\'s DOCKER_HOST, then the default socket', () => {
		expect(parseProbe(runProbe(undefined, {DOCKER_HOST: `unix://${socket}`}))).toMatchObject({origin: {kind: 'env'}, path: socket, state: 'ok'});
		// An empty DOCKER_CONFIG dir: the docker CLI (when installed) reports its "default" context.
		const fallback = parseProbe(runProbe(undefined, {}));
		expect(fallback).toMatchObject({origin: {kind: 'default'}, path: '/var/run/docker.sock'});
		expect(parseProbe(runProbe(undefined, {DOCKER_HOST: 'unix://'}))?.path).toBe('/var/run/docker.sock');
	});

	test('missing, not a socket, not unix', () => {
		expect(parseProbe(runProbe('/nonexistent/docker.sock', {}))?.state).toBe('missing');
		expect(parseProbe(runProbe(plain, {}))?.state).toBe('not-socket');
		expect(parseProbe(runProbe(undefined, {DOCKER_HOST: 'tcp://10.0.0.2:2375'}))).toMatchObject({state: 'not-unix', host: 'tcp://10.0.0.2:2375', path: ''});
	});

	test('a socket this user may not open, or in a directory it may not enter, is "denied"', () => {
		if (process.getuid?.() !== 0) return;
		const asNobody = (path: string) => parseProbe(spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', probeCommand(path)], {input: '', encoding: 'utf8'}).stdout)?.state;
		chmodSync(dir, 0o700);
		expect(asNobody(socket)).toBe('denied');
		chmodSync(dir, 0o755);
		chmodSync(socket, 0o600);
		try {
			expect(asNobody(socket)).toBe('denied');
		} finally {
			chmodSync(dir, 0o700);
		}
	});

	test('waits on stdin after reporting, so it ends when berth does', () => {
		const result = spawnSync('sh', ['-c', probeCommand(socket)], {input: 'ignored\n', encoding: 'utf8', timeout: 5000});
		expect(result.status).toBe(0);
	});

	test('the same report through other login shells (bash, dash) when installed', () => {
		for (const shell of ['/bin/bash', '/bin/dash']) {
			const result = spawnSync(shell, ['-c', probeCommand(socket)], {input: '', encoding: 'utf8'});
			if (result.error) continue;
			expect(parseProbe(result.stdout)?.state).toBe('ok');
		}
	});
});

describe('parseProbe', () => {
	test('ignores what rc files print around the report, and waits for the end marker', () => {
		const text = 'Welcome!\nberth-probe-1\nfrom=context remote\nhost=unix:///run/x.sock\npath=/run/x.sock\nstate=ok\n';
		expect(parseProbe(text)).toBeUndefined();
		const report = parseProbe(`${text}berth-probe-end\n`);
		expect(report).toEqual({origin: {kind: 'context', name: 'remote'}, host: 'unix:///run/x.sock', path: '/run/x.sock', state: 'ok'});
		expect(describeOrigin(report!)).toBe('the remote docker CLI\'s context "remote" (unix:///run/x.sock)');
	});

	test('the "default" context is the default socket', () => {
		const report = parseProbe('berth-probe-1\nfrom=context default\nhost=unix:///var/run/docker.sock\npath=/var/run/docker.sock\nstate=missing\nberth-probe-end\n');
		expect(report?.origin).toEqual({kind: 'default'});
	});

	test('no report at all (a forced command ran instead)', () => {
		expect(parseProbe('This account is currently not available.\n')).toBeUndefined();
	});
});

describe('remote paths berth will pass to ssh', () => {
	test.each([
		['/var/run/docker.sock', true],
		['/run/user/1000/podman/podman.sock', true],
		['/home/me/.docker/run/docker.sock', true],
		['/tmp/a b.sock', false],
		["/tmp/it's.sock", false],
		['/tmp/a:b.sock', false],
		['/tmp/$(reboot).sock', false],
		['relative.sock', false],
	])('%s → %s', (path, safe) => {
		expect(isSafeRemotePath(path)).toBe(safe);
	});

	test('the probe refuses an unsafe one outright', () => {
		expect(() => probeCommand('/tmp/$(x)')).toThrow();
	});
});
