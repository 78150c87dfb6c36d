import {afterEach, describe, expect, test} from 'vitest';
import {formatSince} from '../../source/store/feeds.js';
import {containerFixture, engineErrorFixture, eventFixture, idFor} from '../support/fake-engine.js';
import {plain, rowNames, startApp, tableRows, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const header = (frame: string) => plain(frame).split('\n').slice(0, 2).join('\n');
const rowOf = (frame: string, name: string) => tableRows(frame).find((line) => line.trim().startsWith(`${name} `)) ?? '';

describe('a broken event stream', () => {
	test('shows reconnecting, then live again with what changed meanwhile', async () => {
		app = startApp({
			containers: [containerFixture({name: 'web'}), containerFixture({name: 'db'}), containerFixture({name: 'cache'})],
			// Wide enough for the whole reconnecting badge and the counts after it.
			columns: 140,
		});
		await app.waitForFrame((f) => header(f).includes('live') && rowNames(f).length === 3);
		// One event before the break, so there is somewhere to resume from.
		const seen = app.engine.die(idFor('cache'), 0);
		await app.waitForFrame((f) => rowOf(f, 'cache').includes('exited'));

		app.engine.breakStream(engineErrorFixture({title: 'Lost the engine'}), {stayDown: true});
		let frame = await app.waitForFrame((f) => header(f).includes('reconnecting'));
		expect(header(frame)).toContain('Lost the engine');
		expect(header(frame)).not.toContain('● live');
		expect(header(frame)).toContain('(as last seen)');
		// What berth last knew stays on screen.
		expect(rowNames(frame)).toEqual(['cache', 'db', 'web']);

		// Changes while berth cannot see them.
		app.engine.die(idFor('web'), 2);
		app.engine.destroy(idFor('db'));
		app.engine.create(containerFixture({name: 'newbie', state: 'created', status: 'Created'}));
		// It keeps trying (attempt 2 and on) while the engine is down.
		await app.waitForFrame((f) => /attempt [2-9]/.test(header(f)));

		app.engine.recover();
		frame = await app.waitForFrame(
			(f) => header(f).includes('● live') && rowNames(f).includes('newbie') && !rowNames(f).includes('db'),
		);
		expect(header(frame)).not.toContain('reconnecting');
		expect(header(frame)).not.toContain('as last seen');
		expect(rowNames(frame)).toEqual(['cache', 'newbie', 'web']);
		expect(rowOf(frame, 'web')).toContain('Exited (2)');
		// It resumed the events from the last one it had applied.
		expect(app.engine.subscriptions.at(-1)).toBe(formatSince(seen.timeNano));
	});

	test('events after recovery keep flowing into the list', async () => {
		app = startApp({containers: [containerFixture({name: 'web'})]});
		await app.waitForText('live');
		app.engine.breakStream();
		await app.engine.subscribed(2);
		await app.waitForFrame((f) => header(f).includes('● live'));
		app.engine.die(idFor('web'), 9);
		const frame = await app.waitForFrame((f) => rowOf(f, 'web').includes('Exited (9)'));
		expect(header(frame)).toContain('● live');
	});

	test('an event replayed on resume is not applied twice', async () => {
		app = startApp({containers: [containerFixture({name: 'web'})]});
		await app.waitForText('live');
		const applied: string[] = [];
		const dispatch = app.store.dispatch;
		app.store.dispatch = (action) => {
			if (action.type === 'engine/event') applied.push(`${action.event.action}@${action.event.timeNano}`);
			dispatch(action);
		};

		const pause = eventFixture('pause', idFor('web'));
		app.engine.update(idFor('web'), {state: 'paused', status: 'Up 5 minutes (Paused)'});
		app.engine.emit(pause);
		await app.waitForFrame((f) => rowOf(f, 'web').includes('paused'));
		app.engine.breakStream();
		await app.engine.subscribed(2);
		// The replay of `pause` arrives on the new stream; an unpause after it proves the stream was read.
		app.engine.update(idFor('web'), {state: 'running', status: 'Up 5 minutes'});
		app.engine.emit(eventFixture('unpause', idFor('web')));
		await app.waitForFrame((f) => header(f).includes('● live') && rowOf(f, 'web').includes('running'));
		expect(applied.filter((entry) => entry.startsWith('pause@'))).toHaveLength(1);
		expect(applied.filter((entry) => entry.startsWith('unpause@'))).toHaveLength(1);
	});
});

describe('an engine that cannot be reached at start', () => {
	const problem = {
		title: 'Permission denied on /var/run/docker.sock',
		detail: 'Tried unix:///var/run/docker.sock (the default; DOCKER_HOST is not set).',
		hint: 'Add your user to the docker group, then log in again.',
	};

	test('shows the problem screen with the title, what was tried and the hint', async () => {
		app = startApp({containers: [containerFixture({name: 'web'})], connectError: engineErrorFixture(problem)});
		const frame = await app.waitForText(problem.title);
		const text = plain(frame);
		expect(text).toContain(problem.detail);
		expect(text).toContain(`Try: ${problem.hint}`);
		expect(text).toMatch(/Retrying .*\(attempt \d+\)\. q quits\./);
		expect(rowNames(frame)).toEqual([]);
		expect(text).not.toContain('● live');
	});

	test('fits the terminal, long text wrapped', async () => {
		const long = engineErrorFixture({...problem, detail: 'x '.repeat(200)});
		app = startApp({connectError: long, columns: 60, rows: 15});
		const frame = await app.waitForText(problem.title);
		const lines = plain(frame).split('\n');
		expect(lines.length).toBeLessThanOrEqual(15);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
	});

	test('hostile problem text is cleaned', async () => {
		app = startApp({connectError: engineErrorFixture({title: 'bad\u001B]0;pwned\u0007\u001B[2J title', hint: 'hint\u001B[31m'})});
		const frame = await app.waitForText('bad');
		expect(frame).not.toContain('\u001B]');
		expect(frame).not.toContain('\u001B[2J');
		expect(plain(frame)).not.toContain('pwned');
	});

	test('once the engine is reachable, the list replaces the problem screen', async () => {
		app = startApp({containers: [containerFixture({name: 'web'})], connectError: engineErrorFixture(problem)});
		await app.waitForText(problem.title);
		app.engine.recover();
		const frame = await app.waitForFrame((f) => rowNames(f).includes('web'));
		expect(header(frame)).toContain('● live');
		expect(plain(frame)).not.toContain(problem.title);
	});
});
