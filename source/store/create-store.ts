import {isUrgent, type Action} from './actions.js';
import {reducer} from './reducer.js';
import type {State} from './state.js';

export type Store = {
	getState(): State;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
	/** Publish pending changes now (tests, shutdown). */
	flush(): void;
};

export type StoreOptions = {
	/**
	 * Engine-driven changes are published at most once per this many ms, so a
	 * burst of events or samples costs one render. Key-driven ones go at once.
	 */
	batchMs?: number;
};

/** A tiny external store for useSyncExternalStore, with batched notification. */
export function createStore(initial: State, {batchMs = 50}: StoreOptions = {}): Store {
	let state = initial;
	let timer: NodeJS.Timeout | undefined;
	let microtaskQueued = false;
	const listeners = new Set<() => void>();

	const flush = () => {
		if (timer) clearTimeout(timer);
		timer = undefined;
		microtaskQueued = false;
		for (const listener of listeners) listener();
	};

	return {
		getState: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			if (isUrgent(action)) {
				if (!microtaskQueued) {
					microtaskQueued = true;
					queueMicrotask(flush);
				}
			} else {
				timer ??= setTimeout(flush, batchMs);
			}
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		flush,
	};
}
