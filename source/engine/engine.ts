/**
 * The Engine interface and berth's own types. Everything outside source/engine/
 * talks to Docker through this file only; no dockerode type crosses it.
 */
import type {Duplex} from 'node:stream';
import type {ResourceEngine} from './resources.js';

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
	/** "Docker Engine", "Podman", ... */
	product: string;
	/** The engine's clock when it answered (Info.SystemTime), in ns: where to start events. */
	systemTimeNano?: bigint;
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

/** What berth can do to a container: one Engine API call each. */
export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

export type ContainerActionOptions = {
	/** stop, restart: seconds of SIGTERM grace before SIGKILL (the API's `t`; the engine's default when unset). */
	timeoutSeconds?: number;
	/** kill: the signal, e.g. "SIGHUP" (default SIGKILL). */
	signal?: string;
	/** remove: a running container too. */
	force?: boolean;
	/** remove: its anonymous volumes too (docker rm -v). */
	removeVolumes?: boolean;
	abortSignal?: AbortSignal;
};

/** 'unchanged': the engine said the container already was so (HTTP 304 to start or stop). */
export type ContainerActionResult = 'done' | 'unchanged';

/** A process on a container's terminal: a command berth exec'd, or the main process (attach). */
export type ExecSession = {
	/** The terminal's raw bytes, both ways (a TTY stream is not multiplexed). */
	readonly stream: Duplex;
	/** Sets the terminal's size (exec or container resize); never rejects. */
	resize(rows: number, cols: number): Promise<void>;
	/**
	 * Once the stream has ended: the exit code, undefined while the process still runs
	 * (detached, or the connection dropped). Throws an EngineError if the engine cannot say.
	 */
	wait(): Promise<{exitCode?: number}>;
	/** Ends the stream; an exec'd shell then gets a hang-up. */
	close(): void;
};

export type ExecOptions = {
	/** argv, run as is (no shell in between). */
	cmd: string[];
	tty: true;
	/** "KEY=value" entries. */
	env?: string[];
	/** docker's format, e.g. "ctrl-p,ctrl-q" (the engine's default when unset). */
	detachKeys?: string;
};

/**
 * One reading of a container's counters as the engine reported it
 * (GET /containers/{id}/stats), mapped from cgroup v1, cgroup v2 or Podman
 * payloads by to-stats.ts. Raw counters only: compute-stats.ts turns two of
 * them into what `docker stats` shows. Absent fields read as 0.
 */
export type StatsSample = {
	/** When the engine read the counters (`read`), ms since the epoch, sub-ms precision kept. */
	readMs: number;
	/** The container's CPU time, ns (cpu_stats.cpu_usage.total_usage). */
	cpuTotal: number;
	/** The host's CPU time, ns (cpu_stats.system_cpu_usage). */
	systemCpu: number;
	/** online_cpus, else the length of percpu_usage (as the CLI does); 0 if unknown. */
	onlineCpus: number;
	/** The engine's own previous reading in the same payload (precpu_stats), when it is filled in. */
	previousCpu?: {cpuTotal: number; systemCpu: number};
	memoryUsage: number;
	/** What the CLI subtracts from usage: total_inactive_file (cgroup v1) or inactive_file (v2). */
	memoryInactiveFile: number;
	memoryLimit: number;
	/** Bytes received and sent, summed over the container's interfaces. */
	networkRx: number;
	networkTx: number;
	/** Bytes read and written, summed from blkio io_service_bytes_recursive. */
	blockRead: number;
	blockWrite: number;
	pids: number;
};

/** A metric a local (cgroup) sample could not read: the API fills it in. */
export type StatsMetric = 'cpu' | 'memory' | 'network' | 'blockio' | 'pids';

/** One local pass: a sample per container whose cgroup was readable, with what it could not read. */
export type LocalStatsSample = {sample: StatsSample; missing: ReadonlySet<StatsMetric>};

export interface LocalStatsReader {
	/**
	 * One pass over `ids` (running containers): the kernel's counters for each
	 * container it can read, in the same units the API reports. Containers it
	 * cannot read at all are left out; the caller uses the API for them. Never
	 * throws for one container's failure.
	 */
	sample(ids: readonly string[]): Promise<Map<string, LocalStatsSample>>;
	/** Drop what is cached for a container (its cgroup path): it stopped or went away. */
	forget(id: string): void;
}

/** Where a container's figures came from: the kernel, the engine's API, or both (per metric). */
export type StatsSource = 'cgroup' | 'api' | 'cgroup+api';

