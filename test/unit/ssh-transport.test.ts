/**
 * The transport's start-up paths with a fake `ssh` (a shell script that plays one
 * scenario): no sshd needed. The real thing is in test/engine/ssh-engine.test.ts.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {EngineError, type EngineProblem} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {sweepAbandoned} from '../../source/engine/ssh-dir.js';
import {createSshTransport, type SshTransportOptions} from '../../source/engine/ssh-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-fake-ssh-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A fake ssh: `ssh -G` prints settings; the master login runs `master` (sh); the fingerprint run prints a debug line. */
function fakeSsh(name: string, master: string): string {
	const path = join(dir, name);
	writeFileSync(
		path,
		[
			'#!/bin/sh',
			`echo "$$" >> ${dir}/${name}.pids`,
			'case " $* " in',
			'  *" -G "*) printf "user core\\nhostname 10.0.0.5\\nport 22\\nserveraliveinterval 0\\nconnecttimeout none\\nuserknownhostsfile /k/known_hosts\\n"; exit 0;;',
			'  *"LogLevel=DEBUG1"*) echo "debug1: Server host key: ssh-ed25519 SHA256:FAKEfingerprint0123456789abcdefghijklmnopqr" >&2; echo "Host key verification failed." >&2; exit 255;;',
			'esac',
			master,
			'',
		].join('\n'),
		{mode: 0o755},
	);
	return path;
}

async function startProblem(options: SshTransportOptions, url = 'ssh://box'): Promise<EngineProblem> {
	const endpoint = parseHost(url, {kind: 'flag-host'});
	if (endpoint.kind !== 'ssh') throw new Error('not ssh');
	const transport = createSshTransport(endpoint, options);
	try {
		await transport.ensure();
	} catch (error) {
		if (error instanceof EngineError) return error.problem;
		throw error;
	} finally {
		transport.close();
	}

	throw new Error('ensure() did not fail');
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z');
	} catch {
		return false;
	}
}

describe('starting the ssh connection fails clearly', () => {
	test('no ssh program', async () => {
		const problem = await startProblem({program: join(dir, 'no-such-ssh')});
		expect(problem.title).toBe('The ssh program was not found');
		expect(problem.needsUser).toBe(true);
	});

	test('authentication refused (exit 255)', async () => {
		const problem = await startProblem({program: fakeSsh('auth', 'echo "core@10.0.0.5: Permission denied (publickey)." >&2; exit 255')});
		expect(problem.title).toBe('SSH login to 10.0.0.5 port 22 as core was refused');
		expect(problem.detail).toContain('as core@10.0.0.5 port 22');
	});

	test('an unknown host key: the fingerprint comes from a debug re-run', async () => {
		const problem = await startProblem({program: fakeSsh('hostkey', 'echo "Host key verification failed." >&2; exit 255')});
		expect(problem.title).toBe('The SSH host key of 10.0.0.5 port 22 is not known');
		expect(problem.detail).toContain('SHA256:FAKEfingerprint0123456789abcdefghijklmnopqr');
		expect(problem.hint).toContain('ssh-keyscan -p 22 10.0.0.5 >> /k/known_hosts');
	});

	test('logged in, but a forced command ran instead of the probe', async () => {
		const problem = await startProblem({program: fakeSsh('forced', 'echo "This account is currently not available."; exit 1')});
		expect(problem.title).toBe('Logged in to 10.0.0.5 over SSH, but berth\'s check did not run there');
		expect(problem.detail).toContain('This account is currently not available.');
	});

	test('no answer in time: a timeout, and the ssh process is gone', async () => {
		const program = fakeSsh('hang', 'exec sleep 30');
		const problem = await startProblem({program, startTimeoutMs: 400});
		expect(problem.kind).toBe('timeout');
		expect(problem.title).toBe('No answer from 10.0.0.5 port 22 over SSH');
		const pids = readFileSync(join(dir, 'hang.pids'), 'utf8').trim().split('\n').map(Number);
		await expect.poll(() => pids.filter(alive), {timeout: 2000}).toEqual([]);
	});

	test('a remote socket path that cannot be passed safely is refused before running ssh', async () => {
		const program = fakeSsh('unsafe', 'exit 0');
		const problem = await startProblem({program}, 'ssh://box/tmp/a%20b.sock');
		expect(problem.kind).toBe('bad-host');
	});

	test('a private dir whose berth is gone is removed by the next one; live or unowned ones stay', () => {
		const base = mkdtempSync(join(tmpdir(), 'berth-sweep-'));
		const dead = spawnSync('true').pid!;
		const make = (name: string, owner?: number) => {
			mkdirSync(join(base, name));
			if (owner !== undefined) writeFileSync(join(base, name, 'owner'), `${owner}\n`);
		};
		make('berth-ssh-dead01', dead);
		make('berth-ssh-live01', process.pid);
		make('berth-ssh-noown1');
		make('berth-ssh-dead-but-other-name', dead);
		sweepAbandoned(base);
		expect(readdirSync(base).sort()).toEqual(['berth-ssh-dead-but-other-name', 'berth-ssh-live01', 'berth-ssh-noown1']);
		rmSync(base, {recursive: true, force: true});
	});

	test('close() removes the private directory', () => {
		const endpoint = parseHost('ssh://box', {kind: 'flag-host'});
		if (endpoint.kind !== 'ssh') throw new Error('not ssh');
		const transport = createSshTransport(endpoint);
		expect(existsSync(join(transport.socketPath, '..'))).toBe(true);
		transport.close();
		expect(existsSync(join(transport.socketPath, '..'))).toBe(false);
	});
});
