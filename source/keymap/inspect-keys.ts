/**
 * What the keys of the container detail view (I) do: move the cursor over the
 * shown tab's lines, fold the JSON, search (/ n N). The lines are the ones the
 * pane draws (inspect-view.ts), so counts and cursor agree with the screen.
 */
import {inspectHeaderLines, inspectView, firstMatch, foldAll, nextMatch, toggleFold} from '../store/inspect-view.js';
import type {InspectState} from '../store/inspect-slice.js';
import type {KeyContext} from './bindings.js';

const say = (c: KeyContext, text: string) => c.store.dispatch({type: 'ui/notice', notice: {level: 'info', text}});

/** Lines of text the pane shows: the body (pageSize + 1 rows) less its two header lines. */
const page = (c: KeyContext) => Math.max(1, c.pageSize + 1 - inspectHeaderLines);

const withInspect = (run: (c: KeyContext, inspect: InspectState) => void) => (c: KeyContext) => {
	const {inspect} = c.store.getState().resources;
	if (inspect) run(c, inspect);
};

export const moveInspect = (by: (c: KeyContext) => number) =>
	withInspect((c, inspect) => {
		const count = inspectView(inspect)?.lines.length ?? 0;
		c.store.dispatch({type: 'resources/inspectMove', by: by(c), count, page: page(c)});
	});

export const toggleInspectFold = withInspect((c, inspect) => {
	const jump = toggleFold(inspect);
	if (jump) c.store.dispatch({type: 'resources/inspectJump', ...jump, page: page(c)});
	else if (inspect.tab !== 'inspect') say(c, 'Enter folds the JSON in the Inspect tab');
});

export const foldEverything = (open: boolean) =>
	withInspect((c, inspect) => {
		const jump = foldAll(inspect, open);
		if (jump) c.store.dispatch({type: 'resources/inspectJump', ...jump, page: page(c)});
	});

export const startSearch = withInspect((c) => c.store.dispatch({type: 'resources/inspectSearch', search: {text: '', editing: true}}));

export const jumpMatch = (direction: 1 | -1) =>
	withInspect((c, inspect) => {
		if (!inspect.search || inspect.search.text === '') {
			say(c, '/ searches first');
			return;
		}

		const jump = nextMatch(inspect, direction);
		if (jump) c.store.dispatch({type: 'resources/inspectJump', ...jump, page: page(c)});
		else say(c, `No line matches "${inspect.search.text}"`);
	});

/** Enter: keeps the search and goes to its first match from the cursor on. */
export const acceptSearch = withInspect((c, inspect) => {
	const text = inspect.search?.text ?? '';
	if (text === '') {
		c.store.dispatch({type: 'resources/inspectSearch'});
		return;
	}

	c.store.dispatch({type: 'resources/inspectSearch', search: {text, editing: false}});
	const jump = firstMatch(c.store.getState().resources.inspect!);
	if (jump) c.store.dispatch({type: 'resources/inspectJump', ...jump, page: page(c)});
});

export const cancelSearch = (c: KeyContext) => c.store.dispatch({type: 'resources/inspectSearch'});

export const eraseSearch = withInspect((c, inspect) => {
	if (inspect.search) c.store.dispatch({type: 'resources/inspectSearch', search: {...inspect.search, text: inspect.search.text.slice(0, -1)}});
});

/** Esc: clears a kept search first, then closes the view. */
export const closeInspect = withInspect((c, inspect) => {
	c.store.dispatch(inspect.search ? {type: 'resources/inspectSearch'} : {type: 'resources/inspectClose'});
});
