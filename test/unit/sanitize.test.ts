import {describe, expect, test} from 'vitest';
import {defaultMaxLineLength, hasControl, sanitizeLine, sanitizeText} from '../../source/ui/sanitize.js';

const esc = '\u001B';
const st = `${esc}\\`;

// [name, input, sanitizeText output, sanitizeLine output with keepColors]
const hostile: Array<[string, string, string, string]> = [
	['CSI 2J clear screen', `a${esc}[2Jb`, 'ab', 'ab'],
	['CSI H cursor home', `a${esc}[Hb${esc}[12;40Hc`, 'abc', 'abc'],
	['alternate screen', `${esc}[?1049hx${esc}[?1049l`, 'x', 'x'],
	['device status report', `${esc}[6nok`, 'ok', 'ok'],
	['window report', `${esc}[21tok`, 'ok', 'ok'],
	['OSC 0 title, BEL', `${esc}]0;pwned\u0007title`, 'title', 'title'],
	['OSC 0 title, ST', `${esc}]0;pwned${st}title`, 'title', 'title'],
	['OSC 52 clipboard', `${esc}]52;c;cm0gLXJmIH4=\u0007x`, 'x', 'x'],
	['OSC 8 hyperlink', `${esc}]8;;https://evil.example/${st}click${esc}]8;;${st}`, 'click', 'click'],
	['OSC unterminated', `keep${esc}]0;runs to the end`, 'keep', 'keep'],
	['DCS with payload', `${esc}Pq#0;2;0;0;0#1!~-${st}after`, 'after', 'after'],
	['DCS BEL does not end it', `${esc}P$q\u0007m${st}x`, 'x', 'x'],
	['APC, PM, SOS', `${esc}_apc${st}a${esc}^pm${st}b${esc}Xsos${st}c`, 'abc', 'abc'],
	['C1 CSI U+009B 2J', 'a\u009B2Jb', 'ab', 'ab'],
	['C1 CSI SGR is not kept', 'a\u009B31mb', 'ab', 'ab'],
	['C1 OSC U+009D', 'a\u009D0;pwned\u0007b', 'ab', 'ab'],
	['C1 OSC ended by C1 ST', 'a\u009D0;pwned\u009Cb', 'ab', 'ab'],
	['C1 DCS U+0090', 'a\u0090payload\u009Cb', 'ab', 'ab'],
	['other C1 (NEL)', 'a\u0085b', 'ab', 'ab'],
	['two-byte ESC sequences', `${esc}(Bx${esc}7y${esc}8${esc}cz${esc}#8`, 'xyz', 'xyz'],
	['lone ESC at the end', `x${esc}`, 'x', 'x'],
	['ESC aborts an OSC', `${esc}]0;t${esc}[2Jv`, 'v', 'v'],
	['bell', 'ding\u0007dong', 'dingdong', 'dingdong'],
	['backspace overwrite', 'safe\b\b\b\bEVIL', 'safeEVIL', 'safeEVIL'],
	['CR overwrite', 'rm -rf /\rls -la   ', 'rm -rf /ls -la   ', 'rm -rf /ls -la   '],
	['CRLF', 'line\r\n', 'line', 'line'],
	['NUL, VT, FF, DEL', 'a\u0000b\u000Bc\u000Cd\u007Fe', 'abcde', 'abcde'],
	['bidi override', 'evil\u202Etxt.exe\u202C', 'eviltxt.exe', 'eviltxt.exe'],
	['bidi isolates', '\u2066a\u2067b\u2068c\u2069', 'abc', 'abc'],
	['lone high surrogate', 'a\uD800b', 'a\uFFFDb', 'a\uFFFDb'],
	['lone low surrogate', 'a\uDC00', 'a\uFFFD', 'a\uFFFD'],
	['CSI aborted by a control', `${esc}[31\u0000mx`, 'mx', 'mx'],
];

