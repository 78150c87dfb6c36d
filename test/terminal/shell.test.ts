/**
 * Shells, commands and attach in the built berth, in tmux, against the private engine:
 * keys in, the screen (the container's terminal, then the dashboard again) and the
 * engine's own view (docker inspect) out. The busybox image has no bash, so every `e`
 * here also goes through the fallback to /bin/sh.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {SSHD_ALIAS, startPrivateSshd, type PrivateSshd} from '../support/private-sshd.js';
import {startTcpProxy, type TcpProxy} from '../support/tcp-proxy.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

/** Filters the list down to `name` (so it is the selected row) and waits for it. */
async function selectOnly(session: TmuxSession, name: string): Promise<void> {
	await session.sendKeys('/');
	await session.sendText(name);
	await session.sendKeys('Enter');
	await session.waitFor((screen) => screen.includes(`filter: ${name}`) && new RegExp(`^\\s*${name}\\s`, 'm').test(screen));
}

/** Types a line into the container's terminal. */
async function typeLine(session: TmuxSession, line: string): Promise<void> {
	await session.sendText(line);
	await session.sendKeys('Enter');
}

/**
 * Runs `stty size` in the container's shell until it says rows x cols. The resize reaches the
 * engine as its own request after SIGWINCH (as with docker exec -it): a stty that runs before
 * the engine applied it still says the old size, so ask again. False if it never does.
 */
async function askSizeUntil(session: TmuxSession, rows: number, cols: number): Promise<boolean> {
	for (let attempt = 0; attempt < 8; attempt++) {
		await typeLine(session, 'clear; stty size');
		if (await session.waitFor(new RegExp(`^${rows} ${cols}$`, 'm'), {timeout: 2000}).then(() => true, () => false)) return true;
	}
	return false;
}

/** The dashboard is back: header, column titles and the container's row. */
function dashboardWith(name: string) {
	return (screen: string) => /^berth /m.test(screen) && /^NAME\s/m.test(screen) && new RegExp(`^\\s*${name}\\s.*running`, 'm').test(screen);
}

async function inspectState(docker: EngineClient, name: string): Promise<{Status: string; Running: boolean}> {
	return JSON.parse((await docker.docker(['inspect', '--format', '{{json .State}}', name])).stdout) as {Status: string; Running: boolean};
}

