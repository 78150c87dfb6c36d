/**
 * Renders <App> with ink-testing-library at a chosen terminal size, with
 * helpers to press keys, wait for frames and resize. Frames keep their ANSI
 * styles (chalk is forced to 16 colours) so the inverse selection can be seen.
 */
import {stripVTControlCharacters} from 'node:util';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {App} from '../../source/ui/app.js';
import type {Store} from '../../source/store/create-store.js';
import {createStore} from '../../source/store/create-store.js';
import {startFeeds, type FeedOptions, type Feeds} from '../../source/store/feeds.js';
import {initialState, type UiState} from '../../source/store/state.js';
import {FakeEngine, type FakeEngineOptions} from './fake-engine.js';
import {startLogsFeed, type LogsFeed, type LogsFeedOptions} from '../../source/store/logs-feed.js';
import {startResourcesFeed} from '../../source/store/resources-feed.js';

// Ink colours through chalk, which sees no TTY under vitest and would drop every style.
chalk.level = 1;

/** Raw bytes a terminal sends for each key. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	home: '\u001B[H',
	end: '\u001B[F',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

/** SGR 7, which chalk.inverse opens with: marks the selected row. */
export const inverseOn = '\u001B[7m';

// Ink holds a lone ESC this long (App.js pendingInputFlushDelayMilliseconds = 20)
// in case it starts a sequence; the next key must come after, or it reads as Alt+key.
const escapeFlushMs = 40;

export type RenderOptions = {
	store: Store;
	/** The logs views' feed (startApp starts one). */
	logs?: LogsFeed;
	columns?: number;
	rows?: number;
	endpointLabel?: string;
	quit?: () => void;
};

export type Rendered = ReturnType<typeof renderApp>;

/** Renders <App store endpointLabel quit/> in a fake terminal of `columns` x `rows`. */
export function renderApp({store, logs, columns = 80, rows = 24, endpointLabel = 'unix:///var/run/docker.sock (default)', quit = () => undefined}: RenderOptions) {
	// Render nothing first, size the fake stdout, then the app: its first frame is already at the chosen size.
	const instance = render(<></>);
	const {stdout, stdin} = instance;
	const size = {columns, rows};
	Object.defineProperty(stdout, 'columns', {get: () => size.columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {get: () => size.rows, configurable: true});
	let written = 0;
	const wakers = new Set<() => void>();
	const write = stdout.write;
	stdout.write = (frame: string) => {
		write(frame);
		written += 1;
		for (const wake of wakers) wake();
	};

	instance.rerender(<App store={store} endpointLabel={endpointLabel} quit={quit} logs={logs} />);

	/** The last frame, with ANSI styles. */
	const frame = () => instance.lastFrame() ?? '';

	/** Resolves with the first frame (the current one included) that satisfies `predicate`. */
	const waitForFrame = (predicate: (frame: string) => boolean, timeout = 8000): Promise<string> =>
		new Promise((resolve, reject) => {
			const check = () => {
				const current = frame();
				if (!predicate(current)) return false;
				finish();
				resolve(current);
				return true;
			};

			const timer = setTimeout(() => {
				finish();
				reject(new Error(`No matching frame within ${timeout} ms. Last frame:\n${plain(frame())}`));
			}, timeout);
			const finish = () => {
				clearTimeout(timer);
				wakers.delete(check);
			};

			if (!check()) wakers.add(check);
		});

	/** Resolves with the next frame written after now (whatever it shows). */
	const nextFrame = (timeout = 8000): Promise<string> => {
		const after = written;
		return waitForFrame(() => written > after, timeout);
	};

	/** Writes each key's raw bytes to stdin, one key at a time, letting the app take each in. */
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			stdin.write(key);
			// Let Ink parse, the store publish (a microtask) and React commit the frame.
			await new Promise<void>((resolve) => setTimeout(resolve, key === keys.escape ? escapeFlushMs : 0));
		}
	};

	/** Types text into the app in one key at a time. */
	const type = (text: string) => press(...text);

	/** Changes the fake terminal's size and tells the app, as SIGWINCH would. */
	const resize = (newColumns: number, newRows: number) => {
		size.columns = newColumns;
		size.rows = newRows;
		stdout.emit('resize');
	};

	return {
		instance,
		frame,
		/** The last frame without ANSI styles. */
		text: () => plain(frame()),
		/** The last frame's lines without ANSI styles. */
		lines: () => plain(frame()).split('\n'),
		waitForFrame,
		/** Waits for a frame whose plain text includes `text`. */
		waitForText: (text: string, timeout?: number) => waitForFrame((current) => plain(current).includes(text), timeout),
		nextFrame,
		press,
		type,
		resize,
		size,
		unmount: () => instance.unmount(),
	};
}

