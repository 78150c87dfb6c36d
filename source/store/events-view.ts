import type {EngineEvent} from '../engine/engine.js';
import {eventMatcher, type EventFilters} from './event-filters.js';
import type {EventRing} from './event-ring.js';
import type {EventsOrder, EventsPane, EventsState, StreamBreak} from './events-slice.js';

/** One line of the events list: an event, or the place the stream broke. */
export type EventEntry = {kind: 'event'; key: string; event: EngineEvent} | {kind: 'break'; key: string; mark: StreamBreak};

export type EventsView = {
	/** In screen order (newest first, or oldest first). */
	entries: readonly EventEntry[];
	/** Index into entries of the cursor; -1 when there are none. */
	cursor: number;
	/** Events shown (breaks not counted) and events kept. */
	shown: number;
	total: number;
};

type Cached = {version: number; breaks: readonly StreamBreak[]; filters: EventFilters; order: EventsOrder; entries: EventEntry[]; shown: number};

// One cached list per ring: rebuilt when an event, a break, a filter or the order changed, i.e. at most once per store publish.
const cache = new WeakMap<EventRing, Cached>();

/** The events list as the view shows it: filtered, breaks placed, in the chosen order, and where the cursor is. */
export function selectEventsView(events: EventsState): EventsView {
	const {entries, shown} = selectEntries(events);
	return {entries, cursor: cursorIndex(events.pane, entries), shown, total: events.ring.size};
}

function selectEntries(events: EventsState): Cached {
	const {ring, breaks, pane} = events;
	const cached = cache.get(ring);
	if (cached && cached.version === ring.version && cached.breaks === breaks && cached.filters === pane.filters && cached.order === pane.order) return cached;
	const matches = eventMatcher(pane.filters);
	const entries: EventEntry[] = [];
	let shown = 0;
	let nextBreak = 0;
	// Breaks go after every event up to their position: the events missed are newer than the last one seen.
	for (let index = 0; index < ring.size; index++) {
		const event = ring.at(index);
		while (nextBreak < breaks.length && breaks[nextBreak]!.afterNano < event.timeNano) entries.push(breakEntry(breaks[nextBreak++]!));
		if (!matches(event)) continue;
		entries.push({kind: 'event', key: ring.keyAt(index), event});
		shown++;
	}

	while (nextBreak < breaks.length) entries.push(breakEntry(breaks[nextBreak++]!));
	if (pane.order === 'newest') entries.reverse();
	const fresh: Cached = {version: ring.version, breaks, filters: pane.filters, order: pane.order, entries, shown};
	cache.set(ring, fresh);
	return fresh;
}

function breakEntry(mark: StreamBreak): EventEntry {
	return {kind: 'break', key: `break|${mark.seq}`, mark};
}

/** The newest row's index: where a cursor that follows sits. */
function newestIndex(order: EventsOrder, length: number): number {
	return order === 'newest' ? 0 : length - 1;
}

function cursorIndex(pane: EventsPane, entries: readonly EventEntry[]): number {
	if (entries.length === 0) return -1;
	if (pane.anchor === undefined) return newestIndex(pane.order, entries.length);
	const index = entries.findIndex((entry) => entry.key === pane.anchor);
	return index !== -1 ? index : Math.max(0, Math.min(pane.cursor, entries.length - 1));
}

/** Where a move puts the cursor: on a row (anchored to it), or back on the newest (following it). */
export function moveCursor(events: EventsState, move: {type: 'ui/events/move'; by: number} | {type: 'ui/events/moveTo'; end: 'top' | 'bottom'}): Pick<EventsPane, 'anchor' | 'cursor'> {
	const view = selectEventsView(events);
	if (view.entries.length === 0) return {cursor: 0};
	const last = view.entries.length - 1;
	const target = move.type === 'ui/events/move' ? view.cursor + move.by : move.end === 'top' ? 0 : last;
	const cursor = Math.max(0, Math.min(last, target));
	if (cursor === newestIndex(events.pane.order, view.entries.length)) return {cursor, anchor: undefined};
	return {cursor, anchor: view.entries[cursor]!.key};
}

/** The entry under the cursor. */
export function selectedEntry(events: EventsState): EventEntry | undefined {
	const view = selectEventsView(events);
	return view.entries[view.cursor];
}
