import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture} from '../support/fake-engine.js';
import {keys, plain, startApp, widestLine, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const web = containerFixture({name: 'web', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web'}});
const db = containerFixture({name: 'db', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db'}});
const esc = '\u001B';

/** The plain lines of the logs pane: below its title, above the status line and help bar. */
function logRows(frame: string): string[] {
	const lines = plain(frame).split('\n');
	const title = lines.findIndex((line) => line.startsWith('── logs'));
	return title === -1 ? [] : lines.slice(title + 1, -2).map((line) => line.trimEnd()).filter((line) => line !== '');
}

function titleOf(frame: string): string {
	return plain(frame).split('\n').find((line) => line.startsWith('── logs')) ?? '';
}

async function openOn(name: string, lines: string[], options: {rows?: number; columns?: number} = {}): Promise<Harness> {
	app = startApp({containers: [db, web], rows: options.rows ?? 24, columns: options.columns ?? 100});
	const target = name === 'web' ? web : db;
	app.engine.logs.write(target.id, lines);
	await app.waitForText('web');
	if (name === 'web') await app.press('j');
	await app.press('l');
	await app.waitForFrame((frame) => titleOf(frame).includes(`logs ${name}`) && titleOf(frame).includes('following'));
	return app;
}

describe('the logs view', () => {
	test('l opens the selected container\'s logs under the list; the frame keeps the terminal\'s size; l closes', async () => {
		const harness = await openOn('web', ['hello', 'world']);
		const frame = await harness.waitForFrame((f) => logRows(f).length === 2);
		expect(logRows(frame)).toEqual([' hello', ' world']);
		// The table is still there above, with the selection.
		expect(plain(frame)).toMatch(/^web +/m);
		expect(plain(frame).split('\n')).toHaveLength(24);
		expect(widestLine(frame)).toBeLessThanOrEqual(100);
		expect(plain(frame)).toMatch(/l close +z full +f follow/);
		await harness.press('l');
		await harness.waitForFrame((f) => titleOf(f) === '');
	});

	test('new lines appear as they come; stderr is marked; Esc closes', async () => {
		const harness = await openOn('db', ['one']);
		harness.engine.logs.write(db.id, 'two');
		harness.engine.logs.write(db.id, 'bad', 'stderr');
		const frame = await harness.waitForFrame((f) => logRows(f).length === 3);
		expect(logRows(frame)).toEqual([' one', ' two', '▌bad']);
		expect(frame).toContain(`${esc}[31m▌`);
		await harness.press(keys.escape);
		await harness.waitForFrame((f) => titleOf(f) === '');
	});

	test('hostile output is drawn as text: no escape but colours reaches the terminal', async () => {
		const harness = await openOn('db', [`${esc}]0;pwned\u0007${esc}[2J${esc}[Hclean ${esc}[32mgreen${esc}[0m ${esc}]52;c;eA==\u0007${esc}P+q${esc}\\end\u0007`]);
		const frame = await harness.waitForFrame((f) => logRows(f).some((row) => row.includes('clean')));
		expect(logRows(frame)).toEqual([' clean green end']);
		expect(frame).not.toMatch(/\u001B\]|\u001BP|\u001B\[2J|\u001B\[H|\u0007/);
		expect(frame).toContain(`${esc}[32mgreen`);
		await harness.press('c');
		const stripped = await harness.waitForFrame((f) => titleOf(f).includes('no colours'));
		expect(stripped).not.toContain(`${esc}[32mgreen`);
	});

	test('scrolling up pauses following and counts new lines; G follows again', async () => {
		const lines = Array.from({length: 40}, (_, index) => `line ${index}`);
		const harness = await openOn('db', lines, {rows: 24});
		await harness.waitForFrame((f) => logRows(f).at(-1) === ' line 39');
		await harness.press('k');
		let frame = await harness.waitForFrame((f) => logRows(f).at(-1) === ' line 38');
		expect(titleOf(frame)).toContain('paused');
		harness.engine.logs.write(db.id, ['line 40', 'line 41']);
		frame = await harness.waitForFrame((f) => titleOf(f).includes('3 new lines'));
		expect(logRows(frame).at(-1)).toBe(' line 38');
		await harness.press('G');
		frame = await harness.waitForFrame((f) => logRows(f).at(-1) === ' line 41');
		expect(titleOf(frame)).toContain('following');
		await harness.press('g');
		frame = await harness.waitForFrame((f) => logRows(f)[0] === ' line 0');
		await harness.press('f');
		await harness.waitForFrame((f) => logRows(f).at(-1) === ' line 41');
	});

	test('z shows the logs full screen, t adds local timestamps, w wraps', async () => {
		const harness = await openOn('db', ['x'.repeat(150)], {columns: 100});
		await harness.press('z');
		let frame = await harness.waitForFrame((f) => titleOf(f).includes('full'));
		expect(plain(frame)).not.toMatch(/^NAME /m);
		expect(plain(frame).split('\n')).toHaveLength(24);
		await harness.press('t');
		frame = await harness.waitForFrame((f) => /^ \d\d-\d\d \d\d:\d\d:\d\d\.\d{3} x+$/.test(logRows(f)[0] ?? ''));
		expect(logRows(frame)).toHaveLength(1);
		await harness.press('w');
		frame = await harness.waitForFrame((f) => logRows(f).length === 2);
		expect(logRows(frame)[1]).toMatch(/^ {20}x+$/);
	});

	test('/ searches with a count and highlights; n/N move between matches; F keeps only matching lines', async () => {
		const harness = await openOn('db', ['alpha error', 'beta', 'gamma ERROR', 'delta', 'epsilon']);
		await harness.waitForFrame((f) => logRows(f).length === 5);
		await harness.press('/');
		await harness.type('error');
		let frame = await harness.waitForFrame((f) => plain(f).includes('/error▏'));
		await harness.press(keys.enter);
		frame = await harness.waitForFrame((f) => titleOf(f).includes('/error 2 matches'));
		expect(frame).toContain(`${esc}[7merror${esc}[27m`);
		await harness.press('N');
		frame = await harness.waitForFrame((f) => titleOf(f).includes('/error 2/2 matches'));
		// Ink writes the colours as two SGRs.
		expect(frame).toMatch(/\u001B\[30m\u001B\[43mERROR/);
		await harness.press('N');
		await harness.waitForFrame((f) => titleOf(f).includes('/error 1/2 matches'));
		await harness.press('F');
		frame = await harness.waitForFrame((f) => logRows(f).length === 2);
		expect(logRows(frame)).toEqual([' alpha error', ' gamma ERROR']);
		expect(titleOf(frame)).toContain('filter (2 shown)');
		await harness.press('F');
		await harness.waitForFrame((f) => logRows(f).length === 5);
	});

	test('s asks for a path in the status line and saves the lines, saying how many', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'berth-ui-save-'));
		try {
			const harness = await openOn('db', ['one', 'two']);
			await harness.waitForFrame((f) => logRows(f).length === 2);
			await harness.press('s');
			let frame = await harness.waitForFrame((f) => plain(f).includes('Save the lines kept here to: db-'));
			// The default name, "db-YYYYMMDD-HHMMSS.log", goes.
			for (let i = 0; i < 22; i++) await harness.press(keys.backspace);
			await harness.waitForFrame((f) => plain(f).includes('Save the lines kept here to: ▏'));
			const path = join(dir, 'out.log');
			await harness.type(path);
			await harness.press(keys.enter);
			frame = await harness.waitForFrame((f) => plain(f).includes('saved 2 lines'));
			expect(plain(frame)).toContain(`saved 2 lines (8 B) to ${path}`);
			expect(await readFile(path, 'utf8')).toBe('one\ntwo\n');
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	}, 20_000);

	test('a restart is marked and following goes on', async () => {
		const harness = await openOn('db', ['first run']);
		harness.engine.logs.stop(db.id, 0);
		harness.engine.die(db.id, 0);
		let frame = await harness.waitForFrame((f) => plain(f).includes('── exited (code 0)'));
		expect(titleOf(frame)).toContain('stopped');
		harness.engine.logs.start(db.id);
		harness.engine.logs.write(db.id, 'second run');
		harness.engine.start(db.id);
		frame = await harness.waitForFrame((f) => logRows(f).includes(' second run'), 4000);
		expect(logRows(frame).map((row) => row.replace(/ ─+$/, ''))).toEqual([' first run', expect.stringMatching(/^── exited \(code 0\) \d\d:\d\d:\d\d$/), expect.stringMatching(/^── restarted \d\d:\d\d:\d\d$/), ' second run']);
	});

	test('O shows a compose project\'s containers interleaved, each line with its service', async () => {
		app = startApp({containers: [db, web], rows: 24, columns: 100});
		app.engine.logs.write(web.id, 'GET /');
		app.engine.logs.write(db.id, 'SELECT 1');
		app.engine.logs.write(web.id, 'GET /health');
		await app.waitForText('web');
		await app.press('O');
		const frame = await app.waitForFrame((f) => logRows(f).length === 3);
		expect(titleOf(frame)).toContain('logs of project shop');
		expect(logRows(frame)).toEqual([' web | GET /', ' db  | SELECT 1', ' web | GET /health']);
	});

	test('the split fits every terminal height from the smallest up', async () => {
		app = startApp({containers: [db, web], rows: 15, columns: 60});
		app.engine.logs.write(db.id, Array.from({length: 50}, (_, index) => `l${index}`));
		await app.waitForText('web');
		await app.press('l');
		for (const rows of [15, 16, 20, 31]) {
			app.resize(60, rows);
			const frame = await app.waitForFrame((f) => plain(f).includes('l49') && plain(f).split('\n').length === rows);
			expect(plain(frame).split('\n')).toHaveLength(rows);
			expect(plain(frame)).toMatch(/^db +/m);
		}
	});
});
