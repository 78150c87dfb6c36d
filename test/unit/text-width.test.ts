import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {columns, fit, padEnd, truncate} from '../../source/ui/text-width.js';

describe('truncate, padEnd, columns', () => {
	test('ASCII', () => {
		expect(truncate('hello world', 5)).toBe('hell…');
		expect(truncate('hello', 5)).toBe('hello');
		expect(truncate('hello', 1)).toBe('…');
		expect(truncate('hello', 0)).toBe('');
		expect(padEnd('abc', 6)).toBe('abc   ');
		expect(padEnd('abcdefgh', 6)).toBe('abcde…');
		expect(fit('abc', 4)).toBe('abc ');
	});

	test('wide characters count two columns; a straddling one becomes a space', () => {
		expect(truncate('日本語テキスト', 6)).toBe('日本… ');
		expect(truncate('日本語テキスト', 5)).toBe('日本…');
		expect(truncate('日本語', 6)).toBe('日本語');
		expect(padEnd('日本', 7)).toBe('日本   ');
		expect(truncate('a😀b', 3)).toBe('a… ');
		expect(padEnd('café', 6)).toBe('café  ');
	});

	test('grapheme clusters are never split', () => {
		const family = '👨‍👩‍👧';
		expect(truncate(`${family}${family}x`, 4)).toBe(`${family}… `);
		expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
		expect(truncate('🇩🇪🇫🇷', 3)).toBe('🇩🇪…');
	});

	test('every result is exactly the asked width', () => {
		const samples = ['plain', 'コンテナ名前テスト', 'mixed 日本 text 😀 ok', 'e\u0301le\u0300ve', 'ｶﾞｷﾞ', '한국어', '\u1100\u1161\u11A8x', 'ไทย', '🇩🇪 👍🏽 1️⃣'];
		for (const s of samples) {
			expect(columns(s)).toBe(stringWidth(s));
			for (let width = 1; width <= 24; width++) {
				expect(stringWidth(padEnd(s, width))).toBe(width);
				expect(stringWidth(truncate(s, width))).toBe(Math.min(width, stringWidth(s)));
			}
		}
	});
});
