/**
 * The container-actions slice: marks, the open dialog, requests waiting for the
 * runner and the actions in flight. It never guesses a container's state: rows
 * change when the engine's events say so; this only says what berth is doing.
 */
import type {ContainerAction} from '../engine/engine.js';

/** The signals the kill picker offers, the default first. */
export const killSignals = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/** A container an action is aimed at, named as it was when the key was pressed. */
export type Target = {id: string; name: string};

/** Actions that ask before they run. */
export type ConfirmedAction = 'stop' | 'restart' | 'remove';

export type ActionDialog =
	| {kind: 'confirm'; action: ConfirmedAction; targets: Target[]; force: boolean; removeVolumes: boolean}
	| {kind: 'signal'; targets: Target[]; cursor: number};

/** One action on some containers, confirmed and waiting for the runner. */
export type ActionRequest = {
	/** Increases with every request: the runner takes each one once. */
	seq: number;
	action: ContainerAction;
	targets: Target[];
	signal?: string;
	force?: boolean;
	removeVolumes?: boolean;
};

export type RunningAction = {action: ContainerAction; startedAt: number; seq: number};

/** From the command line; fixed for the session. */
export type ActionSettings = {
	/** --read-only: every mutating key is refused. */
	readOnly: boolean;
	/** false with --yes: stop and restart run without a dialog (remove always asks). */
	confirm: boolean;
	/** --stop-timeout: SIGTERM grace for stop and restart, in seconds. */
	stopTimeoutSeconds: number;
};

export type ActionsState = {
	settings: ActionSettings;
	/** Marked container ids; an action applies to these when there are any. */
	marked: ReadonlySet<string>;
	/** Containers with an action in flight (the newest one each). */
	running: ReadonlyMap<string, RunningAction>;
	dialog?: ActionDialog;
	queue: readonly ActionRequest[];
	nextSeq: number;
};

export type ActionsAction =
	| {type: 'actions/mark'; id: string}
	/** Marks every id given (the visible rows); if all of them already are, clears every mark. */
	| {type: 'actions/markAll'; ids: readonly string[]}
	| {type: 'actions/unmark'; ids: readonly string[]}
	| {type: 'actions/clearMarks'}
	| {type: 'actions/dialog'; dialog?: ActionDialog}
	| {type: 'actions/dialogToggle'; option: 'force' | 'removeVolumes'}
	| {type: 'actions/signalMove'; by: number}
	/** Queues an action for the runner and closes any dialog. */
	| {type: 'actions/request'; request: Omit<ActionRequest, 'seq'>}
	/** The runner took a request: its targets are now in flight. */
	| {type: 'actions/accepted'; seq: number; startedAt: number}
	| {type: 'actions/dropped'; seq: number}
	/** One container's call returned (either way). */
	| {type: 'actions/settled'; id: string; seq: number};

export const defaultActionSettings: ActionSettings = {readOnly: false, confirm: true, stopTimeoutSeconds: 10};

/** The slice berth starts with. */
export function initialActions(settings: Partial<ActionSettings> = {}): ActionsState {
	return {settings: {...defaultActionSettings, ...settings}, marked: new Set(), running: new Map(), queue: [], nextSeq: 1};
}

export function isActionsAction(action: {type: string}): action is ActionsAction {
	return action.type.startsWith('actions/');
}

/** Pure. */
export function actionsReducer(state: ActionsState, action: ActionsAction): ActionsState {
	switch (action.type) {
		case 'actions/mark': {
			const marked = new Set(state.marked);
			if (!marked.delete(action.id)) marked.add(action.id);
			return {...state, marked};
		}

		case 'actions/markAll': {
			if (action.ids.length === 0) return state;
			if (action.ids.every((id) => state.marked.has(id))) return {...state, marked: new Set()};
			return {...state, marked: new Set([...state.marked, ...action.ids])};
		}

		case 'actions/unmark': {
			if (!action.ids.some((id) => state.marked.has(id))) return state;
			const marked = new Set(state.marked);
			for (const id of action.ids) marked.delete(id);
			return {...state, marked};
		}

		case 'actions/clearMarks':
			return state.marked.size === 0 ? state : {...state, marked: new Set()};

		case 'actions/dialog': {
			if (action.dialog) return state.settings.readOnly ? state : {...state, dialog: action.dialog};
			return withoutDialog(state);
		}

		case 'actions/dialogToggle': {
			const {dialog} = state;
			if (dialog?.kind !== 'confirm' || dialog.action !== 'remove') return state;
			return {...state, dialog: {...dialog, [action.option]: !dialog[action.option]}};
		}

		case 'actions/signalMove': {
			const {dialog} = state;
			if (dialog?.kind !== 'signal') return state;
			const cursor = Math.max(0, Math.min(killSignals.length - 1, dialog.cursor + action.by));
			return cursor === dialog.cursor ? state : {...state, dialog: {...dialog, cursor}};
		}

		case 'actions/request': {
			// The keymap refuses mutating keys in read-only mode; this keeps any other path shut too.
			if (state.settings.readOnly || action.request.targets.length === 0) return withoutDialog(state);
			const request: ActionRequest = {...action.request, seq: state.nextSeq};
			return {...withoutDialog(state), queue: [...state.queue, request], nextSeq: state.nextSeq + 1};
		}

		case 'actions/accepted': {
			const request = state.queue.find((queued) => queued.seq === action.seq);
			if (!request) return state;
			const running = new Map(state.running);
			for (const target of request.targets) running.set(target.id, {action: request.action, startedAt: action.startedAt, seq: request.seq});
			return {...state, queue: state.queue.filter((queued) => queued !== request), running};
		}

		case 'actions/dropped':
			return {...state, queue: state.queue.filter((queued) => queued.seq !== action.seq)};

		case 'actions/settled': {
			// A newer action on the same container keeps its marker.
			if (state.running.get(action.id)?.seq !== action.seq) return state;
			const running = new Map(state.running);
			running.delete(action.id);
			return {...state, running};
		}
	}
}

function withoutDialog(state: ActionsState): ActionsState {
	if (!state.dialog) return state;
	const {dialog: _, ...rest} = state;
	return rest;
}