/** Text without ANSI escape sequences. */
export function plain(frame: string): string {
	return stripVTControlCharacters(frame);
}

/** The plain text of the selected (inverse) row, or undefined when none is. */
export function selectedLine(frame: string): string | undefined {
	const lines = frame.split('\n').filter((line) => line.includes(inverseOn));
	if (lines.length > 1) throw new Error(`More than one highlighted line:\n${lines.map(plain).join('\n')}`);
	return lines[0] === undefined ? undefined : plain(lines[0]);
}

/** The screen line (0-based) of the selected row, or -1. */
export function selectedLineIndex(frame: string): number {
	return frame.split('\n').findIndex((line) => line.includes(inverseOn));
}

/** The first word (the NAME cell) of the selected row. */
export function selectedName(frame: string): string | undefined {
	return selectedLine(frame)?.trim().split(/\s+/)[0];
}

/**
 * The plain lines of the containers table: below the column titles, above the
 * status line and help bar, blank lines dropped.
 */
export function tableRows(frame: string): string[] {
	const lines = plain(frame).split('\n');
	const titles = lines.findIndex((line) => line.startsWith('NAME '));
	if (titles === -1) return [];
	return lines
		.slice(titles + 1, -2)
		.map((line) => line.trimEnd())
		.filter((line) => line !== '');
}

/** The first word of each table row: container names, or "▾" for a group heading. */
export function rowNames(frame: string): string[] {
	return tableRows(frame).map((line) => line.trim().split(/\s+/)[0] ?? '');
}

/** The widest line of `frame` in terminal columns, ANSI ignored. */
export function widestLine(frame: string): number {
	return Math.max(0, ...plain(frame).split('\n').map((line) => stringWidth(line)));
}

export type Harness = Rendered & {engine: FakeEngine; store: Store; feeds: Feeds; logs: LogsFeed; stop(): void};

/**
 * A FakeEngine driving a real store through startFeeds, rendered at a size.
 * Timings are short so tests wait milliseconds, not seconds.
 */
export function startApp(
	options: FakeEngineOptions & {
		columns?: number;
		rows?: number;
		ui?: Partial<UiState>;
		feeds?: FeedOptions;
		batchMs?: number;
		quit?: () => void;
		/** Options of the logs feed (tail, since, lines kept). */
		logs?: LogsFeedOptions;
	} = {},
): Harness {
	const engine = new FakeEngine(options);
	const store = createStore(initialState(options.ui), {batchMs: options.batchMs ?? 5});
	const feeds = startFeeds(engine, store, {refreshDelayMs: 5, backoffMs: {first: 20, max: 50}, ...options.feeds});
	const logs = startLogsFeed(engine, store, {notifyMs: 5, ...options.logs});
	const resources = engine.resources ? startResourcesFeed(engine, store, {delayMs: 5}) : undefined;
	const rendered = renderApp({store, logs, columns: options.columns, rows: options.rows, endpointLabel: engine.endpointLabel, quit: options.quit});
	return {
		...rendered,
		engine,
		store,
		feeds,
		logs,
		stop() {
			rendered.unmount();
			feeds.stop();
			logs.stop();
			resources?.stop();
			engine.close();
		},
	};
}
