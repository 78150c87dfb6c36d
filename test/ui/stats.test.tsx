import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';
import type {ContainerSummary} from '../../source/engine/engine.js';
import {createStore} from '../../source/store/create-store.js';
import {startFeeds} from '../../source/store/feeds.js';
import {startStatsFeed} from '../../source/store/stats-feed.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture, eventFixture, FakeEngine, idFor} from '../support/fake-engine.js';
import {sampleFixture} from '../support/fake-stats.js';
import {keys, plain, renderApp, rowNames, tableRows, widestLine} from '../support/render-app.js';

const start0 = 1_750_000_000_000;

/** Starts the app on a FakeEngine with the stats feed ticking every 30 ms. */
function startStatsApp(containers: ContainerSummary[], size: {columns: number; rows: number} = {columns: 200, rows: 40}) {
	const engine = new FakeEngine({containers});
	const store = createStore(initialState(), {batchMs: 5});
	const feeds = startFeeds(engine, store, {refreshDelayMs: 5, backoffMs: {first: 20, max: 50}});
	const stats = startStatsFeed(engine, store, {refreshMs: 30, retryMs: 50});
	const rendered = renderApp({store, ...size, endpointLabel: engine.endpointLabel});
	const steps = new Map<string, number>();
	return {
		...rendered,
		engine,
		store,
		/** Sends the next sample of a container: `percent` of one CPU (4 CPUs), `memory` bytes, `rx` bytes a second. */
		sample(name: string, percent: number, memory: number, rx = 0) {
			const id = idFor(name);
			const step = (steps.get(id) ?? 0) + 1;
			steps.set(id, step);
			engine.stats.push(
				id,
				sampleFixture({
					readMs: start0 + step * 1000,
					cpuTotal: step * percent * 1e7,
					systemCpu: 1e15 + step * 4e9,
					memoryUsage: memory,
					memoryLimit: 8 * 1024 ** 3,
					networkRx: step * rx,
				}),
			);
		},
		/** Waits for the first frame and for the stats streams of the running containers to be open. */
		async ready(): Promise<void> {
			await rendered.waitForText('api');
			const running = containers.filter((container) => container.state === 'running').length;
			const deadline = Date.now() + 2000;
			while (engine.stats.openCount() < running) {
				if (Date.now() > deadline) throw new Error(`${engine.stats.openCount()} of ${running} stats streams open`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		},
		stop() {
			rendered.unmount();
			stats.stop();
			feeds.stop();
			engine.close();
		},
	};
}

type StatsApp = ReturnType<typeof startStatsApp>;
let app: StatsApp | undefined;

afterEach(() => {
	app?.stop();
	app = undefined;
});

function row(frame: string, name: string): string {
	const line = tableRows(frame).find((text) => text.trim().startsWith(`${name} `));
	if (line === undefined) throw new Error(`No row for ${name} in:\n${plain(frame)}`);
	return line;
}

/** Sends `count` samples to each container: a steady load. */
async function load(target: StatsApp, count: number, loads: Array<[string, number, number, number?]>): Promise<void> {
	for (let i = 0; i < count; i++) {
		for (const [name, percent, memory, rx] of loads) target.sample(name, percent, memory, rx);
		// One sample per container per tick, as dockerd sends them.
		await new Promise((resolve) => setTimeout(resolve, 35));
	}
}

function expectFits(frame: string, columns: number, rows: number): void {
	const lines = plain(frame).split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

const zoo = () => [
	containerFixture({name: 'api'}),
	containerFixture({name: 'busy'}),
	containerFixture({name: 'cache', state: 'paused'}),
	containerFixture({name: 'db', state: 'exited'}),
];

describe('live stats in the table', () => {
	test("CPU %, memory, network and PIDs per running container in docker stats' units; the header sums them", async () => {
		app = startStatsApp(zoo());
		await app.ready();
		await load(app, 3, [['api', 2.5, 50 * 1024 ** 2, 2000], ['busy', 97.5, 300 * 1024 ** 2]]);
		const frame = await app.waitForFrame((f) => row(f, 'busy').includes('97.50%') && row(f, 'api').includes('2.00 kB/s'));
		expect(row(frame, 'busy')).toContain('300MiB / 8GiB');
		expect(row(frame, 'busy')).toMatch(/97\.50% +300MiB \/ 8GiB +3\.66% /);
		expect(row(frame, 'api')).toMatch(/2\.50% +50MiB \/ 8GiB +0\.61% +2\.00 kB\/s +0 B\/s +0 B\/s +0 B\/s +1$/);
		// Stopped containers have no figures at all.
		expect(row(frame, 'db')).not.toMatch(/%|--/);
		const header = plain(frame).split('\n')[1]!;
		expect(header).toContain('CPU 25.00% of 4 CPUs');
		expect(header).toContain('MEM 350MiB / 8GiB (4.27%)');
		expect(header).toContain('2 streaming');
	});

	test('titles of the stats columns, right-aligned over their numbers', async () => {
		app = startStatsApp(zoo());
		await app.ready();
		const frame = app.frame();
		const titles = plain(frame).split('\n').find((line) => line.startsWith('NAME '))!.trimEnd();
		expect(titles).toMatch(/CPU% +MEM USAGE \/ LIMIT +MEM% +NET RX\/s +TX\/s BLOCK R\/s +W\/s PIDS$/);
	});

	test('a running container without a sample yet shows "--", a paused one 0.00% once sampled', async () => {
		app = startStatsApp(zoo());
		app.engine.stats.latest.set(idFor('cache'), sampleFixture({memoryUsage: 1024 ** 2, memoryLimit: 8 * 1024 ** 3}));
		await app.ready();
		let frame = app.frame();
		expect(row(frame, 'api')).toMatch(/running .* -- /);
		frame = await app.waitForFrame((f) => row(f, 'cache').includes('0.00%'));
		expect(row(frame, 'cache')).toMatch(/paused .* 0\.00% +1MiB \/ 8GiB/);
	});

	test('P sorts by CPU, M by memory, busiest first', async () => {
		app = startStatsApp(zoo());
		await app.ready();
		await load(app, 3, [['api', 2, 900 * 1024 ** 2], ['busy', 90, 10 * 1024 ** 2]]);
		await app.waitForFrame((f) => row(f, 'busy').includes('90.00%'));
		expect(rowNames(app.frame()).slice(0, 2)).toEqual(['api', 'busy']);
		await app.press('P');
		let frame = await app.waitForFrame((f) => rowNames(f)[0] === 'busy');
		expect(plain(frame)).toContain('sort: cpu');
		await app.press('M');
		frame = await app.waitForFrame((f) => rowNames(f)[0] === 'api');
		expect(plain(frame)).toContain('sort: memory');
		// Containers without figures come last, whatever their name.
		expect(rowNames(frame).at(-1)).toBe('db');
	});

	test('a tick whose figures print the same as before draws no frame; a visible change does', async () => {
		app = startStatsApp(zoo());
		await app.ready();
		await load(app, 3, [['api', 1, 1024 ** 2], ['busy', 50, 2 * 1024 ** 2]]);
		await app.waitForFrame((f) => row(f, 'busy').includes('50.00%'));
		// Same rates, a few bytes more memory: nothing changes at display resolution.
		await app.waitForFrame(() => true);
		const quiet = app.nextFrame(400);
		await load(app, 5, [['api', 1, 1024 ** 2 + 10], ['busy', 50, 2 * 1024 ** 2 + 10]]);
		await expect(quiet).rejects.toThrow(/No matching frame/);
		await load(app, 2, [['busy', 60, 2 * 1024 ** 2]]);
		await app.waitForFrame((f) => row(f, 'busy').includes('60.00%'));
	});

	test('pausing a container closes its stream and drops its CPU to 0', async () => {
		app = startStatsApp(zoo());
		await app.ready();
		await load(app, 2, [['busy', 80, 1024 ** 2]]);
		await app.waitForFrame((f) => row(f, 'busy').includes('80.00%'));
		// What dockerd does on docker pause: the container is paused, then the event says so.
		app.engine.update(idFor('busy'), {state: 'paused', status: 'Up 5 minutes (Paused)'});
		app.engine.emit(eventFixture('pause', idFor('busy')));
		const frame = await app.waitForFrame((f) => row(f, 'busy').includes('paused') && row(f, 'busy').includes(' 0.00%'));
		expect(row(frame, 'busy')).toContain('1MiB / 8GiB');
		expect(app.engine.stats.openCount(idFor('busy'))).toBe(0);
	});
});

describe('the detail view', () => {
	test('Enter shows the selected container with history graphs; j moves to the next; Esc goes back', async () => {
		app = startStatsApp(zoo(), {columns: 120, rows: 40});
		await app.ready();
		await load(app, 12, [['api', 30, 64 * 1024 ** 2, 1e6], ['busy', 90, 128 * 1024 ** 2]]);
		await app.press(keys.enter);
		let frame = await app.waitForText('CPU %  now');
		const text = plain(frame);
		expect(text).toContain('api  617069000000');
		expect(text).toMatch(/CPU 30\.00% of 400% \(4 CPUs\) +MEM 64MiB \/ 8GiB \(0\.78%\) +PIDS 1/);
		expect(text).toContain('NET ↓1.00 MB/s');
		expect(text).toMatch(/CPU %  now 30\.00%  peak 30\.00%  scale 50\.00%/);
		expect(text).toMatch(/MEM  now 64MiB/);
		expect(text).toMatch(/NET RX  now 1\.00 MB\/s/);
		expect(text).toMatch(/NET TX  now 0 B\/s/);
		// Bars of block elements, newest on the right.
		expect(text).toMatch(/[▁▂▃▄▅▆▇█]+$/m);
		expectFits(frame, 120, 40);
		await app.press('j');
		frame = await app.waitForText('busy  627573790000');
		expect(plain(frame)).toMatch(/CPU %  now 90\.00%/);
		await app.press(keys.escape);
		frame = await app.waitForFrame((f) => plain(f).includes('NAME '));
		expect(plain(frame)).not.toContain('CPU %  now');
	});

	test('never taller or wider than the terminal; short terminals get one-line graphs', async () => {
		app = startStatsApp(zoo(), {columns: 200, rows: 50});
		await app.ready();
		await load(app, 6, [['api', 30, 64 * 1024 ** 2, 1e6]]);
		await app.press('i');
		let frame = await app.waitForText('CPU %  now');
		expectFits(frame, 200, 50);
		for (const [columns, rows] of [[60, 15], [80, 24], [100, 20], [61, 16], [300, 80]] as const) {
			app.resize(columns, rows);
			frame = await app.waitForFrame((f) => plain(f).split('\n').length <= rows && /^api  /m.test(plain(f)) && widestLine(f) <= columns);
			expectFits(frame, columns, rows);
			if (rows <= 16) expect(plain(frame)).toMatch(/^CPU % +[ ▁▂▃▄▅▆▇█]+ +30\.00%$/m);
		}
	});

	test('a container without samples says so instead of drawing empty graphs', async () => {
		app = startStatsApp(zoo(), {columns: 100, rows: 30});
		await app.ready();
		await app.press('j', 'j', 'j', keys.enter);
		const frame = await app.waitForText('no live figures: the container is exited');
		expect(plain(frame)).toContain('History graphs appear after a few samples.');
		expectFits(frame, 100, 30);
	});
});
