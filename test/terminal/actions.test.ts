/**
 * Container actions in the built berth, in tmux, against the private engine:
 * keys in, the screen and the engine's own view out.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

async function state(docker: EngineClient, name: string): Promise<{Status: string; Paused: boolean; ExitCode: number}> {
	const {stdout} = await docker.docker(['inspect', '--format', '{{json .State}}', name]);
	return JSON.parse(stdout) as {Status: string; Paused: boolean; ExitCode: number};
}

/** Runs a container whose PID 1 exits on SIGTERM, once its trap is set. */
async function runStoppable(docker: EngineClient, name: string): Promise<void> {
	await docker.run(['sh', '-c', 'trap "exit 0" TERM; echo ready; sleep 1000 & wait'], ['--name', name]);
	await expect.poll(async () => (await docker.docker(['logs', name])).stdout, {timeout: 10_000, interval: 50}).toContain('ready');
}

/** Filters the list down to `name` (so it is the selected row) and waits for it. */
async function selectOnly(session: TmuxSession, name: string): Promise<string> {
	await session.sendKeys('/');
	await session.sendText(name);
	await session.sendKeys('Enter');
	return session.waitFor((screen) => screen.includes(`filter: ${name}`) && new RegExp(`^\\s*${name}\\s`, 'm').test(screen));
}

describeWithTerminal('container actions in the built berth', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('select, s, the dialog names it, y: the row turns exited and the time is reported', async () => {
		await runStoppable(docker, 'tact-stop');
		session = await startBerth({cols: 120, rows: 24, host: docker.host, args: ['--stop-timeout', '3']});
		await session.waitFor('tact-stop');
		await selectOnly(session, 'tact-stop');
		await session.sendKeys('s');
		const dialog = await session.waitFor('Stop tact-stop?');
		expect(dialog).toContain('SIGKILL after 3 s');
		expect(dialog.split('\n').length).toBeLessThanOrEqual(24);
		expect(await state(docker, 'tact-stop')).toMatchObject({Status: 'running'});
		await session.sendKeys('y');
		const screen = await session.waitFor((text) => /tact-stop\s.*exited\s+Exited \(0\)/.test(text) && /stopped tact-stop in \d+\.\d s/.test(text), {timeout: 8000});
		expect(screen).not.toContain('Stop tact-stop?');
		expect(await state(docker, 'tact-stop')).toMatchObject({Status: 'exited', ExitCode: 0});
	});

	it('p pauses the selected container and shows it paused; p again resumes it', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'tact-pause']);
		session = await startBerth({cols: 120, rows: 24, host: docker.host});
		await session.waitFor('tact-pause');
		await selectOnly(session, 'tact-pause');
		await session.sendKeys('p');
		await session.waitFor((text) => /tact-pause\s.*paused\s+Up /.test(text) && text.includes('paused tact-pause in'));
		expect(await state(docker, 'tact-pause')).toMatchObject({Status: 'paused', Paused: true});
		await session.sendKeys('p');
		await session.waitFor(/tact-pause\s.*running\s+Up /);
		expect(await state(docker, 'tact-pause')).toMatchObject({Status: 'running', Paused: false});
	});

	it('--read-only says so in the header and refuses the stop key; the container keeps running', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'tact-ro']);
		session = await startBerth({cols: 120, rows: 24, host: docker.host, args: ['--read-only']});
		const first = await session.waitFor('tact-ro');
		expect(first.split('\n')[1]).toContain('read-only');
		expect(first.split('\n').at(-1)).not.toMatch(/\bs stop\b/);
		await selectOnly(session, 'tact-ro');
		await session.sendKeys('s');
		await session.waitFor('read-only: stop is disabled');
		await session.sendKeys('d');
		const screen = await session.waitFor('read-only: remove is disabled');
		expect(screen).not.toContain('Remove tact-ro?');
		expect(await state(docker, 'tact-ro')).toMatchObject({Status: 'running'});
	});

	it('a config file sets options (read-only here), and a bad one is refused before the UI starts', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'tact-config']);
		const xdg = mkdtempSync(join(tmpdir(), 'berth-config-'));
		mkdirSync(join(xdg, 'berth'));
		writeFileSync(join(xdg, 'berth', 'config.json'), '{"read-only": true}');
		session = await startBerth({cols: 120, rows: 24, host: docker.host, env: {XDG_CONFIG_HOME: xdg}});
		const first = await session.waitFor('tact-config');
		expect(first.split('\n')[1]).toContain('read-only');
		await session.kill();
		writeFileSync(join(xdg, 'berth', 'config.json'), '{"read-only": "yes"}');
		session = await startBerth({cols: 120, rows: 24, host: docker.host, env: {XDG_CONFIG_HOME: xdg}});
		await session.waitFor(/config\.json: "read-only" must be a boolean/);
	});
});
