/**
 * The images, volumes, networks and disk usage views in the built berth, in tmux,
 * against the private engine: switch to each, remove a dangling image after the dialog.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

describeWithTerminal('resource views in the built berth', (docker: EngineClient) => {
	let session: TmuxSession | undefined;
	let dir: string;
	let danglingId = '';

	const importImage = async (content: string, tag: string) => {
		const root = join(dir, content);
		mkdirSync(root, {recursive: true});
		writeFileSync(join(root, 'file'), content.repeat(500));
		const {stdout} = await docker.docker(['import', '--change', 'LABEL berth.tres=1', '-', tag], {input: execFileSync('tar', ['-C', root, '-c', '.'])});
		return stdout.trim();
	};

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'berth-tres-'));
		danglingId = await importImage('tres-one', 'berth-tres/img:latest');
		await importImage('tres-two', 'berth-tres/img:latest');
		await docker.docker(['volume', 'create', '--label', 'berth.test=1', 'berth-tres-vol']);
		await docker.docker(['network', 'create', '--internal', '--label', 'berth.test=1', 'berth-tres-net']);
	}, 60_000);

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	afterAll(async () => {
		const images = (await docker.docker(['images', '-q', '--filter', 'label=berth.tres=1'], {allowFailure: true})).stdout.split('\n').filter(Boolean);
		if (images.length > 0) await docker.docker(['rmi', '-f', ...new Set(images)], {allowFailure: true});
		await docker.docker(['volume', 'rm', '-f', 'berth-tres-vol'], {allowFailure: true});
		await docker.docker(['rm', '-f', 'berth-tres-ports'], {allowFailure: true});
		await docker.docker(['network', 'rm', 'berth-tres-net', 'berth-tres-pub'], {allowFailure: true});
		rmSync(dir, {recursive: true, force: true});
	});

	it('3, 4, 5, 6 show images, volumes, networks and disk usage; the frame stays within the terminal', async () => {
		session = await startBerth({cols: 140, rows: 24, host: docker.host});
		await session.waitFor('STATE');
		await session.sendKeys('3');
		let screen = await session.waitFor((text) => text.includes('berth-tres/img') && text.includes('<none>'));
		expect(screen).toMatch(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s+SHARED SIZE\s+CONTAINERS/);
		expect(screen).toContain(danglingId.slice(7, 19));
		await session.sendKeys('4');
		screen = await session.waitFor(/berth-tres-vol\s+local\s+0B\s+0\s+dangling/);
		await session.sendKeys('5');
		screen = await session.waitFor(/berth-tres-net\s+bridge\s+local\s+yes\s+0/);
		await session.sendKeys('6');
		screen = await session.waitFor((text) => /Images\s+\d+\s+\d+/.test(text) && text.includes('Local Volumes') && text.includes('Build Cache'));
		expect(screen.split('\n').length).toBeLessThanOrEqual(24);
	});

	it('f shows the dangling images, d asks, y removes it: the engine no longer has it', async () => {
		session = await startBerth({cols: 140, rows: 24, host: docker.host});
		await session.waitFor('STATE');
		await session.sendKeys('3');
		await session.waitFor('berth-tres/img');
		await session.sendKeys('f');
		await session.waitFor('filter: dangling');
		await session.sendKeys('d');
		await session.waitFor(`Delete image ${danglingId.slice(7, 19)}?`);
		await session.sendKeys('y');
		await session.waitFor(`deleted ${danglingId.slice(7, 19)}`);
		const left = (await docker.docker(['images', '-a', '-q', '--no-trunc'])).stdout;
		expect(left).not.toContain(danglingId);
		expect((await docker.docker(['images', '-q', 'berth-tres/img:latest'])).stdout.trim()).not.toBe('');
	});

	it('I opens the container detail view; Tab to the ports tab shows what docker port shows', async () => {
		// The engine runs with --bridge=none: a published port needs a network of its own; the host port is random.
		await docker.docker(['network', 'create', '--label', 'berth.test=1', 'berth-tres-pub']);
		await docker.run(['sleep', '1000'], ['--name', 'berth-tres-ports', '--network', 'berth-tres-pub', '-p', '8080', '--memory', '64m']);
		const port = (await docker.docker(['port', 'berth-tres-ports'])).stdout.split('\n').filter(Boolean);
		expect(port[0]).toMatch(/^8080\/tcp -> 0\.0\.0\.0:\d+$/);
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('STATE');
		await session.sendKeys('/');
		await session.sendText('berth-tres-ports');
		await session.sendKeys('Enter');
		await session.waitFor((screen) => screen.includes('filter: berth-tres-ports') && /^\s*berth-tres-ports\s/m.test(screen));
		await session.sendKeys('I');
		let screen = await session.waitFor((text) => text.includes('[Inspect]') && text.includes('"HostConfig": {…'));
		expect(screen).toContain('Processes  Ports');
		await session.sendKeys('Tab', 'Tab');
		screen = await session.waitFor((text) => text.includes('[Ports]') && text.includes(port[0]!));
		for (const line of port) expect(screen).toContain(line);
		// On to the limits, and back out with Esc.
		await session.sendKeys('Tab', 'Tab', 'Tab', 'Tab');
		screen = await session.waitFor((text) => text.includes('[Limits]'));
		expect(screen).toMatch(/Memory \(--memory\)\s+64MiB \(67108864 bytes\)/);
		expect(screen.split('\n').length).toBeLessThanOrEqual(30);
		await session.sendKeys('Escape');
		await session.waitFor((text) => !text.includes('[Limits]') && /^\s*berth-tres-ports\s/m.test(text));
	});
});
