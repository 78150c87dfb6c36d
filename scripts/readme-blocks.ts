import {optionsMarkdown} from '../source/cli-options.js';
import {keymapMarkdown} from '../source/keymap/match.js';

/** The readme's generated blocks, by marker name. */
export function readmeBlocks(): Record<string, string> {
	return {options: optionsMarkdown(), keys: keymapMarkdown()};
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` for each block. */
export function replaceBlocks(text: string, blocks: Record<string, string>): string {
	let result = text;
	for (const [name, content] of Object.entries(blocks)) {
		const start = `<!-- ${name}:start -->`;
		const end = `<!-- ${name}:end -->`;
		const from = result.indexOf(start);
		const to = result.indexOf(end);
		if (from === -1 || to === -1 || to < from) throw new Error(`readme.md lacks the ${start} … ${end} markers`);
		result = `${result.slice(0, from + start.length)}\n${content}\n${result.slice(to)}`;
	}

	return result;
}
