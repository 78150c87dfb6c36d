/**
 * The events view against a real dockerd: a scripted sequence shows up in
 * order with its attributes, the history window loaded at start, and, across a
 * daemon restart, berth's list for a window equals what `docker events --since
 * S --until U` reports for it (compared by time, type, action and id).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine, EngineEvent} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {parseEventLine} from '../../source/engine/to-event.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {eventKey} from '../../source/store/event-ring.js';
import {startEventsHistory, type EventsHistory} from '../../source/store/events-history.js';
import {selectEventsView} from '../../source/store/events-view.js';
import {formatSince, startFeeds, type Feeds} from '../../source/store/feeds.js';
import {initialState, type State} from '../../source/store/state.js';
import {describeWithEngine} from '../support/engine-available.js';
import {buildBusyboxImage, startPrivateEngine, type EngineClient, type PrivateEngine} from '../support/private-engine.js';
import {waitForState as waitFor} from '../support/wait-for-state.js';

type Session = {engine: Engine; store: Store; feeds: Feeds; history: EventsHistory; stop(): void};

function connect(host: string, backoffMs = {first: 200, max: 1000}): Session {
	const engine = createDockerEngine(parseHost(host, {kind: 'flag-host'}));
	const store = createStore(initialState());
	const feeds = startFeeds(engine, store, {backoffMs});
	const history = startEventsHistory(engine, store, {kind: 'ago', ms: 3_600_000});
	return {
		engine,
		store,
		feeds,
		history,
		stop() {
			history.stop();
			feeds.stop();
			engine.close();
		},
	};
}

function waitForState(store: Store, predicate: (state: State) => boolean, timeoutMs = 10_000, what = ''): Promise<number> {
	const describe = (state: State) => `events: ${listed(state).slice(-15).join(', ')}`;
	return waitFor(store, predicate, {timeoutMs, describe, ...(what ? {what} : {})});
}

/** The events view's rows, oldest first, events only, as the pane shows them without filters. */
function paneEvents(state: State): EngineEvent[] {
	const view = selectEventsView({...state.events, pane: {...state.events.pane, order: 'oldest'}});
	return view.entries.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []));
}

const describeEvent = (event: EngineEvent) => `${event.type} ${event.action} ${event.attributes['name'] ?? event.id.slice(0, 12)}`;
const listed = (state: State) => paneEvents(state).map(describeEvent);

function inWindow(events: EngineEvent[], since: bigint, until: bigint): EngineEvent[] {
	return events.filter((event) => event.timeNano >= since && event.timeNano <= until);
}

/** `docker events --since S --until U --format '{{json .}}'`, parsed as berth parses the API's lines. */
async function dockerEvents(docker: EngineClient, since: bigint, until: bigint): Promise<EngineEvent[]> {
	const {stdout} = await docker.docker(['events', '--since', formatSince(since), '--until', formatSince(until), '--format', '{{json .}}']);
	return stdout.split('\n').filter((line) => line.trim() !== '').map(parseEventLine);
}

const nowNano = () => BigInt(Date.now()) * 1_000_000n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithEngine('the events view on a real engine', (docker: EngineClient) => {
	let session: Session;
	let since: bigint;
	let until: bigint;

	beforeAll(async () => {
		session = connect(docker.host);
		await waitForState(session.store, (state) => state.events.history.status === 'loaded', 15_000, 'the history loaded');
	});

	afterAll(() => {
		session.stop();
	});

	it('shows a scripted sequence in order, with the attributes that matter', async () => {
		since = nowNano();
		// PID 1 exits 3 on SIGHUP: kill -s HUP is followed by its die.
		await docker.docker(['create', '--label', 'berth.test=1', '--label', 'com.docker.compose.service=seq', '--name', 'ev-seq', 'berth-test/busybox', 'sh', '-c', 'trap "exit 3" HUP; while true; do sleep 0.1; done']);
		await docker.docker(['start', 'ev-seq']);
		await docker.docker(['pause', 'ev-seq']);
		await docker.docker(['unpause', 'ev-seq']);
		await docker.docker(['kill', '-s', 'HUP', 'ev-seq']);
		await docker.docker(['wait', 'ev-seq']);
		await docker.docker(['rm', 'ev-seq']);
		await docker.docker(['volume', 'create', 'ev-vol']);
		await docker.docker(['volume', 'rm', 'ev-vol']);
		await docker.docker(['network', 'create', '--internal', 'ev-net']);
		await docker.docker(['network', 'rm', 'ev-net']);
		await sleep(200);
		until = nowNano();

		const expected = [
			'container create ev-seq',
			'container start ev-seq',
			'container pause ev-seq',
			'container unpause ev-seq',
			'container kill ev-seq',
			'container die ev-seq',
			'container destroy ev-seq',
			'volume create ev-vol',
			'volume destroy ev-vol',
			'network create ev-net',
			'network destroy ev-net',
		];
		const seen = (state: State) => inWindow(paneEvents(state), since, until).map(describeEvent);
		await waitForState(session.store, (state) => seen(state).length >= expected.length, 10_000, 'the whole sequence');
		expect(seen(session.store.getState())).toEqual(expected);

		const events = inWindow(paneEvents(session.store.getState()), since, until);
		const find = (what: string) => events.find((event) => describeEvent(event) === what)!;
		expect(find('container create ev-seq').attributes).toMatchObject({image: 'berth-test/busybox', 'com.docker.compose.service': 'seq'});
		expect(find('container kill ev-seq').attributes['signal']).toBe('1');
		expect(find('container die ev-seq').attributes['exitCode']).toBe('3');
		expect(find('network create ev-net').attributes).toMatchObject({name: 'ev-net', type: 'bridge'});
		expect(find('volume create ev-vol').attributes['driver']).toBe('local');
		// What needs attention was counted for the header (the containers view is shown).
		expect(session.store.getState().events.unseen).toBeGreaterThanOrEqual(2);
	});

	it('has exactly what docker events reports for the window', async () => {
		const reported = await dockerEvents(docker, since, until);
		expect(reported.length).toBe(11);
		expect(inWindow(paneEvents(session.store.getState()), since, until).map(eventKey)).toEqual(reported.map(eventKey));
	});

	it('loads the same window as history when started afterwards (a bounded query that ends)', async () => {
		const later = connect(docker.host);
		try {
			await waitForState(later.store, (state) => state.events.history.status === 'loaded', 15_000, 'the history loaded');
			const reported = await dockerEvents(docker, since, until);
			expect(inWindow(paneEvents(later.store.getState()), since, until).map(eventKey)).toEqual(reported.map(eventKey));
			// History is for the events view only: it did not replay into the containers or the resume point.
			expect(later.store.getState().lastEventNano === undefined || later.store.getState().lastEventNano! > until).toBe(true);
		} finally {
			later.stop();
		}
	});
});

