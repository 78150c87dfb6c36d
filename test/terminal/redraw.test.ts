import {execFile} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

const run = promisify(execFile);

/** The screen with its escapes, figures masked: status ages and stats may tick between two captures. */
async function screenShape(session: TmuxSession): Promise<string> {
	return (await session.captureEscapes()).replaceAll(/(?<!\u001b\[[\d;]*)\d+/g, '#');
}

/** Captures, presses Ctrl-L, captures again: true once the two agree (up to 5 tries, as the engine's events may change the screen in between). */
async function sameAfterRedraw(session: TmuxSession): Promise<boolean> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const drawn = await screenShape(session);
		await session.sendKeys('C-l');
		await new Promise((resolve) => setTimeout(resolve, 300));
		if ((await screenShape(session)) === drawn) return true;
	}

	return false;
}

describeWithTerminal('drawing only what changed, and Ctrl-L', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		await docker.run(['sleep', '1000'], ['--name', 'redraw-a']);
		await docker.run(['sleep', '1000'], ['--name', 'redraw-b']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('Ctrl-L repairs a screen another program wrote over; changes drawn cell by cell match a full redraw', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host, args: ['--low-bandwidth']});
		await session.waitFor('redraw-b');
		// Moves of the selection are drawn as changed cells only (source/ui/line-update.ts)...
		await session.sendKeys('j', 'j', 'k');
		await session.waitFor((screen) => screen.includes('redraw-b'));
		// ...and a full redraw shows exactly the same screen (again if something changed on its own meanwhile).
		expect(await sameAfterRedraw(session)).toBe(true);

		// Something else writes on berth's terminal, as a wall(1) message or a stray process would.
		const {stdout: tty} = await run('tmux', ['-S', session.socket, 'display-message', '-p', '#{pane_tty}']);
		await writeFile(tty.trim(), '\u001B[5;10HSTRAY OUTPUT\u001B[12;1HSTRAY OUTPUT');
		await session.waitFor('STRAY OUTPUT');
		await session.sendKeys('C-l');
		const repaired = await session.waitFor((screen) => !screen.includes('STRAY OUTPUT') && screen.includes('redraw-b'));
		expect(repaired).toContain('redraw-a');
	});
});
