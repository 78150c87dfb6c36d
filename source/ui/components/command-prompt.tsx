import {Text} from 'ink';
import type {CommandPrompt as Prompt} from '../../store/shell-slice.js';
import {sanitizeText} from '../sanitize.js';
import {columns, fit} from '../text-width.js';

/** The status line while E's command line is typed: where it will run, the text (its end when long), and why Enter refused it. */
export function CommandPrompt({prompt, width}: {prompt: Prompt; width: number}) {
	const lead = `run in ${sanitizeText(prompt.name)}: `;
	const tail = prompt.error ? `  (${prompt.error})` : '  (Enter runs, Esc cancels)';
	const text = `${sanitizeText(prompt.text)}▏`;
	const room = Math.max(1, width - columns(lead) - columns(tail));
	const shown = columns(text) <= room ? text : `…${[...text].slice(-(room - 1)).join('')}`;
	return (
		<Text wrap="truncate">
			{fit(`${lead}${shown}`, Math.min(width, columns(lead) + columns(shown)))}
			<Text color={prompt.error ? 'yellow' : undefined} dimColor={!prompt.error}>
				{tail}
			</Text>
		</Text>
	);
}
