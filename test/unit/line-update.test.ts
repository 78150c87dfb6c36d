import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import lineUpdate, {parseLine} from '../../source/ui/line-update.js';

/**
 * A one-line terminal, written independently of line-update.ts: it understands what a
 * line update may send (CHA, EL, SGR, printable text) and keeps, per column, the
 * character and the attributes it was drawn with.
 */
class TerminalLine {
	cells: string[];
	private column = 0;
	private attributes = new Map<string, string>();

	constructor(readonly width: number) {
		this.cells = Array.from({length: width}, () => ' ');
	}

	write(data: string): this {
		let index = 0;
		while (index < data.length) {
			const control = /^\u001B\[([\d;]*)([GKm])/.exec(data.slice(index));
			if (control) {
				const [whole, parameters = '', final] = control;
				if (final === 'G') this.column = Math.min(this.width - 1, Math.max(0, Number(parameters || '1') - 1));
				else if (final === 'K') for (let column = this.column; column < this.width; column++) this.cells[column] = ' ';
				else this.sgr(parameters);
				index += whole.length;
				continue;
			}

			if (data[index] === '\u001B') throw new Error(`unexpected escape at ${index}: ${JSON.stringify(data.slice(index, index + 10))}`);
			const grapheme = [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(data.slice(index))][0]!.segment;
			const width = stringWidth(grapheme);
			const style = [...this.attributes].map(([key, value]) => `${key}=${value}`).sort().join(',');
			// Overwriting either half of a wide character blanks the other half, as terminals do.
			if (this.cells[this.column] === '' && this.column > 0) this.cells[this.column - 1] = ' ';
			const after = this.column + width;
			if (this.cells[after] === '') this.cells[after] = ' ';
			// A space with no attributes is what an erase leaves.
			this.cells[this.column] = grapheme === ' ' && style === '' ? ' ' : `${grapheme}{${style}}`;
			if (width === 2) this.cells[this.column + 1] = '';
			this.column += width;
			index += grapheme.length;
		}

		return this;
	}

	/** Wide characters: the terminal keeps the grapheme in the first column, nothing in the second. */
	private sgr(parameters: string): void {
		const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
		for (let i = 0; i < codes.length; i++) {
			const code = codes[i]!;
			if (code === 0) this.attributes.clear();
			else if (code === 22) {
				this.attributes.delete('bold');
				this.attributes.delete('dim');
			} else if (code === 1) this.attributes.set('bold', '1');
			else if (code === 2) this.attributes.set('dim', '1');
			else if (code === 7) this.attributes.set('inverse', '1');
			else if (code === 27) this.attributes.delete('inverse');
			else if (code === 4) this.attributes.set('underline', '1');
			else if (code === 24) this.attributes.delete('underline');
			else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) this.attributes.set('fg', String(code));
			else if (code === 39) this.attributes.delete('fg');
			else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) this.attributes.set('bg', String(code));
			else if (code === 49) this.attributes.delete('bg');
			else if (code === 38 || code === 48) {
				const n = codes[i + 1] === 5 ? 1 : 3;
				this.attributes.set(code === 38 ? 'fg' : 'bg', codes.slice(i + 1, i + 2 + n).join(':'));
				i += 1 + n;
			} else throw new Error(`SGR ${code} not modelled by the test terminal`);
		}
	}
}

/** The line as a terminal shows it after `previous` was drawn and then the update for `next` was written. */
function screenAfter(previous: string, next: string, columns = 80): {actual: string[]; expected: string[]; bytes: string} {
	const bytes = lineUpdate(previous, next, columns);
	// Ink's lines end with every style closed: the update starts from the default attributes.
	const actual = new TerminalLine(columns).write(`\u001B[1G\u001B[K${previous}\u001B[0m`).write(bytes).cells;
	const expected = new TerminalLine(columns).write(`\u001B[1G\u001B[K${next}`).cells;
	return {actual, expected, bytes};
}

const row = (cpu: string, memory: string, selected = false) =>
	`${selected ? '\u001B[7m' : ''}idle-000     berth-test/busybox:latest \u001B[32mrunning   \u001B[39m Up 5 minutes   5 minutes ago   ${cpu.padStart(8)}   ${memory.padStart(6)}   0.00%     0 B/s     0 B/s     0 B/s     0 B/s    2${selected ? '\u001B[27m' : ''}`;

