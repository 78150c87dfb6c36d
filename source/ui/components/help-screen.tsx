import {Box, Text} from 'ink';
import type {Binding, Scope} from '../../keymap/bindings.js';
import {keyLabel} from '../../keymap/keys.js';
import {fit} from '../format.js';

const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	containers: 'Containers',
	filter: 'While typing a filter',
	help: 'This screen',
};

/** Every binding, by scope, from the one keymap table; cut to the height it is given. */
export function HelpScreen({table, width, height}: {table: readonly Binding[]; width: number; height: number}) {
	const lines: Array<{text: string; title: boolean}> = [];
	for (const scope of Object.keys(scopeTitles) as Scope[]) {
		const own = table.filter((binding) => binding.scope === scope);
		if (own.length === 0) continue;
		if (lines.length > 0) lines.push({text: '', title: false});
		lines.push({text: scopeTitles[scope], title: true});
		for (const binding of own) {
			const keys = binding.keys.map(keyLabel).join(', ');
			lines.push({text: `  ${fit(keys, 18)} ${binding.description}`, title: false});
		}
	}

	const shown = lines.slice(0, Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{fit('Keys (Esc, q or ? to close)', width)}
			</Text>
			{shown.map((line, index) => (
				<Text key={index} bold={line.title} color={line.title ? 'cyan' : undefined} wrap="truncate">
					{fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
}
