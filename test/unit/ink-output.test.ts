import {describe, expect, test} from 'vitest';
// Ink's own compositor, which berth's bundle replaces: the two must give the same frames.
import InkOutput from '../../node_modules/ink/build/output.js';
import Output from '../../source/ui/ink-output.js';

type Transformer = (line: string, index: number) => string;
type Op = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined}} | {type: 'unclip'};
type Frame = {width: number; height: number; ops: Op[]};

/** mulberry32: the same cases on every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const sgr = (code: string) => `\u001B[${code}m`;
const styles = [
	(s: string) => `${sgr('32')}${s}${sgr('39')}`,
	(s: string) => `${sgr('1')}${s}${sgr('22')}`,
	(s: string) => `${sgr('44')}${s}${sgr('49')}`,
	(s: string) => `${sgr('38;5;208')}${s}${sgr('39')}`,
	(s: string) => `${sgr('7')}${sgr('31')}${s}${sgr('39')}${sgr('27')}`,
	(s: string) => s,
];
// Plain words, wide characters (CJK, emoji, flags), combining and zero-width ones, and explicit newlines.
const pieces = ['berth', 'web-1', ' ', '  ', '12.5%', '漢字', 'ｶﾀｶﾅ', '👍🏽', '🇯🇵', 'e\u0301', '\u200B', 'x\u200Dy', '│', '\n', 'abcdefghij'];
const transformers: Transformer[] = [(line) => `${sgr('2')}${line}${sgr('22')}`, (line, index) => `${index}:${line}`, (line) => line.toUpperCase()];

function makeFrame(next: () => number, previous?: Frame): Frame {
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
	const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
	const width = previous && next() < 0.8 ? previous.width : int(0, 30);
	const height = previous && next() < 0.8 ? previous.height : int(0, 8);
	const text = () => Array.from({length: int(1, 6)}, () => pick(styles)(pick(pieces))).join('');
	const fresh = (): Op => {
		const roll = next();
		if (roll < 0.15) {
			const bound = (size: number) => (next() < 0.2 ? undefined : int(-2, size + 2));
			return {type: 'clip', clip: {x1: bound(width), x2: bound(width), y1: bound(height), y2: bound(height)}};
		}

		if (roll < 0.25) return {type: 'unclip'};
		return {type: 'write', x: int(-3, width + 3), y: int(-2, height + 2), text: text(), transformers: next() < 0.5 ? [pick(transformers)] : []};
	};

	// Most frames repeat most of the last one, as a dashboard does: that is what the caches keep.
	const ops = previous && next() < 0.7 ? previous.ops.map((op) => (next() < 0.2 ? fresh() : op)) : Array.from({length: int(0, 12)}, fresh);
	return {width, height, ops};
}

function draw(OutputClass: typeof Output | typeof InkOutput, frame: Frame): {output: string; height: number} {
	const output = new OutputClass({width: frame.width, height: frame.height});
	for (const op of frame.ops) {
		if (op.type === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
		else if (op.type === 'clip') output.clip(op.clip);
		else output.unclip();
	}

	return output.get();
}

describe('ink-output: Ink’s compositor with caches', () => {
	test('gives the same frames as Ink’s own on 3,000 random frames in sequences', () => {
		const next = random(13);
		let frame: Frame | undefined;
		for (let index = 0; index < 3000; index++) {
			frame = makeFrame(next, index % 20 === 0 ? undefined : frame);
			expect(draw(Output, frame), `frame ${index}: ${JSON.stringify(frame)}`).toEqual(draw(InkOutput, frame));
		}
	});

	test('draws a styled table row, a wide character cut by a clip, and a covered half of a wide character', () => {
		const frame: Frame = {
			width: 12,
			height: 3,
			ops: [
				{type: 'write', x: 0, y: 0, text: `${sgr('32')}web${sgr('39')} 1.5%`, transformers: []},
				{type: 'clip', clip: {x1: 0, x2: 3, y1: 0, y2: 3}},
				{type: 'write', x: 0, y: 1, text: 'a漢字', transformers: []},
				{type: 'unclip'},
				{type: 'write', x: 0, y: 2, text: '漢字', transformers: []},
				{type: 'write', x: 1, y: 2, text: 'x', transformers: []},
			],
		};
		const drawn = draw(Output, frame);
		expect(drawn).toEqual({output: `${sgr('32')}web${sgr('39')} 1.5%\na漢\n x字`, height: 3});
		expect(drawn).toEqual(draw(InkOutput, frame));
	});

	test('a transformer is told each line’s index in the whole text, also when a clip cuts off the first lines', () => {
		const frame: Frame = {
			width: 10,
			height: 4,
			ops: [
				{type: 'clip', clip: {x1: 0, x2: 10, y1: 1, y2: 3}},
				{type: 'write', x: 0, y: 0, text: 'a\nb\nc\nd', transformers: [(line, index) => `${index}:${line}`]},
				{type: 'unclip'},
			],
		};
		expect(draw(Output, frame)).toEqual({output: '\n1:b\n2:c\n', height: 4});
		expect(draw(Output, frame)).toEqual(draw(InkOutput, frame));
	});

	test('the same writes in a later frame give the same rows, also after the width changes', () => {
		const frame = (width: number): Frame => ({width, height: 1, ops: [{type: 'write', x: width + 2, y: 0, text: 'ab', transformers: []}]});
		for (const width of [10, 10, 20, 10]) expect(draw(Output, frame(width))).toEqual(draw(InkOutput, frame(width)));
	});
});
