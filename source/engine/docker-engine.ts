import {readFileSync} from 'node:fs';
import http from 'node:http';
import Docker from 'dockerode';
import type {DockerOptions} from 'dockerode';
import {
	EngineError,
	type Engine,
	type EngineEvent,
	type EngineInfo,
	type EventsOptions,
} from './engine.js';
import {describeSource, type Endpoint} from './endpoint.js';
import {checkApiVersion, explainFailure} from './problems.js';
import {refusalProblem, runContainerAction} from './container-actions.js';
import {guardedStream} from './guarded-stream.js';
import {textLines} from './json-lines.js';
import {sampleDockerStats, streamDockerStats} from './docker-stats.js';
import {keptAliveAgent} from './kept-alive-agent.js';
import {streamDockerLogs} from './log-stream.js';
import {openAttach, openExec} from './exec-session.js';
import {toContainer, type RawContainer} from './to-container.js';
import {createDockerResources} from './docker-resources.js';
import {parseEventLine} from './to-event.js';
import {createSshTransport, type EngineTransport, type SshTransportOptions} from './ssh-transport.js';
import {dockerLocalStats} from './docker-local-stats.js';
import type {StatsSourceMode} from './local-stats-mode.js';

const connectTimeoutMs = 10_000;

export type DockerEngineOptions = {
	/** How ssh:// endpoints run ssh (e.g. an ssh config file of their own). */
	ssh?: SshTransportOptions;
	/** --stats-source: auto (default) reads cgroups when the engine is on this host, cgroup always tries, api never. */
	statsSource?: StatsSourceMode;
	/** Where the local stats reader finds /proc and /sys ('' : this host's own); for tests. */
	localRoot?: string;
};

/** Builds an Engine on dockerode for a resolved endpoint. */
export function createDockerEngine(endpoint: Endpoint, options: DockerEngineOptions = {}): Engine {
	let transport: EngineTransport | undefined;
	const fail = (error: unknown): never => {
		if (error instanceof EngineError) throw error;
		throw new EngineError(transport?.explain(error) ?? explainFailure(error, endpoint), {cause: error});
	};
	let client: ReturnType<typeof createClient>;
	try {
		client = createClient(endpoint, options);
	} catch (error) {
		// Unreadable TLS files: the same one-screen problem as a failed connection.
		return fail(error);
	}

	const {docker, agent} = client;
	transport = client.transport;
	// docker-modem reads DOCKER_CLIENT_TIMEOUT from the environment as an idle timeout on every
	// request: it would cut a stop that waits out its grace period (the API answers only once the
	// container has exited), and over ssh it crashes (sock.setTimeout is not a function).
	(docker.modem as {timeout?: number}).timeout = undefined;
	const localStats = dockerLocalStats(docker, endpoint, options.statsSource ?? 'auto', options.localRoot);

	return {
		endpointLabel: `${endpoint.url} (${describeSource(endpoint.source)})`,

		resources: createDockerResources(docker, fail),

		...(localStats ? {localStats} : {}),

		async connect(signal) {
			// ssh://: (re)establish the one SSH connection first; it has its own time limit.
			if (transport) await transport.ensure(signal).catch(fail);
			const timeout = AbortSignal.timeout(connectTimeoutMs);
			const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
			try {
				// dockerode honours abortSignal on these calls; its type definitions predate it.
				const api = docker as unknown as Record<'ping' | 'version' | 'info', (options: {abortSignal: AbortSignal}) => Promise<Record<string, unknown>>>;
				const [version, info] = await Promise.all([api.version({abortSignal}), api.info({abortSignal})]);
				const engineInfo = toEngineInfo(endpoint, version, info);
				const tooOld = checkApiVersion(engineInfo.apiVersion, endpoint);
				if (tooOld) throw new EngineError(tooOld);
				return engineInfo;
			} catch (error) {
				return fail(timeout.aborted ? Object.assign(new Error('connection timed out'), {code: 'ETIMEDOUT'}) : error);
			}
		},

		async listContainers(options) {
			const filters = options?.ids ? {id: options.ids} : undefined;
			try {
				const raw = (await docker.listContainers({all: true, filters})) as RawContainer[];
				return raw.map(toContainer);
			} catch (error) {
				return fail(error);
			}
		},

		async subscribeEvents({since, until, signal}: EventsOptions) {
			try {
				const query = {since, until, abortSignal: signal} as Parameters<Docker['getEvents']>[0];
				const stream = (await docker.getEvents(query)) as NodeJS.ReadableStream;
				return readEvents(stream, signal, fail, until !== undefined);
			} catch (error) {
				return fail(error);
			}
		},

		async containerAction(id, action, options) {
			try {
				return await runContainerAction(docker, id, action, options);
			} catch (error) {
				const refusal = refusalProblem(error, action);
				return fail(refusal ? new EngineError(refusal, {cause: error}) : error);
			}
		},

		streamStats(id, signal) {
			return streamDockerStats(docker, id, signal, fail);
		},

		sampleStats(id, signal) {
			return sampleDockerStats(docker, id, signal, fail);
		},

		streamLogs(id, logsOptions) {
			return streamDockerLogs(docker, id, logsOptions, fail);
		},

		exec(id, execOptions) {
			return openExec(docker, id, execOptions, fail);
		},

		attach(id, attachOptions = {}) {
			return openAttach(docker, id, attachOptions, fail);
		},

		close() {
			agent?.destroy();
			transport?.close();
		},
	};
}

