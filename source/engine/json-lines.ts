import {StringDecoder} from 'node:string_decoder';

/**
 * Splits a byte stream into lines (without the newline). A line may be split
 * across chunks, and several may share one chunk. Empty lines are skipped.
 */
export async function* textLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
	const decoder = new StringDecoder('utf8');
	let pending = '';
	for await (const chunk of stream) {
		pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
		let start = 0;
		let newline = pending.indexOf('\n', start);
		while (newline !== -1) {
			const line = pending.slice(start, newline).trim();
			if (line !== '') yield line;
			start = newline + 1;
			newline = pending.indexOf('\n', start);
		}

		pending = pending.slice(start);
	}

	const rest = (pending + decoder.end()).trim();
	if (rest !== '') yield rest;
}

/** Parses a stream of newline-separated JSON documents (events, stats). */
export async function* jsonLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
	for await (const line of textLines(stream)) yield JSON.parse(line);
}
