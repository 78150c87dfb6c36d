/**
 * What the logs keys do. Scrolling and search jumps need the lines, which are
 * not in the store: they are read from the open session's buffer through
 * KeyContext.logs (the LogsFeed), and the result dispatched as one action.
 */
import {projectLabel} from '../store/selectors.js';
import {defaultSavePath} from '../store/save-logs.js';
import type {LogsUi} from '../store/logs-ui.js';
import {bottomIndex, lineList, searchIndex} from '../ui/log-search.js';
import {selectedId} from './action-keys.js';
import type {KeyContext} from './bindings.js';

function logsUi(c: KeyContext): LogsUi | undefined {
	return c.store.getState().ui.logs;
}

function say(c: KeyContext, text: string, level: 'info' | 'warn' = 'warn'): void {
	c.store.dispatch({type: 'ui/notice', notice: {level, text}});
}

/** l (L: full screen): the selected container's logs. */
export const openLogs = (full: boolean) => (c: KeyContext) => {
	const state = c.store.getState();
	const id = selectedId(state, c.view);
	const container = id === undefined ? undefined : state.containers.get(id);
	if (!container) {
		say(c, 'No container selected');
		return;
	}

	c.store.dispatch({type: 'logs/open', target: {kind: 'container', id: container.id, name: container.name}, full});
};

/** O: every container of the selected container's compose project, interleaved. */
export function openProjectLogs(c: KeyContext): void {
	const state = c.store.getState();
	const id = selectedId(state, c.view);
	const project = id === undefined ? undefined : state.containers.get(id)?.labels[projectLabel];
	if (project === undefined || project === '') {
		say(c, id === undefined ? 'No container selected' : 'Not part of a compose project (O shows a project\'s logs)');
		return;
	}

	c.store.dispatch({type: 'logs/open', target: {kind: 'project', project}});
}

export function closeLogs(c: KeyContext): void {
	c.store.dispatch({type: 'logs/close'});
}

export const toggle = (key: 'full' | 'timestamps' | 'wrap' | 'colors') => (c: KeyContext) => {
	c.store.dispatch({type: 'logs/toggle', key});
};

export function toggleFilter(c: KeyContext): void {
	const ui = logsUi(c);
	if (!ui) return;
	if (ui.query === '' && !ui.filter) {
		say(c, 'Search first (/), then F shows only the matching lines');
		return;
	}

	c.store.dispatch({type: 'logs/toggle', key: 'filter'});
}

/** Lines in a page: the rows the pane shows, less one kept in sight. */
function pageLines(c: KeyContext): number {
	return Math.max(1, (c.logs?.viewport.rows ?? c.pageSize) - 1);
}

/** Scrolls by whole lines; past the newest line the view follows again, scrolling up pauses it. */
export const scroll = (by: (c: KeyContext) => number) => (c: KeyContext) => {
	const ui = logsUi(c);
	const buffer = c.logs?.session()?.buffer;
	if (!ui || !buffer) return;
	const list = lineList(buffer, ui);
	if (list.count === 0) return;
	const from = bottomIndex(list, ui);
	// Not above the line that puts the first one at the top.
	const lowest = Math.min(list.count - 1, ui.wrap ? 0 : pageLines(c));
	const to = Math.max(Math.min(from, lowest), from + by(c));
	if (to >= list.count - 1) c.store.dispatch({type: 'logs/scroll', follow: true});
	else c.store.dispatch({type: 'logs/scroll', follow: false, bottom: list.at(to)});
};

export const lineUp = scroll(() => -1);
export const lineDown = scroll(() => 1);
export const pageUp = scroll((c) => -pageLines(c));
export const pageDown = scroll((c) => pageLines(c));

export function toTop(c: KeyContext): void {
	const ui = logsUi(c);
	const buffer = c.logs?.session()?.buffer;
	if (!ui || !buffer) return;
	const list = lineList(buffer, ui);
	if (list.count === 0) return;
	const index = Math.min(list.count - 1, ui.wrap ? 0 : pageLines(c));
	c.store.dispatch({type: 'logs/scroll', follow: false, bottom: list.at(index)});
}

