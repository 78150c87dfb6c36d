import {Box, Text} from 'ink';
import type {Binding} from '../../keymap/bindings.js';
import {helpLines} from '../../keymap/help-lines.js';
import {keyLabel} from '../../keymap/keys.js';
import {fit} from '../text-width.js';

/**
 * Every binding, by scope, from the one keymap table. When they do not fit in
 * `height`, it shows the lines from `offset` on and says how to scroll.
 */
export function HelpScreen({table, width, height, offset = 0}: {table: readonly Binding[]; width: number; height: number; offset?: number}) {
	const lines = helpLines(table).map((line) => {
		if (line.kind === 'blank') return {text: '', title: false};
		if (line.kind === 'title') return {text: line.text, title: true};
		return {text: `  ${fit(line.binding.keys.map(keyLabel).join(', '), 18)} ${line.binding.description}`, title: false};
	});
	const rows = Math.max(0, height - 1);
	const start = Math.max(0, Math.min(offset, lines.length - rows));
	const shown = lines.slice(start, start + rows);
	const where = lines.length > rows ? ` · j/k, PgUp/PgDn scroll · ${start + 1}-${start + shown.length} of ${lines.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate">
				{fit(`Keys (Esc, q or ? to close)${where}`, width)}
			</Text>
			{shown.map((line, index) => (
				<Text key={index} bold={line.title} color={line.title ? 'cyan' : undefined} wrap="truncate">
					{fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
}
