import {useSyncExternalStore} from 'react';
import type {BufferSnapshot} from '../store/log-buffer.js';
import type {LogSession} from '../store/log-session.js';
import type {LogsFeed} from '../store/logs-feed.js';

const noSubscribe = () => () => undefined;
const nothing = () => undefined;

/** The open logs view's session; re-renders when another opens or it closes. */
export function useLogSession(feed: LogsFeed | undefined): LogSession | undefined {
	return useSyncExternalStore(feed?.subscribe ?? noSubscribe, feed?.session ?? nothing);
}

/**
 * The session's buffer as of its last publish: re-renders the caller at most
 * as often as the buffer notifies (a few times a second in a flood), and only
 * the caller, not the whole screen.
 */
export function useLogBuffer(session: LogSession | undefined): BufferSnapshot | undefined {
	return useSyncExternalStore(session?.buffer.subscribe ?? noSubscribe, session?.buffer.getSnapshot ?? nothing);
}
