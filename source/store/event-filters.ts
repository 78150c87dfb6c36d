import type {EngineEvent} from '../engine/engine.js';

/** The types `t` cycles through, after "all"; the order `docker events --filter type=` lists them. */
export const eventTypeCycle = ['container', 'image', 'volume', 'network', 'daemon', 'plugin'] as const;

/** What the events view shows, as set by keys (t, x, c, !) and the text prompt (/). */
export type EventFilters = {
	type?: string;
	action?: string;
	/** The container picked with `c`: its own events, and network/volume events about it. */
	container?: {id: string; name: string};
	/** Only what needs attention (attentionOf). */
	attention: boolean;
	/** What was typed after `/`: docker-style `key=value` filters and free words. */
	text: string;
};

export const noEventFilters: EventFilters = {attention: false, text: ''};

/**
 * How much an event needs a look: `error` for a container that died with a
 * non-zero exit code or ran out of memory, `warn` for a kill (signal sent) or a
 * failing health check.
 */
export function attentionOf(event: EngineEvent): 'error' | 'warn' | undefined {
	if (event.type !== 'container') return undefined;
	switch (event.action) {
		case 'die': {
			const code = event.attributes['exitCode'];
			return code !== undefined && code !== '0' ? 'error' : undefined;
		}

		case 'oom':
			return 'error';
		case 'kill':
		case 'health_status: unhealthy':
			return 'warn';
		default:
			return undefined;
	}
}

/** The container an event is about, if any: its actor, or the `container` attribute of network and volume events. */
export function containerIdOf(event: EngineEvent): string | undefined {
	if (event.type === 'container') return event.id === '' ? undefined : event.id;
	return event.attributes['container'];
}

/** The text prompt, parsed. Values of one key are alternatives; different keys must all match (as docker's --filter). */
export type EventQuery = {
	terms: Map<string, string[]>;
	/** Words without `=`: each must appear somewhere in the event (case-insensitive). */
	words: string[];
};

/** Keys the prompt understands, as `docker events --filter` spells them (action is an alias of event). */
const queryKeys = new Set(['type', 'event', 'action', 'container', 'image', 'label', 'network', 'volume', 'name', 'scope']);

/**
 * Parses `type=container label=com.docker.compose.project=shop die`: known
 * `key=value` pairs become filters, everything else is a free word.
 */
export function parseEventQuery(text: string): EventQuery {
	const terms = new Map<string, string[]>();
	const words: string[] = [];
	for (const token of text.trim().split(/\s+/)) {
		if (token === '') continue;
		const equals = token.indexOf('=');
		const key = equals > 0 ? token.slice(0, equals).toLowerCase() : '';
		if (!queryKeys.has(key) || equals === token.length - 1) {
			words.push(token.toLowerCase());
			continue;
		}

		const name = key === 'action' ? 'event' : key;
		terms.set(name, [...(terms.get(name) ?? []), token.slice(equals + 1)]);
	}

	return {terms, words};
}

/** A predicate for the filters; build it once per change of filters, run it per event. */
export function eventMatcher(filters: EventFilters): (event: EngineEvent) => boolean {
	const query = parseEventQuery(filters.text);
	const checks: Array<(event: EngineEvent) => boolean> = [];
	if (filters.type !== undefined) checks.push((event) => event.type === filters.type);
	if (filters.action !== undefined) checks.push((event) => event.action === filters.action);
	if (filters.attention) checks.push((event) => attentionOf(event) !== undefined);
	const picked = filters.container;
	if (picked) checks.push((event) => containerIdOf(event) === picked.id);
	for (const [key, values] of query.terms) checks.push((event) => values.some((value) => termMatches(event, key, value)));
	for (const word of query.words) checks.push((event) => searchText(event).includes(word));
	return (event) => checks.every((check) => check(event));
}

/** True when any filter is set. */
export function hasEventFilters(filters: EventFilters): boolean {
	return filters.type !== undefined || filters.action !== undefined || filters.container !== undefined || filters.attention || filters.text.trim() !== '';
}

function termMatches(event: EngineEvent, key: string, value: string): boolean {
	const attributes = event.attributes;
	switch (key) {
		case 'type':
			return event.type === value;
		case 'event':
			// As dockerd: "health_status" also matches "health_status: unhealthy", "exec_start" "exec_start: sh".
			return event.action === value || event.action.startsWith(`${value}:`);
		case 'container': {
			const id = containerIdOf(event);
			if (id === undefined) return false;
			return id.startsWith(value) || (event.type === 'container' && attributes['name'] === value);
		}

		case 'image':
			if (event.type === 'image') return event.id.startsWith(value) || attributes['name'] === value || stripTag(attributes['name']) === value;
			return attributes['image'] === value || stripTag(attributes['image']) === value;
		case 'label': {
			const equals = value.indexOf('=');
			if (equals === -1) return attributes[value] !== undefined;
			return attributes[value.slice(0, equals)] === value.slice(equals + 1);
		}

		case 'network':
			return event.type === 'network' && (event.id.startsWith(value) || attributes['name'] === value);
		case 'volume':
			return event.type === 'volume' && event.id === value;
		case 'name':
			return (attributes['name'] ?? '').toLowerCase().includes(value.toLowerCase());
		case 'scope':
			return event.scope === value;
		default:
			return false;
	}
}

/** "nginx:1.27" → "nginx"; a registry port ("host:5000/app") is not a tag. */
function stripTag(image: string | undefined): string | undefined {
	if (image === undefined) return undefined;
	const colon = image.lastIndexOf(':');
	return colon > image.lastIndexOf('/') ? image.slice(0, colon) : image;
}

// Events never change once received: their lower-cased text is computed once.
const searchTexts = new WeakMap<EngineEvent, string>();

function searchText(event: EngineEvent): string {
	let text = searchTexts.get(event);
	if (text === undefined) {
		const parts = [event.type, event.action, event.id];
		for (const [key, value] of Object.entries(event.attributes)) parts.push(`${key}=${value}`);
		text = parts.join('\n').toLowerCase();
		searchTexts.set(event, text);
	}

	return text;
}