describe('sanitizeText', () => {
	test.each(hostile)('%s', (_name, input, text) => {
		expect(sanitizeText(input)).toBe(text);
	});

	test('plain text, including non-ASCII and emoji, passes through unchanged', () => {
		for (const s of ['', 'web-1', 'nginx:1.27-alpine', 'Up 3 minutes (healthy)', 'コンテナ', 'café ☕ 👨‍👩‍👧', 'a\u200Db']) {
			expect(sanitizeText(s)).toBe(s);
			expect(hasControl(s)).toBe(false);
		}
	});

	test('a tab becomes one space and SGR is dropped', () => {
		expect(sanitizeText('a\tb')).toBe('a b');
		expect(sanitizeText(`${esc}[1;31mred${esc}[0m`)).toBe('red');
	});
});

describe('sanitizeLine', () => {
	test.each(hostile)('%s', (_name, input, _text, line) => {
		expect(sanitizeLine(input, {keepColors: true})).toBe(line);
		expect(sanitizeLine(input, {keepColors: false})).toBe(line);
	});

	test('keeps SGR only when asked, and only the digits-and-semicolons form', () => {
		const colored = `${esc}[1;32mINFO${esc}[0m ready`;
		expect(sanitizeLine(colored, {keepColors: true})).toBe(colored);
		expect(sanitizeLine(colored, {keepColors: false})).toBe('INFO ready');
		expect(sanitizeLine(`${esc}[mplain`, {keepColors: true})).toBe(`${esc}[mplain`);
		// Private or sub-parameter forms are not plain SGR.
		expect(sanitizeLine(`${esc}[?25m${esc}[38:2:1:2:3mx`, {keepColors: true})).toBe('x');
		// An absurdly long parameter list is not a colour.
		expect(sanitizeLine(`${esc}[${'1;'.repeat(40)}mx`, {keepColors: true})).toBe('x');
	});

	test('closes an SGR left open', () => {
		expect(sanitizeLine(`${esc}[31mred`, {keepColors: true})).toBe(`${esc}[31mred${esc}[0m`);
		expect(sanitizeLine(`${esc}[31mred${esc}[00m`, {keepColors: true})).toBe(`${esc}[31mred${esc}[00m`);
	});

	test('expands tabs to the next multiple of 8', () => {
		expect(sanitizeLine('a\tbc\td', {keepColors: false})).toBe('a       bc      d');
		expect(sanitizeLine('12345678\tx', {keepColors: false})).toBe('12345678        x');
		// SGR takes no columns.
		expect(sanitizeLine(`${esc}[1mab${esc}[0m\tc`, {keepColors: true})).toBe(`${esc}[1mab${esc}[0m      c`);
	});

	test('caps the visible length and closes an open colour', () => {
		expect(sanitizeLine('abcdef', {keepColors: false, maxLength: 3})).toBe('abc');
		expect(sanitizeLine(`${esc}[31mabcdef`, {keepColors: true, maxLength: 3})).toBe(`${esc}[31mabc${esc}[0m`);
		expect(sanitizeLine('a\tb', {keepColors: false, maxLength: 4})).toBe('a   ');
		// A surrogate pair is one character and is never split.
		expect(sanitizeLine('😀😀😀', {keepColors: false, maxLength: 2})).toBe('😀😀');
	});

	test('a 1 MB line is capped at the default length', () => {
		const mb = 1 << 20;
		expect(defaultMaxLineLength).toBe(4096);
		expect(sanitizeLine('x'.repeat(mb), {keepColors: true})).toHaveLength(4096);
		const noisy = `${esc}[1mab\tc\u0007`.repeat(mb / 8);
		const out = sanitizeLine(noisy, {keepColors: true});
		expect(out.replaceAll(`${esc}[1m`, '').replaceAll(`${esc}[0m`, '')).toHaveLength(4096);
		expect(out.endsWith(`${esc}[0m`)).toBe(true);
		// Nothing but colours: bounded too.
		expect(sanitizeLine(`${esc}[1m`.repeat(mb / 4), {keepColors: true}).length).toBeLessThanOrEqual(4 * 4096 + 4);
		// Nothing visible at all.
		expect(sanitizeLine('\u0007'.repeat(mb), {keepColors: true})).toBe('');
	});
});

describe('hasControl', () => {
	test.each(hostile)('%s', (_name, input) => {
		expect(hasControl(input)).toBe(true);
	});

	test('tabs count, surrogate pairs do not', () => {
		expect(hasControl('a\tb')).toBe(true);
		expect(hasControl('😀')).toBe(false);
		expect(hasControl('\uD83D')).toBe(true);
	});
});
