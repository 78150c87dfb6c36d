import type {ContainerSummary} from '../engine/engine.js';
import type {Action, UiAction} from './actions.js';
import {applyContainerEvent} from './container-events.js';
import {statusSince} from './status-clock.js';
import {actionsReducer, isActionsAction} from './actions-slice.js';
import {statsReducer} from './stats-reducer.js';
import {isShellAction, shellReducer} from './shell-slice.js';
import {isEventsAction} from './events-slice.js';
import {followEventsIn, reduceEventsAction} from './events-reducer.js';
import {isLogsAction, logsReducer} from './logs-ui.js';
import {bumpResources, isResourcesAction, resourcesReducer, resourceViews, staleViews} from './resources-slice.js';
import type {Container, SortKey, State, UiState} from './state.js';

const sortOrder: SortKey[] = ['name', 'state', 'created', 'image'];

/** The one reducer: engine truth in, screen state beside it. Pure. */
export function reducer(state: State, action: Action): State {
	if (action.type === 'stats/sampled') {
		const stats = statsReducer(state.stats, action);
		return stats === state.stats ? state : {...state, stats};
	}

	if (action.type === 'viewport/shown') {
		const same = action.ids.length === state.viewport.ids.length && action.ids.every((id, index) => id === state.viewport.ids[index]);
		return same ? state : {...state, viewport: {ids: action.ids}};
	}

	if (isActionsAction(action)) {
		const actions = actionsReducer(state.actions, action);
		return actions === state.actions ? state : {...state, actions};
	}

	if (isShellAction(action)) {
		const shell = shellReducer(state.shell, action, state.actions.settings.readOnly);
		return shell === state.shell ? state : {...state, shell};
	}

	if (isLogsAction(action)) {
		const logs = logsReducer(state.ui.logs, action);
		return logs === state.ui.logs ? state : {...state, ui: {...state.ui, logs}};
	}

	if (isResourcesAction(action)) {
		const resources = resourcesReducer(state.resources, action, state.actions.settings.readOnly);
		return resources === state.resources ? state : {...state, resources};
	}

	if (isEventsAction(action)) return reduceEventsAction(state, action);
	// Every event, break and view switch also goes to the events slice.
	state = followEventsIn(state, action);

	switch (action.type) {
		case 'connection/connecting':
			return {...state, connection: {status: 'connecting'}};

		case 'connection/connected':
			// Whatever changed while away: the resource lists are reloaded when next shown.
			return {
				...state,
				connection: {status: 'connected'},
				engine: action.info,
				everConnected: true,
				clockOffsetMs: clockOffset(action.info.systemTimeNano, action.at) ?? state.clockOffsetMs,
				resources: bumpResources(state.resources, resourceViews),
			};

		case 'connection/lost':
			return {
				...state,
				connection: {status: 'reconnecting', attempt: action.attempt, problem: action.problem, retryAt: action.retryAt},
			};

		case 'containers/listed':
			return {...state, containers: fromList(state.containers, action.containers, undefined, action.at, action.keep)};

		case 'containers/refreshed':
			return {...state, containers: fromList(state.containers, action.containers, action.ids, action.at)};

		case 'engine/event': {
			const {event} = action;
			const lastEventNano =
				state.lastEventNano === undefined || event.timeNano > state.lastEventNano ? event.timeNano : state.lastEventNano;
			const containers = event.type === 'container' ? applyContainerEvent(state.containers, event, state.clockOffsetMs) : state.containers;
			return {...state, containers, lastEventNano, resources: bumpResources(state.resources, staleViews(event))};
		}

		default: {
			const ui = uiReducer(state.ui, action);
			return ui === state.ui ? state : {...state, ui};
		}
	}
}

/**
 * Replaces the listed containers (all of them, or only `ids`), keeping what
 * events taught that a list cannot say (exit code, OOM) and the same object
 * where nothing changed, so unchanged rows cost nothing.
 */
