import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

/** The screen lines below the events title, above the status line and help bar. */
function eventRows(screen: string): string[] {
	const lines = screen.split('\n');
	const title = lines.findIndex((line) => line.startsWith('Events · '));
	return title === -1 ? [] : lines.slice(title + 1, -2).filter((line) => line.trim() !== '' && !line.startsWith('No event'));
}

/** The screen line that shows `text`, with its escapes. */
async function lineWith(session: TmuxSession, text: string): Promise<string> {
	return (await session.captureEscapes()).split('\n').find((line) => line.includes(text)) ?? '';
}

const inverse = /\u001b\[(?:[\d;]*;)?7m/;

describeWithTerminal('the events view of the built berth in tmux', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		for (const name of ['term-ev-a', 'term-ev-b']) {
			await docker.run(['sleep', '1000'], ['--name', name]);
			await docker.docker(['pause', name]);
			await docker.docker(['unpause', name]);
		}
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('2 shows the events (history included); c filters to the selected container; Enter goes back to it', async () => {
		session = await startBerth({cols: 140, rows: 30, host: docker.host});
		await session.waitFor('term-ev-b');
		// Select term-ev-a in the containers view.
		await session.sendKeys('/');
		await session.sendText('term-ev-a');
		await session.sendKeys('Enter');
		await session.waitFor((screen) => screen.includes('term-ev-a') && !screen.includes('term-ev-b'));

		await session.sendKeys('2');
		const all = await session.waitFor((screen) => eventRows(screen).some((row) => /unpause\s+term-ev-b/.test(row)) && eventRows(screen).some((row) => /create\s+term-ev-a/.test(row)));
		expect(all).toMatch(/^Events · newest first · \d+/m);
		expect(all.split('\n').length).toBeLessThanOrEqual(30);

		await session.sendKeys('c');
		const filtered = await session.waitFor((screen) => screen.includes('container=term-ev-a') && eventRows(screen).every((row) => !row.includes('term-ev-b')));
		const rows = eventRows(filtered);
		expect(rows.map((row) => /container\s+(\S+)\s+term-ev-a/.exec(row)?.[1])).toEqual(['unpause', 'pause', 'start', 'create']);
		expect(filtered).toMatch(/container=term-ev-a · 4 of \d+/);

		// Live events: only term-ev-a's show up.
		await docker.docker(['pause', 'term-ev-b']);
		await docker.docker(['unpause', 'term-ev-b']);
		await docker.docker(['kill', '-s', 'HUP', 'term-ev-a']);
		const live = await session.waitFor((screen) => /kill\s+term-ev-a\s+signal=1 \(HUP\)/.test(screen));
		expect(eventRows(live).filter((row) => row.includes('term-ev-b'))).toEqual([]);
		expect(eventRows(live)).toHaveLength(5);
		// A kill needs attention: drawn in yellow.
		expect(await lineWith(session, 'signal=1 (HUP)')).toMatch(/\u001b\[(?:[\d;]*;)?33m/);

		// The cursor follows the newest event; Enter goes to its container.
		await session.sendKeys('Enter');
		await session.waitFor((screen) => screen.includes('NAME') && !screen.includes('Events · '));
		await expect.poll(() => lineWith(session!, 'term-ev-a')).toMatch(inverse);
	});

	it('counts what needs attention in the header until the events view is shown', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'term-ev-c']);
		session = await startBerth({cols: 140, rows: 30, host: docker.host, args: ['--events-since', 'off']});
		await session.waitFor('term-ev-c');
		await docker.docker(['kill', 'term-ev-c']);
		// The kill (signal 9) and the die with exit code 137.
		await session.waitFor('⚠ 2 new events');
		await session.sendKeys('2');
		const screen = await session.waitFor((text) => /die\s+term-ev-c\s+exitCode=137/.test(text) && !text.includes('⚠'));
		expect(screen).toContain('no history loaded (--events-since off)');
		expect(await lineWith(session, 'exitCode=137')).toMatch(/\u001b\[(?:[\d;]*;)?31m/);
	});
});
