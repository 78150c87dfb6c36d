/**
 * The detach sequence in docker's own format (`--detach-keys`, e.g. "ctrl-p,ctrl-q"):
 * comma-separated keys, each a single character or `ctrl-<x>` for x in a-z, @, [, \, ], ^, _
 * (moby/term's ToBytes). The engine watches for it on attach and exec and ends the stream;
 * berth watches its own input for it too, to know that the session was detached, not ended.
 */

/** docker's default. */
export const defaultDetachKeys = 'ctrl-p,ctrl-q';

export type DetachKeys = {
	/** As sent to the engine (detachKeys query, DetachKeys field): ctrl- names lower-cased. */
	spec: string;
	/** What the terminal sends for it. */
	bytes: Uint8Array;
	/** For people: "Ctrl-P Ctrl-Q". */
	label: string;
};

// moby/term: ASCII[code] for the control codes 0..31 that have a ctrl- name.
const controlNames = ['@', ...'abcdefghijklmnopqrstuvwxyz', '[', '\\', ']', '^', '_'];

/** Parses docker's format; throws an Error saying what is wrong. */
export function parseDetachKeys(text: string): DetachKeys {
	const parts = text.split(',');
	const bytes: number[] = [];
	const specs: string[] = [];
	const labels: string[] = [];
	for (const part of parts) {
		if (part.length === 1) {
			const code = part.codePointAt(0) ?? 0;
			if (code < 0x21 || code > 0x7e) throw new Error(`--detach-keys: "${part}" is not a key (use a printable character or ctrl-<letter>)`);
			bytes.push(code);
			specs.push(part);
			labels.push(part);
			continue;
		}

		const match = /^ctrl-(.)$/i.exec(part);
		const name = match?.[1]?.toLowerCase();
		const code = name === undefined ? -1 : controlNames.indexOf(name);
		if (code === -1) {
			throw new Error(`--detach-keys: unknown key "${part}" (docker's format: keys separated by commas, each a character or ctrl-<a-z, @, [, \\, ], ^, _>, e.g. ctrl-p,ctrl-q)`);
		}

		bytes.push(code);
		specs.push(`ctrl-${name}`);
		labels.push(`Ctrl-${name!.toUpperCase()}`);
	}

	return {spec: specs.join(','), bytes: Uint8Array.from(bytes), label: labels.join(' ')};
}

/**
 * Watches a byte stream for the sequence across chunk boundaries; `push` answers true
 * once the whole sequence has been seen (as consecutive bytes).
 */
export function detachWatcher(sequence: Uint8Array): {push(chunk: Uint8Array | string): boolean} {
	let matched = 0;
	return {
		push(chunk) {
			const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
			for (const byte of data) {
				if (byte === sequence[matched]) matched++;
				// A restart: the byte that broke the run may begin a new one.
				else matched = byte === sequence[0] ? 1 : 0;
				if (matched === sequence.length) {
					matched = 0;
					return true;
				}
			}

			return false;
		},
	};
}
