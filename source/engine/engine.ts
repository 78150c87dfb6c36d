/**
 * The Engine interface and berth's own types. Everything outside source/engine/
 * talks to Docker through this file only; no dockerode type crosses it.
 */

export type ContainerState =
	| 'created'
	| 'running'
	| 'paused'
	| 'restarting'
	| 'removing'
	| 'exited'
	| 'dead';

export type Health = 'starting' | 'healthy' | 'unhealthy';

export type PortMapping = {
	privatePort: number;
	publicPort?: number;
	ip?: string;
	type: string;
};

export type ContainerSummary = {
	id: string;
	name: string;
	image: string;
	command: string;
	/** Unix seconds. */
	created: number;
	state: ContainerState;
	/** The engine's own status text, e.g. "Up 3 minutes (healthy)". */
	status: string;
	health?: Health;
	ports: PortMapping[];
	labels: Record<string, string>;
};

export type EngineInfo = {
	/** What the user asked for, e.g. unix:///var/run/docker.sock. */
	endpoint: string;
	/** The engine host's name (Info.Name). */
	hostName: string;
	engineVersion: string;
	apiVersion: string;
	os: string;
	kernel: string;
	cpus: number;
	memoryBytes: number;
	/** "Docker Engine", "Podman Engine", ... */
	product: string;
};

export type EventType =
	| 'container'
	| 'image'
	| 'volume'
	| 'network'
	| 'daemon'
	| 'plugin'
	| 'service'
	| 'node'
	| 'secret'
	| 'config'
	| 'builder'
	| string;

export type EngineEvent = {
	type: EventType;
	/** e.g. "start", "die", "health_status: unhealthy", "exec_start: sh". */
	action: string;
	/** The actor's id (a container id for container events). */
	id: string;
	attributes: Record<string, string>;
	/** Unix seconds. */
	time: number;
	/** Nanoseconds since the epoch; exact (a JSON number this large would be rounded). */
	timeNano: bigint;
	scope?: string;
};

export type EventsOptions = {
	/** Unix seconds, possibly fractional (the API accepts "sec.nanos"). */
	since?: string;
	until?: string;
	signal: AbortSignal;
};

/** A failure the UI can show on one screen. */
export type EngineProblem = {
	kind:
		| 'socket-missing'
		| 'permission-denied'
		| 'connection-refused'
		| 'timeout'
		| 'tls'
		| 'bad-host'
		| 'unknown-context'
		| 'api-too-old'
		| 'ssh'
		| 'other';
	/** One line saying what went wrong. */
	title: string;
	/** What was tried and why (endpoint and where it came from). */
	detail: string;
	/** The likely fix. */
	hint: string;
};

export interface Engine {
	/** The endpoint as a display string, and where it came from (flag, env, context...). */
	readonly endpointLabel: string;
	/** Ping and read version/info; throws an EngineError. */
	connect(signal?: AbortSignal): Promise<EngineInfo>;
	listContainers(options?: {ids?: string[]}): Promise<ContainerSummary[]>;
	/**
	 * Resolves once the engine has accepted the subscription; the iterable then
	 * yields events until the signal aborts (ends quietly) or the stream breaks
	 * (throws an EngineError).
	 */
	subscribeEvents(options: EventsOptions): Promise<AsyncIterable<EngineEvent>>;
	/** Release sockets and agents. */
	close(): void;
}

/** An error that carries a one-screen explanation. */
export class EngineError extends Error {
	readonly problem: EngineProblem;

	constructor(problem: EngineProblem, options?: {cause?: unknown}) {
		super(problem.title, options);
		this.name = 'EngineError';
		this.problem = problem;
	}
}
