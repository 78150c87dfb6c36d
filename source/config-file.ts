import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {options} from './cli-options.js';

/** Options that only make sense on a command line. */
const commandOnly = new Set(['config', 'once', 'keys', 'version', 'help']);

/** Options a config file may set: every option except those above. */
export const fileOptions = options.filter((option) => !commandOnly.has(option.name));

/** Where berth looks for its config file when --config does not say. */
export function defaultConfigPath(env: NodeJS.ProcessEnv, homeDir: string): string {
	const base = env['XDG_CONFIG_HOME'] || join(homeDir, '.config');
	return join(base, 'berth', 'config.json');
}

/**
 * Reads a config file: a JSON object whose keys are option names as on the
 * command line without the dashes (`"stop-timeout": 20`). Returns the values
 * keyed like meow's flags (camelCase). A missing file is no config unless it
 * was asked for; anything malformed throws a message that names the file.
 */
export function readConfigFile(path: string, explicit: boolean): Record<string, unknown> {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw new Error(`cannot read the config file ${path}: ${(error as Error).message}`);
	}

	return parseConfig(text, path);
}

/** The pure part of readConfigFile. */
export function parseConfig(text: string, path: string): Record<string, unknown> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new Error(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
	}

	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new Error(`the config file ${path} must hold a JSON object, e.g. {"read-only": true}`);
	}

	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		const option = fileOptions.find((candidate) => candidate.name === key);
		if (!option) throw new Error(`the config file ${path} has an unknown option "${key}" (berth --help lists them; use the long name without dashes)`);
		if (typeof value !== option.type) {
			throw new Error(`the config file ${path}: "${key}" must be a ${option.type}, not ${JSON.stringify(value)}`);
		}

		values[key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
	}

	return values;
}

/** Flags given on the command line win over the file; meow leaves absent flags undefined. */
export function mergeConfig(fromFile: Record<string, unknown>, fromFlags: Record<string, unknown>): Record<string, unknown> {
	const merged = {...fromFile};
	for (const [key, value] of Object.entries(fromFlags)) if (value !== undefined) merged[key] = value;
	return merged;
}
