import {describe, expect, test} from 'vitest';
import {FrameDemuxer, maxFramePiece, type FrameStream} from '../../source/engine/demux.js';
import type {LogRecord} from '../../source/engine/engine.js';
import {LineAssembler, maxLineLength} from '../../source/engine/line-assembler.js';
import {LogDecoder, partialMessageBytes} from '../../source/engine/log-decoder.js';

const ts1 = '2026-11-23T15:26:31.482853071Z';
const ts2 = '2026-11-23T15:26:32.043804750Z';
const ts3 = '2026-11-23T15:26:33.000000001Z';

/** One multiplexed frame as dockerd writes it. */
function frame(stream: FrameStream, payload: string | Buffer): Buffer {
	const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(body.length, 4);
	return Buffer.concat([header, body]);
}

function demuxAll(chunks: Buffer[]): Array<[FrameStream, string]> {
	const frames: Array<[FrameStream, string]> = [];
	const demuxer = new FrameDemuxer((stream, bytes, start, end) => frames.push([stream, bytes.toString('utf8', start, end)]));
	for (const chunk of chunks) demuxer.push(chunk);
	return frames;
}

function decodeAll(chunks: Buffer[], options = {tty: false, timestamps: true}): LogRecord[] {
	const decoder = new LogDecoder(options);
	const complete: LogRecord[] = [];
	for (const chunk of chunks) complete.push(...decoder.push(chunk).filter((record) => !record.partial));
	complete.push(...decoder.end());
	return complete;
}

const threeFrames = Buffer.concat([frame(1, `${ts1} hello\n`), frame(2, `${ts2} oops: ü\n`), frame(1, `${ts3} bye\n`)]);
const expectedFrames: Array<[FrameStream, string]> = [
	[1, `${ts1} hello\n`],
	[2, `${ts2} oops: ü\n`],
	[1, `${ts3} bye\n`],
];

describe('FrameDemuxer', () => {
	test('a buffer of three frames in one chunk', () => {
		expect(demuxAll([threeFrames])).toEqual(expectedFrames);
	});

	test('split in two at every byte, headers included', () => {
		for (let i = 1; i < threeFrames.length; i++) {
			expect(demuxAll([threeFrames.subarray(0, i), threeFrames.subarray(i)]), `split at ${i}`).toEqual(expectedFrames);
		}
	});

	test('split in three at every pair of points', () => {
		for (let i = 1; i < threeFrames.length - 1; i++) {
			for (let j = i + 1; j < threeFrames.length; j++) {
				const chunks = [threeFrames.subarray(0, i), threeFrames.subarray(i, j), threeFrames.subarray(j)];
				expect(demuxAll(chunks), `split at ${i}, ${j}`).toEqual(expectedFrames);
			}
		}
	});

	test('one byte at a time', () => {
		const chunks = [...threeFrames].map((byte) => Buffer.from([byte]));
		expect(demuxAll(chunks)).toEqual(expectedFrames);
	});

	test('an empty frame is skipped; a frame bigger than the piece size comes in pieces, marked continued', () => {
		const big = Buffer.alloc(maxFramePiece + 10, 0x61);
		const pieces: Array<[number, boolean]> = [];
		const demuxer = new FrameDemuxer((_stream, _bytes, start, end, continued) => pieces.push([end - start, continued]));
		const all = Buffer.concat([frame(1, ''), frame(1, big), frame(2, 'x')]);
		for (let at = 0; at < all.length; at += 65_536) demuxer.push(all.subarray(at, at + 65_536));
		expect(pieces).toEqual([
			[maxFramePiece, false],
			[10, true],
			[1, false],
		]);
	});
});

