import {describe, expect, test} from 'vitest';
import {jsonLines, textLines} from '../../source/engine/json-lines.js';

async function* chunks(...parts: Array<string | Buffer>): AsyncGenerator<string | Buffer> {
	for (const part of parts) yield part;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of iterable) out.push(item);
	return out;
}

describe('textLines', () => {
	test('several lines in one chunk', async () => {
		expect(await collect(textLines(chunks('one\ntwo\nthree\n')))).toEqual(['one', 'two', 'three']);
	});

	test('a line split across chunks', async () => {
		expect(await collect(textLines(chunks('he', 'llo\nwor', 'ld\n')))).toEqual(['hello', 'world']);
	});

	test('a last line without a newline is still yielded', async () => {
		expect(await collect(textLines(chunks('a\n', 'b')))).toEqual(['a', 'b']);
	});

	test('empty and blank lines are skipped, CRLF is trimmed', async () => {
		expect(await collect(textLines(chunks('a\r\n\r\n', '\n  \nb\r\n')))).toEqual(['a', 'b']);
	});

	test('a multi-byte character split between Buffer chunks is decoded whole', async () => {
		const bytes = Buffer.from('ünïcødé 🐳\n', 'utf8');
		const parts = [...bytes].map((byte) => Buffer.from([byte]));
		expect(await collect(textLines(chunks(...parts)))).toEqual(['ünïcødé 🐳']);
	});

	test('nothing in, nothing out', async () => {
		expect(await collect(textLines(chunks()))).toEqual([]);
		expect(await collect(textLines(chunks('\n\n')))).toEqual([]);
	});
});

describe('jsonLines', () => {
	test('documents split across chunks at every position', async () => {
		const docs = [{Type: 'container', Action: 'start', Actor: {ID: 'abc'}}, {a: [1, 2, {b: 'x\ny'}]}, 'text', 42];
		const text = docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n';
		for (let cut = 1; cut < text.length; cut++) {
			const parts = [Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))];
			expect(await collect(jsonLines(chunks(...parts))), `cut at ${cut}`).toEqual(docs);
		}
	});

	test('one document in many tiny chunks', async () => {
		const doc = {status: 'die', id: 'abc', from: 'alpine', time: 1, timeNano: 1_000_000_000};
		const text = JSON.stringify(doc);
		expect(await collect(jsonLines(chunks(...text.split(''), '\n')))).toEqual([doc]);
	});

	test('a broken document throws', async () => {
		await expect(collect(jsonLines(chunks('{"a":1}\n{"a":\n')))).rejects.toThrow(SyntaxError);
	});

	test('an error from the stream reaches the reader', async () => {
		async function* failing(): AsyncGenerator<string> {
			yield '{"a":1}\n';
			throw new Error('socket hang up');
		}

		const seen: unknown[] = [];
		await expect(
			(async () => {
				for await (const doc of jsonLines(failing())) seen.push(doc);
			})(),
		).rejects.toThrow('socket hang up');
		expect(seen).toEqual([{a: 1}]);
	});
});
