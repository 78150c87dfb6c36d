import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture, idFor} from '../support/fake-engine.js';
import {keys, plain, rowNames, selectedLineIndex, selectedName, startApp, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const name = (i: number, digits = 2) => `c${String(i).padStart(digits, '0')}`;
const many = (count: number, digits = 2) => Array.from({length: count}, (_, i) => containerFixture({name: name(i, digits)}));

/** Presses keys, then waits for `expected` to be the highlighted row. */
async function pressExpect(harness: Harness, sequence: string[], expected: string): Promise<string> {
	await harness.press(...sequence);
	return harness.waitForFrame((frame) => selectedName(frame) === expected);
}

describe('moving the selection', () => {
	test('the first row is highlighted at start, and only one row ever is', async () => {
		app = startApp({containers: many(5)});
		const frame = await app.waitForText('c04');
		expect(selectedName(frame)).toBe('c00');
	});

	test('j/k and the arrows move one row, stopping at the ends', async () => {
		app = startApp({containers: many(5)});
		await app.waitForText('c04');
		await pressExpect(app, ['j'], 'c01');
		await pressExpect(app, [keys.down], 'c02');
		await pressExpect(app, ['k'], 'c01');
		await pressExpect(app, [keys.up], 'c00');
		await app.press(keys.up, 'k');
		expect(selectedName(app.frame())).toBe('c00');
		await pressExpect(app, ['j', 'j', 'j', 'j', 'j', 'j'], 'c04');
		expect(selectedName(app.frame())).toBe('c04');
	});

	test('g/G and Home/End go to the first and last container, scrolling the last into view', async () => {
		app = startApp({containers: many(60)});
		await app.waitForText('c00');
		let frame = await pressExpect(app, ['G'], 'c59');
		expect(rowNames(frame)).not.toContain('c00');
		frame = await pressExpect(app, ['g'], 'c00');
		expect(rowNames(frame)).not.toContain('c59');
		await pressExpect(app, [keys.end], 'c59');
		await pressExpect(app, [keys.home], 'c00');
	});

	test('PgDn/PgUp (and Ctrl-F/Ctrl-B) move by the rows that fit, clamped at the ends', async () => {
		// 80x24: header 2, titles 1, status 1, help bar 1 leave 19 rows a page.
		app = startApp({containers: many(45), columns: 80, rows: 24});
		await app.waitForText('c00');
		await pressExpect(app, [keys.pageDown], 'c19');
		await pressExpect(app, [keys.pageDown], 'c38');
		await pressExpect(app, [keys.pageDown], 'c44');
		await pressExpect(app, [keys.pageUp], 'c25');
		await pressExpect(app, ['\u0002'], 'c06');
		await pressExpect(app, [keys.pageUp], 'c00');
		await pressExpect(app, ['\u0006'], 'c19');
	});

	test('the selected row stays on screen while paging through 200 containers', async () => {
		app = startApp({containers: many(200, 3), columns: 80, rows: 24});
		await app.waitForText('c000');
		for (let page = 1; page <= 11; page++) {
			const label = name(Math.min(199, page * 19), 3);
			const frame = await pressExpect(app, [keys.pageDown], label);
			expect(rowNames(frame)).toContain(label);
			expect(plain(frame).split('\n').length).toBeLessThanOrEqual(24);
		}
	});

	test('an empty list ignores movement keys', async () => {
		app = startApp({containers: []});
		await app.waitForText('No containers');
		await app.press('j', 'G', keys.pageDown);
		expect(selectedName(app.frame())).toBeUndefined();
		expect(plain(app.frame())).toContain('No containers on this engine');
	});
});

describe('the selection against a changing list', () => {
	test('it follows its container when an event re-sorts the list', async () => {
		app = startApp({containers: [containerFixture({name: 'bravo'}), containerFixture({name: 'delta'}), containerFixture({name: 'echo'})]});
		await app.waitForText('echo');
		await pressExpect(app, ['j'], 'delta');
		// A new container sorts above the selection, pushing it down a row.
		app.engine.create(containerFixture({name: 'alpha', state: 'created', status: 'Created'}));
		let frame = await app.waitForFrame((f) => rowNames(f).includes('alpha'));
		expect(rowNames(frame)).toEqual(['alpha', 'bravo', 'delta', 'echo']);
		expect(selectedName(frame)).toBe('delta');
		// The selected container itself is renamed to sort first.
		app.engine.rename(idFor('delta'), 'aaa');
		frame = await app.waitForFrame((f) => rowNames(f)[0] === 'aaa');
		expect(selectedName(frame)).toBe('aaa');
		// And j moves on from where it now is.
		await pressExpect(app, ['j'], 'alpha');
	});

	test('when the selected container is removed, the cursor stays at the same index', async () => {
		app = startApp({containers: many(6)});
		await app.waitForText('c05');
		const before = await pressExpect(app, ['j', 'j'], 'c02');
		const line = selectedLineIndex(before);
		app.engine.destroy(idFor('c02'));
		const after = await app.waitForFrame((f) => !rowNames(f).includes('c02'));
		expect(selectedName(after)).toBe('c03');
		expect(selectedLineIndex(after)).toBe(line);
		await pressExpect(app, ['j'], 'c04');
	});

	test('removing the last container, when selected, moves the cursor up to the new last', async () => {
		app = startApp({containers: many(4)});
		await app.waitForText('c03');
		await pressExpect(app, ['G'], 'c03');
		app.engine.destroy(idFor('c03'));
		const after = await app.waitForFrame((f) => !rowNames(f).includes('c03'));
		expect(selectedName(after)).toBe('c02');
	});

	test('removing a container above the selection keeps the same container selected', async () => {
		app = startApp({containers: many(6)});
		await app.waitForText('c05');
		await pressExpect(app, ['j', 'j', 'j'], 'c03');
		app.engine.destroy(idFor('c00'));
		const after = await app.waitForFrame((f) => !rowNames(f).includes('c00'));
		expect(selectedName(after)).toBe('c03');
	});
});

describe('quitting', () => {
	test('q and Ctrl-C call quit', async () => {
		let quits = 0;
		app = startApp({containers: many(2), quit: () => (quits += 1)});
		await app.waitForText('c01');
		await app.press('q');
		expect(quits).toBe(1);
		await app.press(keys.ctrlC);
		expect(quits).toBe(2);
	});
});
