import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test, vi} from 'vitest';
import type {ContainerSummary} from '../../source/engine/engine.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import type {LogBuffer} from '../../source/store/log-buffer.js';
import {startLogsFeed, type LogsFeed} from '../../source/store/logs-feed.js';
import {defaultSavePath, expandPath} from '../../source/store/save-logs.js';
import {runBoundary} from '../../source/store/run-boundary.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture, engineErrorFixture, FakeEngine} from '../support/fake-engine.js';

const web = containerFixture({name: 'web', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web'}});
const db = containerFixture({name: 'db', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db'}});
const solo = containerFixture({name: 'solo'});

type Setup = {engine: FakeEngine; store: Store; feed: LogsFeed};
let current: Setup | undefined;

function setup(containers: ContainerSummary[] = [web, db, solo]): Setup {
	const engine = new FakeEngine({containers});
	const store = createStore(initialState(), {batchMs: 1});
	store.dispatch({type: 'connection/connected', info: {endpoint: '', hostName: '', engineVersion: '', apiVersion: '', os: '', kernel: '', cpus: 1, memoryBytes: 1, product: ''}});
	store.dispatch({type: 'containers/listed', containers});
	const feed = startLogsFeed(engine, store, {tail: 500, notifyMs: 1});
	current = {engine, store, feed};
	return current;
}

afterEach(() => {
	current?.feed.stop();
	current = undefined;
});

const texts = (buffer: LogBuffer) =>
	[...buffer.lines()].flatMap((line) => [
		...(line.before ? [`── ${line.before.text}`] : []),
		line.kind === 'marker' ? `── ${line.text}` : line.kind === 'err' ? `! ${line.text}` : line.text,
	]);

function bufferOf(feed: LogsFeed): LogBuffer {
	const session = feed.session();
	if (!session) throw new Error('no session open');
	return session.buffer;
}

async function until(check: () => boolean, what = 'the condition'): Promise<void> {
	await vi.waitFor(() => {
		if (!check()) throw new Error(`waiting for ${what}`);
	}, {timeout: 2000, interval: 2});
}

describe('one container', () => {
	test('opens with the tail, follows new lines, marks stderr, replaces a partial line', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, ['old 1', 'old 2', 'old 3']);
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => feed.session()?.buffer.size === 3, 'the backlog');
		expect(engine.logs.calls[0]).toMatchObject({id: solo.id, options: {follow: true, tail: 500}});
		engine.logs.write(solo.id, 'new out');
		engine.logs.write(solo.id, 'new err', 'stderr');
		engine.logs.send(solo.id, [{stream: 'stdout', text: 'half', partial: true}]);
		await until(() => bufferOf(feed).size === 6);
		engine.logs.send(solo.id, [{stream: 'stdout', text: 'half and the rest', time: '2026-02-01T00:00:00.000000000Z'}]);
		await until(() => bufferOf(feed).get(5)?.partial === false);
		expect(texts(bufferOf(feed))).toEqual(['old 1', 'old 2', 'old 3', 'new out', '! new err', 'half and the rest']);
		expect(feed.session()?.status()).toMatchObject({following: 1, total: 1, ended: false});
	});

	test('a stop ends following with an exit marker; a start resumes after the last line with a restart marker', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, 'run 1');
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => feed.session()?.status().following === 1);
		engine.logs.stop(solo.id, 137);
		engine.die(solo.id, 137);
		store.dispatch({type: 'containers/listed', containers: [...engine.containers.values()]});
		await until(() => texts(bufferOf(feed)).includes('── exited (code 137)'), 'the exit marker');
		expect(feed.session()?.status().ended).toBe(true);
		expect(engine.logs.openCount(solo.id)).toBe(0);

		engine.logs.start(solo.id);
		engine.logs.write(solo.id, 'run 2');
		engine.start(solo.id);
		store.dispatch({type: 'containers/listed', containers: [...engine.containers.values()]});
		await until(() => texts(bufferOf(feed)).includes('run 2'), 'the second run');
		expect(texts(bufferOf(feed))).toEqual(['run 1', '── exited (code 137)', '── restarted', 'run 2']);
		// Resumed from just after the last line seen, not with the tail again.
		const resumed = engine.logs.calls.at(-1)!.options;
		expect(resumed.since).toMatch(/^\d+\.\d{9}$/);
		expect(resumed.tail).toBeUndefined();
		await until(() => feed.session()?.status().following === 1);
	});

	test('a stopped container: its log is read, marked exited, and no stream stays open', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, ['last words']);
		engine.logs.stop(solo.id, 3);
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => bufferOf(feed).size === 2);
		expect(texts(bufferOf(feed))).toEqual(['last words', '── exited (code 3)']);
		expect(engine.logs.openCount()).toBe(0);
	});

	test('a broken stream waits and resumes when the engine is back; a removed container is marked', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, 'before');
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => feed.session()?.status().following === 1);
		engine.logs.fail(solo.id, engineErrorFixture({title: 'connection reset'}));
		await until(() => feed.session()?.status().waiting === 'connection reset', 'waiting');
		engine.logs.write(solo.id, 'while away');
		store.dispatch({type: 'connection/lost', problem: engineErrorFixture().problem, attempt: 1, retryAt: 0});
		store.dispatch({type: 'connection/connected', info: {endpoint: '', hostName: '', engineVersion: '', apiVersion: '', os: '', kernel: '', cpus: 1, memoryBytes: 1, product: ''}});
		await until(() => texts(bufferOf(feed)).includes('while away'), 'the resumed stream');
		expect(texts(bufferOf(feed))).toEqual(['before', 'while away']);

		engine.logs.remove(solo.id);
		engine.destroy(solo.id);
		store.dispatch({type: 'containers/listed', containers: [...engine.containers.values()]});
		await until(() => texts(bufferOf(feed)).includes('── container removed'), 'the removed marker');
		expect(feed.session()?.status().ended).toBe(true);
	});

	test('opening other logs aborts the stream of the ones before; closing aborts it too', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, 'x');
		engine.logs.write(web.id, 'y');
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => engine.logs.openCount(solo.id) === 1);
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: web.id, name: 'web'}});
		await until(() => engine.logs.openCount(web.id) === 1);
		expect(engine.logs.openCount(solo.id)).toBe(0);
		store.dispatch({type: 'logs/close'});
		await until(() => engine.logs.openCount() === 0);
		expect(feed.session()).toBeUndefined();
	});
});

