import {describe, expect, test} from 'vitest';
import {bindings, type Binding, type Scope} from '../../source/keymap/bindings.js';
import {activeScope, findBinding, formatKeymap, pressKey} from '../../source/keymap/match.js';
import type {ActionDialog} from '../../source/store/actions-slice.js';
import {createStore} from '../../source/store/create-store.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState, type UiState} from '../../source/store/state.js';
import {initialLogsUi} from '../../source/store/logs-ui.js';

// Names keyName() can produce besides single printable characters.
const namedKeys = new Set([
	'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'shift+tab', 'backspace', 'space',
]);

// Scope bindings that deliberately take a global key over: q closes the help
// screen (its title says so) instead of quitting; in the modal container detail
// view, Tab and Shift-Tab walk its tabs rather than the views. Anything else is a clash.
const intendedShadows = new Map([
	['inspect.nextTab', ['tab']],
	['inspect.previousTab', ['shift+tab']],
	['help.close', ['q']],
]);

describe('the bindings table', () => {
	test('every binding has a unique dotted id', () => {
		const ids = bindings.map((binding) => binding.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
	});

	test('every binding has a description and at least one key', () => {
		for (const binding of bindings) {
			expect(binding.description.trim(), binding.id).not.toBe('');
			expect(binding.keys.length, binding.id).toBeGreaterThan(0);
		}
	});

	test('every key is one keyName() can produce', () => {
		for (const binding of bindings) {
			for (const key of binding.keys) {
				const ok = namedKeys.has(key) || /^ctrl\+[a-z]$/.test(key) || (key.length === 1 && key >= '!' && key <= '~');
				expect(ok, `${binding.id}: ${key}`).toBe(true);
			}
		}
	});

	test('no key is bound twice in one scope', () => {
		const seen = new Map<string, string>();
		for (const binding of bindings) {
			for (const key of binding.keys) {
				const slot = `${binding.scope}:${key}`;
				expect(seen.get(slot), `${key} in ${binding.scope}: ${binding.id}`).toBeUndefined();
				seen.set(slot, binding.id);
			}
		}
	});

	test('no scope binding takes a global key, except the intended ones', () => {
		const global = new Map(bindings.filter((b) => b.scope === 'global').flatMap((b) => b.keys.map((key) => [key, b.id] as const)));
		const shadows = new Map<string, string[]>();
		for (const binding of bindings) {
			if (binding.scope === 'global') continue;
			const taken = binding.keys.filter((key) => global.has(key));
			if (taken.length > 0) shadows.set(binding.id, taken);
		}

		expect(shadows).toEqual(intendedShadows);
	});

	test('every scope but global can be reached from the state', () => {
		const scopes = new Set<Scope>(bindings.map((binding) => binding.scope));
		const reached = new Set<Scope>([
			activeScope(initialState()),
			activeScope(initialState({editingFilter: true})),
			activeScope(initialState({overlay: 'help'})),
			activeScope(initialState({overlay: 'details'})),
			activeScope({...initialState(), shell: {nextSeq: 1, prompt: {id: 'a', name: 'a', text: ''}}}),
			activeScope(initialState({view: 'events'})),
			activeScope(initialState({logs: {...initialLogsUi(), open: true}})),
			activeScope(initialState({logs: {...initialLogsUi(), open: true, input: {kind: 'search', text: ''}}})),
			activeScope(((state) => ({...state, events: {...state.events, pane: {...state.events.pane, editing: true}}}))(initialState({view: 'events'}))),
			activeScope(initialState({view: 'images'})),
			activeScope(((state) => ({...state, resources: {...state.resources, inspect: {id: 'a', name: 'a', tab: 'inspect' as const, cursor: 0, offset: 0, lines: {}, unfolded: []}}}))(initialState())),
			activeScope(((state) => ({...state, resources: {...state.resources, inspect: {id: 'a', name: 'a', tab: 'inspect' as const, cursor: 0, offset: 0, lines: {}, unfolded: [], search: {text: '', editing: true}}}}))(initialState())),
			activeScope(((state) => ({...state, resources: {...state.resources, editing: 'images' as const}}))(initialState({view: 'images'}))),
			activeScope(((state) => ({...state, resources: {...state.resources, dialog: {kind: 'prune' as const, prune: 'volumes' as const, items: [], bytes: 0}}}))(initialState({view: 'volumes'}))),
			...(['confirm', 'signal'] as const).map((kind) => {
				const state = initialState();
				const targets = [{id: 'a', name: 'a'}];
				const dialog: ActionDialog = kind === 'signal' ? {kind, targets, cursor: 0} : {kind, action: 'stop', targets, force: false, removeVolumes: false};
				return activeScope({...state, actions: {...state.actions, dialog}});
			}),
		]);
		for (const scope of scopes) if (scope !== 'global') expect(reached.has(scope), scope).toBe(true);
	});
});

describe('findBinding', () => {
	test('every key of every binding finds that binding in its own scope', () => {
		for (const binding of bindings) {
			const scopes: Array<Exclude<Scope, 'global'>> = binding.scope === 'global' ? ['containers'] : [binding.scope];
			for (const scope of scopes) {
				for (const key of binding.keys) expect(findBinding(key, scope)?.id, `${key} in ${scope}`).toBe(binding.id);
			}
		}
	});

	test('while typing a filter, printable global keys are text, but Ctrl-C still quits', () => {
		expect(findBinding('q', 'filter')).toBeUndefined();
		expect(findBinding('?', 'filter')).toBeUndefined();
		expect(findBinding('ctrl+c', 'filter')?.id).toBe('app.quit');
	});

	test('on the help screen q closes help, Ctrl-C quits', () => {
		expect(findBinding('q', 'help')?.id).toBe('help.close');
		expect(findBinding('ctrl+c', 'help')?.id).toBe('app.quit');
		// j scrolls the help screen, it does not move the list behind it.
		expect(findBinding('j', 'help')?.id).toBe('help.down');
		expect(findBinding('a', 'help')).toBeUndefined();
	});
});

describe('formatKeymap', () => {
	test('prints one `<keys>\\t<id>\\t<description>` line per binding, in table order', () => {
		const lines = formatKeymap().split('\n');
		expect(lines).toHaveLength(bindings.length);
		lines.forEach((line, index) => {
			const binding = bindings[index]!;
			const fields = line.split('\t');
			expect(fields).toHaveLength(3);
			expect(fields).toEqual([binding.keys.join('/'), binding.id, binding.description]);
		});
		expect(lines[0]).toBe('q/ctrl+c\tapp.quit\tQuit berth');
	});

	test('formats a given table', () => {
		const table: Binding[] = [{id: 'x.y', keys: ['x', 'ctrl+x'], scope: 'global', description: 'Do x', run: () => undefined}];
		expect(formatKeymap(table)).toBe('x/ctrl+x\tx.y\tDo x');
	});
});

describe('pressKey', () => {
	const setup = (ui: Partial<UiState> = {}) => {
		const store = createStore(initialState(ui));
		let quits = 0;
		const context = () => ({
			store,
			view: selectContainerView(store.getState().containers, store.getState().ui),
			pageSize: 10,
			quit: () => {
				quits += 1;
			},
		});
		return {store, context, quits: () => quits};
	};

	test('typing in the filter appends printable keys and skips control characters', () => {
		const {store, context} = setup({editingFilter: true});
		pressKey(context(), 'q', 'q');
		pressKey(context(), 'space', ' ');
		pressKey(context(), '?', '?');
		pressKey(context(), 'ctrl+a', '\u0001');
		pressKey(context(), '\u009b', '\u009b');
		expect(store.getState().ui.filter).toBe('q ?');
		pressKey(context(), 'backspace', '');
		expect(store.getState().ui.filter).toBe('q ');
	});

	test('q quits from the list but not from the filter', () => {
		const list = setup();
		pressKey(list.context(), 'q', 'q');
		expect(list.quits()).toBe(1);
		const filter = setup({editingFilter: true});
		pressKey(filter.context(), 'q', 'q');
		expect(filter.quits()).toBe(0);
		pressKey(filter.context(), 'ctrl+c', 'c');
		expect(filter.quits()).toBe(1);
	});
});
