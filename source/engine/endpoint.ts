/**
 * Picks the Docker endpoint the way the docker CLI does: flags, environment,
 * the context store and config.json, then the default socket.
 */
import {join} from 'node:path';
import {EngineError} from './engine.js';
import {
	dockerConfigDir,
	listDirOrEmpty,
	loadContext,
	readCurrentContext,
	readFileOrUndefined,
	type ListDir,
	type ReadFile,
} from './docker-context.js';
import {defaultSocket, parseHost} from './parse-host.js';

export {parseHost} from './parse-host.js';
export {describeSource} from './describe-source.js';

/** Where an endpoint came from; `context` names the context when one was involved. */
export type EndpointSource = {
	kind: 'flag-host' | 'env-host' | 'flag-context' | 'env-context' | 'config-context' | 'default';
	context?: string;
};

/** TLS material as file paths (not contents); verify false means TLS without checking the server. */
export type TlsFiles = {ca?: string; cert?: string; key?: string; verify: boolean};

/** A resolved Docker endpoint; `url` is the normalized display string. */
export type Endpoint =
	| {kind: 'unix'; path: string; url: string; source: EndpointSource}
	| {kind: 'tcp'; host: string; port: number; tls?: TlsFiles; url: string; source: EndpointSource}
	/** No user or port: ssh's config decides (else the local user, 22); path is the remote socket. */
	| {kind: 'ssh'; user?: string; host: string; port?: number; path?: string; url: string; source: EndpointSource};

/** What resolution reads: flags, environment, home dir, and (for tests) the file system. */
export type ResolveInput = {
	host?: string;
	context?: string;
	env: Record<string, string | undefined>;
	homeDir: string;
	/** Undefined when the file is missing; defaults to fs. */
	readFile?: ReadFile;
	/** Directory entries, empty when missing; defaults to fs. Used to list known contexts. */
	listDir?: ListDir;
};

/**
 * Resolves the endpoint; throws EngineError 'bad-host' or 'unknown-context'.
 * Mirrors docker/cli cli/command/cli.go: resolveContextName picks --context,
 * then --host or DOCKER_HOST (meaning the "default" context), then DOCKER_CONTEXT,
 * then config.json currentContext; the default context uses --host, else
 * DOCKER_HOST, else the default socket (getServerHost + opts.ParseHost).
 */
export function resolveEndpoint(input: ResolveInput): Endpoint {
	const {env} = input;
	const readFile = input.readFile ?? readFileOrUndefined;
	const listDir = input.listDir ?? listDirOrEmpty;
	const configDir = dockerConfigDir(env, input.homeDir);
	const flagHost = present(input.host);
	const flagContext = present(input.context);
	const envHost = present(env['DOCKER_HOST']);
	const tls = tlsFromEnv(env, configDir, readFile);

	const fromContext = (name: string, source: EndpointSource): Endpoint => {
		if (name === 'default') {
			// The "default" context is virtual: DOCKER_HOST, else the default socket.
			return envHost ? parseHost(envHost, {kind: 'env-host', context: 'default'}, tls) : defaultEndpoint(source, tls);
		}

		const stored = loadContext(configDir, name, source, readFile, listDir);
		// Context TLS comes from the store only; DOCKER_TLS* apply to the default context.
		return stored.host ? parseHost(stored.host, source, stored.tls) : defaultEndpoint(source, undefined);
	};

	if (flagHost && flagContext) {
		// cli.go Initialize: "conflicting options: cannot specify both --host and --context".
		throw new EngineError({
			kind: 'bad-host',
			title: 'Both --host and --context were given',
			detail: `--host ${flagHost} and --context ${flagContext} each name an endpoint; the docker CLI refuses this too.`,
			hint: 'Pass only one of --host or --context.',
		});
	}

	if (flagContext) return fromContext(flagContext, {kind: 'flag-context', context: flagContext});
	if (flagHost) return parseHost(flagHost, {kind: 'flag-host'}, tls);
	if (envHost) return parseHost(envHost, {kind: 'env-host'}, tls);
	const envContext = present(env['DOCKER_CONTEXT']);
	if (envContext) return fromContext(envContext, {kind: 'env-context', context: envContext});
	const current = readCurrentContext(configDir, readFile);
	if (current) return fromContext(current, {kind: 'config-context', context: current});
	return defaultEndpoint({kind: 'default'}, tls);
}

// opts/hosts.go ParseHost: with TLS on and no host at all, the CLI dials tcp://localhost:2376.
function defaultEndpoint(source: EndpointSource, tls: TlsFiles | undefined): Endpoint {
	if (tls) return {kind: 'tcp', host: 'localhost', port: 2376, tls, url: 'tcp://localhost:2376', source};
	return {kind: 'unix', path: defaultSocket, url: `unix://${defaultSocket}`, source};
}

/**
 * cli/flags/options.go: any non-empty DOCKER_TLS_VERIFY (even "0") means TLS with
 * verification; DOCKER_TLS alone means TLS without it. Files come from
 * DOCKER_CERT_PATH or the config dir; ca.pem is always named (a missing one
 * fails when read, as in the CLI) while missing cert.pem/key.pem are dropped.
 */
function tlsFromEnv(env: Record<string, string | undefined>, configDir: string, readFile: ReadFile): TlsFiles | undefined {
	const verify = Boolean(env['DOCKER_TLS_VERIFY']);
	if (!verify && !env['DOCKER_TLS']) return undefined;
	const certDir = env['DOCKER_CERT_PATH'] || configDir;
	const tls: TlsFiles = {ca: join(certDir, 'ca.pem'), verify};
	const cert = join(certDir, 'cert.pem');
	const key = join(certDir, 'key.pem');
	if (readFile(cert) !== undefined) tls.cert = cert;
	if (readFile(key) !== undefined) tls.key = key;
	return tls;
}

function present(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}
