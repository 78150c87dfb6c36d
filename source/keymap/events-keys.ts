/**
 * What the keys of the events view and the view switch do. Each only
 * dispatches; nothing waits on the engine.
 */
import {containerIdOf, eventTypeCycle, hasEventFilters, type EventFilters} from '../store/event-filters.js';
import {selectedEntry} from '../store/events-view.js';
import {selectContainerView} from '../store/selectors.js';
import {viewOrder, type View} from '../store/state.js';
import {selectedId} from './action-keys.js';
import type {KeyContext} from './bindings.js';

export const showView = (view: View) => (c: KeyContext) => c.store.dispatch({type: 'ui/view', view});

/** Tab and Shift-Tab: the next or previous view. */
export const cycleView = (by: number) => (c: KeyContext) => {
	const index = viewOrder.indexOf(c.store.getState().ui.view);
	const view = viewOrder[(index + by + viewOrder.length) % viewOrder.length] ?? 'containers';
	c.store.dispatch({type: 'ui/view', view});
};

export const moveEvents = (by: (c: KeyContext) => number) => (c: KeyContext) => c.store.dispatch({type: 'ui/events/move', by: by(c)});

export const moveEventsTo = (end: 'top' | 'bottom') => (c: KeyContext) => c.store.dispatch({type: 'ui/events/moveTo', end});

const setFilters = (c: KeyContext, filters: Partial<EventFilters>) => c.store.dispatch({type: 'ui/events/filters', filters});

/** t: all types, then container, image, volume, network, daemon, plugin, then all again. */
export function cycleType(c: KeyContext): void {
	const current = c.store.getState().events.pane.filters.type;
	const index = current === undefined ? -1 : eventTypeCycle.indexOf(current as (typeof eventTypeCycle)[number]);
	// Clearing the type also clears an action that may belong to another type.
	setFilters(c, {type: eventTypeCycle[index + 1], action: undefined});
}

/** x: the actions seen among the events kept (of the chosen type), in turn, then all. */
export function cycleAction(c: KeyContext): void {
	const {ring, pane} = c.store.getState().events;
	const seen = new Set<string>();
	for (let index = 0; index < ring.size; index++) {
		const event = ring.at(index);
		if (pane.filters.type === undefined || event.type === pane.filters.type) seen.add(event.action);
	}

	const actions = [...seen].sort();
	const current = pane.filters.action;
	const next = actions[current === undefined ? 0 : actions.indexOf(current) + 1];
	setFilters(c, {action: next});
	if (actions.length === 0) c.store.dispatch({type: 'ui/notice', notice: {level: 'info', text: 'No events to pick an action from yet'}});
}

export function toggleAttention(c: KeyContext): void {
	setFilters(c, {attention: !c.store.getState().events.pane.filters.attention});
}

/** c: only the events of the container selected in the containers view; again shows all. */
export function toggleContainer(c: KeyContext): void {
	const state = c.store.getState();
	if (state.events.pane.filters.container) {
		setFilters(c, {container: undefined});
		return;
	}

	const id = selectedId(state, c.view);
	const container = id === undefined ? undefined : state.containers.get(id);
	if (!container) {
		c.store.dispatch({type: 'ui/notice', notice: {level: 'warn', text: 'No container selected: pick one in the containers view (1) first'}});
		return;
	}

	setFilters(c, {container: {id: container.id, name: container.name}});
}

/** Esc: every filter off. */
export function clearFilters(c: KeyContext): void {
	if (hasEventFilters(c.store.getState().events.pane.filters)) c.store.dispatch({type: 'ui/events/filters', filters: {}, replace: true});
}

/** Enter: select the event's container in the containers view and show it, when it still exists. */
export function jumpToContainer(c: KeyContext): void {
	const entry = selectedEntry(c.store.getState().events);
	const id = entry?.kind === 'event' ? containerIdOf(entry.event) : undefined;
	const say = (text: string) => c.store.dispatch({type: 'ui/notice', notice: {level: 'warn', text}});
	if (id === undefined) {
		say(entry ? 'This line is not about a container' : 'No event selected');
		return;
	}

	let state = c.store.getState();
	const container = state.containers.get(id);
	if (!container) {
		say('That container no longer exists');
		return;
	}

	// Make it visible first: a filter or running-only may hide it.
	let view = selectContainerView(state.containers, state.ui, state.stats.current);
	if (!view.ids.includes(id) && state.ui.filter !== '') c.store.dispatch({type: 'ui/filterEnd', keep: false});
	state = c.store.getState();
	view = selectContainerView(state.containers, state.ui, state.stats.current);
	if (!view.ids.includes(id) && !state.ui.showAll) c.store.dispatch({type: 'ui/toggleAll'});
	state = c.store.getState();
	view = selectContainerView(state.containers, state.ui, state.stats.current);
	c.store.dispatch({type: 'ui/select', id, visibleIds: view.ids});
	c.store.dispatch({type: 'ui/view', view: 'containers'});
}
