/**
 * The `/` filter of the images, volumes and networks views: docker's --filter
 * terms (label=key, label=key=value, dangling=true|false, driver=name) and plain
 * words. As the daemon does, every label term must match (a key alone: the label
 * is set; key=value: it has that value), driver terms match any one; words match
 * the name (a repo:tag, or the id's start). Pure.
 */

export type ResourceQuery = {
	labels: Array<{key: string; value?: string}>;
	dangling?: boolean;
	drivers: string[];
	/** Lower-cased; each must appear in the name. */
	words: string[];
};

export function parseQuery(text: string): ResourceQuery {
	const query: ResourceQuery = {labels: [], drivers: [], words: []};
	for (const term of text.split(/\s+/).filter(Boolean)) {
		const equals = term.indexOf('=');
		const key = equals === -1 ? '' : term.slice(0, equals).toLowerCase();
		const value = term.slice(equals + 1);
		if (key === 'label' && value !== '') {
			// docker's MatchKVList: split once, so a value may itself hold "=".
			const at = value.indexOf('=');
			query.labels.push(at === -1 ? {key: value} : {key: value.slice(0, at), value: value.slice(at + 1)});
		} else if (key === 'dangling' && /^(true|false|1|0)$/i.test(value)) {
			query.dangling = /^(true|1)$/i.test(value);
		} else if (key === 'driver' && value !== '') {
			query.drivers.push(value);
		} else {
			query.words.push(term.toLowerCase());
		}
	}

	return query;
}

export const isEmptyQuery = (query: ResourceQuery) => query.labels.length === 0 && query.dangling === undefined && query.drivers.length === 0 && query.words.length === 0;

/** docker images/volume ls/network ls --filter label=...: every term must hold. */
export function labelsMatch(labels: Record<string, string>, query: ResourceQuery): boolean {
	return query.labels.every(({key, value}) => Object.hasOwn(labels, key) && (value === undefined || labels[key] === value));
}

export function wordsMatch(names: readonly string[], query: ResourceQuery): boolean {
	const haystack = names.map((name) => name.toLowerCase());
	return query.words.every((word) => haystack.some((name) => name.includes(word)));
}

export function driverMatches(driver: string, query: ResourceQuery): boolean {
	return query.drivers.length === 0 || query.drivers.includes(driver);
}
