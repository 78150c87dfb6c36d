import type {Action} from './actions.js';
import {eventsReducer, followEvents, type EventsAction, type EventsContext} from './events-slice.js';
import {moveCursor} from './events-view.js';
import type {State} from './state.js';

function contextOf(state: State): EventsContext {
	const context: EventsContext = {viewingEvents: state.ui.view === 'events', wasConnected: state.connection.status === 'connected'};
	if (state.lastEventNano !== undefined) context.lastEventNano = state.lastEventNano;
	if (state.engine?.systemTimeNano !== undefined) context.engineNano = state.engine.systemTimeNano;
	return context;
}

/** The events slice's own actions (history, keys of the events view). */
export function reduceEventsAction(state: State, action: EventsAction): State {
	const moved = action.type === 'ui/events/move' || action.type === 'ui/events/moveTo' ? moveCursor(state.events, action) : undefined;
	const events = eventsReducer(state.events, action, contextOf(state), moved);
	return events === state.events ? state : {...state, events};
}

/** What the events slice takes from other actions: each event, the stream breaking and resuming, the view shown. Runs before them. */
export function followEventsIn(state: State, action: Action): State {
	switch (action.type) {
		case 'engine/event':
		case 'connection/lost':
		case 'connection/connected':
		case 'ui/view': {
			const events = followEvents(state.events, action, contextOf(state));
			return events === state.events ? state : {...state, events};
		}

		default:
			return state;
	}
}
