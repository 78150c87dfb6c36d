import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';
import {bindings} from '../../source/keymap/bindings.js';
import {containerFixture} from '../support/fake-engine.js';
import {keys, plain, rowNames, selectedName, startApp, widestLine, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const project = 'com.docker.compose.project';
const many = (count: number) =>
	Array.from({length: count}, (_, i) =>
		containerFixture({
			name: `svc-${String(i).padStart(3, '0')}`,
			labels: {[project]: `stack${i % 7}`, 'com.docker.compose.service': `s${i}`},
			ports: [{privatePort: 8000 + i, publicPort: 18_000 + i, ip: '0.0.0.0', type: 'tcp'}],
			state: i % 3 === 0 ? 'exited' : 'running',
			status: i % 3 === 0 ? 'Exited (1) 2 hours ago' : 'Up 2 hours (healthy)',
		}),
	);

// Long, wide and emoji text where cells are cut.
const awkward = [
	containerFixture({name: 'a-very-long-container-name-that-goes-on-and-on-and-on-forever-and-ever', image: 'registry.example.com:5000/team/project/image-with-long-name:2024.11.05-build.1234'}),
	containerFixture({name: '数据库容器数据库容器数据库容器数据库容器', image: '镜像镜像镜像镜像镜像镜像:最新'}),
	containerFixture({name: '🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳🐳', image: 'emoji/🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀:latest', status: 'Up 3 weeks (unhealthy)'}),
	containerFixture({name: 'mixé-çà-ñ-ß-ø', image: 'x', labels: {[project]: 'プロジェクトプロジェクトプロジェクト'}}),
];

/** Every line of the frame, ANSI stripped, within `columns` x `rows`. */
function expectFits(frame: string, columns: number, rows: number) {
	const lines = plain(frame).split('\n');
	expect(lines.length, 'lines').toBeLessThanOrEqual(rows);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('the help screen', () => {
	test('? lists every binding of the table with its description and keys', async () => {
		// Tall and wide enough for the whole table: a line per binding, two per scope, a title.
		const scopes = new Set(bindings.map((binding) => binding.scope)).size;
		const rows = bindings.length + 2 * scopes + 10;
		const columns = Math.max(100, 24 + Math.max(...bindings.map((binding) => binding.description.length)));
		app = startApp({containers: many(3), columns, rows});
		await app.waitForText('svc-000');
		await app.press('?');
		const frame = await app.waitForText('Keys (Esc, q or ? to close)');
		const text = plain(frame);
		for (const binding of bindings) expect(text, binding.id).toContain(binding.description);
		for (const title of ['Everywhere', 'Containers', 'While typing a filter', 'This screen']) expect(text).toContain(title);
		expect(text).toMatch(/PgDn, Ctrl-F\s+Move down one page/);
		expect(rowNames(frame)).toEqual([]);
	});

	test('? again, Esc or q close it; q there does not quit', async () => {
		let quits = 0;
		app = startApp({containers: many(3), columns: 100, rows: 40, quit: () => (quits += 1)});
		await app.waitForText('svc-000');
		for (const close of ['?', keys.escape, 'q']) {
			await app.press('?');
			await app.waitForText('Keys (Esc');
			await app.press(close);
			const frame = await app.waitForFrame((f) => !plain(f).includes('Keys (Esc'));
			expect(rowNames(frame)).toContain('svc-000');
		}

		expect(quits).toBe(0);
	});

	test('on the help screen the help bar does not say q quits (q closes help there)', async () => {
		app = startApp({containers: many(3), columns: 100, rows: 40});
		await app.waitForText('svc-000');
		expect(plain(app.frame()).split('\n').at(-1)).toContain('q quit');
		await app.press('?');
		const frame = await app.waitForText('Keys (Esc');
		expect(plain(frame).split('\n').at(-1)).not.toContain('q quit');
	});

	test('list keys do nothing behind the help screen', async () => {
		app = startApp({containers: many(3), columns: 100, rows: 40});
		await app.waitForText('svc-000');
		await app.press('?', 'j', 'j', 'a', keys.escape);
		const frame = await app.waitForFrame((f) => rowNames(f).length === 3);
		expect(selectedName(frame)).toBe('svc-000');
	});

	test('fits an 80x24 terminal', async () => {
		app = startApp({containers: many(3), columns: 80, rows: 24});
		await app.waitForText('svc-000');
		await app.press('?');
		const frame = await app.waitForText('Keys (Esc');
		expectFits(frame, 80, 24);
		expect(plain(frame)).toContain(bindings[0]!.description);
	});
});

describe('terminal size', () => {
	test.each([
		[59, 24],
		[80, 14],
		[20, 5],
	])('%ix%i is too small, and says what is needed', async (columns, rows) => {
		app = startApp({containers: many(3), columns, rows});
		const frame = await app.waitForText('Terminal too small');
		expect(plain(frame)).toContain(`${columns}x${rows}, needs 60x15`);
		expect(rowNames(frame)).toEqual([]);
		expectFits(frame, columns, rows);
	});

	test('60x15 is just enough', async () => {
		app = startApp({containers: many(30), columns: 60, rows: 15});
		const frame = await app.waitForText('svc-000');
		expect(plain(frame)).not.toContain('Terminal too small');
		expectFits(frame, 60, 15);
		expect(selectedName(frame)).toBe('svc-000');
	});

	test('at 80x24 the frame is at most 24 lines, none wider than 80 columns', async () => {
		app = startApp({containers: [...many(10), ...awkward], columns: 80, rows: 24});
		let frame = await app.waitForText('svc-000');
		expectFits(frame, 80, 24);
		expect(widestLine(frame)).toBeLessThanOrEqual(80);
		// Grouped, and with the awkward rows selected (inverse) too.
		await app.press('c', 'G');
		frame = await app.waitForText('▾');
		expectFits(frame, 80, 24);
		for (let i = 0; i < 5; i++) {
			await app.press('k');
			expectFits(app.frame(), 80, 24);
		}
	});

	test.each([
		[80, 24],
		[60, 15],
		[120, 40],
		[200, 60],
	])('with 200 containers the frame never outgrows %ix%i', async (columns, rows) => {
		app = startApp({containers: many(200), columns, rows});
		let frame = await app.waitForText('svc-000');
		expectFits(frame, columns, rows);
		await app.press('G');
		frame = await app.waitForFrame((f) => selectedName(f) === 'svc-199');
		expectFits(frame, columns, rows);
		await app.press('c', keys.pageUp);
		frame = await app.waitForText('grouped');
		expectFits(frame, columns, rows);
	});

	test('resizing re-lays the screen out', async () => {
		const titles = (frame: string) => (plain(frame).split('\n').find((line) => line.startsWith('NAME ')) ?? '').trim().split(/\s+/);
		app = startApp({containers: many(40), columns: 100, rows: 30});
		let frame = await app.waitForText('svc-000');
		expectFits(frame, 100, 30);
		// Header 2, column titles 1, status 1, help bar 1: the rest is rows.
		expect(rowNames(frame)).toHaveLength(25);

		app.resize(80, 24);
		frame = await app.waitForFrame((f) => rowNames(f).length === 19);
		expectFits(frame, 80, 24);
		const narrow = titles(frame);

		app.resize(50, 12);
		frame = await app.waitForText('Terminal too small');
		expect(plain(frame)).toContain('50x12, needs 60x15');
		expectFits(frame, 50, 12);

		app.resize(150, 45);
		frame = await app.waitForFrame((f) => rowNames(f).length === 40);
		expect(rowNames(frame)).toContain('svc-039');
		expectFits(frame, 150, 45);
		// A wider terminal has room for more columns.
		expect(titles(frame).length).toBeGreaterThan(narrow.length);
	});

	test('a taller terminal shows more rows, and the selection stays in view when it shrinks', async () => {
		app = startApp({containers: many(60), columns: 80, rows: 40});
		let frame = await app.waitForText('svc-000');
		expect(rowNames(frame)).toHaveLength(35);
		// Select the 31st container directly: this test is about the resize, not the keys.
		const ids = many(60).map((container) => container.id);
		app.store.dispatch({type: 'ui/select', id: ids[30]!, visibleIds: ids});
		await app.waitForFrame((f) => selectedName(f) === 'svc-030');
		app.resize(80, 20);
		frame = await app.waitForFrame((f) => rowNames(f).length === 15);
		expect(selectedName(frame)).toBe('svc-030');
		expectFits(frame, 80, 20);
	});
});
