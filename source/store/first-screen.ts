import type {Store} from './create-store.js';

/**
 * Resolves when the store holds what the first frame should show, or after
 * `deadlineMs`, whichever comes first: the engine answered (connected, with its
 * containers listed, or a problem to explain), so berth draws once with the
 * containers instead of a "connecting" frame followed by the list 50 ms later
 * (engine-driven changes are published in batches). A slow engine still gets a
 * frame at the deadline.
 *
 * It watches dispatches, not the batched notifications: while it waits it wraps
 * `store.dispatch`, and puts it back when done. feeds.ts dispatches
 * `connection/connected` and then `containers/listed` in one go, so the check runs
 * a microtask after the first change, once both are in.
 */
export function firstScreen(store: Store, deadlineMs: number): Promise<void> {
	if (answered(store)) return Promise.resolve();
	return new Promise((resolve) => {
		const dispatch = store.dispatch;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			if (store.dispatch === watching) store.dispatch = dispatch;
			resolve();
		};

		const watching: Store['dispatch'] = (action) => {
			dispatch(action);
			if (answered(store)) queueMicrotask(finish);
		};

		store.dispatch = watching;
		const timer = setTimeout(finish, deadlineMs);
	});
}

function answered(store: Store): boolean {
	return store.getState().connection.status !== 'connecting';
}
