/**
 * The text of the events view's lines. Everything that comes from the engine
 * goes through sanitizeText: names, labels and attributes are anyone's text.
 */
import type {EngineEvent} from '../engine/engine.js';
import {containerIdOf} from '../store/event-filters.js';
import type {StreamBreak} from '../store/events-slice.js';
import {serviceLabel} from '../store/selectors.js';
import {sanitizeText} from './sanitize.js';
import {shortId} from './short-id.js';
import {columns, fit} from './text-width.js';

export type EventCells = {time: string; type: string; action: string; actor: string; details: string};

/** Signal numbers a kill event carries, by the names `docker kill -s` takes (Linux numbering). */
const signalNames: Record<string, string> = {
	'1': 'HUP', '2': 'INT', '3': 'QUIT', '6': 'ABRT', '9': 'KILL', '10': 'USR1', '12': 'USR2', '14': 'ALRM', '15': 'TERM', '17': 'CHLD', '19': 'STOP', '28': 'WINCH',
};

const pad2 = (value: number) => String(value).padStart(2, '0');

/** Local time: HH:MM:SS today, YYYY-MM-DD HH:MM:SS on another day. */
export function eventTime(timeNano: bigint, nowMs: number): string {
	const date = new Date(Number(timeNano / 1_000_000n));
	const clock = `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
	const now = new Date(nowMs);
	const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
	return sameDay ? clock : `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${clock}`;
}

/** Whose event it is, by the name people know it by. */
export function actorName(event: EngineEvent): string {
	const {attributes, id} = event;
	const name = attributes['name'];
	switch (event.type) {
		case 'volume':
			// Anonymous volumes are named by 64 hex digits.
			return /^[\da-f]{64}$/.test(id) ? shortId(id) : id;
		case 'image':
			// untag and delete name the image by its id.
			return name === undefined || name.startsWith('sha256:') ? shortId(name ?? id) : name;
		default:
			return name ?? shortId(id);
	}
}

/** The attributes worth a glance, as key=value. */
export function keyAttributes(event: EngineEvent, nameOf: (id: string) => string | undefined = () => undefined): string[] {
	const {attributes} = event;
	const parts: string[] = [];
	const add = (key: string, value: string | undefined) => {
		if (value !== undefined && value !== '') parts.push(`${key}=${value}`);
	};

	if (event.type === 'container') {
		if (event.action === 'die') add('exitCode', attributes['exitCode']);
		if (event.action === 'kill') {
			const signal = attributes['signal'];
			const named = signal === undefined ? undefined : signalNames[signal];
			add('signal', named === undefined ? signal : `${signal} (${named})`);
		}

		if (event.action === 'rename') add('oldName', attributes['oldName']?.replace(/^\//, ''));
		add('image', attributes['image']);
		add('service', attributes[serviceLabel]);
		return parts;
	}

	const container = containerIdOf(event);
	if (container !== undefined) add('container', nameOf(container) ?? shortId(container));
	if (event.type === 'volume') {
		add('destination', attributes['destination']);
		add('driver', attributes['driver']);
	}

	if (event.type === 'network') add('type', attributes['type']);
	return parts;
}

/** One event's cells, sanitized. */
export function eventCells(event: EngineEvent, nowMs: number, nameOf?: (id: string) => string | undefined): EventCells {
	return {
		time: eventTime(event.timeNano, nowMs),
		type: sanitizeText(event.type),
		action: sanitizeText(event.action),
		actor: sanitizeText(actorName(event)),
		details: sanitizeText(keyAttributes(event, nameOf).join(' ')),
	};
}

export type EventColumns = {time: number; type: number; action: number; actor: number};

/** Column widths for the rows on screen: as wide as their text, within bounds. */
export function eventColumns(rows: readonly EventCells[]): EventColumns {
	const widest = (pick: (cells: EventCells) => string, min: number, max: number) =>
		Math.max(min, Math.min(max, rows.reduce((width, cells) => Math.max(width, columns(pick(cells))), 0)));
	return {
		time: widest((cells) => cells.time, 8, 19),
		type: widest((cells) => cells.type, 4, 9),
		action: widest((cells) => cells.action, 6, 24),
		actor: widest((cells) => cells.actor, 4, 28),
	};
}

/** One row, exactly `width` columns: time (right-aligned), type, action, actor, then the attributes in what is left. */
export function eventLine(cells: EventCells, widths: EventColumns, width: number): string {
	const head = `${cells.time.padStart(widths.time)} ${fit(cells.type, widths.type)} ${fit(cells.action, widths.action)} ${fit(cells.actor, widths.actor)} `;
	return fit(head + cells.details, width);
}

/** The line where the stream broke: when, whether it came back, and why (last: it is what a narrow screen cuts). */
export function breakText(mark: StreamBreak, nowMs: number): string {
	const at = (ms: number) => eventTime(BigInt(ms) * 1_000_000n, nowMs);
	const resumed = mark.resumedAtMs === undefined ? 'reconnecting…' : `resumed ${at(mark.resumedAtMs)}, missed events fetched`;
	return `── connection lost ${at(mark.lostAtMs)} · ${resumed} · ${sanitizeText(mark.reason)} ──`;
}
