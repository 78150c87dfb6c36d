/**
 * What the logs view is doing, in the main store (ui.logs): which logs are
 * open, how they are shown, where the view is scrolled. Only keys change it;
 * the lines themselves live in a LogBuffer outside the store.
 */

/** One container's logs, or every container of a compose project interleaved. */
export type LogsTarget = {kind: 'container'; id: string; name: string} | {kind: 'project'; project: string};

/** A line of text being typed in the status line: a search, or the path to save to. */
export type LogsInput = {kind: 'search'; text: string} | {kind: 'save'; text: string; full: boolean};

export type LogsUi = {
	open: boolean;
	target?: LogsTarget;
	/** Bumped on every open: a new value means a new stream, even for the same target. */
	session: number;
	/** The logs take the whole body of the screen instead of the bottom of a split. */
	full: boolean;
	/** Stick to the newest line. */
	follow: boolean;
	/** While not following: the sequence number of the line drawn at the bottom. */
	bottom: number;
	timestamps: boolean;
	wrap: boolean;
	/** Keep the containers' own SGR colours (else stripped). */
	colors: boolean;
	/** Columns scrolled to the right when not wrapping. */
	hscroll: number;
	/** The search: matches are highlighted; with `filter`, only matching lines are shown. */
	query: string;
	filter: boolean;
	/** The match n/N moved to (a line's sequence number). */
	match?: number;
	input?: LogsInput;
};

export type LogsAction =
	| {type: 'logs/open'; target: LogsTarget; full?: boolean}
	| {type: 'logs/close'}
	| {type: 'logs/toggle'; key: 'full' | 'timestamps' | 'wrap' | 'colors' | 'filter'}
	/** follow: true sticks to the end; false stops at `bottom`. */
	| {type: 'logs/scroll'; follow: boolean; bottom?: number}
	| {type: 'logs/hscroll'; columns: number}
	| {type: 'logs/match'; match: number; bottom: number}
	| {type: 'logs/inputStart'; input: LogsInput}
	| {type: 'logs/inputSet'; text: string}
	/** Enter: a search becomes the query (empty clears it); a save prompt just closes (the feed writes). */
	| {type: 'logs/inputEnd'; keep: boolean};

/** The logs view's settings before anything is opened (--no-log-colors sets colors). */
export function initialLogsUi(options: {colors?: boolean} = {}): LogsUi {
	return {open: false, session: 0, full: false, follow: true, bottom: 0, timestamps: false, wrap: false, colors: options.colors ?? true, hscroll: 0, query: '', filter: false};
}

export function isLogsAction(action: {type: string}): action is LogsAction {
	return action.type.startsWith('logs/');
}

/** The logs slice's reducer: pure. Settings (timestamps, wrap, colours) outlive a close. */
export function logsReducer(logs: LogsUi | undefined, action: LogsAction): LogsUi {
	const current = logs ?? initialLogsUi();
	switch (action.type) {
		case 'logs/open': {
			const {match: _, input: __, ...rest} = current;
			return {...rest, open: true, target: action.target, session: current.session + 1, full: action.full === true, follow: true, bottom: 0, hscroll: 0, query: '', filter: false};
		}

		case 'logs/close': {
			const {match: _, input: __, ...rest} = current;
			return {...rest, open: false, full: false};
		}

		case 'logs/toggle':
			return {...current, [action.key]: !current[action.key], ...(action.key === 'wrap' ? {hscroll: 0} : {})};

		case 'logs/scroll':
			if (current.follow === action.follow && (action.bottom === undefined || action.bottom === current.bottom)) return current;
			return {...current, follow: action.follow, bottom: action.bottom ?? current.bottom};

		case 'logs/hscroll': {
			const hscroll = Math.max(0, action.columns);
			return hscroll === current.hscroll ? current : {...current, hscroll};
		}

		case 'logs/match':
			return {...current, match: action.match, follow: false, bottom: action.bottom};

		case 'logs/inputStart':
			return {...current, input: action.input};

		case 'logs/inputSet':
			return current.input ? {...current, input: {...current.input, text: action.text}} : current;

		case 'logs/inputEnd': {
			const {input, match: _, ...rest} = current;
			if (!input) return current;
			if (input.kind === 'search' && action.keep) return {...rest, query: input.text, filter: input.text === '' ? false : current.filter};
			return current.match === undefined ? rest : {...rest, match: current.match};
		}
	}
}
