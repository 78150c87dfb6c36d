import {useInput, useStdin} from 'ink';
import {useRef} from 'react';
import type {Store} from '../store/create-store.js';
import type {ContainerView} from '../store/selectors.js';
import type {LogsFeed} from '../store/logs-feed.js';
import {keyName, rawKeyName} from './keys.js';
import {pressKey} from './match.js';

/** The app's only input handler: every key goes through the keymap table. */
export function useKeymap(store: Store, view: ContainerView, pageSize: number, quit: () => void, logs?: LogsFeed, redraw?: () => void): void {
	const {isRawModeSupported} = useStdin();
	// The handler reads the latest view without re-subscribing to stdin.
	const latest = useRef({view, pageSize, logs, redraw});
	latest.current = {view, pageSize, logs, redraw};
	useInput(
		(input, key) => {
			const context = {store, quit, ...latest.current};
			// Keys typed quickly (or over a slow link) can arrive as one chunk: take them one by one.
			if (input.length > 1 && !key.ctrl && !key.meta && !key.escape) {
				for (const char of input) pressKey(context, rawKeyName(char), char);
				return;
			}

			pressKey(context, keyName(input, key), input);
		},
		{isActive: isRawModeSupported === true},
	);
}
