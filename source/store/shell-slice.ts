/**
 * The shell slice: the command line being typed for `E`, and the terminal session
 * (shell, one-off command, attach) waiting for the UI's runner (ui/use-shell.ts) or
 * running. One session at a time: berth's terminal belongs to it while it runs.
 */

/** e: a shell; E: a command typed at the prompt; A: the main process's terminal. */
export type SessionKind = 'shell' | 'command' | 'attach';

export type SessionRequest = {
	/** Increases with every request: the runner takes each one once. */
	seq: number;
	kind: SessionKind;
	/** The container, named as it was when the key was pressed. */
	id: string;
	name: string;
	/** command: the words typed, split as a shell would (no expansion). */
	argv?: string[];
};

export type CommandPrompt = {
	id: string;
	name: string;
	text: string;
	/** Why Enter did not run the line (an unterminated quote...); cleared by typing. */
	error?: string;
};

export type ShellState = {
	/** E's command line, while it is being typed. */
	prompt?: CommandPrompt;
	/** Waiting for the runner. */
	request?: SessionRequest;
	/** Taken by the runner, until the dashboard is back. */
	active?: SessionRequest;
	nextSeq: number;
};

export type ShellAction =
	| {type: 'shell/promptOpen'; id: string; name: string}
	| {type: 'shell/promptSet'; text: string}
	| {type: 'shell/promptError'; error: string}
	| {type: 'shell/promptClose'}
	/** Asks for a session (and closes the prompt); ignored while one is waiting or running, and in read-only mode. */
	| {type: 'shell/request'; request: Omit<SessionRequest, 'seq'>}
	| {type: 'shell/started'; seq: number}
	| {type: 'shell/ended'; seq: number};

export const initialShell: ShellState = {nextSeq: 1};

export function isShellAction(action: {type: string}): action is ShellAction {
	return action.type.startsWith('shell/');
}

/** Pure. `readOnly` (--read-only) keeps every way in shut, whatever dispatched it. */
export function shellReducer(state: ShellState, action: ShellAction, readOnly: boolean): ShellState {
	switch (action.type) {
		case 'shell/promptOpen':
			if (readOnly || state.request || state.active) return state;
			return {...state, prompt: {id: action.id, name: action.name, text: ''}};

		case 'shell/promptSet':
			return state.prompt ? {...state, prompt: {id: state.prompt.id, name: state.prompt.name, text: action.text}} : state;

		case 'shell/promptError':
			return state.prompt ? {...state, prompt: {...state.prompt, error: action.error}} : state;

		case 'shell/promptClose':
			return state.prompt ? withoutPrompt(state) : state;

		case 'shell/request': {
			if (readOnly || state.request || state.active) return withoutPrompt(state);
			return {...withoutPrompt(state), request: {...action.request, seq: state.nextSeq}, nextSeq: state.nextSeq + 1};
		}

		case 'shell/started': {
			if (state.request?.seq !== action.seq) return state;
			const {request, ...rest} = state;
			return {...rest, active: request};
		}

		case 'shell/ended': {
			if (state.active?.seq !== action.seq) return state;
			const {active: _, ...rest} = state;
			return rest;
		}
	}
}

function withoutPrompt(state: ShellState): ShellState {
	if (!state.prompt) return state;
	const {prompt: _, ...rest} = state;
	return rest;
}
