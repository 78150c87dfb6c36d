import {Text} from 'ink';
import type {EventsState, HistoryStatus} from '../../store/events-slice.js';
import {selectEventsView} from '../../store/events-view.js';
import type {Notice} from '../../store/state.js';
import {eventTime} from '../event-rows.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';

/** The events view's status line: the filter being typed, else the last notice, else what is kept and loaded. */
export function EventsStatus({events, notice, width, nowMs}: {events: EventsState; notice?: Notice | undefined; width: number; nowMs: number}) {
	const view = selectEventsView(events);
	if (events.pane.editing) {
		return (
			<Text wrap="truncate">
				<Text color="cyan">/</Text>
				{fit(`${sanitizeText(events.pane.filters.text)}▏  (${view.shown} of ${view.total}; type=, event=, container=, image=, label=key=value)`, width - 1)}
			</Text>
		);
	}

	if (notice) {
		const color = notice.level === 'error' ? 'red' : notice.level === 'warn' ? 'yellow' : undefined;
		return (
			<Text color={color} wrap="truncate">
				{fit(sanitizeText(notice.text), width)}
			</Text>
		);
	}

	const parts = [`${view.total} of ${events.ring.capacity} events kept`, historyText(events.history, nowMs)];
	return (
		<Text dimColor wrap="truncate">
			{fit(parts.join(' · '), width)}
		</Text>
	);
}

function historyText(history: HistoryStatus, nowMs: number): string {
	switch (history.status) {
		case 'off':
			return 'no history loaded (--events-since off)';
		case 'waiting':
			return 'history: waiting for the engine';
		case 'loading':
			return `history since ${eventTime(history.sinceNano, nowMs)}: loading…`;
		case 'loaded':
			return `history since ${eventTime(history.sinceNano, nowMs)}: ${history.count} events`;
		case 'failed':
			return `history not loaded: ${sanitizeText(history.reason)}`;
	}
}
