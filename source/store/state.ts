import type {ContainerSummary, EngineInfo, EngineProblem} from '../engine/engine.js';
import {initialActions, type ActionsState} from './actions-slice.js';
import {initialStats, type StatsState} from './stats-state.js';
import {initialShell, type ShellState} from './shell-slice.js';
import {initialEvents, type EventsState} from './events-slice.js';
import type {LogsUi} from './logs-ui.js';
import {initialResources, type ResourcesState} from './resources-slice.js';

/** A container as berth knows it: the engine's summary plus what events told us. */
export type Container = ContainerSummary & {
	exitCode?: number;
	/** Set by an "oom" event until the container starts again. */
	oomKilled?: boolean;
	/** When the current state began (local clock), so the status text can age: "Up 3 minutes". */
	statusSinceMs?: number;
};

export type ConnectionState =
	| {status: 'connecting'}
	| {status: 'connected'}
	| {status: 'reconnecting'; attempt: number; problem: EngineProblem; retryAt: number};

/** cpu and memory sort from the stats slice, largest first. */
export type SortKey = 'name' | 'state' | 'created' | 'image' | 'cpu' | 'memory';

/** details: the selected container's stats and history graphs (details-pane.tsx). */
export type Overlay = 'none' | 'help' | 'details';

export type Notice = {text: string; level: 'info' | 'warn' | 'error'};

/** The main area's tabs: 1 containers, 2 events, 3 images, 4 volumes, 5 networks, 6 disk usage. */
export type View = 'containers' | 'events' | 'images' | 'volumes' | 'networks' | 'disk';

/** The order Tab goes through the views. */
export const viewOrder: readonly View[] = ['containers', 'events', 'images', 'volumes', 'networks', 'disk'];

/** What the screen is doing, apart from what the engine says. */
export type UiState = {
	/** Which view fills the main area. */
	view: View;
	selectedId?: string;
	/** Where the cursor was, so it stays put when the selected container goes away. */
	cursor: number;
	filter: string;
	editingFilter: boolean;
	showAll: boolean;
	grouped: boolean;
	sort: SortKey;
	overlay: Overlay;
	/** First line of the help screen shown (it scrolls when the keys do not fit). */
	helpOffset: number;
	notice?: Notice;
	/** The logs view (logs-ui.ts): open or not, and how it shows; its lines are outside the store. */
	logs?: LogsUi;
};

export type State = {
	connection: ConnectionState;
	/** Set once connected; kept while reconnecting so the header still says where. */
	engine?: EngineInfo;
	/** Ever connected in this session: decides between the error screen and a header badge. */
	everConnected: boolean;
	containers: ReadonlyMap<string, Container>;
	/** Engine clock minus local clock (ms), to place event times on the local clock. */
	clockOffsetMs: number;
	/** The newest event applied, in the engine's clock (ns): where to resume after a break. */
	lastEventNano?: bigint;
	ui: UiState;
	/** Marks, confirmation dialogs and container actions in flight (actions-slice.ts). */
	actions: ActionsState;
	/** Live stats and history, one update per refresh tick (stats-state.ts). */
	stats: StatsState;
	/** Events for the events view, history and live, in a bounded ring (events-slice.ts). */
	events: EventsState;
	/** E's command line and the terminal session (shell, command, attach) waiting or running (shell-slice.ts). */
	shell: ShellState;
	/** Images, volumes, networks and disk usage, their dialogs and the remove or prune running (resources-slice.ts). */
	resources: ResourcesState;
	/** What the containers table draws right now: the stats feed streams these rows (stats-feed.ts). */
	viewport: Viewport;
};

/**
 * The containers drawn on screen, reported by the containers pane after it
 * renders (its scroll window lives in React). Not part of `ui`: nothing on
 * screen depends on it, so reporting it causes no re-render.
 */
export type Viewport = {
	/** Container ids of the table rows on screen, top to bottom; empty while the table is not shown. */
	ids: readonly string[];
};

export const initialUi: UiState = {
	view: 'containers',
	cursor: 0,
	filter: '',
	editingFilter: false,
	showAll: true,
	grouped: false,
	sort: 'name',
	overlay: 'none',
	helpOffset: 0,
};

/** The state berth starts with. */
export function initialState(ui: Partial<UiState> = {}): State {
	return {
		connection: {status: 'connecting'},
		everConnected: false,
		clockOffsetMs: 0,
		containers: new Map(),
		ui: {...initialUi, ...ui},
		actions: initialActions(),
		stats: initialStats,
		events: initialEvents(),
		shell: initialShell,
		resources: initialResources(),
		viewport: {ids: []},
	};
}
