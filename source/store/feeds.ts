import {EngineError, type Engine, type EngineEvent, type EngineProblem} from '../engine/engine.js';
import type {Store} from './create-store.js';
import {containerRefresh} from './container-refresh.js';
import {EventRecency} from './event-recency.js';

export type FeedOptions = {
	/** A full re-list at this interval keeps relative status text ("Up 3 minutes") current. Events stay the primary source. */
	reconcileMs?: number;
	/** Coalesce per-container refreshes caused by events for this long. */
	refreshDelayMs?: number;
	/** Backoff between reconnect attempts: first and largest delay. */
	backoffMs?: {first: number; max: number};
};

export type Feeds = {stop(): void};

/**
 * Keeps the store in step with the engine: connect, subscribe to events,
 * snapshot the containers, then apply events; on any break, show it, back off,
 * and do it all again resuming events from the last one seen.
 */
export function startFeeds(engine: Engine, store: Store, options: FeedOptions = {}): Feeds {
	const {reconcileMs = 30_000, refreshDelayMs = 100, backoffMs = {first: 500, max: 5000}} = options;
	const stopped = new AbortController();
	const dedup = new EventDedup();
	const recency = new EventRecency();
	const refresh = containerRefresh(engine, store, recency, refreshDelayMs);

	/** A full list, keeping as they are the containers that had an event while it was out. */
	const listAll = async () => {
		const mark = recency.mark();
		const containers = await engine.listContainers();
		const keep = [...recency.changedSince(mark)];
		return {type: 'containers/listed', containers: containers.filter((container) => !keep.includes(container.id)), keep, at: Date.now()} as const;
	};

	const session = async (signal: AbortSignal) => {
		const info = await engine.connect(signal);
		// Events are asked for from the last one seen, or from the engine's clock at
		// connect time (before the list below), so nothing falls between the list and
		// the subscription, and both can go out together. Replays are de-duplicated.
		const since = store.getState().lastEventNano ?? info.systemTimeNano;
		const subscribing = engine.subscribeEvents({since: since === undefined ? undefined : formatSince(since), signal});
		// Without a clock to start from, subscribe first and list after.
		if (since === undefined) await subscribing;
		const listing = listAll();
		const [events, listed] = await Promise.all([subscribing, listing]);
		store.dispatch({type: 'connection/connected', info, at: Date.now()});
		store.dispatch(listed);
		const reconcile = setInterval(() => {
			listAll().then((action) => store.dispatch(action), () => undefined);
		}, reconcileMs);
		try {
			for await (const event of events) {
				if (!dedup.isNew(event)) continue;
				if (event.type === 'container') recency.touch(event.id);
				store.dispatch({type: 'engine/event', event});
				if (event.type === 'container' && !event.action.startsWith('exec_')) refresh.soon(event.id);
			}

			if (!signal.aborted) {
				throw new EngineError({kind: 'other', title: 'The engine closed the event stream', detail: '', hint: ''});
			}
		} finally {
			clearInterval(reconcile);
		}
	};

	const run = async () => {
		let attempt = 0;
		while (!stopped.signal.aborted) {
			const sessionEnd = new AbortController();
			const signal = AbortSignal.any([stopped.signal, sessionEnd.signal]);
			try {
				await session(signal);
				if (stopped.signal.aborted) return;
				attempt = 0;
			} catch (error) {
				if (stopped.signal.aborted) return;
				attempt += 1;
				const delay = Math.min(backoffMs.max, backoffMs.first * 2 ** (attempt - 1));
				const at = Date.now();
				store.dispatch({type: 'connection/lost', problem: toProblem(error), attempt, retryAt: at + delay, at});
				await sleep(delay, stopped.signal);
			} finally {
				sessionEnd.abort();
			}
		}
	};

	void run();
	return {
		stop() {
			stopped.abort();
			refresh.stop();
		},
	};
}

/** The events API takes `since` as "seconds.nanoseconds". */
export function formatSince(nano: bigint): string {
	const seconds = nano / 1_000_000_000n;
	const rest = nano % 1_000_000_000n;
	return `${seconds}.${rest.toString().padStart(9, '0')}`;
}

/**
 * Resuming with `since` replays the events of the last-seen moment: skip the
 * ones already applied, by time and id. Events are not strictly ordered across
 * the engine's sources, so this remembers keys rather than a high-water mark,
 * those of the last `windowNano` before the newest event (a replay starts at the
 * last event seen), at most `capacity`: its memory follows the event rate, not
 * how long berth has been open.
 */
export class EventDedup {
	/** key → the event's time, in arrival order. */
	private readonly seen = new Map<string, bigint>();
	private newest = 0n;

	constructor(
		private readonly capacity = 4096,
		private readonly windowNano = 60_000_000_000n,
	) {}

	isNew(event: EngineEvent): boolean {
		const key = `${event.timeNano}|${event.type}|${event.action}|${event.id}`;
		if (this.seen.has(key)) return false;
		this.seen.set(key, event.timeNano);
		if (event.timeNano > this.newest) this.newest = event.timeNano;
		for (const [oldest, time] of this.seen) {
			if (this.seen.size <= this.capacity && time >= this.newest - this.windowNano) break;
			this.seen.delete(oldest);
		}

		return true;
	}

	/** Keys remembered now. */
	get size(): number {
		return this.seen.size;
	}
}

function toProblem(error: unknown): EngineProblem {
	if (error instanceof EngineError) return error.problem;
	const message = error instanceof Error ? error.message : String(error);
	return {kind: 'other', title: message, detail: '', hint: ''};
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		}, {once: true});
	});
}