describe('LineAssembler', () => {
	const assemble = (parts: string[]) => {
		const assembler = new LineAssembler('stdout');
		const out: LogRecord[] = [];
		for (const part of parts) assembler.push(Buffer.from(part), undefined, out);
		const partial: LogRecord[] = [];
		assembler.partial(partial);
		return {out, partial, assembler};
	};

	test('lines split across chunks are joined; several in one chunk are split', () => {
		const {out, partial} = assemble(['al', 'pha\nbeta\nga', 'mm', 'a\n', 'del']);
		expect(out.map((record) => record.text)).toEqual(['alpha', 'beta', 'gamma']);
		expect(partial).toEqual([{stream: 'stdout', text: 'del', partial: true}]);
	});

	test('CRLF ends a line like LF, also when the CR and LF arrive apart; a lone CR stays', () => {
		const {out} = assemble(['one\r\ntwo\r', '\nthree\rover\n', '\r\n']);
		expect(out.map((record) => record.text)).toEqual(['one', 'two', 'three\rover', '']);
	});

	test('a UTF-8 character split between chunks is decoded whole', () => {
		const bytes = Buffer.from('añ€😀\n');
		for (let i = 1; i < bytes.length; i++) {
			const assembler = new LineAssembler('stderr');
			const out: LogRecord[] = [];
			assembler.push(bytes.subarray(0, i), undefined, out);
			assembler.push(bytes.subarray(i), undefined, out);
			expect(out).toEqual([{stream: 'stderr', text: 'añ€😀'}]);
		}
	});

	test('the line keeps the time of its first message', () => {
		const assembler = new LineAssembler('stdout');
		const out: LogRecord[] = [];
		assembler.push(Buffer.from('first half '), ts1, out);
		assembler.push(Buffer.from('second half\nnext\n'), ts2, out);
		expect(out).toEqual([
			{stream: 'stdout', text: 'first half second half', time: ts1},
			{stream: 'stdout', text: 'next', time: ts2},
		]);
	});

	test('what is pending when the stream ends becomes a line; a run longer than the cap is cut', () => {
		const {out, assembler} = assemble(['x'.repeat(maxLineLength + 5)]);
		expect(out.map((record) => record.text.length)).toEqual([maxLineLength]);
		const rest: LogRecord[] = [];
		assembler.end(rest);
		expect(rest.map((record) => record.text)).toEqual(['xxxxx']);
	});
});

describe('LogDecoder, non-TTY', () => {
	test('stdout and stderr in order, timestamps taken off every frame', () => {
		expect(decodeAll([threeFrames])).toEqual([
			{stream: 'stdout', text: 'hello', time: ts1},
			{stream: 'stderr', text: 'oops: ü', time: ts2},
			{stream: 'stdout', text: 'bye', time: ts3},
		]);
	});

	test('the same lines for every split of the bytes', () => {
		const whole = decodeAll([threeFrames]);
		for (let i = 1; i < threeFrames.length; i++) expect(decodeAll([threeFrames.subarray(0, i), threeFrames.subarray(i)]), `split at ${i}`).toEqual(whole);
	});

	test("dockerd's 16 KiB partial messages make one line; their timestamps do not show", () => {
		const long = 'a'.repeat(40_000);
		const pieces = [long.slice(0, 16_384), long.slice(16_384, 32_768), `${long.slice(32_768)}\n`];
		const bytes = Buffer.concat(pieces.map((piece) => frame(1, `${ts1} ${piece}`)));
		const decoder = new LogDecoder({tty: false, timestamps: true});
		const first = decoder.push(bytes.subarray(0, 20_000));
		// The first message is out as a partial line, shown until the rest arrives.
		expect(first).toEqual([{stream: 'stdout', text: long.slice(0, 16_384), time: ts1, partial: true}]);
		const rest = decoder.push(bytes.subarray(20_000));
		expect(rest).toEqual([{stream: 'stdout', text: long, time: ts1}]);
	});

	test('a message without a timestamp is kept whole; systemerr (3) counts as stderr', () => {
		expect(decodeAll([frame(1, 'no stamp here\n'), frame(3, 'Error grabbing logs\n')])).toEqual([
			{stream: 'stdout', text: 'no stamp here'},
			{stream: 'stderr', text: 'Error grabbing logs'},
		]);
	});

	test('a line without a newline at the end of the stream is kept, marked unterminated', () => {
		expect(decodeAll([frame(1, `${ts1} no newline`)])).toEqual([{stream: 'stdout', text: 'no newline', time: ts1, unterminated: true}]);
	});

	test('whole one-line messages (the fast path): empty, CRLF, invalid UTF-8, and a message holding several lines', () => {
		expect(
			decodeAll([
				frame(1, `${ts1} \n`),
				frame(1, `${ts1} crlf\r\n`),
				frame(1, `${ts2} \r\n`),
				frame(2, Buffer.concat([Buffer.from(`${ts2} bad `), Buffer.from([0xff, 0xe2, 0x82]), Buffer.from('\n')])),
				frame(1, `${ts3} two\nlines\n`),
			]),
		).toEqual([
			{stream: 'stdout', text: '', time: ts1},
			{stream: 'stdout', text: 'crlf', time: ts1},
			{stream: 'stdout', text: '', time: ts2},
			{stream: 'stderr', text: 'bad \uFFFD\uFFFD', time: ts2},
			{stream: 'stdout', text: 'two', time: ts3},
			{stream: 'stdout', text: 'lines', time: ts3},
		]);
	});

	test('a character cut between two 16 KiB messages is decoded whole, also when the next message ends the line', () => {
		const head = 'a'.repeat(16_383);
		const bytes = Buffer.from(`${head}€ and more\n`);
		// dockerd cuts at 16 KiB of bytes: inside the three bytes of the euro sign.
		const frames = Buffer.concat([frame(1, Buffer.concat([Buffer.from(`${ts1} `), bytes.subarray(0, 16_384)])), frame(1, Buffer.concat([Buffer.from(`${ts2} `), bytes.subarray(16_384)]))]);
		expect(decodeAll([frames])).toEqual([{stream: 'stdout', text: `${head}€ and more`, time: ts1}]);
		// The same when a line of the other stream comes in between.
		const between = Buffer.concat([frames.subarray(0, 8 + 31 + 16_384), frame(2, `${ts2} other\n`), frames.subarray(8 + 31 + 16_384)]);
		expect(decodeAll([between])).toEqual([
			{stream: 'stderr', text: 'other', time: ts2},
			{stream: 'stdout', text: `${head}€ and more`, time: ts1},
		]);
	});

	test('push adds to the array it is given', () => {
		const decoder = new LogDecoder({tty: false, timestamps: true});
		const out: LogRecord[] = [{stream: 'stdout', text: 'before'}];
		expect(decoder.push(threeFrames, out)).toBe(out);
		expect(out.map((record) => record.text)).toEqual(['before', 'hello', 'oops: ü', 'bye']);
	});

	test('the decoder remembers the newest message timestamp (where a resumed stream starts)', () => {
		const decoder = new LogDecoder({tty: false, timestamps: true});
		decoder.push(threeFrames);
		expect(decoder.lastTime).toBe(ts3);
	});
});

