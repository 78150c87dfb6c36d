import {Text} from 'ink';
import type {LogsInput} from '../../store/logs-ui.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';

/** The status line while a logs search or a file name is typed. */
export function LogsPrompt({input, width}: {input: LogsInput; width: number}) {
	if (input.kind === 'search') {
		return (
			<Text wrap="truncate">
				<Text color="cyan">/</Text>
				{fit(`${sanitizeText(input.text)}▏  (Enter keeps the search, Esc cancels; n/N go to the matches)`, width - 1)}
			</Text>
		);
	}

	const what = input.full ? 'Save the whole log from the engine to' : 'Save the lines kept here to';
	return (
		<Text wrap="truncate">
			<Text color="cyan">{what}: </Text>
			{fit(`${sanitizeText(input.text)}▏  (Enter writes, Esc cancels)`, Math.max(0, width - what.length - 2))}
		</Text>
	);
}
