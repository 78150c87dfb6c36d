/**
 * What e, E and A do: check the selected container can take a terminal session and
 * ask the runner (ui/use-shell.ts) for one; E first opens a prompt for the command
 * line. Each only dispatches, so no key waits on the engine. Marks do not apply: a
 * session is with one container.
 */
import type {SessionKind} from '../store/shell-slice.js';
import {splitCommandLine} from '../terminal/split-command.js';
import {selectedId} from './action-keys.js';
import type {KeyContext} from './bindings.js';

const purpose: Record<SessionKind, string> = {shell: 'open a shell', command: 'run a command', attach: 'attach'};

/** The selected container when a session can be opened in it; otherwise says why in the status line. */
function sessionTarget(c: KeyContext, kind: SessionKind): {id: string; name: string} | undefined {
	const state = c.store.getState();
	const warn = (text: string) => c.store.dispatch({type: 'ui/notice', notice: {level: 'warn', text}});
	const id = selectedId(state, c.view);
	const container = id === undefined ? undefined : state.containers.get(id);
	if (!container) {
		warn('No container selected');
		return undefined;
	}

	const {name} = container;
	if (container.state === 'paused') warn(`${name} is paused: unpause it (p) to ${purpose[kind]}`);
	else if (container.state !== 'running') warn(`${name} is not running (${container.state}): start it (S) to ${purpose[kind]}`);
	else if (state.shell.request || state.shell.active) warn('A session is already opening');
	else return {id: container.id, name};
	return undefined;
}

export function openShell(c: KeyContext): void {
	const target = sessionTarget(c, 'shell');
	if (target) c.store.dispatch({type: 'shell/request', request: {kind: 'shell', ...target}});
}

export function attachMain(c: KeyContext): void {
	const target = sessionTarget(c, 'attach');
	if (target) c.store.dispatch({type: 'shell/request', request: {kind: 'attach', ...target}});
}

export function openPrompt(c: KeyContext): void {
	const target = sessionTarget(c, 'command');
	if (target) c.store.dispatch({type: 'shell/promptOpen', ...target});
}

/** Enter at the prompt: run the words typed, or say what is wrong with the line and keep it. */
export function runPrompt(c: KeyContext): void {
	const {prompt} = c.store.getState().shell;
	if (!prompt) return;
	const split = splitCommandLine(prompt.text);
	if (!split.ok) {
		c.store.dispatch({type: 'shell/promptError', error: split.error});
		return;
	}

	c.store.dispatch({type: 'shell/request', request: {kind: 'command', id: prompt.id, name: prompt.name, argv: split.argv}});
}

export function closePrompt(c: KeyContext): void {
	c.store.dispatch({type: 'shell/promptClose'});
}

export function erasePrompt(c: KeyContext): void {
	const {prompt} = c.store.getState().shell;
	if (prompt) c.store.dispatch({type: 'shell/promptSet', text: [...prompt.text].slice(0, -1).join('')});
}
