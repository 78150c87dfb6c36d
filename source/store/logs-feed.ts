import type {Engine} from '../engine/engine.js';
import type {Store} from './create-store.js';
import {defaultLogLines} from './log-buffer.js';
import {LogSession} from './log-session.js';
import {saveLogs, type SaveResult} from './save-logs.js';

export type LogsFeedOptions = {
	/** Lines from the end when a view opens (--tail, default 500). */
	tail?: number | 'all';
	/** The API's since (from --since). */
	since?: string;
	/** Lines kept per view (--log-lines). */
	lines?: number;
	/** Least time between two redraws of a view's lines. */
	notifyMs?: number;
};

export const defaultTail = 500;

/**
 * The logs views' side of the engine: opens a LogSession when the store says
 * a view opened (ui.logs.session changed), closes it (aborting its streams)
 * when it closes or another opens. Read by the UI through subscribe/session
 * (useSyncExternalStore) and by the logs keys (the buffer, the page size, save).
 */
export type LogsFeed = {
	/** The open view's session, if any. */
	session(): LogSession | undefined;
	subscribe(listener: () => void): () => void;
	/** What the logs pane draws now: its lines' rows and width (set by the pane; PgUp/PgDn use rows). */
	viewport: {rows: number; columns: number};
	/** Writes the open view's buffer, or with `full` the whole log from the engine, to `path`; reports in the status line. */
	save(path: string, full: boolean): Promise<SaveResult | undefined>;
	stop(): void;
};

export function startLogsFeed(engine: Engine, store: Store, options: LogsFeedOptions = {}): LogsFeed {
	const listeners = new Set<() => void>();
	let current: LogSession | undefined;
	let currentKey = -1;
	let stopped = false;

	const reconcile = () => {
		if (stopped) return;
		const state = store.getState();
		const logs = state.ui.logs;
		const wanted = logs?.open && logs.target ? logs.session : -1;
		if (wanted !== currentKey) {
			current?.close();
			current = undefined;
			currentKey = wanted;
			if (logs?.open && logs.target) {
				current = new LogSession(engine, logs.target, state, {
					tail: options.tail ?? defaultTail,
					...(options.since === undefined ? {} : {since: options.since}),
					capacity: options.lines ?? defaultLogLines,
					...(options.notifyMs === undefined ? {} : {notifyMs: options.notifyMs}),
				});
			}

			for (const listener of listeners) listener();
		}

		current?.update(state);
	};

	const unsubscribe = store.subscribe(reconcile);
	reconcile();

	return {
		session: () => current,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		viewport: {rows: 10, columns: 80},
		async save(path, full) {
			const session = current;
			if (!session) return undefined;
			const logs = store.getState().ui.logs;
			try {
				const result = await saveLogs(engine, session, path, {full, timestamps: logs?.timestamps === true});
				store.dispatch({type: 'ui/notice', notice: {level: 'info', text: `saved ${result.lines.toLocaleString('en-US')} lines (${formatBytes(result.bytes)}) to ${result.path}`}});
				return result;
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				store.dispatch({type: 'ui/notice', notice: {level: 'error', text: `could not save the logs: ${message}`}});
				return undefined;
			}
		},
		stop() {
			stopped = true;
			unsubscribe();
			current?.close();
			current = undefined;
			listeners.clear();
		},
	};
}

function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}

	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
