import type {Store} from '../../source/store/create-store.js';
import type {State} from '../../source/store/state.js';

export type WaitForStateOptions = {
	timeoutMs?: number;
	/** What was waited for, for the failure message. */
	what?: string;
	/** What the store held when time ran out, for the failure message (default: connection and containers). */
	describe?: (state: State) => string;
};

/** Each container as name:state, with the connection status. */
export function containersSummary(state: State): string {
	return JSON.stringify({connection: state.connection.status, containers: [...state.containers.values()].map((c) => `${c.name}:${c.state}`)});
}

/**
 * Resolves with the ms it took once `predicate` holds for the store's state
 * (checked now and on every publication); rejects after `timeoutMs` saying
 * what was waited for and what the store held.
 */
export function waitForState(store: Store, predicate: (state: State) => boolean, options: WaitForStateOptions = {}): Promise<number> {
	const {timeoutMs = 10_000, what = 'the expected state', describe = containersSummary} = options;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		if (predicate(store.getState())) {
			resolve(0);
			return;
		}

		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`the store did not reach ${what} in ${timeoutMs} ms: ${describe(store.getState())}`));
		}, timeoutMs);
		const unsubscribe = store.subscribe(() => {
			if (!predicate(store.getState())) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(performance.now() - started);
		});
	});
}