export function toEnd(c: KeyContext): void {
	c.store.dispatch({type: 'logs/scroll', follow: true});
}

/** f: stop where the view is (new lines are counted), or follow again. */
export function toggleFollow(c: KeyContext): void {
	const ui = logsUi(c);
	const buffer = c.logs?.session()?.buffer;
	if (!ui) return;
	if (!ui.follow) {
		c.store.dispatch({type: 'logs/scroll', follow: true});
		return;
	}

	const list = buffer ? lineList(buffer, ui) : undefined;
	const last = list && list.count > 0 ? list.at(list.count - 1) : 0;
	c.store.dispatch({type: 'logs/scroll', follow: false, bottom: last});
}

/** ←/→ when not wrapping: a quarter of the width at a time. */
export const sideways = (direction: number) => (c: KeyContext) => {
	const ui = logsUi(c);
	if (!ui) return;
	if (ui.wrap) {
		say(c, 'Lines are wrapped: w scrolls sideways instead', 'info');
		return;
	}

	const step = Math.max(8, Math.floor((c.logs?.viewport.columns ?? 80) / 4));
	c.store.dispatch({type: 'logs/hscroll', columns: ui.hscroll + direction * step});
};

export function startSearch(c: KeyContext): void {
	const ui = logsUi(c);
	c.store.dispatch({type: 'logs/inputStart', input: {kind: 'search', text: ui?.query ?? ''}});
}

/** n (1) / N (-1): the next newer / older match, wrapping around; the view stops there. */
export const jumpMatch = (direction: 1 | -1) => (c: KeyContext) => {
	const ui = logsUi(c);
	const buffer = c.logs?.session()?.buffer;
	if (!ui || !buffer) return;
	if (ui.query === '') {
		say(c, 'No search: / searches the logs', 'info');
		return;
	}

	const matches = searchIndex(buffer).find(ui.query);
	if (matches.length === 0) {
		say(c, `No line matches "${ui.query}"`);
		return;
	}

	const list = lineList(buffer, ui);
	const from = ui.match !== undefined && buffer.get(ui.match) ? ui.match : list.count > 0 ? list.at(bottomIndex(list, ui)) + (direction === 1 ? 0 : 1) : 0;
	let match: number | undefined;
	if (direction === 1) match = matches.find((seq) => seq > from) ?? matches[0];
	else match = [...matches].reverse().find((seq) => seq < from) ?? matches.at(-1);
	if (match === undefined) return;
	// The match in the middle of the view, when there are lines enough below it.
	const index = list.indexAtOrBefore(match);
	const bottom = list.at(Math.min(list.count - 1, index + Math.floor(pageLines(c) / 2)));
	c.store.dispatch({type: 'logs/match', match, bottom});
};

/** s (buffer) / S (the whole log from the engine): asks for the path first. */
export const askSave = (full: boolean) => (c: KeyContext) => {
	const ui = logsUi(c);
	const target = ui?.target;
	if (!target) return;
	const name = target.kind === 'container' ? target.name : target.project;
	c.store.dispatch({type: 'logs/inputStart', input: {kind: 'save', text: defaultSavePath(name), full}});
};

/** Enter on the status-line input: keep the search, or write the file. */
export function acceptInput(c: KeyContext): void {
	const input = logsUi(c)?.input;
	if (!input) return;
	c.store.dispatch({type: 'logs/inputEnd', keep: true});
	if (input.kind === 'save') {
		say(c, `saving to ${input.text}…`, 'info');
		void c.logs?.save(input.text, input.full);
	}
}

export function cancelInput(c: KeyContext): void {
	c.store.dispatch({type: 'logs/inputEnd', keep: false});
}

export function eraseInput(c: KeyContext): void {
	const input = logsUi(c)?.input;
	if (input) c.store.dispatch({type: 'logs/inputSet', text: input.text.slice(0, -1)});
}