describe('LogDecoder, TTY (raw)', () => {
	test('no frame headers; CRLF lines; every line loses its timestamp', () => {
		const raw = Buffer.from(`${ts1} out1\r\n${ts2} err1\r\n${ts3} progress 10%\rprogress 20%\r\n`);
		expect(decodeAll([raw], {tty: true, timestamps: true})).toEqual([
			{stream: 'stdout', text: 'out1', time: ts1},
			{stream: 'stdout', text: 'err1', time: ts2},
			{stream: 'stdout', text: 'progress 10%\rprogress 20%', time: ts3},
		]);
	});

	test('the same for every split, the timestamp itself included', () => {
		const raw = Buffer.from(`${ts1} alpha\r\n${ts2} beta\r\n`);
		for (let i = 1; i < raw.length; i++) {
			expect(decodeAll([raw.subarray(0, i), raw.subarray(i)], {tty: true, timestamps: true}), `split at ${i}`).toEqual([
				{stream: 'stdout', text: 'alpha', time: ts1},
				{stream: 'stdout', text: 'beta', time: ts2},
			]);
		}
	});

	test('a long line: the timestamps dockerd puts every 16 KiB are taken out, text that only looks like one is not', () => {
		const long = 'y'.repeat(40_000);
		const raw = `${ts1} ${long.slice(0, partialMessageBytes)}${ts1} ${long.slice(partialMessageBytes, 2 * partialMessageBytes)}${ts1} ${long.slice(2 * partialMessageBytes)}\r\n`;
		const inText = `${ts2} at ${ts3} in the text\r\n`;
		const bytes = Buffer.from(raw + inText);
		const records = decodeAll([bytes.subarray(0, 9000), bytes.subarray(9000, 30_000), bytes.subarray(30_000)], {tty: true, timestamps: true});
		expect(records).toEqual([
			{stream: 'stdout', text: long, time: ts1},
			{stream: 'stdout', text: `at ${ts3} in the text`, time: ts2},
		]);
	});

	test('without timestamps the bytes are the text', () => {
		expect(decodeAll([Buffer.from('plain\r\nlines\n')], {tty: true, timestamps: false})).toEqual([
			{stream: 'stdout', text: 'plain'},
			{stream: 'stdout', text: 'lines'},
		]);
	});
});

describe('a 1 MB line without a newline', () => {
	test('is decoded in time and kept whole', () => {
		const mb = 1_000_000;
		const chunks: Buffer[] = [];
		for (let at = 0; at < mb; at += partialMessageBytes) chunks.push(frame(1, `${ts1} ${'z'.repeat(Math.min(partialMessageBytes, mb - at))}`));
		const started = performance.now();
		const records = decodeAll([Buffer.concat(chunks)]);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(records).toHaveLength(1);
		expect(records[0]!.text).toHaveLength(mb);
	});
});