function fromList(
	previous: ReadonlyMap<string, Container>,
	listed: ContainerSummary[],
	ids: string[] | undefined,
	atMs: number | undefined,
	keep: readonly string[] = [],
): ReadonlyMap<string, Container> {
	const next = new Map(ids ? previous : []);
	if (ids) for (const id of ids) next.delete(id);
	for (const id of keep) {
		const kept = previous.get(id);
		if (kept) next.set(id, kept);
	}

	for (const summary of listed) {
		const old = previous.get(summary.id);
		// The list's own "Exited (N)" is the engine's word; an event's code fills in when it has none.
		const exitCode = summary.state === 'exited' ? (exitCodeFromStatus(summary.status) ?? old?.exitCode) : undefined;
		const merged: Container = {...summary};
		if (exitCode !== undefined) merged.exitCode = exitCode;
		const oldSince = old?.state === summary.state ? old.statusSinceMs : undefined;
		const since = atMs === undefined ? oldSince : statusSince(summary.status, atMs, oldSince);
		if (since !== undefined) merged.statusSinceMs = since;
		if (old?.oomKilled && summary.state !== 'running') merged.oomKilled = true;
		next.set(summary.id, old && sameContainer(old, merged) ? old : merged);
	}

	return next;
}

/** Engine clock minus local clock, from the engine's SystemTime read at connect. */
function clockOffset(systemTimeNano: bigint | undefined, atMs: number | undefined): number | undefined {
	if (systemTimeNano === undefined || atMs === undefined) return undefined;
	return Number(systemTimeNano / 1_000_000n) - atMs;
}

function exitCodeFromStatus(status: string): number | undefined {
	const match = /^Exited \((-?\d+)\)/.exec(status);
	return match ? Number(match[1]) : undefined;
}

function sameContainer(a: Container, b: Container): boolean {
	return (
		a.state === b.state &&
		a.status === b.status &&
		a.name === b.name &&
		a.image === b.image &&
		a.health === b.health &&
		a.exitCode === b.exitCode &&
		a.oomKilled === b.oomKilled &&
		a.statusSinceMs === b.statusSinceMs &&
		a.ports.length === b.ports.length &&
		JSON.stringify(a.ports) === JSON.stringify(b.ports) &&
		JSON.stringify(a.labels) === JSON.stringify(b.labels)
	);
}

function uiReducer(ui: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'ui/move':
			return moveTo(ui, currentIndex(ui, action.visibleIds) + action.by, action.visibleIds);

		case 'ui/moveTo':
			return moveTo(ui, action.index < 0 ? action.visibleIds.length + action.index : action.index, action.visibleIds);

		case 'ui/select': {
			const index = action.visibleIds.indexOf(action.id);
			return index === -1 ? ui : {...ui, selectedId: action.id, cursor: index};
		}

		case 'ui/filterStart':
			return {...ui, editingFilter: true};

		case 'ui/filterSet':
			return {...ui, filter: action.text};

		case 'ui/filterEnd':
			return {...ui, editingFilter: false, filter: action.keep ? ui.filter : ''};

		case 'ui/toggleAll':
			return {...ui, showAll: !ui.showAll};

		case 'ui/toggleGrouped':
			return {...ui, grouped: !ui.grouped};

		case 'ui/sort':
			return {...ui, sort: action.key};

		case 'ui/cycleSort':
			return {...ui, sort: sortOrder[(sortOrder.indexOf(ui.sort) + 1) % sortOrder.length] ?? 'name'};

		case 'ui/overlay':
			return {...ui, overlay: action.overlay, helpOffset: 0};

		case 'ui/helpScroll':
			return {...ui, helpOffset: Math.max(0, action.offset)};

		case 'ui/view':
			// The details overlay belongs to the containers view.
			return ui.view === action.view ? ui : {...ui, view: action.view, overlay: ui.overlay === 'details' ? 'none' : ui.overlay};

		case 'ui/notice':
			return action.notice ? {...ui, notice: action.notice} : withoutNotice(ui);
	}
}

/** Where the cursor is among the visible rows: the selected container if shown, else the last position. */
export function currentIndex(ui: UiState, visibleIds: readonly string[]): number {
	const index = ui.selectedId === undefined ? -1 : visibleIds.indexOf(ui.selectedId);
	if (index !== -1) return index;
	return Math.max(0, Math.min(ui.cursor, visibleIds.length - 1));
}

function moveTo(ui: UiState, index: number, visibleIds: readonly string[]): UiState {
	if (visibleIds.length === 0) return ui;
	const cursor = Math.max(0, Math.min(index, visibleIds.length - 1));
	const selectedId = visibleIds[cursor];
	return ui.cursor === cursor && ui.selectedId === selectedId ? ui : {...ui, cursor, selectedId};
}

function withoutNotice(ui: UiState): UiState {
	const {notice: _, ...rest} = ui;
	return rest;
}
