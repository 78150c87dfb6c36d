import {Text} from 'ink';
import type {Binding, Scope} from '../../keymap/bindings.js';
import {keyLabel} from '../../keymap/keys.js';
import {findBinding} from '../../keymap/match.js';
import {fit} from '../text-width.js';

/** The footer: the short-labelled bindings of the active scope, then the global ones its keys still reach. */
export function HelpBar({table, scope, width}: {table: readonly Binding[]; scope: Scope; width: number}) {
	// A dialog or the filter keeps q and ? for itself: the bar must not offer them there.
	const reaches = (binding: Binding) => scope === 'global' || findBinding(binding.keys[0] ?? '', scope) === binding;
	const shown = table.filter(
		(binding) => binding.bar !== undefined && (binding.scope === scope || (binding.scope === 'global' && reaches(binding))),
	);
	const text = shown.map((binding) => `${keyLabel(binding.keys[0] ?? '')} ${binding.bar}`).join('  ');
	return (
		<Text dimColor wrap="truncate">
			{fit(text, width)}
		</Text>
	);
}
