/** e, E and A through the keymap and the shell slice: what is asked for, and what is refused and why. */
import {describe, expect, it} from 'vitest';
import type {ContainerState} from '../../source/engine/engine.js';
import {activeScope, pressKey} from '../../source/keymap/match.js';
import {initialActions} from '../../source/store/actions-slice.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {shellReducer, initialShell} from '../../source/store/shell-slice.js';
import {initialState} from '../../source/store/state.js';
import {containerFixture} from '../support/fake-engine.js';

function storeWith(state: ContainerState, options: {readOnly?: boolean} = {}): Store {
	const store = createStore({...initialState(), actions: initialActions({readOnly: options.readOnly === true})});
	store.dispatch({type: 'containers/listed', containers: [containerFixture({name: 'web-1', state})]});
	return store;
}

function press(store: Store, ...keys: string[]) {
	for (const key of keys) {
		const state = store.getState();
		const view = selectContainerView(state.containers, state.ui, undefined);
		const name = key === '\r' ? 'enter' : key === '\u001b' ? 'escape' : key === '\u007f' ? 'backspace' : key === ' ' ? 'space' : key;
		pressKey({store, view, pageSize: 10, quit: () => undefined}, name, key);
	}
}

const notice = (store: Store) => store.getState().ui.notice?.text;

describe('e, E, A on the selected container', () => {
	it('e and A ask the runner for a session in the selected running container', () => {
		const store = storeWith('running');
		press(store, 'e');
		expect(store.getState().shell.request).toMatchObject({seq: 1, kind: 'shell', name: 'web-1'});
		store.dispatch({type: 'shell/started', seq: 1});
		store.dispatch({type: 'shell/ended', seq: 1});
		press(store, 'A');
		expect(store.getState().shell.request).toMatchObject({seq: 2, kind: 'attach', name: 'web-1'});
	});

	it('say why not for a paused or stopped container, and ask for nothing', () => {
		const paused = storeWith('paused');
		press(paused, 'e');
		expect(notice(paused)).toBe('web-1 is paused: unpause it (p) to open a shell');
		press(paused, 'A');
		expect(notice(paused)).toBe('web-1 is paused: unpause it (p) to attach');
		const exited = storeWith('exited');
		press(exited, 'E');
		expect(notice(exited)).toBe('web-1 is not running (exited): start it (S) to run a command');
		expect(paused.getState().shell).toEqual(initialShell);
		expect(exited.getState().shell).toEqual(initialShell);
	});

	it('are refused in read-only mode', () => {
		const store = storeWith('running', {readOnly: true});
		press(store, 'e');
		expect(notice(store)).toBe('read-only: shell is disabled');
		press(store, 'E');
		expect(notice(store)).toBe('read-only: exec is disabled');
		press(store, 'A');
		expect(notice(store)).toBe('read-only: attach is disabled');
		expect(store.getState().shell).toEqual(initialShell);
	});

	it('hold the dashboard while a session opens: keys typed then are for the shell, not stop or filter', () => {
		const store = storeWith('running');
		press(store, 'e', 's', '/', 'e');
		expect(store.getState().actions.dialog).toBeUndefined();
		expect(store.getState().ui.editingFilter).toBe(false);
		expect(store.getState().shell.nextSeq).toBe(2);
		store.dispatch({type: 'shell/started', seq: 1});
		press(store, 's');
		expect(store.getState().actions.dialog).toBeUndefined();
		store.dispatch({type: 'shell/ended', seq: 1});
		press(store, 's');
		expect(store.getState().actions.dialog).toMatchObject({kind: 'confirm', action: 'stop'});
	});
});

describe("E's prompt", () => {
	it('takes the typed line (q and ? are text there), Backspace erases, Enter asks for it as argv', () => {
		const store = storeWith('running');
		press(store, 'E');
		expect(activeScope(store.getState())).toBe('command');
		press(store, ...`sh -c 'echo q?'x`, '\u007f', '\r');
		const {shell} = store.getState();
		expect(shell.prompt).toBeUndefined();
		expect(shell.request).toMatchObject({kind: 'command', name: 'web-1', argv: ['sh', '-c', 'echo q?']});
	});

	it('keeps the line and says what is wrong when it cannot be split; typing clears that', () => {
		const store = storeWith('running');
		press(store, 'E', ...`echo 'oops`, '\r');
		expect(store.getState().shell.prompt).toMatchObject({text: "echo 'oops", error: 'unterminated single quote'});
		expect(store.getState().shell.request).toBeUndefined();
		press(store, "'");
		expect(store.getState().shell.prompt).toEqual({id: expect.any(String), name: 'web-1', text: "echo 'oops'"});
	});

	it('Esc closes it without running anything', () => {
		const store = storeWith('running');
		press(store, 'E', 'l', 's', '\u001b');
		expect(store.getState().shell).toEqual(initialShell);
		expect(activeScope(store.getState())).toBe('containers');
	});
});

describe('shellReducer', () => {
	it('ignores requests in read-only mode, whoever dispatches them', () => {
		const request = {type: 'shell/request', request: {kind: 'shell', id: 'a', name: 'a'}} as const;
		expect(shellReducer(initialShell, request, true)).toBe(initialShell);
		expect(shellReducer(initialShell, {type: 'shell/promptOpen', id: 'a', name: 'a'}, true)).toBe(initialShell);
		expect(shellReducer(initialShell, request, false).request).toMatchObject({seq: 1});
	});

	it('moves a request to active when started, and clears it when ended (only for its seq)', () => {
		let state = shellReducer(initialShell, {type: 'shell/request', request: {kind: 'attach', id: 'a', name: 'a'}}, false);
		expect(shellReducer(state, {type: 'shell/started', seq: 9}, false)).toBe(state);
		state = shellReducer(state, {type: 'shell/started', seq: 1}, false);
		expect(state.request).toBeUndefined();
		expect(state.active).toMatchObject({seq: 1});
		expect(shellReducer(state, {type: 'shell/ended', seq: 2}, false)).toBe(state);
		expect(shellReducer(state, {type: 'shell/ended', seq: 1}, false)).toEqual({nextSeq: 2});
	});
});