describe('where a restart marker goes', () => {
	test('halfway between the old run\'s end and the new run\'s start; the start when the end is unknown or odd', () => {
		const previous = '2026-11-23T15:00:00.000000000Z';
		expect(runBoundary(previous, '2026-11-23T15:00:10.000000000Z', '2026-11-23T15:00:10.400000000Z')).toBe('2026-11-23T15:00:10.200Z');
		expect(runBoundary(previous, undefined, '2026-11-23T15:00:10.4Z')).toBe('2026-11-23T15:00:10.4Z');
		// A FinishedAt from before the previous run (the container never stopped since).
		expect(runBoundary(previous, '2026-11-23T14:00:00Z', '2026-11-23T15:00:10.4Z')).toBe('2026-11-23T15:00:10.4Z');
	});
});

describe('a compose project', () => {
	test('interleaves the containers by time, then follows each', async () => {
		const {engine, store, feed} = setup();
		engine.logs.write(web.id, 'web 1');
		engine.logs.write(db.id, 'db 1');
		engine.logs.write(web.id, 'web 2');
		engine.logs.write(db.id, 'db 2');
		store.dispatch({type: 'logs/open', target: {kind: 'project', project: 'shop'}});
		await until(() => feed.session()?.status().following === 2, 'both followed');
		expect(texts(bufferOf(feed))).toEqual(['web 1', 'db 1', 'web 2', 'db 2']);
		expect(feed.session()!.sources.map((source) => source.label)).toEqual(['db', 'web']);
		engine.logs.write(db.id, 'db 3');
		await until(() => bufferOf(feed).size === 5);
		const last = bufferOf(feed).get(4)!;
		expect(feed.session()!.sources[last.source]!.label).toBe('db');
	});

	test('a container that joins the project is followed too', async () => {
		const {engine, store, feed} = setup();
		store.dispatch({type: 'logs/open', target: {kind: 'project', project: 'shop'}});
		await until(() => feed.session()?.status().following === 2);
		const worker = containerFixture({name: 'worker', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'worker'}});
		engine.create(worker);
		engine.logs.write(worker.id, 'hello from worker');
		store.dispatch({type: 'containers/listed', containers: [...engine.containers.values()]});
		await until(() => texts(bufferOf(feed)).includes('hello from worker'), 'the new member');
		expect(feed.session()!.status().total).toBe(3);
	});
});

