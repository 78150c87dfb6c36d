/**
 * Splits a command line typed for `E` into argv the way a POSIX shell splits words,
 * for quoting only: 'single quotes' keep everything, "double quotes" keep everything
 * but \" \\ \$ \` (and drop a backslash-newline), a backslash outside quotes keeps the
 * next character. Nothing is expanded ($VAR, globs, ~, ;, |): the words go to the
 * engine as exec argv, and no shell string is ever built. For a pipeline, type
 * `sh -c '…'` yourself.
 */
export type SplitResult = {ok: true; argv: string[]} | {ok: false; error: string};

export function splitCommandLine(line: string): SplitResult {
	const argv: string[] = [];
	let word = '';
	let inWord = false;
	let quote: "'" | '"' | undefined;
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (quote === "'") {
			if (char === "'") quote = undefined;
			else word += char;
			continue;
		}

		if (quote === '"') {
			if (char === '"') quote = undefined;
			else if (char === '\\' && index + 1 < line.length && '"\\$`\n'.includes(line[index + 1]!)) {
				index++;
				if (line[index] !== '\n') word += line[index];
			} else word += char;
			continue;
		}

		if (char === ' ' || char === '\t' || char === '\n') {
			if (inWord) argv.push(word);
			word = '';
			inWord = false;
			continue;
		}

		inWord = true;
		if (char === "'" || char === '"') quote = char;
		else if (char === '\\') {
			if (index + 1 >= line.length) return {ok: false, error: 'the line ends with a lone backslash'};
			index++;
			if (line[index] !== '\n') word += line[index];
		} else word += char;
	}

	if (quote) return {ok: false, error: `unterminated ${quote === "'" ? 'single' : 'double'} quote`};
	if (inWord) argv.push(word);
	if (argv.length === 0) return {ok: false, error: 'no command given'};
	return {ok: true, argv};
}