describe('lineUpdate: frames in, bytes out', () => {
	test('a stats tick writes only the changed digits, not the rest of the row', () => {
		const {actual, expected, bytes} = screenAfter(row('0.11%', '444KiB'), row('0.12%', '444KiB'), 160);
		expect(actual).toEqual(expected);
		expect(bytes).toBe(`\u001B[${row('0.11%', '444KiB').indexOf('0.11%') + 4 - '\u001B[32m\u001B[39m'.length}G2`);
		// Ink's own update erased and rewrote from the change to the end of the line.
		expect(bytes.length).toBeLessThan(10);
	});

	test('two changes close together are one run; far apart, two', () => {
		const near = screenAfter(row('0.11%', '444KiB'), row('0.13%', '452KiB'), 160);
		expect(near.actual).toEqual(near.expected);
		expect(near.bytes).toMatch(/^\u001B\[\d+G3% {3}452$/);
		const far = screenAfter('a'.repeat(30), `b${'a'.repeat(28)}b`);
		expect(far.actual).toEqual(far.expected);
		expect(far.bytes).toBe('\u001B[1Gb\u001B[30Gb');
	});

	test('a change inside a styled span is written with the style, which is closed after', () => {
		const {actual, expected, bytes} = screenAfter(row('0.11%', '444KiB', true), row('0.12%', '444KiB', true), 160);
		expect(actual).toEqual(expected);
		expect(bytes).toMatch(/^\u001B\[\d+G\u001B\[7m2\u001B\[0m$/);
	});

	test('a style change alone rewrites the cells it covers', () => {
		const {actual, expected} = screenAfter(`ab\u001B[32mcd\u001B[39mef`, `ab\u001B[31mcd\u001B[39mef`);
		expect(actual).toEqual(expected);
	});

	test('a shorter line erases what is left of the longer one', () => {
		const {actual, expected, bytes} = screenAfter('Up 10 minutes  x', 'Up 9 minutes');
		expect(actual).toEqual(expected);
		expect(bytes).toContain('\u001B[K');
	});

	test('wide characters are never cut in half', () => {
		for (const [previous, next] of [
			['ab日本cd', 'ab日x cd'],
			['ab日本cd', 'abx本cd'],
			['ab  cd', 'ab日cd'],
			['ab日cd', 'a日 cd'],
			['é👍🏽 ok', 'é👍 ok '],
		] as const) {
			const {actual, expected} = screenAfter(previous, next);
			expect(actual, `${previous} -> ${next}`).toEqual(expected);
		}
	});

	test('is never longer than rewriting the line whole', () => {
		const previous = 'abcdefghij'.repeat(8);
		const next = 'ABCDEFGHIJ'.repeat(8);
		expect(lineUpdate(previous, next, 80).length).toBeLessThanOrEqual(`\u001B[1G\u001B[K${next}`.length);
		expect(lineUpdate('ab', 'cd', 80)).toBe('\u001B[1Gcd');
	});

	test('what it does not model is written whole, as Ink does', () => {
		const link = '\u001B]8;;https://example.com\u0007x\u001B]8;;\u0007';
		expect(lineUpdate(`a${link}`, `b${link}`, 80)).toBe(`\u001B[1G\u001B[Kb${link}`);
		expect(lineUpdate('a\tb', 'a\tc', 80)).toBe('\u001B[1G\u001B[Ka\tc');
		expect(lineUpdate('\u001B[21mab', '\u001B[21mac', 80)).toBe('\u001B[1G\u001B[K\u001B[21mac');
		// Wider than the terminal: Ink would have wrapped it; write it as it is.
		expect(lineUpdate('x'.repeat(20), 'y'.repeat(20), 10)).toBe(`\u001B[1G\u001B[K${'y'.repeat(20)}`);
		expect(lineUpdate('ab', 'ac', Number.NaN)).toBe('\u001B[1G\u001B[Kac');
	});

	test('random lines: the terminal always ends up showing the new one', () => {
		// A seeded generator, so a failure can be replayed.
		let seed = 12_345;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		};

		const pieces = ['a', 'b', ' ', '0', '%', '·', '│', '日', '👍', '\u001B[7m', '\u001B[27m', '\u001B[32m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[38;5;208m', '\u001B[0m', '\u001B[44m', '\u001B[49m'];
		const line = () => {
			let text = '';
			const length = Math.floor(random() * 40);
			for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
			return text;
		};

		const mutate = (text: string) => {
			const chars = [...text];
			const edits = 1 + Math.floor(random() * 4);
			for (let i = 0; i < edits; i++) chars.splice(Math.floor(random() * (chars.length + 1)), random() < 0.5 ? 1 : 0, pieces[Math.floor(random() * pieces.length)]!);
			return chars.join('');
		};

		let checked = 0;
		for (let i = 0; i < 3000; i++) {
			const previous = line();
			const next = random() < 0.7 ? mutate(previous) : line();
			if (previous === next || stringWidth(previous) > 60 || stringWidth(next) > 60 || !parseLine(previous) || !parseLine(next)) continue;
			const {actual, expected} = screenAfter(previous, next);
			expect(actual, JSON.stringify({previous, next})).toEqual(expected);
			checked++;
		}

		expect(checked).toBeGreaterThan(1000);
	});
});
