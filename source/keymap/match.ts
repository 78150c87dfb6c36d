import type {State} from '../store/state.js';
import {bindings, type Binding, type KeyContext, type Scope} from './bindings.js';
import {keyLabel} from './keys.js';
import {isResourceView} from '../store/resources-slice.js';

/** The scope that owns the keyboard right now. */
export function activeScope(state: State): Exclude<Scope, 'global'> {
	if (state.actions.dialog) return state.actions.dialog.kind === 'signal' ? 'signal' : 'confirm';
	if (state.resources.dialog) return 'resourceConfirm';
	if (state.shell.prompt) return 'command';
	if (state.ui.overlay === 'help') return 'help';
	if (state.ui.view === 'events') return state.events.pane.editing ? 'eventsFilter' : 'events';
	if (isResourceView(state.ui.view)) return state.resources.editing === state.ui.view ? 'resourcesInput' : 'resources';
	if (state.resources.inspect) return state.resources.inspect.search?.editing ? 'inspectInput' : 'inspect';
	if (state.ui.overlay === 'details') return 'details';
	if (state.ui.logs?.open) return state.ui.logs.input ? 'logsInput' : 'logs';
	if (state.ui.editingFilter) return 'filter';
	return 'containers';
}

/** The binding for a key in a scope: the scope's own first, then global ones. */
export function findBinding(key: string, scope: Exclude<Scope, 'global'>, table: readonly Binding[] = bindings): Binding | undefined {
	const own = table.find((binding) => binding.scope === scope && binding.keys.includes(key));
	if (own) return own;
	// While typing a filter, printable keys are text, not commands; a dialog answers only its own keys.
	if ((scope === 'filter' || scope === 'eventsFilter' || scope === 'command' || scope === 'confirm' || scope === 'resourceConfirm' || scope === 'signal' || scope === 'logsInput' || scope === 'inspectInput' || scope === 'resourcesInput') && key !== 'ctrl+c') return undefined;
	return table.find((binding) => binding.scope === 'global' && binding.keys.includes(key));
}

/** `berth --keys`: one binding a line, `<keys>\t<id>\t<description>`. */
export function formatKeymap(table: readonly Binding[] = bindings): string {
	return table.map((binding) => `${binding.keys.join('/')}\t${binding.id}\t${binding.description}`).join('\n');
}

/** Runs what a key means in the active scope; in the filter, other printable keys are typed. */
export function pressKey(context: KeyContext, name: string, input: string, table: readonly Binding[] = bindings): void {
	const state = context.store.getState();
	const scope = activeScope(state);
	const binding = findBinding(name, scope, table);
	// A shell is opening: keys typed now were meant for it, not for the dashboard (Ctrl-C still quits).
	if ((state.shell.request || state.shell.active) && name !== 'ctrl+c') return;
	if (binding?.mutating && state.actions.settings.readOnly) {
		const what = binding.bar ?? binding.id.slice(binding.id.lastIndexOf('.') + 1);
		context.store.dispatch({type: 'ui/notice', notice: {level: 'warn', text: `read-only: ${what} is disabled`}});
		return;
	}

	if (binding) {
		binding.run(context);
		return;
	}

	const typed = name === 'space' ? ' ' : name === input ? input : '';
	if (scope === 'filter' && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'ui/filterSet', text: state.ui.filter + typed});
	}

	if (scope === 'eventsFilter' && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'ui/events/filters', filters: {text: state.events.pane.filters.text + typed}});
	}

	if (scope === 'logsInput' && state.ui.logs?.input && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'logs/inputSet', text: state.ui.logs.input.text + typed});
	}

	if (scope === 'command' && state.shell.prompt && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'shell/promptSet', text: state.shell.prompt.text + typed});
	}

	const {inspect, editing, query} = state.resources;
	if (scope === 'inspectInput' && inspect?.search && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'resources/inspectSearch', search: {...inspect.search, text: inspect.search.text + typed}});
	}

	if (scope === 'resourcesInput' && editing && typed !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(typed)) {
		context.store.dispatch({type: 'resources/querySet', text: (query[editing] ?? '') + typed});
	}
}

/** The keymap as a markdown table for the readme, from the same table as --keys. */
export function keymapMarkdown(table: readonly Binding[] = bindings): string {
	const rows = table.map((binding) => {
		const keys = binding.keys.map((key) => `\`${keyLabel(key)}\``).join(', ');
		return `| ${keys} | ${binding.scope} | \`${binding.id}\` | ${binding.description} |`;
	});
	return ['| keys | where | action | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
