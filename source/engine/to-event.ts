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

/** Maps one engine event to berth's EngineEvent. */
export function toEvent(raw: RawEvent): EngineEvent {
	const attributes = {...raw.Actor?.Attributes};
	if (raw.from !== undefined && attributes['image'] === undefined) attributes['image'] = raw.from;
	const time = raw.time ?? 0;
	const event: EngineEvent = {
		type: raw.Type ?? (raw.status !== undefined ? 'container' : 'unknown'),
		action: raw.Action ?? raw.status ?? '',
		id: raw.Actor?.ID ?? raw.id ?? '',
		attributes,
		time,
		timeNano: toNano(raw.timeNano, time),
	};
	if (raw.scope !== undefined) event.scope = raw.scope;
	return event;
}

/** timeNano arrives as a JSON number larger than 2^53; JSON.parse rounds it, so keep the rounding honest. */
function toNano(value: number | string | undefined, seconds: number): bigint {
	if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
	if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
	return BigInt(seconds) * 1_000_000_000n;
}