/** What `docker stats` shows for a container, from two samples; berth shows I/O as rates. */
export type ContainerStats = {
	readMs: number;
	/** Of one CPU, as the CLI (200% = two CPUs busy); undefined until two readings exist. */
	cpuPercent?: number;
	/** Usage without the inactive file cache, as the CLI shows it. */
	memoryUsage: number;
	memoryLimit: number;
	memoryPercent: number;
	networkRx: number;
	networkTx: number;
	blockRead: number;
	blockWrite: number;
	/** Bytes per second since the previous sample; undefined without one (or after a counter reset). */
	networkRxRate?: number;
	networkTxRate?: number;
	blockReadRate?: number;
	blockWriteRate?: number;
	pids: number;
	onlineCpus: number;
	/** Where these figures came from (shown in the detail view); the API when unset. */
	source?: StatsSource;
};

/** Which of a container's output streams a log line came from (a TTY container has stdout only). */
export type LogStreamName = 'stdout' | 'stderr';

/** One line of a container's log, assembled from the engine's stream (log-decoder.ts). */
export type LogRecord = {
	stream: LogStreamName;
	/** The line without its newline (nor a CRLF's CR); a lone CR and escapes are kept, unsanitized. */
	text: string;
	/** The engine's timestamp of the line's first message (RFC3339Nano, UTC), when asked for. */
	time?: string;
	/** No newline yet: the next record of the same stream replaces this one. */
	partial?: true;
	/**
	 * The stream ended before this line's newline. dockerd can end a follow stream before it
	 * has written the last piece of a long line: a reader that opens the log again (since
	 * the chunk's `time`) may get the rest of the line.
	 */
	unterminated?: true;
};

/** What a log stream yields: first what the container is, then its lines in batches. */
export type LogChunk =
	| {kind: 'opened'; tty: boolean; running: boolean; startedAt?: string; finishedAt?: string; exitCode?: number}
	/** `time`: the newest message timestamp read so far, where a resumed stream starts after. */
	| {kind: 'records'; records: LogRecord[]; time?: string};

export type LogsOptions = {
	/** Keep the stream open for new lines until the container stops (docker logs -f). */
	follow: boolean;
	/** Lines from the end of the log; all when unset. */
	tail?: number | 'all';
	/** Unix seconds, "1700000000" or "1700000000.123456789" (since.ts converts --since values). */
	since?: string;
	/** Ask for timestamps (default true): records then carry `time`. */
	timestamps?: boolean;
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
	/**
	 * Retrying cannot fix it: the user must act first (trust a host key, load a key into
	 * ssh-agent, fix their ssh config). berth then says so and exits before the UI starts.
	 */
	needsUser?: true;
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
	/**
	 * Starts, stops, ... one container; resolves when the engine has done it (a stop
	 * after the container exited). A refusal throws an EngineError titled with the
	 * engine's own words, e.g. "Container 3f… is not paused".
	 */
	containerAction(id: string, action: ContainerAction, options?: ContainerActionOptions): Promise<ContainerActionResult>;
	/**
	 * A live stats stream for one container, about one sample a second: ends
	 * quietly when the signal aborts or the engine ends it, throws an
	 * EngineError if it breaks. Frames of a stopped container (no reading) are skipped.
	 */
	streamStats(id: string, signal: AbortSignal): AsyncIterable<StatsSample>;
	/**
	 * One sample without waiting for a second reading (`one-shot`, API >= 1.41):
	 * its previousCpu is missing, so CPU % needs an earlier sample. Undefined
	 * when the container is not running.
	 */
	sampleStats(id: string, signal?: AbortSignal): Promise<StatsSample | undefined>;
	/**
	 * A container's log (GET /containers/{id}/logs, stdout and stderr): an
	 * `opened` chunk, then batches of lines. With follow it ends when the
	 * container stops; it ends quietly when the signal aborts and throws an
	 * EngineError when the engine refuses or the stream breaks.
	 */
	streamLogs(id: string, options: LogsOptions): AsyncIterable<LogChunk>;
	/**
	 * Runs a command with a terminal in a running container (exec create, then start
	 * hijacked). Throws an EngineError when the engine refuses (not running, paused).
	 */
	exec(id: string, options: ExecOptions): Promise<ExecSession>;
	/**
	 * Attaches to the terminal of the container's main process. Throws an EngineError
	 * when it is not running, paused, or was not created with a TTY and open stdin (-t -i).
	 */
	attach(id: string, options?: {detachKeys?: string}): Promise<ExecSession>;
	/** Images, volumes, networks, disk usage and prune (resources.ts); absent on engines that have none (test fakes). */
	readonly resources?: ResourceEngine;
	/**
	 * Reads stats straight from the kernel's cgroups when the engine runs on this
	 * host and its containers' processes are visible (issue #13); absent for a
	 * remote engine (tcp, ssh) and for test fakes.
	 */
	readonly localStats?: LocalStatsReader;
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