describeWithTerminal('shells and attach in the built berth', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		await docker.run(['sleep', '1000'], ['--name', 'tsh-web']);
		await docker.run(['sh'], ['--name', 'tsh-tty', '-t', '-i']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('e opens a shell (sh: no bash in the image) sized like the pane, follows a resize, ignores Ctrl-C, and exit 3 comes back', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('tsh-web');
		await selectOnly(session, 'tsh-web');
		await session.sendKeys('e');
		// (capture-pane drops the prompt's trailing space)
		const opened = await session.waitFor((screen) => screen.includes('[berth] /bin/sh in tsh-web · exit returns to berth') && /^\/ #$/m.test(screen));
		// bash's failure was answered before the terminal was handed over: never shown.
		expect(opened).not.toContain('OCI runtime');
		expect(opened).not.toMatch(/^NAME\s/m);

		await typeLine(session, 'echo $((6*7))');
		await session.waitFor(/^42$/m);
		const pane = await session.size();
		await typeLine(session, 'stty size');
		await session.waitFor(new RegExp(`^${pane.rows} ${pane.cols}$`, 'm'));

		await session.resize(100, 24);
		expect(await askSizeUntil(session, 24, 100)).toBe(true);

		await typeLine(session, 'sleep 30');
		await session.waitFor(/sleep 30$/m);
		// Let the shell start sleep first: a Ctrl-C that lands at the prompt interrupts nothing.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await session.sendKeys('C-c');
		await typeLine(session, 'echo still-$((1+1))');
		await session.waitFor(/^still-2$/m);
		expect(await session.isAlive()).toBe(true);

		await typeLine(session, 'exit 3');
		const back = await session.waitFor((screen) => dashboardWith('tsh-web')(screen) && screen.includes('shell in tsh-web exited with code 3'));
		expect(back.split('\n').length).toBeLessThanOrEqual(24);
		expect(back).not.toContain('/ #');
		// The dashboard answers keys again: ? opens help.
		await session.sendKeys('?');
		await session.waitFor(/^Keys \(Esc, q or \? to close\)/m);
	});

	it('A attaches to a -t -i container, Ctrl-P Ctrl-Q detaches and it keeps running', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('tsh-tty');
		await selectOnly(session, 'tsh-tty');
		await session.sendKeys('A');
		await session.waitFor('Ctrl-C goes to the container, not berth · Ctrl-P Ctrl-Q detaches');
		await typeLine(session, 'echo $((6*7)); stty size');
		await session.waitFor(/^42\n30 120$/m);
		await session.sendKeys('C-p', 'C-q');
		await session.waitFor((screen) => dashboardWith('tsh-tty')(screen) && screen.includes('detached from tsh-tty; it keeps running'));
		expect(await inspectState(docker, 'tsh-tty')).toMatchObject({Status: 'running', Running: true});
	});

	it('--detach-keys changes the sequence', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host, args: ['--detach-keys', 'ctrl-x,x']});
		await session.waitFor('tsh-tty');
		await selectOnly(session, 'tsh-tty');
		await session.sendKeys('A');
		await session.waitFor('Ctrl-X x detaches');
		await session.sendKeys('C-x', 'x');
		await session.waitFor('detached from tsh-tty; it keeps running');
		expect(await inspectState(docker, 'tsh-tty')).toMatchObject({Running: true});
	});

	it('E runs a typed command as argv, shows its output until a key, then its exit code', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('tsh-web');
		await selectOnly(session, 'tsh-web');
		await session.sendKeys('E');
		await session.waitFor('run in tsh-web:');
		await session.sendText(`sh -c 'echo "a  b" $0; exit 4' '$HOME'`);
		await session.sendKeys('Enter');
		const output = await session.waitFor('[berth] exited with code 4 · press any key to return to berth');
		// Quotes kept the two spaces; $HOME reached sh as a literal argument, not expanded by berth.
		expect(output).toMatch(/^a {2}b \$HOME$/m);
		await session.sendKeys('q');
		await session.waitFor((screen) => dashboardWith('tsh-web')(screen) && screen.includes(`\`sh -c 'echo "a  b" $0; exit 4' '$HOME'\` in tsh-web exited with code 4`));
		// q answered the prompt, it did not quit berth.
		expect(await session.isAlive()).toBe(true);
	});

	it('--shell /nope says it is not found, without leaving the dashboard', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host, args: ['--shell', '/nope']});
		await session.waitFor('tsh-web');
		await selectOnly(session, 'tsh-web');
		await session.sendKeys('e');
		const screen = await session.waitFor('/nope not found in tsh-web (exit 126)');
		expect(dashboardWith('tsh-web')(screen)).toBe(true);
		expect(screen).not.toContain('OCI runtime');
	});

	it('a paused container gets a clear refusal, and --read-only refuses e', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'tsh-paused']);
		await docker.docker(['pause', 'tsh-paused']);
		try {
			session = await startBerth({cols: 120, rows: 30, host: docker.host});
			await session.waitFor('tsh-paused');
			await selectOnly(session, 'tsh-paused');
			await session.sendKeys('e');
			await session.waitFor('tsh-paused is paused: unpause it (p) to open a shell');
			await session.kill();
			session = await startBerth({cols: 120, rows: 30, host: docker.host, args: ['--read-only']});
			await session.waitFor('tsh-web');
			await selectOnly(session, 'tsh-web');
			await session.sendKeys('e');
			await session.waitFor('read-only: shell is disabled');
		} finally {
			await docker.docker(['unpause', 'tsh-paused'], {allowFailure: true});
		}
	});

	describe('over other connections', () => {
		let proxy: TcpProxy;
		let sshd: PrivateSshd;

		beforeAll(async () => {
			proxy = await startTcpProxy(docker.socketPath);
			sshd = await startPrivateSshd({dockerHost: docker.host});
		});

		afterAll(async () => {
			await proxy?.close();
			await sshd?.stop();
		});

		const shellRoundTrip = async (args: string[]) => {
			session = await startBerth({cols: 110, rows: 28, host: docker.host, args});
			await session.waitFor('tsh-web', {timeout: 20_000});
			await selectOnly(session, 'tsh-web');
			await session.sendKeys('e');
			await session.waitFor(/\/bin\/sh in tsh-web/);
			await typeLine(session, 'echo $((6*7)); stty size');
			await session.waitFor(/^42\n28 110$/m);
			await session.resize(90, 20);
			expect(await askSizeUntil(session, 20, 90)).toBe(true);
			await typeLine(session, 'exit 3');
			await session.waitFor((screen) => dashboardWith('tsh-web')(screen) && screen.includes('shell in tsh-web exited with code 3'));
		};

		it('tcp://', async () => {
			await shellRoundTrip(['-H', proxy.host]);
		});

		it('ssh:// (the forwarded socket of one ssh connection)', async () => {
			await shellRoundTrip(['-H', `ssh://${SSHD_ALIAS}`, '--ssh-config', sshd.configFile]);
		});
	});
});
