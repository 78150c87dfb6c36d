import {createHash} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {EngineError} from './engine.js';
import type {EndpointSource, TlsFiles} from './endpoint.js';

/** Reads a text file; undefined when it cannot be read. */
export type ReadFile = (path: string) => string | undefined;
/** Lists a directory's entries; empty when it cannot be read. */
export type ListDir = (path: string) => string[];

/** A context from the docker CLI's context store, with TLS material as file paths. */
export type StoredContext = {
	name: string;
	/** Empty when the context sets no host (the engine default then applies). */
	host: string;
	/** Present when the CLI would use TLS: TLS files exist or SkipTLSVerify is set. */
	tls?: TlsFiles;
};

/** fs-backed ReadFile. */
export const readFileOrUndefined: ReadFile = path => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
};

/** fs-backed ListDir. */
export const listDirOrEmpty: ListDir = path => {
	try {
		return readdirSync(path);
	} catch {
		return [];
	}
};

/** The docker CLI's config dir: DOCKER_CONFIG, else ~/.docker (cli/config/config.go Dir). */
export function dockerConfigDir(env: Record<string, string | undefined>, homeDir: string): string {
	return env['DOCKER_CONFIG'] || join(homeDir, '.docker');
}

/** `currentContext` from config.json; a missing or broken file counts as unset, as the CLI only warns. */
export function readCurrentContext(configDir: string, readFile: ReadFile): string | undefined {
	const parsed = parseJson(readFile(join(configDir, 'config.json')));
	const name = field(parsed, 'currentContext');
	return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Loads a named context; throws EngineError 'unknown-context' (or 'bad-host' for a context without a docker endpoint). */
export function loadContext(configDir: string, name: string, source: EndpointSource, readFile: ReadFile, listDir: ListDir): StoredContext {
	const id = contextId(name);
	const metaPath = join(configDir, 'contexts', 'meta', id, 'meta.json');
	const text = readFile(metaPath);
	const meta = parseJson(text);
	if (meta === undefined) {
		const known = listContextNames(configDir, readFile, listDir);
		throw new EngineError({
			kind: 'unknown-context',
			title: text === undefined ? `Docker context "${name}" does not exist` : `Docker context "${name}" cannot be read`,
			detail: `The context was chosen ${originOf(source)}; ${text === undefined ? 'there is no' : 'berth could not parse'} ${metaPath}.`,
			hint: `Known contexts: ${known.join(', ')}. Pick one with --context NAME or \`docker context use NAME\`${
				source.kind === 'env-context' ? ', or unset DOCKER_CONTEXT' : ''
			}.`,
		});
	}

	const docker = field(field(meta, 'Endpoints'), 'docker');
	if (docker === undefined) {
		throw new EngineError({
			kind: 'bad-host',
			title: `Docker context "${name}" has no Docker endpoint`,
			detail: `The context was chosen ${originOf(source)}; ${metaPath} has no Endpoints.docker entry.`,
			hint: `Recreate it, e.g. \`docker context create ${name} --docker host=ssh://user@host\`, or pick another context.`,
		});
	}

	const host = field(docker, 'Host');
	const skipVerify = field(docker, 'SkipTLSVerify') === true;
	const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
	const present = (file: string) => (readFile(join(tlsDir, file)) === undefined ? undefined : join(tlsDir, file));
	const files = {ca: present('ca.pem'), cert: present('cert.pem'), key: present('key.pem')};
	const context: StoredContext = {name, host: typeof host === 'string' ? host.trim() : ''};
	// cli/context/docker/load.go tlsConfig: TLS when there is TLS data or SkipTLSVerify.
	if (files.ca || files.cert || files.key || skipVerify) context.tls = {...definedOnly(files), verify: !skipVerify};
	return context;
}

/** Names of the stored contexts plus "default", sorted; unreadable entries are skipped. */
export function listContextNames(configDir: string, readFile: ReadFile, listDir: ListDir): string[] {
	const metaRoot = join(configDir, 'contexts', 'meta');
	const names = new Set<string>(['default']);
	for (const entry of listDir(metaRoot)) {
		const name = field(parseJson(readFile(join(metaRoot, entry, 'meta.json'))), 'Name');
		if (typeof name === 'string' && name !== '') names.add(name);
	}

	return [...names].sort((a, b) => a.localeCompare(b));
}

/** The store's directory id for a context name (cli/context/store/store.go contextdirOf). */
export function contextId(name: string): string {
	return createHash('sha256').update(name).digest('hex');
}

function originOf(source: EndpointSource): string {
	if (source.kind === 'flag-context') return 'by --context';
	if (source.kind === 'env-context') return 'by DOCKER_CONTEXT';
	return 'as currentContext in the Docker config.json';
}

function parseJson(text: string | undefined): unknown {
	if (text === undefined) return undefined;
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? value : undefined;
	} catch {
		return undefined;
	}
}

// Go's encoding/json matches object keys case-insensitively, so the CLI accepts "host" for "Host".
function field(value: unknown, key: string): unknown {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	if (key in record) return record[key];
	const match = Object.keys(record).find(candidate => candidate.toLowerCase() === key.toLowerCase());
	return match === undefined ? undefined : record[match];
}

function definedOnly(files: {ca?: string; cert?: string; key?: string}): {ca?: string; cert?: string; key?: string} {
	return Object.fromEntries(Object.entries(files).filter(([, path]) => path !== undefined));
}
