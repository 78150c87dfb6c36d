import {EngineError} from './engine.js';
import type {Endpoint, EndpointSource, TlsFiles} from './endpoint.js';
import {describeSource} from './describe-source.js';

/** The socket the docker CLI uses when nothing else is configured (opts/hosts_unix.go). */
export const defaultSocket = '/var/run/docker.sock';

// The CLI uses 2375 for a tcp:// host without a port even when TLS is on;
// 2376 only appears in its fully-empty TLS default (opts/hosts.go ParseTCPAddr).
const defaultTcpPort = 2375;

const examples = [
	'unix:///var/run/docker.sock',
	'tcp://192.168.1.10:2375',
	'tcp://[::1]:2376 (with DOCKER_TLS_VERIFY=1)',
	'ssh://user@host[:port][/path/to/docker.sock]',
].join(', ');

/** Parses a DOCKER_HOST-style value into an endpoint; throws EngineError 'bad-host'. */
export function parseHost(raw: string, source: EndpointSource, tls?: TlsFiles): Endpoint {
	const value = raw.trim();
	const fail = (reason: string, suggestion?: string): never => {
		throw badHost(raw, source, reason, suggestion);
	};

	const schemeEnd = value.indexOf('://');
	// As the CLI does (opts.ParseHost), a value without a scheme is a tcp host: localhost:2375
	// dials tcp://localhost:2375. A path is no tcp host (the CLI refuses it too): say unix://.
	if (schemeEnd === -1) {
		if (value.startsWith('/') || value.startsWith('./')) {
			return fail('it has no scheme', `unix://${value}`);
		}

		if (value === '') return fail('it is empty');
		return parseTcp(value, source, tls, fail);
	}

	const scheme = value.slice(0, schemeEnd).toLowerCase();
	const rest = value.slice(schemeEnd + 3);
	switch (scheme) {
		case 'unix': {
			if (rest.includes('://')) return fail('it contains a second scheme');
			// `unix://` alone means the default socket, as in the CLI's parseSimpleProtoAddr.
			const path = rest || defaultSocket;
			return {kind: 'unix', path, url: `unix://${path}`, source};
		}

		case 'tcp':
			return parseTcp(rest, source, tls, fail);
		case 'ssh':
			return parseSsh(value, source, fail);
		case 'npipe':
			return fail('npipe:// is a Windows named pipe, which berth does not support');
		case 'fd':
			return fail('fd:// is a systemd-activated socket for dockerd itself; a client cannot connect to it');
		case 'http':
		case 'https':
			return fail(`${scheme}:// is not a Docker host scheme`, `tcp://${rest}`);
		default:
			return fail(`the scheme "${scheme}" is not supported`);
	}
}

function parseTcp(
	rest: string,
	source: EndpointSource,
	tls: TlsFiles | undefined,
	fail: (reason: string, suggestion?: string) => never,
): Endpoint {
	if (rest.includes('://')) return fail('it contains a second scheme');
	// An empty host is localhost, as in the CLI's ParseTCPAddr (tcp:// and tcp://:2376 both dial localhost).
	const url = parseUrl(`tcp://${rest === '' || rest.startsWith(':') ? `localhost${rest}` : rest}`, fail);
	if (url.username || url.password || url.search || url.hash || rest.includes('?') || rest.includes('#')) {
		return fail('tcp:// hosts take no user, query or fragment');
	}

	if (url.pathname !== '' && url.pathname !== '/') return fail('tcp:// hosts with a path are not supported');
	const port = url.port ? Number(url.port) : defaultTcpPort;
	if (port < 1) return fail('the port is out of range');
	const host = checkHost(url.hostname, fail);
	const display = `tcp://${bracket(host)}:${port}`;
	return tls ? {kind: 'tcp', host, port, tls, url: display, source} : {kind: 'tcp', host, port, url: display, source};
}

function parseSsh(value: string, source: EndpointSource, fail: (reason: string) => never): Endpoint {
	const url = parseUrl(value, fail);
	// The same rules as the CLI's connhelper/ssh ParseURL.
	if (url.hostname === '') return fail('it names no host');
	if (url.password) return fail('a password in the URL is not supported; use a key or ssh-agent');
	if (url.search) return fail('query parameters are not allowed');
	if (url.hash) return fail('fragments are not allowed');
	const host = checkHost(url.hostname, fail);
	const user = url.username ? decodeURIComponent(url.username) : undefined;
	const port = url.port ? Number(url.port) : undefined;
	if (port === 0) return fail('the port is out of range');
	const path = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
	const display = `ssh://${user ? `${user}@` : ''}${bracket(host)}${port ? `:${port}` : ''}${path ?? ''}`;
	const endpoint: Endpoint = {kind: 'ssh', host, url: display, source};
	if (user !== undefined) endpoint.user = user;
	if (port !== undefined) endpoint.port = port;
	if (path !== undefined) endpoint.path = path;
	return endpoint;
}

function badHost(raw: string, source: EndpointSource, reason: string, suggestion?: string): EngineError {
	return new EngineError({
		kind: 'bad-host',
		title: `"${raw}" is not a valid Docker host`,
		detail: `The host ${describeSource(source)} was rejected: ${reason}.`,
		hint: `${suggestion ? `Did you mean ${suggestion}? ` : ''}Valid forms: ${examples}.`,
	});
}

function parseUrl(text: string, fail: (reason: string) => never): URL {
	try {
		// tcp: and ssh: are not WHATWG "special" schemes, so hosts stay as written
		// (no IPv4 shorthand expansion) while ports and IPv6 brackets are still checked.
		return new URL(text);
	} catch {
		return fail('the address cannot be parsed (check the port and any IPv6 brackets)');
	}
}

function checkHost(hostname: string, fail: (reason: string) => never): string {
	if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
	if (!/^[\w.-]+$/.test(hostname)) return fail(`"${hostname}" is not a valid host name`);
	return hostname;
}

/** Wraps an IPv6 address in brackets for a URL. */
export function bracket(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}