describe('events across a daemon restart', () => {
	// A daemon of its own: restarting the run's shared engine would disturb other files.
	let engine: PrivateEngine | undefined;
	let session: Session | undefined;

	afterAll(async () => {
		session?.stop();
		await engine?.stop();
	});

	describeWithEngine('nothing lost', () => {
		it('berth\'s list for the window equals docker events, with the break shown where it happened', async () => {
			engine = await startPrivateEngine();
			await buildBusyboxImage(engine);
			const start = nowNano();
			await engine.run(['sleep', '1000'], ['--name', 'before']);
			// berth waits 8 s before reconnecting: the daemon is back and has new events by then.
			session = connect(engine.host, {first: 8000, max: 8000});
			const {store} = session;
			// Its create and start happened before berth: they come from the history.
			await waitForState(store, (state) => state.events.history.status === 'loaded' && listed(state).includes('container start before'), 15_000, 'history with before');
			await engine.docker(['pause', 'before']);
			await engine.docker(['unpause', 'before']);
			await engine.docker(['stop', '-t', '1', 'before']);
			await waitForState(store, (state) => listed(state).includes('container stop before'), 10_000, 'the stop of before');
			await sleep(200);
			const beforeRestart = nowNano();
			const reportedBefore = await dockerEvents(engine, start, beforeRestart);
			expect(reportedBefore.length).toBeGreaterThanOrEqual(6);
			expect(inWindow(paneEvents(store.getState()), start, beforeRestart).map(eventKey)).toEqual(reportedBefore.map(eventKey));

			const reconnecting = waitForState(store, (state) => state.connection.status === 'reconnecting', 30_000, 'reconnecting');
			await engine.restart();
			// Right after the daemon is back, likely before berth has reconnected.
			await engine.run(['sleep', '1000'], ['--name', 'after-restart']);
			await reconnecting;
			// So they reach berth only by asking for the events since the last one it saw.
			expect(store.getState().connection.status).toBe('reconnecting');
			await waitForState(
				store,
				(state) => state.connection.status === 'connected' && listed(state).includes('container start after-restart'),
				30_000,
				'reconnected with the events made meanwhile',
			);
			await sleep(300);
			const end = nowNano();

			// dockerd keeps its events in memory only: after the restart it reports the new daemon's.
			const reportedAfter = await dockerEvents(engine, start, end);
			expect(reportedAfter.map(describeEvent)).toContain('container start after-restart');
			const expected = [...reportedBefore, ...reportedAfter.filter((event) => !reportedBefore.some((old) => eventKey(old) === eventKey(event)))];
			const shown = inWindow(paneEvents(store.getState()), start, end);
			expect(shown.map(eventKey)).toEqual(expected.map(eventKey));
			// The window since the restart, on its own, is exactly what the new daemon reports.
			expect(inWindow(shown, beforeRestart, end).map(eventKey)).toEqual((await dockerEvents(engine, beforeRestart, end)).map(eventKey));

			const entries = selectEventsView({...store.getState().events, pane: {...store.getState().events.pane, order: 'oldest'}}).entries;
			const breakAt = entries.findIndex((entry) => entry.kind === 'break');
			expect(breakAt).toBeGreaterThan(-1);
			const mark = entries[breakAt]!;
			expect(mark.kind === 'break' && mark.mark.resumedAtMs !== undefined).toBe(true);
			const describeEntry = (index: number) => {
				const entry = entries[index];
				return entry?.kind === 'event' ? describeEvent(entry.event) : entry?.kind;
			};

			expect(describeEntry(breakAt - 1)).toBe('container stop before');
			expect(entries.slice(breakAt + 1).map((_, index) => describeEntry(breakAt + 1 + index))).toContain('container create after-restart');
		}, 180_000);
	});
});
