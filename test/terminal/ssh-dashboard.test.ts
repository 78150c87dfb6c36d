/**
 * The built berth in tmux with `-H ssh://<alias>` and the test's own ssh config
 * (--ssh-config), through a private sshd in front of the run's private engine.
 */
import {readdirSync, readFileSync, rmSync} from 'node:fs';
import {dirname} from 'node:path';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {SSHD_ALIAS, startPrivateSshd, type PrivateSshd} from '../support/private-sshd.js';
import {berthCommand, startBerth, startTmux, type TmuxSession} from '../support/tmux.js';

/** ssh processes anywhere on the machine that use this test's sshd dir (berth runs under tmux, not under us). */
function sshProcesses(sshd: PrivateSshd): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
			if (state !== 'Z' && argv[0]?.endsWith('ssh') && argv.some((arg) => arg.startsWith(sshd.dir))) found.push(Number(entry));
		} catch {
			// exited meanwhile
		}
	}

	return found;
}

describeWithTerminal('the built berth over ssh:// in tmux', (docker: EngineClient) => {
	let sshd: PrivateSshd;
	let session: TmuxSession | undefined;
	const berth = (configFile = sshd.configFile) =>
		startBerth({cols: 120, rows: 30, host: docker.host, args: ['-H', `ssh://${SSHD_ALIAS}`, '--ssh-config', configFile]});
	// Under a shell that prints berth's exit status: tmux 3.3a sometimes leaves an exited pane
	// process unreaped (a zombie, no #{pane_dead_status}) for seconds, whatever the program.
	const berthUnderShell = (configFile = sshd.configFile) =>
		startTmux({
			cols: 120,
			rows: 30,
			command: ['sh', '-c', `${berthCommand(['-H', `ssh://${SSHD_ALIAS}`, '--ssh-config', configFile]).map((part) => `'${part}'`).join(' ')}; echo "berth exited $?"; sleep 60`],
			env: {DOCKER_HOST: docker.host},
		});

	beforeAll(async () => {
		sshd = await startPrivateSshd({dockerHost: docker.host});
		await docker.run(['sleep', '1000'], ['--name', 'ssh-term-one']);
		await docker.run(['sh', '-c', 'exit 4'], ['--name', 'ssh-term-two']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	afterAll(async () => {
		await sshd?.stop();
	});

	it('shows the ssh endpoint in the header and the containers; q leaves no ssh behind', async () => {
		session = await berthUnderShell();
		const screen = await session.waitFor((text) => text.includes('ssh-term-one') && text.includes('ssh-term-two'), {timeout: 20_000});
		expect(screen).toContain(`ssh://${SSHD_ALIAS} (from --host)`);
		expect(screen).toContain('● live');
		expect(screen).toMatch(/ssh-term-two.*exited\s+Exited \(4\)/);
		expect(sshProcesses(sshd)).toHaveLength(1);
		await session.sendKeys('q');
		await session.waitFor('berth exited 0', {timeout: 15_000});
		await expect.poll(() => sshProcesses(sshd), {timeout: 5000}).toEqual([]);
	});

	it('if berth is killed with SIGKILL, its ssh still ends (it waits on berth\'s pipe)', async () => {
		session = await berth();
		await session.waitFor('ssh-term-one', {timeout: 20_000});
		const [ssh] = sshProcesses(sshd);
		expect(ssh).toBeDefined();
		const controlPath = readFileSync(`/proc/${ssh}/cmdline`, 'utf8').split('\0').find((arg) => arg.startsWith('ControlPath='));
		process.kill(session.pid, 'SIGKILL');
		await expect.poll(() => sshProcesses(sshd), {timeout: 10_000}).toEqual([]);
		// berth had no chance to remove its private dir: do it for it.
		if (controlPath) rmSync(dirname(controlPath.slice('ControlPath='.length)), {recursive: true, force: true});
	});

	it('an unknown host key: the problem and the fingerprint are printed, and berth exits before the UI', async () => {
		const config = await sshd.clientConfig('term-unknown', {knownHosts: 'empty'});
		session = await berthUnderShell(config);
		const screen = await session.waitFor('berth exited 1', {timeout: 20_000});
		expect(screen).toContain('is not known');
		expect(screen.replaceAll('\n', '')).toContain(sshd.hostKeyFingerprint);
		expect(sshProcesses(sshd)).toEqual([]);
	});
});
