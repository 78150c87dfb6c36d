/**
 * Ink's screen compositor (ink/build/output.js of Ink 8.0.0), giving the same
 * frames for less work: scripts/build.js puts it in place of Ink's. Ink builds a
 * new object for every cell of the screen each frame and tokenizes every line
 * again, which under a stats tick was most of berth's allocation and a major GC
 * every second (bench/README.md). This keeps tokenized lines, widths and finished
 * rows from the last two frames, and builds cells only for the rows whose writes
 * changed. A row's text depends only on the width and the writes that reach it,
 * in order, so a row with the same writes is the same row.
 * test/unit/ink-output.test.ts compares it with Ink's on random frames.
 */
import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Transformer = (line: string, index: number) => string;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** What the last two frames used: an entry unused for a whole frame is dropped. */
class FrameCache<V> {
	private current = new Map<string, V>();
	private previous = new Map<string, V>();

	get(key: string): V | undefined {
		let value = this.current.get(key);
		if (value === undefined) {
			value = this.previous.get(key);
			if (value !== undefined) this.current.set(key, value);
		}

		return value;
	}

	set(key: string, value: V): V {
		this.current.set(key, value);
		return value;
	}

	nextFrame(): void {
		this.previous = this.current;
		this.current = new Map();
	}
}

/**
 * Only within a frame: a cell object per character, kept across frames, outlives
 * V8's young generation and is then garbage for the major GC. The strings below
 * (lines, widths, whole rows) are what saves the work in the next frame.
 */
let styledCharsCache = new Map<string, StyledChar[]>();
const widthCache = new FrameCache<number>();
const textLinesCache = new FrameCache<string[]>();
const widestLineCache = new FrameCache<number>();
const sliceCache = new FrameCache<string>();
const rowCache = new FrameCache<string>();

/** Never changed once made: cells are replaced, not edited. */
const blank: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as unknown as StyledChar['styles']});
const blankCell = (cell: StyledChar): StyledChar => ({...cell, value: ' ', fullWidth: false});
const ignorable = /^\p{Default_Ignorable_Code_Point}+$/u;

function styledChars(line: string): StyledChar[] {
	let cached = styledCharsCache.get(line);
	if (cached === undefined) {
		cached = styledCharsFromTokens(tokenize(line)).filter((character) => !ignorable.test(character.value));
		styledCharsCache.set(line, cached);
	}

	return cached;
}

function width(text: string): number {
	return widthCache.get(text) ?? widthCache.set(text, stringWidth(text));
}

/** The text's lines, each closing its styles (styles carry across explicit newlines). */
function textLines(text: string): string[] {
	const cached = textLinesCache.get(text);
	if (cached) return cached;
	const characterLines: StyledChar[][] = [[]];
	for (const character of styledChars(text)) {
		if (character.value === '\n') characterLines.push([]);
		else characterLines.at(-1)!.push(character);
	}

	return textLinesCache.set(
		text,
		characterLines.map((line) => styledCharsToString(line)),
	);
}

function widestLine(text: string): number {
	const cached = widestLineCache.get(text);
	if (cached !== undefined) return cached;
	let widest = 0;
	for (const line of text.split('\n')) widest = Math.max(widest, width(line));
	return widestLineCache.set(text, widest);
}

const intersectBound = (a: number | undefined, b: number | undefined, tighter: (a: number, b: number) => number) => {
	if (a === undefined) return b;
	return b === undefined ? a : tighter(a, b);
};

const isClipEmpty = (clip: Clip) =>
	(clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) || (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);

const intersectClips = (outer: Clip | undefined, inner: Clip): Clip =>
	outer
		? {
				x1: intersectBound(outer.x1, inner.x1, Math.max),
				x2: intersectBound(outer.x2, inner.x2, Math.min),
				y1: intersectBound(outer.y1, inner.y1, Math.max),
				y2: intersectBound(outer.y2, inner.y2, Math.min),
			}
		: inner;

