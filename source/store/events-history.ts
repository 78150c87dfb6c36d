import type {Engine, EngineEvent} from '../engine/engine.js';
import type {Store} from './create-store.js';
import {formatSince} from './feeds.js';
import {historyWindow, type EventsSince} from './events-since.js';

export type EventsHistory = {stop(): void};

/**
 * Loads what happened before berth started (`--events-since`) into the events
 * slice, once: a bounded query (since, until = the engine's clock when the
 * first connection was made, which is where the live subscription in feeds.ts
 * starts), so the stream ends by itself and is no second live stream. Those
 * events feed only the events view; the containers come from the list. The
 * slice merges them in time order and drops the ones the live stream also had.
 * A failed load is tried again, same window, after the next reconnect.
 */
export function startEventsHistory(engine: Engine, store: Store, since: EventsSince): EventsHistory {
	const stopped = new AbortController();
	if (since.kind === 'off') {
		store.dispatch({type: 'events/historyStatus', history: {status: 'off'}});
		return {stop: () => stopped.abort()};
	}

	let window: {sinceNano: bigint; untilNano: bigint} | undefined;
	let running = false;
	let done = false;
	// The connection a load failed on: wait for another one (a new EngineInfo, or a disconnection seen since).
	let failedOn: object | undefined;
	let awaySinceFailure = false;

	const load = async (range: {sinceNano: bigint; untilNano: bigint}) => {
		const capacity = store.getState().events.ring.capacity;
		store.dispatch({type: 'events/historyStatus', history: {status: 'loading', sinceNano: range.sinceNano}});
		const stream = await engine.subscribeEvents({since: formatSince(range.sinceNano), until: formatSince(range.untilNano), signal: stopped.signal});
		// The engine sends them oldest first; only the newest `capacity` would be kept.
		let batch: EngineEvent[] = [];
		for await (const event of stream) {
			batch.push(event);
			if (batch.length >= capacity * 2) batch = batch.slice(-capacity);
		}

		if (stopped.signal.aborted) return;
		store.dispatch({type: 'events/history', events: batch.slice(-capacity), sinceNano: range.sinceNano});
	};

	const check = () => {
		const state = store.getState();
		if (done || running || stopped.signal.aborted) return;
		if (state.connection.status !== 'connected') {
			awaySinceFailure ||= failedOn !== undefined;
			return;
		}

		if (failedOn !== undefined && failedOn === state.engine && !awaySinceFailure) return;
		failedOn = undefined;
		awaySinceFailure = false;
		const engineInfo = state.engine;
		window ??= historyWindow(since, engineInfo?.systemTimeNano ?? BigInt(Date.now()) * 1_000_000n);
		if (window === undefined) {
			done = true;
			store.dispatch({type: 'events/historyStatus', history: {status: 'off'}});
			return;
		}

		running = true;
		load(window).then(
			() => {
				done = true;
			},
			(error: unknown) => {
				if (stopped.signal.aborted) return;
				failedOn = engineInfo ?? {};
				const reason = error instanceof Error ? error.message : String(error);
				store.dispatch({type: 'events/historyStatus', history: {status: 'failed', reason}});
			},
		).finally(() => {
			running = false;
			check();
		});
	};

	const unsubscribe = store.subscribe(check);
	check();
	return {
		stop() {
			stopped.abort();
			unsubscribe();
		},
	};
}
