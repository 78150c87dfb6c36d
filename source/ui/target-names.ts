import type {Target} from '../store/actions-slice.js';
import {sanitizeText} from './sanitize.js';
import {columns} from './text-width.js';

/**
 * "web-1, web-2, db and 4 more": as many names as fit in `width` columns, the
 * rest counted. Names come from containers: sanitized here.
 */
export function targetNames(targets: readonly Target[], width: number, most = 5): string {
	const names = targets.map((target) => sanitizeText(target.name));
	let shown = Math.min(names.length, most);
	for (; shown > 1; shown--) {
		const rest = names.length - shown;
		const text = names.slice(0, shown).join(', ') + (rest > 0 ? ` and ${rest} more` : '');
		if (columns(text) <= width) return text;
	}

	const rest = names.length - 1;
	return (names[0] ?? '') + (rest > 0 ? ` and ${rest} more` : '');
}
