import {Box, Text} from 'ink';
import {attentionOf, hasEventFilters} from '../../store/event-filters.js';
import type {EventsPane as PaneState, EventsState} from '../../store/events-slice.js';
import {selectEventsView, type EventEntry, type EventsView} from '../../store/events-view.js';
import type {Container} from '../../store/state.js';
import {breakText, eventCells, eventColumns, eventLine, type EventCells} from '../event-rows.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';
import {windowStart} from './containers-pane.js';

type Props = {
	events: EventsState;
	containers: ReadonlyMap<string, Container>;
	/** Lines for the title and the rows. */
	height: number;
	width: number;
	nowMs: number;
	dim: boolean;
};

const attentionColor = {error: 'red', warn: 'yellow'} as const;

/** The events view: a title saying what is shown, then only the rows that fit, the cursor kept in sight. */
export function EventsPane({events, containers, height, width, nowMs, dim}: Props) {
	const view = selectEventsView(events);
	const rows = Math.max(0, height - 1);
	const start = windowStart(view.cursor, view.entries.length, rows);
	const visible = view.entries.slice(start, start + rows);
	const nameOf = (id: string) => containers.get(id)?.name;
	const cells = new Map<EventEntry, EventCells>();
	for (const entry of visible) if (entry.kind === 'event') cells.set(entry, eventCells(entry.event, nowMs, nameOf));
	const widths = eventColumns([...cells.values()]);
	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text bold wrap="truncate">
				{fit(eventsTitle(events.pane, view), width)}
			</Text>
			{visible.length === 0 ? (
				<Text dimColor>{fit(emptyText(events), width)}</Text>
			) : (
				visible.map((entry, index) => {
					const selected = start + index === view.cursor;
					if (entry.kind === 'break') {
						return (
							<Text key={entry.key} color="magenta" inverse={selected} wrap="truncate">
								{fit(breakText(entry.mark, nowMs), width)}
							</Text>
						);
					}

					const attention = attentionOf(entry.event);
					return (
						<Text key={entry.key} inverse={selected} color={attention && attentionColor[attention]} dimColor={dim && !selected} wrap="truncate">
							{eventLine(cells.get(entry)!, widths, width)}
						</Text>
					);
				})
			)}
		</Box>
	);
}

/** "Events · newest first · type=container · container=web · 12 of 340". */
export function eventsTitle(pane: PaneState, view: Pick<EventsView, 'shown' | 'total'>): string {
	const {filters} = pane;
	const parts = ['Events', pane.order === 'newest' ? 'newest first' : 'oldest first'];
	if (filters.type !== undefined) parts.push(`type=${sanitizeText(filters.type)}`);
	if (filters.action !== undefined) parts.push(`event=${sanitizeText(filters.action)}`);
	if (filters.container) parts.push(`container=${sanitizeText(filters.container.name)}`);
	if (filters.attention) parts.push('needing attention');
	if (filters.text.trim() !== '') parts.push(`/${sanitizeText(filters.text.trim())}`);
	parts.push(hasEventFilters(filters) ? `${view.shown} of ${view.total}` : `${view.total}`);
	return parts.join(' · ');
}

function emptyText(events: EventsState): string {
	if (hasEventFilters(events.pane.filters)) return 'No event matches the filters (Esc clears them)';
	if (events.history.status === 'loading' || events.history.status === 'waiting') return 'Loading recent events…';
	return 'No events yet: they appear here as the engine reports them';
}
