import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture, eventFixture, fakeInfo, idFor} from '../support/fake-engine.js';
import {plain, rowNames, startApp, tableRows, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const zoo = [
	containerFixture({name: 'web', image: 'nginx:1.27', state: 'running', status: 'Up 3 hours (healthy)', health: 'healthy'}),
	containerFixture({name: 'db', image: 'postgres:17', state: 'exited', status: 'Exited (1) 2 minutes ago'}),
	containerFixture({name: 'job', image: 'busybox:1.36', state: 'created', status: 'Created'}),
	containerFixture({name: 'cache', image: 'redis:7', state: 'paused', status: 'Up 2 days (Paused)'}),
];

function row(frame: string, name: string): string {
	const found = tableRows(frame).find((line) => line.trim().startsWith(`${name} `));
	if (found === undefined) throw new Error(`No row for ${name} in:\n${plain(frame)}`);
	return found;
}

describe('the containers pane', () => {
	test('shows one row per container with name, image, state and status, in that order', async () => {
		// Wide enough that no cell is cut.
		app = startApp({containers: zoo, columns: 200});
		const frame = await app.waitForText('cache');
		expect(rowNames(frame)).toEqual(['cache', 'db', 'job', 'web']);
		for (const container of zoo) {
			const line = row(frame, container.name);
			const cells = [container.name, container.image, container.state, container.status].map((text) => line.indexOf(text));
			expect(cells.every((at) => at >= 0), line).toBe(true);
			expect([...cells].sort((a, b) => a - b)).toEqual(cells);
		}
	});

	test('the header says where, that it is live, and counts by state', async () => {
		app = startApp({containers: zoo});
		const frame = await app.waitForText('live');
		const [first, second] = plain(frame).split('\n');
		expect(first).toContain(fakeInfo.hostName);
		expect(first).toContain(`API ${fakeInfo.apiVersion}`);
		expect(second).toContain('● live');
		expect(second).toContain('1 running · 1 paused · 1 created · 1 exited');
		expect(plain(frame)).toContain('4 of 4 containers');
	});

	test('column titles: name, image, state and status first, in that order', async () => {
		app = startApp({containers: zoo, columns: 100, rows: 24});
		const frame = await app.waitForText('web');
		const titles = plain(frame).split('\n').find((line) => line.startsWith('NAME '));
		expect(titles?.split(/\s+/).filter(Boolean).slice(0, 4)).toEqual(['NAME', 'IMAGE', 'STATE', 'STATUS']);
	});

	test('the state cell is coloured: running green, paused yellow, failed exit red', async () => {
		app = startApp({containers: zoo});
		const frame = await app.waitForText('web');
		const styled = (name: string) => frame.split('\n').find((line) => plain(line).trim().startsWith(`${name} `)) ?? '';
		// chalk level 1: ESC[32m green, ESC[33m yellow, ESC[31m red.
		expect(styled('web')).toContain('\u001B[32mrunning');
		expect(styled('cache')).toContain('\u001B[33mpaused');
		expect(styled('db')).toContain('\u001B[31mexited');
	});

	test('events update rows: die, start, create, destroy, rename', async () => {
		app = startApp({containers: zoo, columns: 200});
		await app.waitForText('web');
		app.engine.die(idFor('web'), 3);
		let frame = await app.waitForFrame((f) => row(f, 'web').includes('exited'));
		expect(row(frame, 'web')).toContain('Exited (3)');
		expect(frame.split('\n').find((line) => plain(line).startsWith('web '))).toContain('\u001B[31mexited');

		app.engine.start(idFor('db'));
		frame = await app.waitForFrame((f) => row(f, 'db').includes('running'));

		app.engine.create(containerFixture({name: 'newcomer', image: 'alpine:edge', state: 'created', status: 'Created'}));
		frame = await app.waitForText('newcomer');
		expect(row(frame, 'newcomer')).toContain('alpine:edge');

		app.engine.destroy(idFor('job'));
		frame = await app.waitForFrame((f) => !rowNames(f).includes('job'));
		expect(rowNames(frame)).toEqual(['cache', 'db', 'newcomer', 'web']);

		app.engine.rename(idFor('cache'), 'zcache');
		frame = await app.waitForFrame((f) => rowNames(f).includes('zcache'));
		expect(rowNames(frame)).toEqual(['db', 'newcomer', 'web', 'zcache']);
	});

	test('an OOM kill shows in the state cell', async () => {
		app = startApp({containers: zoo});
		await app.waitForText('web');
		app.engine.emit(eventFixture('oom', idFor('web')));
		app.engine.die(idFor('web'), 137);
		const frame = await app.waitForFrame((f) => row(f, 'web').includes('OOM'));
		expect(row(frame, 'web')).toContain('exited OOM');
	});

	test('an engine with no containers says so', async () => {
		app = startApp({containers: []});
		const frame = await app.waitForText('No containers on this engine');
		expect(plain(frame)).toContain('0 of 0 containers');
	});

	test('status text changed by the engine (refresh after an event) replaces the event guess', async () => {
		app = startApp({containers: zoo});
		await app.waitForText('web');
		// The engine's own status for the container, as a fresh list would give it.
		app.engine.update(idFor('db'), {state: 'running', status: 'Up 2 seconds'});
		app.engine.emit(eventFixture('start', idFor('db')));
		const frame = await app.waitForFrame((f) => tableRows(f).some((line) => line.trim().startsWith('db ')) && row(f, 'db').includes('Up 2 seconds'));
		expect(row(frame, 'db')).not.toContain('Less than a second');
	});
});

describe('hostile text from containers', () => {
	const hostile = 'evil\u001B]0;pwned\u0007\u001B[2J';
	const forbidden = ['\u001B]', '\u001B[2J', '\u0007', '\u009B', '\u009D', '\u202E'];

	const check = (frame: string) => {
		for (const bad of forbidden) expect(frame.includes(bad), JSON.stringify(bad)).toBe(false);
	};

	test('escape sequences in names, images, status and labels never reach the frame', async () => {
		app = startApp({
			containers: [
				containerFixture({name: hostile, image: `img\u001B]8;;http://x\u0007:1`, status: 'Up \u001B[2J1 minute'}),
				containerFixture({
					name: 'bidi\u202Eevil',
					labels: {'com.docker.compose.project': 'proj\u001B]0;title\u0007', 'com.docker.compose.service': 'svc\u009B2J'},
				}),
			],
			columns: 130,
			rows: 24,
		});
		let frame = await app.waitForText('evil');
		check(frame);
		// The whole OSC goes, payload included; the name's plain text stays.
		expect(rowNames(frame)).toContain('evil');
		expect(plain(frame)).not.toContain('pwned');
		// Grouped: the project name is a heading.
		await app.press('c');
		frame = await app.waitForText('▾');
		check(frame);
		expect(plain(frame)).toContain('▾ proj');
		expect(plain(frame)).not.toContain('title');
	});

	test('a hostile name arriving in a create event is cleaned too', async () => {
		app = startApp({containers: []});
		await app.waitForText('live');
		app.engine.create(containerFixture({name: `x${hostile}`}));
		const frame = await app.waitForText('xevil');
		check(frame);
		expect(plain(frame)).not.toContain('pwned');
	});

	test('a hostile engine host name is cleaned in the header', async () => {
		app = startApp({containers: zoo, info: {...fakeInfo, hostName: `host${hostile}`}});
		const frame = await app.waitForText('hostevil');
		check(frame);
		expect(plain(frame)).not.toContain('pwned');
	});
});
