import type {Binding, Scope} from './bindings.js';

/** Scopes reached only through a mutating key: nothing to show of them in read-only mode. */
const actionScopes: ReadonlySet<Scope> = new Set(['confirm', 'signal', 'command']);

/** The bindings the help bar and help screen show: in read-only mode, none that would change a container. */
export function shownBindings(table: readonly Binding[], readOnly: boolean): readonly Binding[] {
	return readOnly ? table.filter((binding) => !binding.mutating && !actionScopes.has(binding.scope)) : table;
}
