import {describe, expect, test} from 'vitest';
import {LogBuffer} from '../../source/store/log-buffer.js';
import type {LogLine} from '../../source/store/log-line.js';
import {initialLogsUi, logsReducer, type LogsUi} from '../../source/store/logs-ui.js';
import {sliceColumns, textColumns, wrapColumns} from '../../source/ui/ansi-columns.js';
import {bottomIndex, lineList, searchIndex} from '../../source/ui/log-search.js';
import {afterCarriageReturns, colorFor, drawnText, highlighted, makeMatcher, plainText} from '../../source/ui/log-text.js';
import {layoutLogRows} from '../../source/ui/log-rows.js';

const esc = '\u001B';
const line = (text: string, kind: LogLine['kind'] = 'out', partial = false): LogLine => ({text, kind, time: undefined, source: 0, partial});

function bufferOf(texts: string[]): LogBuffer {
	const buffer = new LogBuffer({capacity: 1000});
	for (const text of texts) buffer.append(line(text));
	return buffer;
}

describe('carriage returns', () => {
	test.each([
		['no CR', 'plain', 'plain'],
		['progress bar', 'progress 10%\rprogress 50%\rprogress 100%', 'progress 100%'],
		['CR at the end changes nothing', 'done\r', 'done'],
		['several at the end', 'a\rb\r\r', 'b'],
		['only CRs', '\r\r', ''],
		['CR first', '\rtext', 'text'],
	])('%s', (_name, input, drawn) => {
		expect(afterCarriageReturns(input)).toBe(drawn);
	});
});

describe('log lines through the sanitizer (drawnText)', () => {
	// Every hostile sequence a container could print: only SGR colours may survive.
	const hostile: Array<[string, string, string]> = [
		['CSI 2J clear screen', `a${esc}[2Jb`, 'ab'],
		['cursor movement', `${esc}[10;10Hx${esc}[5Ay${esc}[?25l`, 'xy'],
		['OSC 0 window title (BEL)', `${esc}]0;pwned\u0007x`, 'x'],
		['OSC 0 window title (ST)', `${esc}]0;pwned${esc}\\x`, 'x'],
		['OSC 52 clipboard', `${esc}]52;c;ZWNobyBwd25lZA==\u0007x`, 'x'],
		['OSC 8 hyperlink', `${esc}]8;;http://evil${esc}\\link${esc}]8;;${esc}\\`, 'link'],
		['DCS', `${esc}P1$r0m${esc}\\x`, 'x'],
		['C1 CSI', 'a\u009B2Jb', 'ab'],
		['C1 OSC', 'a\u009D0;t\u009Cb', 'ab'],
		['bell', 'a\u0007b', 'ab'],
		['backspace', 'abc\b\b\bxyz', 'abcxyz'],
		['reset terminal (RIS)', `${esc}cx`, 'x'],
		['lone CR keeps only the last part', 'safe\rEVIL', 'EVIL'],
	];

	test.each(hostile)('%s', (_name, input, expected) => {
		expect(drawnText(input, true)).toBe(expected);
		expect(drawnText(input, false)).toBe(expected);
	});

	test('SGR colours are kept, or stripped with colors off', () => {
		const colored = `${esc}[31mERR${esc}[0m boom`;
		expect(drawnText(colored, true)).toBe(colored);
		expect(drawnText(colored, false)).toBe('ERR boom');
	});

	test('the drawn part of a 1 MB line is capped; search still sees all of it', () => {
		const long = `${'x'.repeat(1_000_000)}needle`;
		expect(drawnText(long, true)).toHaveLength(4096);
		expect(plainText(long)).toHaveLength(1_000_006);
		expect(makeMatcher('needle').test(plainText(long))).toBe(true);
	});
});