async function* readEvents(
	stream: NodeJS.ReadableStream,
	signal: AbortSignal,
	fail: (error: unknown) => never,
	bounded: boolean,
): AsyncGenerator<EngineEvent> {
	yield* guardedStream(stream as unknown as {destroy(): void}, signal, fail, parseEvents(stream));
	if (!signal.aborted && !bounded) fail(Object.assign(new Error('the event stream ended'), {code: 'ECONNRESET'}));
}

async function* parseEvents(stream: NodeJS.ReadableStream): AsyncGenerator<EngineEvent> {
	for await (const line of textLines(stream as AsyncIterable<Buffer>)) yield parseEventLine(line);
}

function createClient(endpoint: Endpoint, options: DockerEngineOptions): {docker: Docker; agent?: http.Agent; transport?: EngineTransport} {
	switch (endpoint.kind) {
		case 'unix': {
			// One kept-alive socket for requests; each stream still holds its own.
			const agent = keptAliveAgent();
			return {docker: new Docker(unixSocketOptions(endpoint.path, agent)), agent};
		}

		case 'tcp': {
			const options: DockerOptions = {host: endpoint.host, port: endpoint.port, protocol: endpoint.tls ? 'https' : 'http'};
			if (endpoint.tls) {
				const read = (path?: string) => (path ? readFileSync(path) : undefined);
				Object.assign(options, {ca: read(endpoint.tls.ca), cert: read(endpoint.tls.cert), key: read(endpoint.tls.key)});
				if (!endpoint.tls.verify) Object.assign(options, {checkServerIdentity: () => undefined, rejectUnauthorized: false});
			}

			return {docker: new Docker(options)};
		}

		case 'ssh': {
			// Not dockerode's own ssh (ssh2: one login per request, no ssh config, any host key
			// accepted): the system ssh forwards a local socket, which is then a unix engine.
			const transport = createSshTransport(endpoint, options.ssh);
			const agent = keptAliveAgent();
			return {docker: new Docker(unixSocketOptions(transport.socketPath, agent)), agent, transport};
		}
	}
}

/**
 * docker-modem merges DOCKER_HOST from the environment under the options, and its host
 * wins over socketPath: with DOCKER_HOST=ssh://… or tcp://… set, `-H unix://…` (and the
 * ssh tunnel's socket) would be ignored. Unset those fields explicitly.
 */
function unixSocketOptions(socketPath: string, agent: http.Agent): DockerOptions {
	return {socketPath, agent, host: undefined, port: undefined, protocol: 'http', username: undefined} as unknown as DockerOptions;
}

function toEngineInfo(endpoint: Endpoint, version: Record<string, unknown>, info: Record<string, unknown>): EngineInfo {
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const number = (value: unknown) => (typeof value === 'number' ? value : 0);
	const platform = text((version['Platform'] as {Name?: unknown} | undefined)?.Name);
	const components = Array.isArray(version['Components']) ? (version['Components'] as Array<{Name?: unknown}>) : [];
	const podman = components.some((component) => /podman/i.test(text(component.Name))) || /podman/i.test(platform);
	const product = podman ? 'Podman' : platform.replace(/ - Community$/, '') || 'Docker Engine';
	return {
		endpoint: endpoint.url,
		hostName: text(info['Name']),
		engineVersion: text(version['Version']),
		apiVersion: text(version['ApiVersion']),
		os: text(info['OperatingSystem']),
		kernel: text(info['KernelVersion']),
		cpus: number(info['NCPU']),
		memoryBytes: number(info['MemTotal']),
		product,
		...optional('systemTimeNano', parseRfc3339Nano(text(info['SystemTime']))),
	};
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
	return value === undefined ? {} : ({[key]: value} as Record<K, V>);
}

/** "2026-11-23T15:00:38.123456789Z" (or with an offset) to ns since the epoch, keeping every digit. */
export function parseRfc3339Nano(value: string): bigint | undefined {
	const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(value);
	if (!match) return undefined;
	const seconds = Date.parse(`${match[1]}${match[3]}`);
	if (Number.isNaN(seconds)) return undefined;
	return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}
