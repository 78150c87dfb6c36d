import type {Key} from 'ink';

/**
 * Names one keypress the way bindings spell it: "j", "G", "?", "up",
 * "pagedown", "enter", "escape", "space", "ctrl+c".
 */
export function keyName(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	return rawKeyName(input);
}

/** Names a single character that arrived without Ink's parsing (inside a chunk of several). */
export function rawKeyName(char: string): string {
	switch (char) {
		case '\r':
		case '\n':
			return 'enter';
		case '\t':
			return 'tab';
		case '\u007f':
		case '\b':
			return 'backspace';
		case '\u001b':
			return 'escape';
		case ' ':
			return 'space';
	}

	const code = char.codePointAt(0) ?? 0;
	if (char.length === 1 && code >= 1 && code <= 26) return `ctrl+${String.fromCodePoint(code + 96)}`;
	return char;
}

/** How a key is written in help and docs. */
export function keyLabel(name: string): string {
	const labels: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		escape: 'Esc',
		space: 'Space',
		backspace: 'Backspace',
		tab: 'Tab',
		'shift+tab': 'Shift-Tab',
	};
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return labels[name] ?? name;
}
