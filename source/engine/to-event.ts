import type {EngineEvent} from './engine.js';

/** GET /events objects: API >= 1.22 has Type/Action/Actor; older ones status/id/from. */
export type RawEvent = {
	Type?: string;
	Action?: string;
	Actor?: {ID?: string; Attributes?: Record<string, string>};
	scope?: string;
	time?: number;
	timeNano?: number | string;
	status?: string;
	id?: string;
	from?: string;
};

/** One line of GET /events. JSON numbers lose timeNano's last digits, so those are read from the text. */
export function parseEventLine(line: string): EngineEvent {
	const event = toEvent(JSON.parse(line) as RawEvent);
	const nano = /"timeNano":(\d+)/.exec(line)?.[1];
	if (nano !== undefined) event.timeNano = BigInt(nano);
	return event;
}

/** Maps one engine event to berth's EngineEvent. */
export function toEvent(raw: RawEvent): EngineEvent {
	const attributes = {...raw.Actor?.Attributes};
	if (raw.from !== undefined && attributes['image'] === undefined) attributes['image'] = raw.from;
	const time = raw.time ?? 0;
	const event: EngineEvent = {
		type: raw.Type ?? (raw.status !== undefined ? oldShapeType(raw) : 'unknown'),
		action: raw.Action ?? raw.status ?? '',
		id: raw.Actor?.ID ?? raw.id ?? '',
		attributes,
		time,
		timeNano: toNano(raw.timeNano, time),
	};
	if (raw.scope !== undefined) event.scope = raw.scope;
	return event;
}

// Before API 1.22 only containers and images had events, told apart by the action
// (the image actions share no name with container ones) and by `from`, which only
// container events carry.
const imageActions = new Set(['pull', 'push', 'tag', 'untag', 'delete', 'import', 'load', 'save']);

function oldShapeType(raw: RawEvent): string {
	return raw.from === undefined && imageActions.has(raw.status ?? '') ? 'image' : 'container';
}

/** timeNano arrives as a JSON number larger than 2^53; JSON.parse rounds it, so keep the rounding honest. */
function toNano(value: number | string | undefined, seconds: number): bigint {
	if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
	if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
	return BigInt(seconds) * 1_000_000_000n;
}
