import type {ContainerState, Engine} from '../engine/engine.js';
import type {Store} from './create-store.js';
import type {EventRecency} from './event-recency.js';

export type ContainerRefresh = {
	/** Re-read this container soon (its events are coalesced with others'). */
	soon(id: string): void;
	stop(): void;
};

/** Asks again after these delays while the engine's list still contradicts the last event. */
const recheckMs = [250, 500, 1000, 2000];

/**
 * Re-lists the containers events named, for the status text and fields an
 * event does not carry. Two ways such a list can be older than the event:
 * - it went out before the event and answers after it (`recency`): dropped,
 *   the event's own refresh follows;
 * - the engine announced the event before writing it where lists are read
 *   from (dockerd 20.10 logs `die` before its container store is updated, and
 *   the cleanup in between can take hundreds of ms): while the listed state
 *   differs from the state the events left, the container is asked for again,
 *   a few times, before the list's word is taken.
 */
export function containerRefresh(engine: Engine, store: Store, recency: EventRecency, delayMs: number): ContainerRefresh {
	let pending = new Set<string>();
	let timer: NodeJS.Timeout | undefined;
	const rechecks = new Map<string, {attempt: number; timer: NodeJS.Timeout}>();
	let stopped = false;

	const recheck = (id: string) => {
		const attempt = (rechecks.get(id)?.attempt ?? 0) + 1;
		if (attempt > recheckMs.length) return false;
		const again = setTimeout(() => queue(id), recheckMs[attempt - 1]);
		rechecks.set(id, {attempt, timer: again});
		return true;
	};

	const answer = (asked: string[], mark: number, listed: Awaited<ReturnType<Engine['listContainers']>>) => {
		if (stopped) return;
		const changed = recency.changedSince(mark, asked);
		const current = store.getState().containers;
		const held = new Set<string>();
		for (const container of listed) {
			if (changed.has(container.id)) continue;
			const expected: ContainerState | undefined = current.get(container.id)?.state;
			if (expected !== undefined && expected !== container.state && recheck(container.id)) held.add(container.id);
		}

		for (const id of asked) if (!held.has(id) && !changed.has(id)) rechecks.delete(id);
		const skip = (id: string) => changed.has(id) || held.has(id);
		const ids = asked.filter((id) => !skip(id));
		const containers = listed.filter((container) => !skip(container.id));
		if (ids.length > 0) store.dispatch({type: 'containers/refreshed', ids, containers, at: Date.now()});
	};

	const queue = (id: string) => {
		if (stopped) return;
		pending.add(id);
		timer ??= setTimeout(() => {
			timer = undefined;
			const asked = [...pending];
			pending = new Set();
			const mark = recency.mark();
			engine.listContainers({ids: asked}).then(
				(listed) => answer(asked, mark, listed),
				() => undefined, // A broken connection is reported by the event stream.
			);
		}, delayMs);
	};

	return {
		soon(id) {
			// A new event: what it leaves is checked afresh.
			const waiting = rechecks.get(id);
			if (waiting) clearTimeout(waiting.timer);
			rechecks.delete(id);
			queue(id);
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			for (const {timer: again} of rechecks.values()) clearTimeout(again);
			rechecks.clear();
		},
	};
}
