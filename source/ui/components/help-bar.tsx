import {Text} from 'ink';
import type {Binding, Scope} from '../../keymap/bindings.js';
import {keyLabel} from '../../keymap/keys.js';
import {fit} from '../format.js';

/** The footer: the short-labelled bindings of the active scope, then global ones. */
export function HelpBar({table, scope, width}: {table: readonly Binding[]; scope: Scope; width: number}) {
	const shown = table.filter((binding) => binding.bar !== undefined && (binding.scope === scope || binding.scope === 'global'));
	const text = shown.map((binding) => `${keyLabel(binding.keys[0] ?? '')} ${binding.bar}`).join('  ');
	return (
		<Text dimColor wrap="truncate">
			{fit(text, width)}
		</Text>
	);
}
