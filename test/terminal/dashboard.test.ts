import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {berthCommand, startBerth, startTmux, type TmuxSession} from '../support/tmux.js';

const run = promisify(execFile);

/** A tmux format value of the session's pane, e.g. #{alternate_on}. */
async function paneFormat(session: TmuxSession, format: string): Promise<string> {
	const {stdout} = await run('tmux', ['-S', session.socket, 'display-message', '-p', format]);
	return stdout.trim();
}

/** The screen line that shows `text`, with its escapes (to see the selection's inverse video). */
async function lineWith(session: TmuxSession, text: string): Promise<string> {
	const screen = await session.captureEscapes();
	return screen.split('\n').find((line) => line.includes(text)) ?? '';
}

const inverse = /\u001b\[(?:[\d;]*;)?7m/;

describeWithTerminal('the built berth in tmux against the private engine', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		await docker.run(['sleep', '1000'], ['--name', 'term-alpha', '--label', 'com.docker.compose.project=shop', '--label', 'com.docker.compose.service=web']);
		await docker.run(['sleep', '1000'], ['--name', 'term-beta']);
		await docker.run(['sh', '-c', 'exit 3'], ['--name', 'term-gamma']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('shows the engine in the header and the containers with their state', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		const screen = await session.waitFor((text) => text.includes('term-gamma') && text.includes('term-alpha'));
		expect(screen).toMatch(/Docker Engine \S+ · API 1\.\d+/);
		expect(screen).toContain('● live');
		expect(screen).toMatch(/term-alpha\s+berth-test\/busybox\S*\s+shop\/web\s+running\s+Up /);
		expect(screen).toMatch(/term-gamma.*exited\s+Exited \(3\)/);
		expect(screen.split('\n').length).toBeLessThanOrEqual(30);
	});

	it('shows a container started after launch, and its stop, without a key press', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('term-beta');
		await docker.run(['sleep', '1000'], ['--name', 'term-late']);
		await session.waitFor(/term-late.*running/, {timeout: 2000});
		await docker.docker(['kill', 'term-late']);
		await session.waitFor(/term-late.*exited\s+Exited \(137\)/, {timeout: 2000});
	});

	it('moves the selection with j/k and arrows, filters with /, and toggles running-only with a', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('term-gamma');
		const first = (await session.capture()).split('\n')[3] ?? '';
		const firstName = first.trim().split(/\s+/)[0] ?? '';
		expect(await lineWith(session, firstName)).toMatch(inverse);
		await session.sendKeys('j');
		const secondName = ((await session.capture()).split('\n')[4] ?? '').trim().split(/\s+/)[0] ?? '';
		await expect.poll(() => lineWith(session!, secondName)).toMatch(inverse);
		expect(await lineWith(session, firstName)).not.toMatch(inverse);
		await session.sendKeys('Up');
		await expect.poll(() => lineWith(session!, firstName)).toMatch(inverse);

		await session.sendKeys('/');
		await session.sendText('term-b');
		const filtered = await session.waitFor((text) => text.includes('term-beta') && !text.includes('term-alpha'));
		expect(filtered).toMatch(/\/term-b/);
		await session.sendKeys('Escape');
		await session.waitFor((text) => text.includes('term-alpha') && text.includes('term-beta'));

		await session.sendKeys('a');
		const running = await session.waitFor((text) => !text.includes('term-gamma') && text.includes('running only'));
		expect(running).toContain('term-alpha');
		await session.sendKeys('a');
		await session.waitFor('term-gamma');
	});

	it('shows the help screen from the keymap, and "too small" below 60x15, then recovers', async () => {
		session = await startBerth({cols: 100, rows: 30, host: docker.host});
		await session.waitFor('term-alpha');
		await session.sendKeys('?');
		const help = await session.waitFor('Keys (Esc, q or ? to close)');
		expect(help).toContain('Move the selection down');
		expect(help).toContain('Quit berth');
		await session.sendKeys('Escape');
		await session.waitFor('term-alpha');
		await session.resize(50, 12);
		await session.waitFor('Terminal too small');
		await session.resize(80, 24);
		const normal = await session.waitFor('term-alpha');
		for (const line of normal.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});

	it('never lets a hostile label reach the terminal', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'term-evil', '--label', 'com.docker.compose.project=ev\u001b]0;pwned\u0007il\u001b[2J\u001b[31m']);
		session = await startBerth({cols: 140, rows: 30, host: docker.host});
		const title = await paneFormat(session, '#{pane_title}');
		const screen = await session.waitFor('term-evil');
		expect(screen).toMatch(/term-evil.*evil/);
		expect(await paneFormat(session, '#{pane_title}')).toBe(title);
		expect(await paneFormat(session, '#{pane_title}')).not.toContain('pwned');
		// The rows above are still there: no screen clear got through.
		expect(screen).toContain('term-alpha');
	});

	// berth runs under a shell that stays after it, so the pane is alive to be read (tmux
	// reports no cursor state for a dead pane).
	const underShell = (host: string) =>
		startTmux({
			cols: 100,
			rows: 24,
			command: ['sh', '-c', `${berthCommand().map((part) => `'${part}'`).join(' ')}; echo "berth exited $?"; sleep 60`],
			env: {DOCKER_HOST: host},
		});

	it('leaves a clean terminal after q, and after SIGTERM', async () => {
		session = await underShell(docker.host);
		await session.waitFor('term-alpha');
		expect(await paneFormat(session, '#{alternate_on}')).toBe('1');
		expect(await paneFormat(session, '#{cursor_flag}')).toBe('0');
		await session.sendKeys('q');
		const afterQuit = await session.waitFor('berth exited 0');
		expect(afterQuit).not.toContain('term-alpha');
		expect(await paneFormat(session, '#{alternate_on}')).toBe('0');
		expect(await paneFormat(session, '#{cursor_flag}')).toBe('1');
		await session.kill();

		session = await underShell(docker.host);
		await session.waitFor('term-alpha');
		const {stdout} = await run('pgrep', ['-P', String(session.pid)]);
		await run('kill', ['-TERM', stdout.trim().split('\n')[0] ?? '']);
		const afterTerm = await session.waitFor('berth exited 143');
		expect(afterTerm).not.toContain('term-alpha');
		expect(await paneFormat(session, '#{alternate_on}')).toBe('0');
		expect(await paneFormat(session, '#{cursor_flag}')).toBe('1');
	});
});
