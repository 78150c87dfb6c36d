import {createContext, useContext, useSyncExternalStore} from 'react';
import type {Store} from '../store/create-store.js';
import type {State} from '../store/state.js';

export const StoreContext = createContext<Store | undefined>(undefined);

/** The store given to <App>. */
export function useStore(): Store {
	const store = useContext(StoreContext);
	if (!store) throw new Error('useStore outside <StoreContext>');
	return store;
}

/** The current state; re-renders when the store publishes. */
export function useStoreState(): State {
	const store = useStore();
	return useSyncExternalStore(store.subscribe, store.getState);
}
