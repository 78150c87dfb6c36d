/**
 * docker inspect's JSON as lines that fold: the same text JSON.stringify(value,
 * null, 4) prints, each line knowing which objects and arrays it sits in, so a
 * folded one shows as one line (`"Config": {… 22 keys},`). Pure.
 */

export type JsonLine = {
	/** The line as JSON.stringify(value, null, 4) prints it. */
	text: string;
	/** Paths of the objects and arrays this line is inside, outermost first (the root is never folded). */
	within: readonly string[];
	/** On the line that opens a non-empty object or array below the root: its path... */
	opens?: string;
	/** ...and the line shown instead while it is folded. */
	folded?: string;
};

/** A path segment: "/" separates, so keys with dots (labels) stay unambiguous. */
const segment = (key: string | number) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** The lines of `value`, root object (or array) open, everything below it foldable. */
export function jsonLines(value: unknown): JsonLine[] {
	const out: JsonLine[] = [];
	emit(out, value, '', 0, '', [], '', true);
	return out;
}

function emit(out: JsonLine[], value: unknown, prefix: string, depth: number, path: string, within: readonly string[], comma: string, root: boolean): void {
	const pad = '    '.repeat(depth);
	const entries = containerEntries(value);
	if (!entries || entries.length === 0) {
		out.push({text: `${pad}${prefix}${JSON.stringify(value) ?? 'null'}${comma}`, within});
		return;
	}

	const array = Array.isArray(value);
	const [open, close] = array ? ['[', ']'] : ['{', '}'];
	const count = `${entries.length} ${array ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`;
	out.push({
		text: `${pad}${prefix}${open}`,
		within,
		...(root ? {} : {opens: path, folded: `${pad}${prefix}${open}… ${count}${close}${comma}`}),
	});
	const inner = root ? within : [...within, path];
	entries.forEach(([key, item], index) => {
		const keyPrefix = array ? '' : `${JSON.stringify(key)}: `;
		emit(out, item, keyPrefix, depth + 1, `${path}/${segment(key)}`, inner, index < entries.length - 1 ? ',' : '', false);
	});
	out.push({text: `${pad}${close}${comma}`, within: inner});
}

/** An object's or array's entries as JSON.stringify writes them (undefined and functions dropped); undefined for anything else. */
function containerEntries(value: unknown): Array<[string | number, unknown]> | undefined {
	if (Array.isArray(value)) return value.map((item, index) => [index, item === undefined || typeof item === 'function' ? null : item]);
	if (value && typeof value === 'object') {
		return Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
	}

	return undefined;
}

/** Indices of the lines shown when only the paths in `unfolded` are open. */
export function shownJsonLines(lines: readonly JsonLine[], unfolded: ReadonlySet<string>): number[] {
	const shown: number[] = [];
	lines.forEach((line, index) => {
		if (line.within.every((path) => unfolded.has(path))) shown.push(index);
	});
	return shown;
}

/** Every path that can fold. */
export function foldablePaths(lines: readonly JsonLine[]): string[] {
	return lines.flatMap((line) => (line.opens === undefined ? [] : [line.opens]));
}
