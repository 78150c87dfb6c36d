/**
 * Turns connection failures from Node, docker-modem and ssh2 into one-screen
 * problems: what went wrong, what was tried, and the likely fix.
 */
import {EngineError, type EngineProblem} from './engine.js';
import {describeSource} from './describe-source.js';
import type {Endpoint} from './endpoint.js';
import {errorFacts, type ErrorFacts} from './error-facts.js';
import {sshProblem} from './ssh-problem.js';
import {tlsProblem} from './tls-problem.js';

/**
 * API 1.24 (Docker 1.12) is the first with health checks, which the container
 * list's health comes from; it also has everything older berth relies on
 * (container State in /containers/json since 1.23, event Type/Action/Actor and
 * timeNano since 1.22). It is also the oldest API that Docker Engine 25+ still
 * serves, so nothing older is worth supporting.
 */
export const MIN_API_VERSION = '1.24';

const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
// The engine's words (moby api/server/middleware/version.go) when the requested version is out of its range.
const engineTooOld = /is too new|maximum supported api version/i;
const clientTooOld = /is too old|minimum supported api version/i;

/** Explains any failure met while talking to the endpoint; never includes a stack trace. */
export function explainFailure(error: unknown, endpoint: Endpoint): EngineProblem {
	if (error instanceof EngineError) return error.problem;
	const facts = errorFacts(error);
	const tried = `Tried ${endpoint.url} (${describeSource(endpoint.source)})`;
	const detail = `${tried}: ${facts.message}.`;
	const has = (...codes: string[]) => codes.some(code => facts.codes.includes(code));

	if (facts.statusCode !== undefined) return httpProblem(facts, endpoint, tried);
	if (isTimeout(facts)) {
		return {
			kind: 'timeout',
			title: `No answer from ${endpoint.url}`,
			detail,
			hint:
				endpoint.kind === 'unix'
					? 'The engine accepted the connection but did not reply: it may be starting, overloaded or stuck. Try again, or restart it.'
					: `Check that ${endpoint.host} is reachable from here (network, VPN, firewall) and that the port is right.`,
		};
	}

	const tls = tlsProblem(facts, endpoint, detail);
	if (tls) return tls;
	if (endpoint.kind === 'ssh') {
		const ssh = sshProblem(facts, endpoint, detail);
		if (ssh) return ssh;
	}

	if (has('ENOENT') && endpoint.kind === 'unix') {
		return {
			kind: 'socket-missing',
			title: `No Docker socket at ${endpoint.path}`,
			detail,
			hint: 'Is Docker running? `sudo systemctl start docker`, or point DOCKER_HOST/--host at the right socket (rootless Docker: unix://$XDG_RUNTIME_DIR/docker.sock).',
		};
	}

	if (has('EACCES', 'EPERM')) {
		return {
			kind: 'permission-denied',
			title: endpoint.kind === 'unix' ? `Permission denied on ${endpoint.path}` : `Permission denied connecting to ${endpoint.url}`,
			detail,
			hint:
				endpoint.kind === 'unix'
					? 'Add your user to the docker group: `sudo usermod -aG docker $USER`, then log out and in again (or run berth with sudo).'
					: 'The operating system refused the connection; check local firewall or security policy.',
		};
	}

	if (has('ECONNREFUSED')) {
		return {
			kind: 'connection-refused',
			title: `Connection refused by ${endpoint.url}`,
			detail,
			hint:
				endpoint.kind === 'unix'
					? 'The socket exists but nothing listens on it: the daemon is stopped or crashed. `sudo systemctl start docker`, or check `journalctl -u docker`.'
					: `Nothing listens on port ${endpoint.kind === 'tcp' ? endpoint.port : 22} of ${endpoint.host}. Is dockerd started with -H tcp://0.0.0.0:PORT? Plain TCP is usually 2375, TLS 2376.`,
		};
	}

	if (has(...dnsCodes) && endpoint.kind !== 'unix') {
		return {kind: 'other', title: `Cannot resolve ${endpoint.host}`, detail, hint: 'Check the host name in DOCKER_HOST, --host or the context.'};
	}

	if (facts.names.includes('AbortError')) {
		return {kind: 'other', title: 'The request was cancelled', detail, hint: 'Try again.'};
	}

	return {kind: 'other', title: `Cannot talk to ${endpoint.url}`, detail, hint: 'Check that the engine is running and reachable, then try again.'};
}

/** 'api-too-old' when the engine's API is older than MIN_API_VERSION (unparseable versions pass). */
export function checkApiVersion(apiVersion: string, endpoint: Endpoint): EngineProblem | undefined {
	const have = parseVersion(apiVersion);
	const need = parseVersion(MIN_API_VERSION);
	if (!have || !need) return undefined;
	if (have[0] > need[0] || (have[0] === need[0] && have[1] >= need[1])) return undefined;
	return {
		kind: 'api-too-old',
		title: `The engine's API ${apiVersion} is too old`,
		detail: `${endpoint.url} (${describeSource(endpoint.source)}) speaks Docker API ${apiVersion}; berth needs ${MIN_API_VERSION} or newer (Docker 1.12+).`,
		hint: 'Upgrade the Docker Engine on that host, or point berth at a newer one.',
	};
}

function httpProblem(facts: ErrorFacts, endpoint: Endpoint, tried: string): EngineProblem {
	const message = facts.engineMessage ?? facts.message;
	const detail = `${tried}: the engine answered HTTP ${facts.statusCode}: ${message}.`;
	if (engineTooOld.test(message)) {
		return {
			kind: 'api-too-old',
			title: 'The engine is too old for berth',
			detail,
			hint: `berth needs Docker API ${MIN_API_VERSION} or newer; upgrade the Docker Engine on that host.`,
		};
	}

	if (clientTooOld.test(message)) {
		return {
			kind: 'api-too-old',
			title: 'berth asked for an API version the engine no longer serves',
			detail,
			hint: 'Update berth, or unset any pinned API version (DOCKER_API_VERSION).',
		};
	}

	if (/http request to an https server/i.test(message)) {
		return {
			kind: 'tls',
			title: `${endpoint.url} requires TLS`,
			detail,
			hint: 'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem.',
		};
	}

	return {kind: 'other', title: `The engine refused the request (HTTP ${facts.statusCode})`, detail, hint: 'See the engine\'s message above.'};
}

function isTimeout(facts: ErrorFacts): boolean {
	return (
		facts.names.includes('TimeoutError') ||
		facts.level === 'client-timeout' ||
		facts.codes.some(code => timeoutCodes.has(code)) ||
		facts.text.includes('timed out while waiting for handshake')
	);
}

function parseVersion(version: string): [number, number] | undefined {
	const match = /^(\d+)\.(\d+)/.exec(version.trim());
	return match ? [Number(match[1]), Number(match[2])] : undefined;
}
