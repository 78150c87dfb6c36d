/** What E's command line, --shell and --detach-keys become. */
import {describe, expect, it} from 'vitest';
import {toConfig} from '../../source/config.js';
import {detachWatcher, parseDetachKeys} from '../../source/terminal/detach-keys.js';
import {splitCommandLine} from '../../source/terminal/split-command.js';
import {commandLine, startFailure} from '../../source/terminal/run-session.js';

const argv = (line: string) => {
	const result = splitCommandLine(line);
	if (!result.ok) throw new Error(result.error);
	return result.argv;
};

describe('splitCommandLine', () => {
	it('splits on blanks, any number of them', () => {
		expect(argv('ls  -l\t/tmp ')).toEqual(['ls', '-l', '/tmp']);
	});

	it('keeps single-quoted text as is, backslashes and $ included', () => {
		expect(argv(`sh -c 'echo "$HOME" \\n; exit 3'`)).toEqual(['sh', '-c', 'echo "$HOME" \\n; exit 3']);
	});

	it('takes \\" \\\\ \\$ \\` as escapes inside double quotes, other backslashes literally', () => {
		expect(argv(String.raw`echo "a \"b\" \\ \$x \n"`)).toEqual(['echo', String.raw`a "b" \ $x \n`]);
	});

	it('joins quoted and unquoted parts of one word, and keeps empty quoted words', () => {
		expect(argv(`a'b c'"d"e '' ""`)).toEqual(['ab cde', '', '']);
	});

	it('takes a backslash outside quotes as escaping the next character', () => {
		expect(argv(String.raw`cat my\ file \'x`)).toEqual(['cat', 'my file', "'x"]);
	});

	it('expands nothing: $VAR, globs, ~, ; and | are plain text', () => {
		expect(argv('echo $HOME * ~ ; ls | wc')).toEqual(['echo', '$HOME', '*', '~', ';', 'ls', '|', 'wc']);
	});

	it('says what is wrong with a line it cannot split', () => {
		expect(splitCommandLine(`echo 'oops`)).toEqual({ok: false, error: 'unterminated single quote'});
		expect(splitCommandLine('echo "oops')).toEqual({ok: false, error: 'unterminated double quote'});
		expect(splitCommandLine('echo \\')).toEqual({ok: false, error: 'the line ends with a lone backslash'});
		expect(splitCommandLine('   ')).toEqual({ok: false, error: 'no command given'});
	});

	it('round-trips through commandLine, the form notices show', () => {
		for (const words of [['ls', '-l'], ['sh', '-c', "echo 'hi there'; exit 3"], ['printf', ''], ['a"b', '$x']]) {
			expect(argv(commandLine(words))).toEqual(words);
		}
	});
});

describe('parseDetachKeys', () => {
	it("reads docker's default", () => {
		const keys = parseDetachKeys('ctrl-p,ctrl-q');
		expect([...keys.bytes]).toEqual([0x10, 0x11]);
		expect(keys.spec).toBe('ctrl-p,ctrl-q');
		expect(keys.label).toBe('Ctrl-P Ctrl-Q');
	});

	it('reads the ctrl- punctuation names and single characters, and lower-cases ctrl- names for the engine', () => {
		expect([...parseDetachKeys('ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_').bytes]).toEqual([0, 27, 28, 29, 30, 31]);
		const mixed = parseDetachKeys('Ctrl-A,x');
		expect([...mixed.bytes]).toEqual([1, 0x78]);
		expect(mixed.spec).toBe('ctrl-a,x');
		expect(mixed.label).toBe('Ctrl-A x');
	});

	it('refuses what docker refuses, naming the key', () => {
		for (const bad of ['', 'ctrl-', 'ctrl-pp', 'ctrl-1', 'ab', 'ctrl-p,,ctrl-q', ' ']) {
			expect(() => parseDetachKeys(bad), JSON.stringify(bad)).toThrow(/--detach-keys/);
		}
	});
});

describe('detachWatcher', () => {
	const watcher = () => detachWatcher(parseDetachKeys('ctrl-p,ctrl-q').bytes);

	it('sees the sequence within a chunk and across chunks', () => {
		expect(watcher().push('ab\u0010\u0011')).toBe(true);
		const split = watcher();
		expect(split.push('\u0010')).toBe(false);
		expect(split.push('\u0011')).toBe(true);
	});

	it('does not fire on the keys apart or in the wrong order', () => {
		const w = watcher();
		expect(w.push('\u0010x\u0011')).toBe(false);
		expect(w.push('\u0011\u0010')).toBe(false);
		// ...but the ctrl-p that ended that chunk still counts with the next one.
		expect(w.push('\u0011')).toBe(true);
	});

	it('restarts on a repeated first key (ctrl-p ctrl-p ctrl-q)', () => {
		expect(watcher().push('\u0010\u0010\u0011')).toBe(true);
	});
});

describe('--shell and --detach-keys in the config', () => {
	it('splits --shell like a command line and keeps the default detach keys', () => {
		const config = toConfig({shell: '/bin/zsh -l'});
		expect(config.shell).toEqual(['/bin/zsh', '-l']);
		expect(config.detachKeys.spec).toBe('ctrl-p,ctrl-q');
		expect(toConfig({}).shell).toBeUndefined();
	});

	it('takes --detach-keys, and says what is wrong with a bad one or an unsplittable --shell', () => {
		expect(toConfig({detachKeys: 'ctrl-x,x'}).detachKeys.label).toBe('Ctrl-X x');
		expect(() => toConfig({detachKeys: 'ctrl-pq'})).toThrow(/--detach-keys: unknown key "ctrl-pq"/);
		expect(() => toConfig({shell: "sh -c 'x"})).toThrow('--shell: unterminated single quote');
	});
});

describe('startFailure', () => {
	const docker = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\r\n';
	const podman = 'crun: executable file `bash` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found\r\n';

	it("recognises the engines' own words with 126 or 127", () => {
		expect(startFailure(docker, 126)).toBe('not-found');
		expect(startFailure(podman, 127)).toBe('not-found');
		expect(startFailure('OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc": permission denied: unknown', 126)).toBe('cannot-run');
	});

	it('leaves a program that exits 126 or 127 by itself alone, and other codes', () => {
		expect(startFailure('sh: nope: not found\r\n', 127)).toBeUndefined();
		expect(startFailure('', 127)).toBeUndefined();
		expect(startFailure(docker, 1)).toBeUndefined();
		expect(startFailure(docker, undefined)).toBeUndefined();
	});
});