describe('ansi-columns', () => {
	test('slice and wrap plain text', () => {
		expect(sliceColumns('abcdefghij', 3, 4)).toBe('defg');
		expect(wrapColumns('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapColumns('', 4)).toEqual(['']);
		expect(wrapColumns('abcdefghij', 4, 2)).toEqual(['abcd', 'efgh']);
	});

	test('colours in force carry into each piece, and each piece ends reset', () => {
		const s = `ab${esc}[31mcdef${esc}[0mgh`;
		expect(sliceColumns(s, 3, 2)).toBe(`${esc}[31mde${esc}[0m`);
		expect(sliceColumns(s, 6, 2)).toBe(`${esc}[0mgh${esc}[0m`);
		const rows = wrapColumns(s, 3);
		expect(rows).toHaveLength(3);
		expect(rows[0]).toBe(`ab${esc}[31mc${esc}[0m`);
		// The red goes on in the second row, which ends reset; the third is past the colour's end.
		expect(rows[1]!.startsWith(`${esc}[31mdef`) && rows[1]!.endsWith(`${esc}[0m`)).toBe(true);
		expect(rows[2]).toBe('gh');
		for (const piece of wrapColumns(s, 3)) expect(textColumns(piece)).toBeLessThanOrEqual(3);
	});

	test('wide characters count two columns and are never split', () => {
		expect(textColumns('日本語')).toBe(6);
		expect(wrapColumns('日本語', 5)).toEqual(['日本 ', '語']);
		expect(sliceColumns('日本語', 1, 4)).toBe(' 本 ');
	});
});

describe('search', () => {
	test('smart case: lower case matches any case, a capital makes it exact', () => {
		expect(makeMatcher('error').test('An ERROR here')).toBe(true);
		expect(makeMatcher('Error').test('An ERROR here')).toBe(false);
		expect(makeMatcher('Error').test('An Error here')).toBe(true);
		expect(makeMatcher('').test('anything')).toBe(false);
		expect(makeMatcher('ab').ranges('xabyABz')).toEqual([[1, 3], [4, 6]]);
	});

	test('searches the text as shown: colours and escapes do not hide a match', () => {
		expect(makeMatcher('error').test(plainText(`${esc}[31merr${esc}[0mor`))).toBe(true);
	});

	test('highlights every match, black on yellow on the current line', () => {
		const matcher = makeMatcher('ab');
		expect(highlighted('xab ab', matcher, false)).toBe(`x${esc}[7mab${esc}[27m ${esc}[7mab${esc}[27m`);
		expect(highlighted('xab', matcher, true)).toBe(`x${esc}[30;43mab${esc}[39;49m`);
	});

	test('the index grows with the buffer, follows dropped lines, and rereads a partial line that grew', () => {
		const buffer = new LogBuffer({capacity: 5});
		for (const text of ['error 1', 'ok', 'error 2']) buffer.append(line(text));
		const index = searchIndex(buffer);
		expect(index.find('error')).toEqual([0, 2]);
		const partial = buffer.append(line('still going', 'out', true));
		expect(index.find('error')).toEqual([0, 2]);
		buffer.replace(partial, line('still going, error 3'));
		buffer.append(line('error 4'));
		expect(index.find('error')).toEqual([0, 2, 3, 4]);
		buffer.append(line('ok'));
		buffer.append(line('ok'));
		expect(index.find('error')).toEqual([2, 3, 4]);
		expect(index.find('ok')).toEqual([5, 6]);
		expect(searchIndex(buffer)).toBe(index);
	});

	test('markers are never matches', () => {
		const buffer = new LogBuffer();
		buffer.append({text: 'restarted', kind: 'marker', time: undefined, source: 0, partial: false});
		expect(searchIndex(buffer).find('restarted')).toEqual([]);
	});

	test('filter mode lists only the matching lines', () => {
		const buffer = bufferOf(['a1', 'b1', 'a2', 'b2', 'a3']);
		const all = lineList(buffer, {filter: false, query: 'a'});
		expect(all.count).toBe(5);
		const filtered = lineList(buffer, {filter: true, query: 'a'});
		expect([filtered.count, filtered.at(0), filtered.at(2)]).toEqual([3, 0, 4]);
		expect(filtered.indexAtOrBefore(3)).toBe(1);
		expect(bottomIndex(filtered, {follow: true, bottom: 0})).toBe(2);
		expect(bottomIndex(filtered, {follow: false, bottom: 3})).toBe(1);
	});
});

describe('layoutLogRows', () => {
	const ui = (patch: Partial<LogsUi> = {}): LogsUi => ({...initialLogsUi(), open: true, target: {kind: 'container', id: 'x', name: 'x'}, ...patch});
	const layout = (buffer: LogBuffer, patch: Partial<LogsUi> = {}, rows = 3, width = 20) =>
		layoutLogRows({buffer, sources: [{id: 'x', name: 'x', label: 'web'}], ui: ui(patch), width, rows, tty: false, project: false});

	test('following: the newest lines fill the rows from the bottom; stderr has a bar', () => {
		const buffer = bufferOf(['1', '2', '3', '4']);
		buffer.append(line('oops', 'err'));
		const result = layout(buffer);
		expect(result.rows.map((row) => row.gutter + row.body)).toEqual([' 3', ' 4', '▌oops']);
		expect(result.below).toBe(0);
	});

	test('paused: the rows end at the line scrolled to and the lines below are counted', () => {
		const result = layout(bufferOf(['1', '2', '3', '4', '5', '6']), {follow: false, bottom: 2});
		expect(result.rows.map((row) => row.body)).toEqual(['1', '2', '3']);
		expect(result.below).toBe(3);
	});

	test('wrapping takes more rows per line and never more than the rows there are', () => {
		const result = layout(bufferOf(['short', 'x'.repeat(50)]), {wrap: true}, 3, 20);
		expect(result.rows).toHaveLength(3);
		expect(result.rows.map((row) => row.body)).toEqual(['x'.repeat(19), 'x'.repeat(19), 'x'.repeat(12)]);
	});

	test('sideways scrolling cuts every line at the same column', () => {
		const result = layout(bufferOf(['0123456789abcdefghijklmnop']), {hscroll: 10}, 1, 11);
		expect(result.rows[0]!.body).toBe('abcdefghij');
	});

	test('a line longer than what is drawn says how much more there is', () => {
		const result = layout(bufferOf(['y'.repeat(5000)]), {wrap: true}, 300, 100);
		expect(result.rows.map((row) => row.body).join('')).toMatch(/… 904 more characters/);
	});

	test('project views prefix the service in a stable colour', () => {
		const buffer = bufferOf(['GET /']);
		const result = layoutLogRows({buffer, sources: [{id: 'x', name: 'shop-web-1', label: 'web'}], ui: ui(), width: 40, rows: 1, tty: false, project: true});
		expect(result.rows[0]).toMatchObject({prefix: 'web | ', body: 'GET /', prefixColor: colorFor('web')});
		expect(colorFor('web')).toBe(colorFor('web'));
	});
});

describe('logsReducer', () => {
	test('open follows from the end; settings survive a close; a new open is a new session', () => {
		let logs = logsReducer(undefined, {type: 'logs/open', target: {kind: 'container', id: 'a', name: 'a'}});
		expect(logs).toMatchObject({open: true, follow: true, session: 1, full: false});
		logs = logsReducer(logs, {type: 'logs/toggle', key: 'timestamps'});
		logs = logsReducer(logs, {type: 'logs/scroll', follow: false, bottom: 7});
		logs = logsReducer(logs, {type: 'logs/close'});
		expect(logs).toMatchObject({open: false, timestamps: true});
		logs = logsReducer(logs, {type: 'logs/open', target: {kind: 'container', id: 'a', name: 'a'}, full: true});
		expect(logs).toMatchObject({open: true, follow: true, session: 2, timestamps: true, full: true});
	});

	test('a search typed and kept becomes the query; an empty one clears the filter', () => {
		let logs = logsReducer(initialLogsUi(), {type: 'logs/inputStart', input: {kind: 'search', text: ''}});
		logs = logsReducer(logs, {type: 'logs/inputSet', text: 'err'});
		logs = logsReducer(logs, {type: 'logs/inputEnd', keep: true});
		expect(logs).toMatchObject({query: 'err'});
		expect(logs.input).toBeUndefined();
		logs = logsReducer(logs, {type: 'logs/toggle', key: 'filter'});
		logs = logsReducer(logs, {type: 'logs/inputStart', input: {kind: 'search', text: ''}});
		logs = logsReducer(logs, {type: 'logs/inputEnd', keep: true});
		expect(logs).toMatchObject({query: '', filter: false});
	});
});
