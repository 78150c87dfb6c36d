import type {ContainerSummary, EngineEvent, EngineInfo, EngineProblem} from '../engine/engine.js';
import type {Notice, SortKey} from './state.js';

export type EngineAction =
	| {type: 'connection/connecting'}
	| {type: 'connection/connected'; info: EngineInfo}
	| {type: 'connection/lost'; problem: EngineProblem; attempt: number; retryAt: number}
	| {type: 'containers/listed'; containers: ContainerSummary[]}
	/** A fresh look at some containers: the ones asked for and missing are gone. */
	| {type: 'containers/refreshed'; ids: string[]; containers: ContainerSummary[]}
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
	| {type: 'ui/overlay'; overlay: 'none' | 'help'}
	| {type: 'ui/notice'; notice?: Notice};

export type Action = EngineAction | UiAction;

/** UI actions answer a key: they are published at once, not batched. */
export function isUrgent(action: Action): boolean {
	return action.type.startsWith('ui/');
}