describe('saving', () => {
	let dir: string | undefined;
	afterEach(async () => {
		if (dir) await rm(dir, {recursive: true, force: true});
		dir = undefined;
	});

	test('the buffer (lines as the engine sent them, no markers), or the whole log; lines and bytes reported', async () => {
		dir = await mkdtemp(join(tmpdir(), 'berth-save-'));
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, Array.from({length: 10}, (_, index) => `line ${index}`));
		engine.logs.write(solo.id, '\u001B[31mred\u001B[0m', 'stderr');
		const small = startLogsFeed(engine, store, {tail: 3, notifyMs: 1});
		try {
			store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
			await until(() => small.session()?.buffer.size === 3);
			engine.logs.stop(solo.id, 0);
			await until(() => small.session()?.buffer.size === 4, 'the exit marker');
			const path = join(dir, 'buffer.log');
			const result = await small.save(path, false);
			const text = await readFile(path, 'utf8');
			expect(text).toBe('line 8\nline 9\n\u001B[31mred\u001B[0m\n');
			expect(result).toEqual({path, lines: 3, bytes: Buffer.byteLength(text)});
			expect(store.getState().ui.notice).toEqual({level: 'info', text: `saved 3 lines (${Buffer.byteLength(text)} B) to ${path}`});

			const full = join(dir, 'full.log');
			expect((await small.save(full, true))?.lines).toBe(11);
			expect((await readFile(full, 'utf8')).split('\n')).toHaveLength(12);
		} finally {
			small.stop();
		}

		expect(feed.session()).toBeDefined();
	});

	test('never over an existing file; errors are said, not thrown', async () => {
		dir = await mkdtemp(join(tmpdir(), 'berth-save-'));
		const {engine, store, feed} = setup();
		engine.logs.write(solo.id, 'x');
		store.dispatch({type: 'logs/open', target: {kind: 'container', id: solo.id, name: 'solo'}});
		await until(() => feed.session()?.buffer.size === 1);
		const path = join(dir, 'taken.log');
		await writeFile(path, 'mine');
		expect(await feed.save(path, false)).toBeUndefined();
		expect(await readFile(path, 'utf8')).toBe('mine');
		expect(store.getState().ui.notice).toEqual({level: 'error', text: `could not save the logs: ${path} already exists`});
		expect(await feed.save(join(dir, 'no/such/dir/x.log'), false)).toBeUndefined();
		expect(store.getState().ui.notice?.text).toMatch(/could not save the logs: ENOENT/);
	});

	test('a project saves with the service before each line, in time order', async () => {
		dir = await mkdtemp(join(tmpdir(), 'berth-save-'));
		const {engine, store, feed} = setup();
		engine.logs.write(web.id, 'a');
		engine.logs.write(db.id, 'b');
		engine.logs.write(web.id, 'c');
		store.dispatch({type: 'logs/open', target: {kind: 'project', project: 'shop'}});
		await until(() => feed.session()?.buffer.size === 3);
		const path = join(dir, 'shop.log');
		await feed.save(path, true);
		expect(await readFile(path, 'utf8')).toBe('web | a\ndb | b\nweb | c\n');
	});

	test('file names', () => {
		expect(defaultSavePath('web/1 ../x', new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('web_1_.._x-20260102-030405.log');
		expect(expandPath('~/x.log')).toMatch(/\/x\.log$/);
		expect(() => expandPath('  ')).toThrow(/no file name/);
	});
});
