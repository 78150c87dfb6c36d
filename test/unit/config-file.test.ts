import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {defaultConfigPath, fileOptions, mergeConfig, parseConfig, readConfigFile} from '../../source/config-file.js';

describe('config file', () => {
	test('keys are long option names; values come back keyed like the flags', () => {
		expect(parseConfig('{"read-only": true, "stop-timeout": 20, "tail": "1000"}', 'c.json')).toEqual({readOnly: true, stopTimeout: 20, tail: '1000'});
	});

	test('an unknown option, a wrong type, or not an object is refused, naming the file', () => {
		expect(() => parseConfig('{"readonly": true}', '/x/c.json')).toThrow(/\/x\/c\.json has an unknown option "readonly"/);
		expect(() => parseConfig('{"stop-timeout": "20"}', 'c.json')).toThrow(/"stop-timeout" must be a number/);
		expect(() => parseConfig('[1]', 'c.json')).toThrow(/must hold a JSON object/);
		expect(() => parseConfig('{"tail": ', 'c.json')).toThrow(/not valid JSON/);
	});

	test('command-line-only options cannot be set from a file', () => {
		expect(fileOptions.map((option) => option.name)).not.toContain('version');
		expect(() => parseConfig('{"once": true}', 'c.json')).toThrow(/unknown option "once"/);
	});

	test('flags given win; flags not given leave the file\'s value', () => {
		expect(mergeConfig({readOnly: true, tail: '50'}, {readOnly: undefined, tail: '7', yes: true})).toEqual({readOnly: true, tail: '7', yes: true});
		expect(mergeConfig({readOnly: true}, {readOnly: false})).toEqual({readOnly: false});
	});

	test('the default path follows XDG_CONFIG_HOME, else ~/.config', () => {
		expect(defaultConfigPath({XDG_CONFIG_HOME: '/xdg'}, '/home/me')).toBe('/xdg/berth/config.json');
		expect(defaultConfigPath({}, '/home/me')).toBe('/home/me/.config/berth/config.json');
	});

	test('a missing default file is no config; a missing file asked for is an error', () => {
		const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
		expect(readConfigFile(join(dir, 'none.json'), false)).toEqual({});
		expect(() => readConfigFile(join(dir, 'none.json'), true)).toThrow(/cannot read the config file/);
		writeFileSync(join(dir, 'c.json'), '{"running": true}');
		expect(readConfigFile(join(dir, 'c.json'), true)).toEqual({running: true});
	});
});