/** Columns [from, to) of a line; a wide character cut by an edge becomes a space that keeps its styles. */
function sliceLineToColumns(line: string, from: number, to: number): string {
	if (from >= to) return '';
	const key = `${from}:${to}:${line}`;
	const cached = sliceCache.get(key);
	if (cached !== undefined) return cached;
	const result: StyledChar[] = [];
	let column = 0;
	for (const character of styledChars(line)) {
		const characterWidth = width(character.value);
		const start = column;
		column += characterWidth;
		if (column <= from) continue;
		if (start >= to) break;
		result.push(characterWidth > 1 && (start < from || column > to) ? blankCell(character) : character);
	}

	return sliceCache.set(key, styledCharsToString(result));
}

/** A row's writes, in order: the column and the (clipped, transformed) line. */
type RowWrite = {x: number; line: string};

/** Ink's cell loop for one row: later writes cover earlier ones, wide characters are never left half-covered. */
function composeRow(columns: number, writes: readonly RowWrite[]): string {
	const row: StyledChar[] = [];
	for (let x = 0; x < columns; x++) row.push(blank);
	for (const {x, line} of writes) {
		const characters = styledChars(line);
		if (characters.length === 0) continue;
		let offsetX = x;
		if (row[offsetX]?.value === '' && offsetX > 0 && width(row[offsetX - 1]?.value ?? '') > 1) row[offsetX - 1] = blankCell(row[offsetX - 1]!);
		for (const character of characters) {
			row[offsetX] = character;
			const characterWidth = Math.max(1, width(character.value));
			for (let offset = 1; offset < characterWidth; offset++) {
				row[offsetX + offset] = {type: 'char', value: offsetX < 0 ? ' ' : '', fullWidth: false, styles: character.styles};
			}

			offsetX += characterWidth;
		}

		if (row[offsetX]?.value === '') row[offsetX] = blankCell(row[offsetX]!);
	}

	return styledCharsToString(row.filter((item) => item !== undefined)).trimEnd();
}

export default class Output {
	readonly width: number;
	readonly height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
		styledCharsCache = new Map();
		for (const cache of [widthCache, textLinesCache, widestLineCache, sliceCache, rowCache]) cache.nextFrame();
	}

	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
		if (text === '') return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rows: RowWrite[][] = [];
		for (let y = 0; y < this.height; y++) rows.push([]);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(intersectClips(clips.at(-1), operation.clip));
			else if (operation.type === 'unclip') clips.pop();
			else this.placeWrite(rows, operation, clips.at(-1));
		}

		const lines = rows.map((writes) => {
			if (writes.length === 0) return '';
			let key = `${this.width}`;
			for (const {x, line} of writes) key += `\u0000${x}\u0000${line}`;
			return rowCache.get(key) ?? rowCache.set(key, composeRow(this.width, writes));
		});
		return {output: lines.join('\n'), height: rows.length};
	}

	/** Where Ink's applyWriteOperation would draw each line of a write: clipped, transformed, per row. */
	private placeWrite(rows: RowWrite[][], operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): void {
		let {x, y} = operation;
		let lines = textLines(operation.text);
		if (clip) {
			if (isClipEmpty(clip)) return;
			const clipsHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const clipsVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (clipsHorizontally && (x + widestLine(operation.text) < clip.x1! || x > clip.x2!)) return;
			if (clipsVertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
			if (clipsHorizontally) {
				const left = x;
				lines = lines.map((line) => {
					const lineWidth = width(line);
					return sliceLineToColumns(line, left < clip.x1! ? clip.x1! - left : 0, left + lineWidth > clip.x2! ? clip.x2! - left : lineWidth);
				});
				if (x < clip.x1!) x = clip.x1!;
			}

			if (clipsVertically) {
				const height = lines.length;
				lines = lines.slice(y < clip.y1! ? clip.y1! - y : 0, y + height > clip.y2! ? clip.y2! - y : height);
				if (y < clip.y1!) y = clip.y1!;
			}
		}

		for (const [index, text] of lines.entries()) {
			const row = rows[y + index];
			if (!row) continue;
			let line = text;
			for (const transformer of operation.transformers) line = transformer(line, index + y - operation.y);
			row.push({x, line});
		}
	}
}
