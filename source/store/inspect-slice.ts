/**
 * The container detail view (I): which container and tab, the cursor, what is
 * folded in the JSON and the search, and each tab's lines as loaded by
 * inspect-feed.ts. Pure.
 */

/**
 * The tabs, in the order Tab walks them: docker inspect's JSON, docker top, docker
 * port, docker diff, environment and mounts, restart policy and state, resource limits.
 */
export type InspectTab = 'inspect' | 'top' | 'ports' | 'diff' | 'env' | 'restart' | 'limits';

export const inspectTabs: readonly InspectTab[] = ['inspect', 'top', 'ports', 'diff', 'env', 'restart', 'limits'];

/** Tabs filled from the one GET /containers/{id}/json: loading one loads them all. */
export const fromInspect: ReadonlySet<InspectTab> = new Set(['inspect', 'ports', 'env', 'restart', 'limits']);

export type InspectSearch = {text: string; /** Being typed (the inspectInput scope has the keys). */ editing: boolean};

export type InspectState = {
	id: string;
	name: string;
	tab: InspectTab;
	/** The selected line among those shown (inspect-view.ts), and the first line drawn. */
	cursor: number;
	offset: number;
	/** Each tab's lines as the engine gave them (unsanitized); absent until loaded. */
	lines: Partial<Record<InspectTab, string[]>>;
	/** JSON paths opened in the inspect tab; everything below the top level starts folded. */
	unfolded: string[];
	search?: InspectSearch;
	error?: string;
	/** When a tab was last loaded (ms): top is refreshed. */
	loadedAt?: number;
	/** The container's state and start when the inspect was read: when they change, it is read again. */
	loadedFor?: string;
};

export type InspectAction =
	| {type: 'resources/inspectOpen'; id: string; name: string}
	| {type: 'resources/inspectClose'}
	| {type: 'resources/inspectTab'; by: number}
	/** Moves the cursor; `count` lines are shown, `page` fit on screen. */
	| {type: 'resources/inspectMove'; by: number; count: number; page: number}
	/** Puts the cursor on a line, with the folds that show it (fold keys, n/N). */
	| {type: 'resources/inspectJump'; cursor: number; unfolded?: string[]; page: number}
	| {type: 'resources/inspectSearch'; search?: InspectSearch}
	| {type: 'resources/inspectLoaded'; id: string; lines?: Partial<Record<InspectTab, string[]>>; error?: string; at: number; loadedFor?: string};

export function isInspectAction(action: {type: string}): action is InspectAction {
	return action.type.startsWith('resources/inspect');
}

export function inspectReducer(state: InspectState | undefined, action: InspectAction): InspectState | undefined {
	if (action.type === 'resources/inspectOpen') return {id: action.id, name: action.name, tab: 'inspect', cursor: 0, offset: 0, lines: {}, unfolded: []};
	if (!state || action.type === 'resources/inspectClose') return undefined;
	switch (action.type) {
		case 'resources/inspectTab': {
			const tab = inspectTabs[(inspectTabs.indexOf(state.tab) + action.by + inspectTabs.length * Math.abs(action.by)) % inspectTabs.length] ?? 'inspect';
			const {error: _, ...rest} = state;
			return {...rest, tab, cursor: 0, offset: 0};
		}

		case 'resources/inspectMove': {
			const cursor = Math.max(0, Math.min(action.count - 1, state.cursor + action.by));
			return cursor === state.cursor ? state : {...state, cursor, offset: follow(state.offset, cursor, action.page)};
		}

		case 'resources/inspectJump':
			return {...state, cursor: action.cursor, offset: follow(state.offset, action.cursor, action.page), ...(action.unfolded ? {unfolded: action.unfolded} : {})};

		case 'resources/inspectSearch': {
			if (action.search) return {...state, search: action.search};
			const {search: _, ...rest} = state;
			return rest;
		}

		case 'resources/inspectLoaded': {
			if (state.id !== action.id) return state;
			const {error: _, ...rest} = state;
			return {
				...rest,
				lines: {...state.lines, ...action.lines},
				loadedAt: action.at,
				...(action.loadedFor === undefined ? {} : {loadedFor: action.loadedFor}),
				...(action.error ? {error: action.error} : {}),
			};
		}
	}
}

/** The first line to draw so that the cursor shows, moving the window only when it must. */
export function follow(offset: number, cursor: number, page: number): number {
	if (cursor < offset) return cursor;
	if (cursor >= offset + page) return cursor - Math.max(1, page) + 1;
	return offset;
}
