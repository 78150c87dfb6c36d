import type {ContainerSummary, EngineEvent, EngineInfo, EngineProblem} from '../engine/engine.js';
import type {Notice, Overlay, SortKey, View} from './state.js';
import type {ActionsAction} from './actions-slice.js';
import type {StatsAction} from './stats-state.js';
import type {EventsAction} from './events-slice.js';
import type {ShellAction} from './shell-slice.js';
import type {LogsAction} from './logs-ui.js';
import type {ResourcesAction} from './resources-slice.js';

export type EngineAction =
	| {type: 'connection/connecting'}
	/** `at`: berth's clock (ms) when it happened, for the break line in the events view. */
	| {type: 'connection/connected'; info: EngineInfo; at?: number}
	| {type: 'connection/lost'; problem: EngineProblem; attempt: number; retryAt: number; at?: number}
	/** `keep`: containers left as they are (an event changed them after the list was asked for). */
	| {type: 'containers/listed'; containers: ContainerSummary[]; keep?: string[]; at?: number}
	/** A fresh look at some containers: the ones asked for and missing are gone. */
	| {type: 'containers/refreshed'; ids: string[]; containers: ContainerSummary[]; at?: number}
	| {type: 'engine/event'; event: EngineEvent};

export type UiAction =
	| {type: 'ui/move'; by: number; visibleIds: readonly string[]}
	| {type: 'ui/moveTo'; index: number; visibleIds: readonly string[]}
	| {type: 'ui/select'; id: string; visibleIds: readonly string[]}
	| {type: 'ui/filterStart'}
	| {type: 'ui/filterSet'; text: string}
	| {type: 'ui/filterEnd'; keep: boolean}
	| {type: 'ui/toggleAll'}
	| {type: 'ui/toggleGrouped'}
	| {type: 'ui/sort'; key: SortKey}
	| {type: 'ui/cycleSort'}
	| {type: 'ui/overlay'; overlay: Overlay}
	| {type: 'ui/helpScroll'; offset: number}
	| {type: 'ui/view'; view: View}
	| {type: 'ui/notice'; notice?: Notice};

/** The containers pane reports the rows it drew (only when they change); batched, not urgent. */
export type ViewportAction = {type: 'viewport/shown'; ids: readonly string[]};

export type Action = EngineAction | UiAction | ActionsAction | StatsAction | ViewportAction | EventsAction | ShellAction | LogsAction | ResourcesAction;

/** UI actions answer a key: they are published at once, not batched. */
export function isUrgent(action: Action): boolean {
	return action.type.startsWith('ui/') || action.type.startsWith('actions/') || action.type.startsWith('shell/') || action.type.startsWith('logs/') || (action.type.startsWith('resources/') && action.type !== 'resources/loaded');
}
