import type {Store} from '../store/create-store.js';
import type {ContainerView} from '../store/selectors.js';

/** Where a binding applies. Only one scope besides `global` is active at a time. */
export type Scope = 'global' | 'containers' | 'filter' | 'help';

/** What a binding may touch when it runs. */
export type KeyContext = {
	store: Store;
	view: ContainerView;
	/** Rows of containers that fit on screen: the PgUp/PgDn step. */
	pageSize: number;
	quit(): void;
};

export type Binding = {
	/** Stable dotted id, e.g. "cursor.down". */
	id: string;
	/** Key names as keyName() writes them; the first is the one shown in short help. */
	keys: string[];
	scope: Scope;
	description: string;
	/** Short label for the help bar; bindings without one appear only on the help screen. */
	bar?: string;
	/** Changes the engine's state: refused and hidden in --read-only. */
	mutating?: boolean;
	run(context: KeyContext): void;
};

const move = (by: number) => (context: KeyContext) =>
	context.store.dispatch({type: 'ui/move', by, visibleIds: context.view.ids});
const moveTo = (index: number) => (context: KeyContext) =>
	context.store.dispatch({type: 'ui/moveTo', index, visibleIds: context.view.ids});

/** Every key berth answers to. Help bar, help screen, --keys and the readme all read this table. */
export const bindings: readonly Binding[] = [
	{id: 'app.quit', keys: ['q', 'ctrl+c'], scope: 'global', description: 'Quit berth', bar: 'quit', run: (c) => c.quit()},
	{
		id: 'app.help',
		keys: ['?'],
		scope: 'global',
		description: 'Show or hide the help screen',
		bar: 'help',
		run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: c.store.getState().ui.overlay === 'help' ? 'none' : 'help'}),
	},
	{id: 'cursor.up', keys: ['up', 'k'], scope: 'containers', description: 'Move the selection up', run: move(-1)},
	{id: 'cursor.down', keys: ['down', 'j'], scope: 'containers', description: 'Move the selection down', run: move(1)},
	{id: 'cursor.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'containers', description: 'Move up one page', run: (c) => move(-c.pageSize)(c)},
	{id: 'cursor.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'containers', description: 'Move down one page', run: (c) => move(c.pageSize)(c)},
	{id: 'cursor.top', keys: ['g', 'home'], scope: 'containers', description: 'Go to the first container', run: moveTo(0)},
	{id: 'cursor.bottom', keys: ['G', 'end'], scope: 'containers', description: 'Go to the last container', run: moveTo(-1)},
	{
		id: 'containers.filter',
		keys: ['/'],
		scope: 'containers',
		description: 'Filter by name, image or label (Enter keeps, Esc clears)',
		bar: 'filter',
		run: (c) => c.store.dispatch({type: 'ui/filterStart'}),
	},
	{
		id: 'containers.toggleAll',
		keys: ['a'],
		scope: 'containers',
		description: 'Show all containers or only running ones (like docker ps -a)',
		bar: 'all/running',
		run: (c) => c.store.dispatch({type: 'ui/toggleAll'}),
	},
	{
		id: 'containers.toggleGroups',
		keys: ['c'],
		scope: 'containers',
		description: 'Group by compose project',
		bar: 'group',
		run: (c) => c.store.dispatch({type: 'ui/toggleGrouped'}),
	},
	{
		id: 'containers.cycleSort',
		keys: ['o'],
		scope: 'containers',
		description: 'Sort by the next column: name, state, created, image',
		bar: 'sort',
		run: (c) => c.store.dispatch({type: 'ui/cycleSort'}),
	},
	{
		id: 'filter.accept',
		keys: ['enter'],
		scope: 'filter',
		description: 'Keep the filter and go back to the list',
		run: (c) => c.store.dispatch({type: 'ui/filterEnd', keep: true}),
	},
	{
		id: 'filter.cancel',
		keys: ['escape'],
		scope: 'filter',
		description: 'Clear the filter and go back to the list',
		run: (c) => c.store.dispatch({type: 'ui/filterEnd', keep: false}),
	},
	{
		id: 'filter.erase',
		keys: ['backspace'],
		scope: 'filter',
		description: 'Delete the last character of the filter',
		run: (c) => c.store.dispatch({type: 'ui/filterSet', text: c.store.getState().ui.filter.slice(0, -1)}),
	},
	{
		id: 'help.close',
		keys: ['escape', 'q'],
		scope: 'help',
		description: 'Close the help screen',
		run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: 'none'}),
	},
];
