/**
 * The events slice: every event the one subscription in feeds.ts delivers
 * (`engine/event`), plus the history window loaded at start (events-history.ts),
 * kept in a bounded ring in time order, with the places the stream broke, a
 * count of what needs attention and has not been seen, and the events view's
 * own screen state (filters, order, cursor).
 */
import type {EngineEvent} from '../engine/engine.js';
import {attentionOf, noEventFilters, type EventFilters} from './event-filters.js';
import {EventRing} from './event-ring.js';

export const defaultEventsBuffer = 5000;

/** A break in the event stream, shown as one line where it happened. */
export type StreamBreak = {
	seq: number;
	/** Where it goes in the list: after the last event seen before the break (engine clock, ns). */
	afterNano: bigint;
	/** When berth noticed (ms since the epoch, berth's clock). */
	lostAtMs: number;
	reason: string;
	/** When berth was connected again; the missed events were asked for since afterNano. */
	resumedAtMs?: number;
};

export type HistoryStatus =
	| {status: 'off'}
	| {status: 'waiting'}
	| {status: 'loading'; sinceNano: bigint}
	| {status: 'loaded'; sinceNano: bigint; count: number}
	| {status: 'failed'; reason: string};

export type EventsOrder = 'newest' | 'oldest';

/** The events view's screen state. */
export type EventsPane = {
	order: EventsOrder;
	filters: EventFilters;
	/** Typing the text filter. */
	editing: boolean;
	/** Key of the row under the cursor; undefined: the cursor follows the newest event. */
	anchor?: string;
	/** Where the cursor was, for when its row goes (dropped from the ring, filtered out). */
	cursor: number;
};

export type EventsState = {
	/** Mutated in place by the reducer (see EventRing); `version` says when. */
	ring: EventRing;
	version: number;
	breaks: readonly StreamBreak[];
	/** Events needing attention that arrived while the events view was not shown. */
	unseen: number;
	history: HistoryStatus;
	pane: EventsPane;
};

export type EventsAction =
	| {type: 'events/history'; events: readonly EngineEvent[]; sinceNano: bigint}
	| {type: 'events/historyStatus'; history: HistoryStatus}
	| {type: 'ui/events/move'; by: number}
	| {type: 'ui/events/moveTo'; end: 'top' | 'bottom'}
	| {type: 'ui/events/order'}
	| {type: 'ui/events/filters'; filters: Partial<EventFilters>; replace?: boolean}
	| {type: 'ui/events/filterStart'}
	| {type: 'ui/events/filterEnd'; keep: boolean};

/** Breaks kept: one line each, and old ones say little. */
const maxBreaks = 50;

export function initialEvents(capacity = defaultEventsBuffer): EventsState {
	return {
		ring: new EventRing(capacity),
		version: 0,
		breaks: [],
		unseen: 0,
		history: {status: 'waiting'},
		pane: {order: 'newest', filters: noEventFilters, editing: false, cursor: 0},
	};
}

export function isEventsAction(action: {type: string}): action is EventsAction {
	return action.type.startsWith('events/') || action.type.startsWith('ui/events/');
}

/** What the slice needs to know of the rest of the state. */
export type EventsContext = {
	viewingEvents: boolean;
	lastEventNano?: bigint;
	engineNano?: bigint;
	wasConnected: boolean;
};

/** Actions of other slices the events slice follows: events, connection changes, switching views. */
export type FollowedAction =
	| {type: 'engine/event'; event: EngineEvent}
	| {type: 'connection/lost'; problem: {title: string}; retryAt: number; at?: number}
	| {type: 'connection/connected'; at?: number; info: {systemTimeNano?: bigint}}
	| {type: 'ui/view'; view: string};

/** Folds another slice's action into the events slice; the same slice back when it does not care. */
export function followEvents(events: EventsState, action: FollowedAction, context: EventsContext): EventsState {
	switch (action.type) {
		case 'engine/event': {
			if (!events.ring.add(action.event)) return events;
			const unseen = !context.viewingEvents && attentionOf(action.event) ? events.unseen + 1 : events.unseen;
			return {...events, version: events.ring.version, unseen};
		}

		case 'connection/lost': {
			const open = events.breaks.at(-1);
			if (!context.wasConnected || (open && open.resumedAtMs === undefined)) return events;
			const lostAtMs = action.at ?? action.retryAt;
			const afterNano = context.lastEventNano ?? context.engineNano ?? BigInt(lostAtMs) * 1_000_000n;
			const mark: StreamBreak = {seq: (open?.seq ?? 0) + 1, afterNano, lostAtMs, reason: action.problem.title};
			return {...events, breaks: [...events.breaks.slice(-(maxBreaks - 1)), mark]};
		}

		case 'connection/connected': {
			const open = events.breaks.at(-1);
			if (!open || open.resumedAtMs !== undefined) return events;
			const engineMs = action.info.systemTimeNano === undefined ? undefined : Number(action.info.systemTimeNano / 1_000_000n);
			const resumedAtMs = action.at ?? engineMs ?? open.lostAtMs;
			return {...events, breaks: [...events.breaks.slice(0, -1), {...open, resumedAtMs}]};
		}

		case 'ui/view':
			return action.view === 'events' && events.unseen !== 0 ? {...events, unseen: 0} : events;
	}
}

/**
 * The slice's own actions. `moveBy` needs the rows as shown (events-view.ts
 * computes them), so cursor moves come in resolved: see events-view.ts moveCursor.
 */
export function eventsReducer(events: EventsState, action: EventsAction, context: EventsContext, moved?: Pick<EventsPane, 'anchor' | 'cursor'>): EventsState {
	switch (action.type) {
		case 'events/history': {
			const added = events.ring.merge(action.events);
			const unseen = context.viewingEvents ? events.unseen : events.unseen + added.filter((event) => attentionOf(event)).length;
			return {...events, version: events.ring.version, unseen, history: {status: 'loaded', sinceNano: action.sinceNano, count: action.events.length}};
		}

		case 'events/historyStatus':
			return {...events, history: action.history};

		case 'ui/events/move':
		case 'ui/events/moveTo':
			return moved ? withPane(events, moved) : events;

		case 'ui/events/order':
			return withPane(events, {order: events.pane.order === 'newest' ? 'oldest' : 'newest'});

		case 'ui/events/filters': {
			const filters = action.replace ? {...noEventFilters, ...action.filters} : {...events.pane.filters, ...action.filters};
			for (const key of ['type', 'action', 'container'] as const) if (filters[key] === undefined) delete filters[key];
			// A new set of rows: the cursor goes back to following the newest event.
			return withPane(events, {filters, anchor: undefined, cursor: 0});
		}

		case 'ui/events/filterStart':
			return withPane(events, {editing: true});

		case 'ui/events/filterEnd':
			return withPane(events, {editing: false, filters: action.keep ? events.pane.filters : {...events.pane.filters, text: ''}, anchor: undefined, cursor: 0});
	}
}

function withPane(events: EventsState, patch: Partial<EventsPane>): EventsState {
	const pane: EventsPane = {...events.pane, ...patch};
	if (pane.anchor === undefined) delete pane.anchor;
	return {...events, pane};
}
