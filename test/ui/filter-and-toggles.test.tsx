import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture} from '../support/fake-engine.js';
import {keys, plain, rowNames, selectedName, startApp, tableRows, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const project = 'com.docker.compose.project';
const service = 'com.docker.compose.service';

const zoo = [
	containerFixture({name: 'web', image: 'nginx:1.27', labels: {[project]: 'shop', [service]: 'front'}}),
	containerFixture({name: 'worker', image: 'python:3.13', labels: {[project]: 'shop', [service]: 'jobs'}}),
	containerFixture({name: 'db', image: 'postgres:17', state: 'exited', status: 'Exited (0) 1 hour ago', labels: {[project]: 'blog'}}),
	containerFixture({name: 'scratch', image: 'busybox:1.36', state: 'exited', status: 'Exited (0) 3 days ago', labels: {tier: 'tmp'}}),
];

const statusLine = (frame: string) => plain(frame).split('\n').at(-2) ?? '';

async function ready(options: Parameters<typeof startApp>[0] = {}): Promise<Harness> {
	app = startApp({containers: zoo, ...options});
	await app.waitForFrame((frame) => rowNames(frame).length === zoo.length);
	return app;
}

describe('the / filter', () => {
	test('narrows the list live as each character is typed', async () => {
		const app = await ready();
		await app.press('/');
		await app.waitForFrame((frame) => statusLine(frame).startsWith('/'));
		await app.type('w');
		let frame = await app.waitForFrame((f) => rowNames(f).length === 2);
		expect(rowNames(frame)).toEqual(['web', 'worker']);
		expect(statusLine(frame)).toContain('/w');
		expect(statusLine(frame)).toContain('(2 of 4)');
		await app.type('e');
		frame = await app.waitForFrame((f) => rowNames(f).length === 1);
		expect(rowNames(frame)).toEqual(['web']);
		expect(statusLine(frame)).toContain('/we');
	});

	test('Enter keeps the filter and gives the keys back to the list', async () => {
		const app = await ready();
		await app.press('/', 'w', keys.enter);
		const frame = await app.waitForFrame((f) => statusLine(f).includes('filter: w'));
		expect(rowNames(frame)).toEqual(['web', 'worker']);
		expect(statusLine(frame)).toContain('2 of 4 containers');
		// j is a movement key again, not text.
		await app.press('j');
		const moved = await app.waitForFrame((f) => selectedName(f) === 'worker');
		expect(statusLine(moved)).toContain('filter: w');
		expect(statusLine(moved)).not.toContain('wj');
	});

	test('Esc clears the filter and shows everything again', async () => {
		const app = await ready();
		await app.press('/', 'd', 'b');
		await app.waitForFrame((f) => rowNames(f).length === 1);
		await app.press(keys.escape);
		const frame = await app.waitForFrame((f) => rowNames(f).length === 4);
		expect(statusLine(frame)).not.toContain('filter');
		// A kept filter is cleared by / then Esc.
		await app.press('/', 'd', 'b', keys.enter);
		await app.waitForFrame((f) => statusLine(f).includes('filter: db'));
		expect(rowNames(app.frame())).toEqual(['db']);
		await app.press('/', keys.escape);
		await app.waitForFrame((f) => rowNames(f).length === 4);
	});

	test('Backspace deletes the last character', async () => {
		const app = await ready();
		await app.press('/', 'w', 'e');
		await app.waitForFrame((f) => rowNames(f).length === 1);
		await app.press(keys.backspace);
		const frame = await app.waitForFrame((f) => rowNames(f).length === 2);
		expect(statusLine(frame)).toContain('/w');
	});

	test('matches image, compose project/service and label values, case-insensitively', async () => {
		const app = await ready();
		await app.press('/', ...'POSTGRES');
		expect(rowNames(await app.waitForFrame((f) => rowNames(f).length === 1))).toEqual(['db']);
		await app.press(keys.escape, '/', ...'shop');
		expect(rowNames(await app.waitForFrame((f) => rowNames(f).length === 2))).toEqual(['web', 'worker']);
		await app.press(keys.escape, '/', ...'jobs');
		expect(rowNames(await app.waitForFrame((f) => rowNames(f).length === 1))).toEqual(['worker']);
		await app.press(keys.escape, '/', ...'tmp');
		expect(rowNames(await app.waitForFrame((f) => rowNames(f).length === 1))).toEqual(['scratch']);
	});

	test('keys that are commands elsewhere are text while typing: q does not quit, a does not toggle', async () => {
		let quits = 0;
		app = startApp({containers: [...zoo, containerFixture({name: 'qa-box'})], quit: () => (quits += 1)});
		await app.waitForText('qa-box');
		await app.press('/', 'q', 'a');
		const frame = await app.waitForFrame((f) => rowNames(f).length === 1);
		expect(rowNames(frame)).toEqual(['qa-box']);
		expect(quits).toBe(0);
		expect(statusLine(frame)).toContain('/qa');
	});

	test('while typing, the help bar does not offer q or ?, which are text there', async () => {
		const app = await ready();
		const helpBar = (frame: string) => plain(frame).split('\n').at(-1) ?? '';
		expect(helpBar(app.frame())).toContain('q quit');
		await app.press('/');
		const frame = await app.waitForFrame((f) => statusLine(f).startsWith('/'));
		expect(helpBar(frame)).not.toContain('q quit');
		expect(helpBar(frame)).not.toContain('? help');
	});

	test('no match says so', async () => {
		const app = await ready();
		await app.press('/', 'z', 'z', 'z');
		const frame = await app.waitForText('No container matches "zzz"');
		expect(tableRows(frame)).toHaveLength(1);
		expect(selectedName(frame)).toBeUndefined();
	});

	test('a container that starts matching while the filter is on appears', async () => {
		const app = await ready();
		await app.press('/', ...'api', keys.enter);
		await app.waitForText('No container matches');
		app.engine.create(containerFixture({name: 'api', state: 'created', status: 'Created'}));
		const frame = await app.waitForFrame((f) => rowNames(f).includes('api'));
		expect(rowNames(frame)).toEqual(['api']);
	});
});

describe('a: all or running only', () => {
	test('toggles hiding stopped containers, and back', async () => {
		const app = await ready();
		expect(statusLine(app.frame())).toContain('· all ·');
		await app.press('a');
		let frame = await app.waitForFrame((f) => rowNames(f).length === 2);
		expect(rowNames(frame)).toEqual(['web', 'worker']);
		expect(statusLine(frame)).toContain('2 of 4 containers · running only');
		// A stopped container disappears from the running-only list as it stops.
		app.engine.die(zoo[0]!.id, 0);
		frame = await app.waitForFrame((f) => rowNames(f).length === 1);
		expect(rowNames(frame)).toEqual(['worker']);
		await app.press('a');
		frame = await app.waitForFrame((f) => rowNames(f).length === 4);
		expect(statusLine(frame)).toContain('· all ·');
	});

	test('with nothing running it says how to see the rest', async () => {
		app = startApp({containers: zoo.filter((c) => c.state === 'exited'), ui: {showAll: false}});
		const frame = await app.waitForText('No running containers (a shows all)');
		expect(rowNames(frame)).toHaveLength(1);
	});
});

describe('c: group by compose project', () => {
	test('shows a heading per project, projects by name, containers without one last', async () => {
		const app = await ready();
		await app.press('c');
		const frame = await app.waitForText('▾');
		const rows = tableRows(frame).map((line) => line.trim());
		const layout = rows.map((line) => (line.startsWith('▾') ? line : line.split(/\s+/)[0]));
		expect(layout).toEqual(['▾ blog (1)', 'db', '▾ shop (2)', 'web', 'worker', '▾ (no compose project) (1)', 'scratch']);
		expect(statusLine(frame)).toContain('grouped by project');
	});

	test('the selection skips headings', async () => {
		const app = await ready();
		await app.press('c');
		await app.waitForText('▾');
		expect(selectedName(app.frame())).toBe('db');
		for (const expected of ['web', 'worker', 'scratch']) {
			await app.press('j');
			await app.waitForFrame((f) => selectedName(f) === expected);
		}

		await app.press('k', 'k');
		await app.waitForFrame((f) => selectedName(f) === 'web');
	});

	test('c again ungroups', async () => {
		const app = await ready();
		await app.press('c');
		await app.waitForText('▾');
		await app.press('c');
		const frame = await app.waitForFrame((f) => !plain(f).includes('▾'));
		expect(rowNames(frame)).toEqual(['db', 'scratch', 'web', 'worker']);
	});

	test('groups combine with the filter', async () => {
		const app = await ready();
		await app.press('c', '/', ...'shop', keys.enter);
		const frame = await app.waitForFrame((f) => tableRows(f).length === 3);
		expect(tableRows(frame)[0]?.trim()).toBe('▾ shop (2)');
	});
});

describe('o: cycle the sort', () => {
	const sortable = [
		containerFixture({name: 'alpha', image: 'busybox:1', state: 'exited', status: 'Exited (0) 1 hour ago', created: 1_700_000_100}),
		containerFixture({name: 'bravo', image: 'redis:7', state: 'paused', status: 'Up 1 hour (Paused)', created: 1_700_000_300}),
		containerFixture({name: 'charlie', image: 'nginx:1', state: 'running', status: 'Up 1 hour', created: 1_700_000_200}),
	];

	test('name, state, created (newest first), image, then name again', async () => {
		app = startApp({containers: sortable});
		let frame = await app.waitForFrame((f) => rowNames(f).length === 3);
		expect(rowNames(frame)).toEqual(['alpha', 'bravo', 'charlie']);
		expect(statusLine(frame)).toContain('sort: name');
		const steps: Array<[string, string[]]> = [
			['state', ['charlie', 'bravo', 'alpha']],
			['created', ['bravo', 'charlie', 'alpha']],
			['image', ['alpha', 'charlie', 'bravo']],
			['name', ['alpha', 'bravo', 'charlie']],
		];
		for (const [sort, order] of steps) {
			await app.press('o');
			frame = await app.waitForFrame((f) => statusLine(f).includes(`sort: ${sort}`));
			expect(rowNames(frame), sort).toEqual(order);
		}
	});

	test('the selected container stays selected when the sort changes', async () => {
		app = startApp({containers: sortable});
		await app.waitForFrame((f) => rowNames(f).length === 3);
		await app.press('j');
		await app.waitForFrame((f) => selectedName(f) === 'bravo');
		await app.press('o');
		const frame = await app.waitForFrame((f) => statusLine(f).includes('sort: state'));
		expect(selectedName(frame)).toBe('bravo');
	});
});
