import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture, eventFixture, idFor} from '../support/fake-engine.js';
import {keys, plain, selectedLine, selectedName, startApp, widestLine, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const names = ['alpha', 'beta', 'gamma'];

/** An app with three containers and a few events of each, on the containers view. */
async function withEvents(options: {rows?: number; columns?: number} = {}): Promise<Harness> {
	const harness = startApp({containers: names.map((name) => containerFixture({name})), ...options});
	await harness.waitForText('gamma');
	await harness.engine.subscribed();
	for (const name of names) {
		harness.engine.emit(eventFixture('pause', idFor(name), {name, image: 'alpine:3.20'}));
		harness.engine.emit(eventFixture('unpause', idFor(name), {name, image: 'alpine:3.20'}));
	}

	return harness;
}

/** The plain lines between the pane title and the status line. */
function eventRows(frame: string): string[] {
	const lines = plain(frame).split('\n');
	const title = lines.findIndex((line) => line.startsWith('Events · '));
	return title === -1 ? [] : lines.slice(title + 1, -2).filter((line) => line.trim() !== '');
}

describe('the events view', () => {
	test('2 shows the events, newest first, one line each with type, action, actor and attributes', async () => {
		app = await withEvents();
		await app.press('2');
		const frame = await app.waitForFrame((f) => eventRows(f).length === 6);
		expect(plain(frame)).toContain('Events · newest first · 6');
		const rows = eventRows(frame);
		expect(rows[0]).toMatch(/container\s+unpause\s+gamma\s+image=alpine:3\.20/);
		expect(rows[5]).toMatch(/container\s+pause\s+alpha/);
		// The cursor starts on the newest event.
		expect(selectedLine(frame)).toMatch(/unpause\s+gamma/);
		await app.press('1');
		await app.waitForFrame((f) => plain(f).includes('NAME') && eventRows(f).length === 0);
	});

	test('Tab and Shift-Tab go through the views', async () => {
		app = await withEvents();
		await app.press('\t');
		await app.waitForText('Events · newest first');
		// Then images, volumes, networks, disk usage (3-6), and round to the containers.
		await app.press('\t');
		await app.waitForFrame((f) => plain(f).startsWith('Images') || plain(f).includes('\nImages'));
		for (let i = 0; i < 4; i++) await app.press('\t');
		await app.waitForFrame((f) => plain(f).includes('NAME') && !plain(f).includes('Events · '));
		await app.press('\u001B[Z');
		await app.waitForText('Disk usage');
	});

	test('the header counts what needs attention until the events view is shown', async () => {
		app = await withEvents();
		app.engine.emit(eventFixture('die', idFor('beta'), {name: 'beta', exitCode: '1'}));
		app.engine.emit(eventFixture('die', idFor('alpha'), {name: 'alpha', exitCode: '0'}));
		app.engine.emit(eventFixture('oom', idFor('gamma'), {name: 'gamma'}));
		await app.waitForText('⚠ 2 new events');
		await app.press('2');
		const frame = await app.waitForFrame((f) => !plain(f).includes('⚠'));
		// Those lines stand out: red for a non-zero exit and an OOM, plain for exit 0.
		const line = (text: string) => frame.split('\n').find((l) => plain(l).includes(text)) ?? '';
		expect(line('exitCode=1')).toContain('\u001B[31m');
		expect(line('oom')).toContain('\u001B[31m');
		expect(line('exitCode=0')).not.toContain('\u001B[31m');
		await app.press('1');
		app.engine.emit(eventFixture('kill', idFor('beta'), {name: 'beta', signal: '9'}));
		await app.waitForText('⚠ 1 new event');
	});

	test('c shows only the container selected in the containers view; again shows all', async () => {
		app = await withEvents();
		await app.press('j');
		await app.waitForFrame((f) => selectedName(f) === 'beta');
		await app.press('2', 'c');
		const frame = await app.waitForText('container=beta');
		expect(plain(frame)).toContain('· 2 of 6');
		await app.waitForFrame((f) => eventRows(f).length === 2 && eventRows(f).every((row) => row.includes('beta')));
		await app.press('c');
		await app.waitForFrame((f) => eventRows(f).length === 6);
	});

	test('t cycles the type, / filters by text (docker-style terms too), Esc clears the filters', async () => {
		app = await withEvents();
		app.engine.emit(eventFixture('create', 'vol1', {driver: 'local'}, {type: 'volume'}));
		await app.press('2');
		await app.waitForFrame((f) => eventRows(f).length === 7);
		await app.press('t');
		await app.waitForFrame((f) => plain(f).includes('type=container · 6 of 7'));
		await app.press('t');
		await app.waitForFrame((f) => plain(f).includes('type=image · 0 of 7') && plain(f).includes('No event matches the filters'));
		await app.press('t');
		await app.waitForFrame((f) => plain(f).includes('type=volume') && eventRows(f).length === 1 && eventRows(f)[0]!.includes('vol1'));
		await app.press(keys.escape);
		await app.waitForFrame((f) => eventRows(f).length === 7);

		await app.press('/');
		await app.type('event=pause gam');
		const typed = await app.waitForFrame((f) => eventRows(f).length === 1);
		expect(plain(typed)).toContain('/event=pause gam▏');
		await app.press(keys.enter);
		const kept = await app.waitForText('· /event=pause gam ·');
		expect(eventRows(kept)[0]).toMatch(/pause\s+gamma/);
		await app.press(keys.escape);
		await app.waitForFrame((f) => eventRows(f).length === 7);
	});

	test('o shows oldest first', async () => {
		app = await withEvents();
		await app.press('2', 'o');
		const frame = await app.waitForText('oldest first');
		expect(eventRows(frame)[0]).toMatch(/pause\s+alpha/);
		expect(selectedLine(frame)).toMatch(/unpause\s+gamma/);
	});

	test('Enter on an event goes to its container in the containers view, clearing a filter that hides it', async () => {
		app = await withEvents();
		await app.press('/');
		await app.type('alpha');
		await app.press(keys.enter);
		await app.waitForFrame((f) => !plain(f).includes('gamma'));
		await app.press('2');
		await app.waitForText('Events · ');
		// Newest first: gamma unpause, gamma pause, beta unpause...
		await app.press('j', 'j');
		await app.waitForFrame((f) => /unpause\s+beta/.test(selectedLine(f) ?? ''));
		await app.press(keys.enter);
		const frame = await app.waitForFrame((f) => selectedName(f) === 'beta');
		expect(plain(frame)).toContain('NAME');
		expect(plain(frame)).not.toContain('filter: alpha');
	});

	test('Enter on an event of a container that is gone says so', async () => {
		app = await withEvents();
		app.engine.destroy(idFor('gamma'));
		await app.press('2');
		await app.waitForFrame((f) => /destroy\s+gamma/.test(selectedLine(f) ?? ''));
		await app.press(keys.enter);
		await app.waitForText('That container no longer exists');
	});

	test('a broken stream shows a line where it broke and when it resumed; the missed events follow it', async () => {
		app = await withEvents();
		await app.press('2');
		await app.waitForFrame((f) => eventRows(f).length === 6);
		app.engine.breakStream(undefined, {stayDown: true});
		await app.waitForText('connection lost');
		expect(plain(app.frame())).toContain('reconnecting…');
		// Happens while berth is away; replayed from the engine's log on reconnect.
		app.engine.emit(eventFixture('stop', idFor('alpha'), {name: 'alpha'}));
		app.engine.recover();
		const frame = await app.waitForFrame((f) => plain(f).includes('resumed') && eventRows(f).some((row) => /stop\s+alpha/.test(row)));
		const rows = eventRows(frame);
		expect(rows[0]).toMatch(/stop\s+alpha/);
		expect(rows[1]).toContain('connection lost');
		expect(rows[2]).toMatch(/unpause\s+gamma/);
	});

	test('many events: only the rows that fit are drawn, the frame never taller or wider than the terminal', async () => {
		app = await withEvents({rows: 20, columns: 70});
		for (let index = 0; index < 300; index++) app.engine.emit(eventFixture('exec_start: sh -c "a long command line"', idFor('alpha'), {name: 'alpha', image: 'alpine:3.20'}));
		await app.press('2');
		const frame = await app.waitForText('· 306');
		expect(plain(frame).split('\n')).toHaveLength(20);
		expect(eventRows(frame)).toHaveLength(15);
		expect(widestLine(frame)).toBeLessThanOrEqual(70);
		await app.press('G');
		const bottom = await app.waitForFrame((f) => /pause\s+alpha/.test(selectedLine(f) ?? ''));
		expect(plain(bottom).split('\n')).toHaveLength(20);
	});
});
