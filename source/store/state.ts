import type {ContainerSummary, EngineInfo, EngineProblem} from '../engine/engine.js';

/** A container as berth knows it: the engine's summary plus what events told us. */
export type Container = ContainerSummary & {
	exitCode?: number;
	/** Set by an "oom" event until the container starts again. */
	oomKilled?: boolean;
};

export type ConnectionState =
	| {status: 'connecting'}
	| {status: 'connected'}
	| {status: 'reconnecting'; attempt: number; problem: EngineProblem; retryAt: number};

export type SortKey = 'name' | 'state' | 'created' | 'image';

export type Overlay = 'none' | 'help';

export type Notice = {text: string; level: 'info' | 'warn' | 'error'};

/** What the screen is doing, apart from what the engine says. */
export type UiState = {
	selectedId?: string;
	/** Where the cursor was, so it stays put when the selected container goes away. */
	cursor: number;
	filter: string;
	editingFilter: boolean;
	showAll: boolean;
	grouped: boolean;
	sort: SortKey;
	overlay: Overlay;
	notice?: Notice;
};

export type State = {
	connection: ConnectionState;
	/** Set once connected; kept while reconnecting so the header still says where. */
	engine?: EngineInfo;
	/** Ever connected in this session: decides between the error screen and a header badge. */
	everConnected: boolean;
	containers: ReadonlyMap<string, Container>;
	/** The newest event applied, in the engine's clock (ns): where to resume after a break. */
	lastEventNano?: bigint;
	ui: UiState;
};

export const initialUi: UiState = {
	cursor: 0,
	filter: '',
	editingFilter: false,
	showAll: true,
	grouped: false,
	sort: 'name',
	overlay: 'none',
};

/** The state berth starts with. */
export function initialState(ui: Partial<UiState> = {}): State {
	return {
		connection: {status: 'connecting'},
		everConnected: false,
		containers: new Map(),
		ui: {...initialUi, ...ui},
	};
}
