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
import {textLines} from './json-lines.js';
import {toContainer, type RawContainer} from './to-container.js';
import {toEvent, type RawEvent} from './to-event.js';

const connectTimeoutMs = 10_000;

/** Builds an Engine on dockerode for a resolved endpoint. */
export function createDockerEngine(endpoint: Endpoint): Engine {
	const fail = (error: unknown): never => {
		if (error instanceof EngineError) throw error;
		throw new EngineError(explainFailure(error, endpoint), {cause: error});
	};
	let client: ReturnType<typeof createClient>;
	try {
		client = createClient(endpoint);
	} catch (error) {
		// Unreadable TLS files: the same one-screen problem as a failed connection.
		return fail(error);
	}

	const {docker, agent} = client;

	return {
		endpointLabel: `${endpoint.url} (${describeSource(endpoint.source)})`,

		async connect(signal) {
			const timeout = AbortSignal.timeout(connectTimeoutMs);
			const abortSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
			try {
				// dockerode honours abortSignal on these calls; its type definitions predate it.
				const api = docker as unknown as Record<'ping' | 'version' | 'info', (options: {abortSignal: AbortSignal}) => Promise<Record<string, unknown>>>;
				await api.ping({abortSignal});
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

		close() {
			agent?.destroy();
		},
	};
}

async function* readEvents(
	stream: NodeJS.ReadableStream,
	signal: AbortSignal,
	fail: (error: unknown) => never,
	bounded: boolean,
): AsyncGenerator<EngineEvent> {
	const abort = () => (stream as unknown as {destroy(): void}).destroy();
	signal.addEventListener('abort', abort, {once: true});
	try {
		for await (const line of textLines(stream as AsyncIterable<Buffer>)) {
			const event = toEvent(JSON.parse(line) as RawEvent);
			// JSON numbers lose the nanoseconds; read them from the text.
			const nano = /"timeNano":(\d+)/.exec(line)?.[1];
			if (nano !== undefined) event.timeNano = BigInt(nano);
			yield event;
		}
	} catch (error) {
		if (signal.aborted) return;
		fail(error);
	} finally {
		signal.removeEventListener('abort', abort);
		abort();
	}

	if (!signal.aborted && !bounded) fail(Object.assign(new Error('the event stream ended'), {code: 'ECONNRESET'}));
}

function createClient(endpoint: Endpoint): {docker: Docker; agent?: http.Agent} {
	switch (endpoint.kind) {
		case 'unix': {
			// One kept-alive socket for requests; each stream still holds its own.
			const agent = new http.Agent({keepAlive: true, maxFreeSockets: 2});
			return {docker: new Docker({socketPath: endpoint.path, agent} as DockerOptions), agent};
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
			const options = {
				protocol: 'ssh',
				host: endpoint.host,
				port: endpoint.port ?? 22,
				username: endpoint.user ?? process.env['USER'] ?? 'root',
				sshOptions: {agent: process.env['SSH_AUTH_SOCK'], readyTimeout: connectTimeoutMs},
			};
			return {docker: new Docker(options as DockerOptions)};
		}
	}
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
	};
}
