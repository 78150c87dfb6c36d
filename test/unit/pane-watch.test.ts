import {describe, expect, test} from 'vitest';
import {decodeOutputLine} from '../../bench/pane-watch.js';

describe('tmux control-mode %output lines (bench/pane-watch.ts)', () => {
	test('octal escapes become the bytes, UTF-8 is decoded', () => {
		expect(decodeOutputLine('%output %0 \\033[7mhi\\033[0m\\015\\012')).toBe('\u001B[7mhi\u001B[0m\r\n');
		expect(decodeOutputLine('%output %12 a\\134b')).toBe('a\\b');
		// tmux passes bytes of 128 and above through as they are: one UTF-8 character across several bytes.
		expect(decodeOutputLine(`%output %1 ${Buffer.from('·│', 'utf8').toString('latin1')}`)).toBe('·│');
	});

	test('other notifications are not output', () => {
		expect(decodeOutputLine('%begin 1700000000 1 0')).toBeUndefined();
		expect(decodeOutputLine('%window-add @1')).toBeUndefined();
	});
});
