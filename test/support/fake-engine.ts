/**
 * An in-memory Engine for UI tests: containers in a Map, an event stream the
 * test pushes into, and switches to make connecting or the stream fail. It
 * keeps an event log and replays it to a subscription that resumes with
 * `since`, as dockerd does, so reconnect-and-catch-up can be tested.
 */
import {
	EngineError,
	type ContainerAction,
	type ContainerActionOptions,
	type ContainerActionResult,
	type ContainerState,
	type ContainerSummary,
	type Engine,
	type EngineEvent,
	type EngineInfo,
	type EngineProblem,
	type EventsOptions,
} from '../../source/engine/engine.js';
import type {ExecOptions, ExecSession, StatsSample} from '../../source/engine/engine.js';
import {FakeStats} from './fake-stats.js';
import {FakeLogs} from './fake-logs.js';
import type {LogChunk, LogsOptions} from '../../source/engine/engine.js';
import type {ResourceEngine} from '../../source/engine/resources.js';

/** The engine's clock for fixtures: nanoseconds, strictly increasing across all fixtures. */
let clockNano = 1_750_000_000_000_000_000n;

function tick(): bigint {
	clockNano += 1_000_000n;
	return clockNano;
}

/** A 64-hex container id derived from a name, so fixtures stay short and ids stable. */
export function idFor(name: string): string {
	let hex = '';
	for (const char of name) hex += (char.codePointAt(0) ?? 0).toString(16).padStart(2, '0');
	return (hex + '0'.repeat(64)).slice(0, 64);
}

/** A container summary with docker-like defaults; `name` is required, the rest optional. */
export function containerFixture(partial: Partial<ContainerSummary> & {name: string}): ContainerSummary {
	const state: ContainerState = partial.state ?? 'running';
	return {
		id: idFor(partial.name),
		image: 'alpine:3.20',
		command: 'sleep infinity',
		created: 1_750_000_000,
		state,
		status: defaultStatus(state),
		ports: [],
		labels: {},
		...partial,
	};
}

function defaultStatus(state: ContainerState): string {
	switch (state) {
		case 'running':
			return 'Up 5 minutes';
		case 'exited':
			return 'Exited (0) 2 minutes ago';
		case 'paused':
			return 'Up 5 minutes (Paused)';
		case 'created':
			return 'Created';
		default:
			return state;
	}
}

/** A container event as the engine sends it; time advances on every call unless given. */
export function eventFixture(
	action: string,
	id: string,
	attributes: Record<string, string> = {},
	options: {type?: string; timeNano?: bigint} = {},
): EngineEvent {
	const timeNano = options.timeNano ?? tick();
	return {
		type: options.type ?? 'container',
		action,
		id,
		attributes,
		time: Number(timeNano / 1_000_000_000n),
		timeNano,
		scope: 'local',
	};
}

/** An EngineError with a problem screen's worth of text. */
export function engineErrorFixture(problem: Partial<EngineProblem> = {}): EngineError {
	return new EngineError({
		kind: 'connection-refused',
		title: 'Cannot connect to the Docker engine',
		detail: 'Tried unix:///var/run/docker.sock (default).',
		hint: 'Start the Docker daemon, or point DOCKER_HOST at a running one.',
		...problem,
	});
}

export const fakeInfo: EngineInfo = {
	endpoint: 'unix:///var/run/docker.sock',
	hostName: 'fakehost',
	engineVersion: '28.0.0',
	apiVersion: '1.48',
	os: 'linux',
	kernel: '6.8.0',
	cpus: 4,
	memoryBytes: 8 * 1024 ** 3,
	product: 'Docker Engine',
};

/** One subscription: a push queue read by `for await`. */
class EventStream implements AsyncIterable<EngineEvent> {
	private readonly queue: EngineEvent[] = [];
	private waiting: {resolve: (result: IteratorResult<EngineEvent>) => void; reject: (error: unknown) => void} | undefined;
	private failure: unknown;
	private failed = false;
	ended = false;

	constructor(signal: AbortSignal) {
		if (signal.aborted) this.end();
		else signal.addEventListener('abort', () => this.end(), {once: true});
	}

	push(event: EngineEvent): void {
		if (this.ended) return;
		if (this.waiting) {
			const {resolve} = this.waiting;
			this.waiting = undefined;
			resolve({value: event, done: false});
		} else {
			this.queue.push(event);
		}
	}

	fail(error: unknown): void {
		if (this.ended) return;
		this.ended = true;
		this.failed = true;
		this.failure = error;
		if (this.waiting) {
			const {reject} = this.waiting;
			this.waiting = undefined;
			reject(error);
		}
	}

	end(): void {
		if (this.ended) return;
		this.ended = true;
		this.queue.length = 0;
		if (this.waiting) {
			const {resolve} = this.waiting;
			this.waiting = undefined;
			resolve({value: undefined, done: true});
		}
	}

	[Symbol.asyncIterator](): AsyncIterator<EngineEvent> {
		return {
			next: () => {
				const queued = this.queue.shift();
				if (queued) return Promise.resolve({value: queued, done: false});
				if (this.failed) {
					this.failed = false;
					return Promise.reject(this.failure);
				}

				if (this.ended) return Promise.resolve({value: undefined, done: true});
				return new Promise((resolve, reject) => {
					this.waiting = {resolve, reject};
				});
			},
			return: () => {
				this.end();
				return Promise.resolve({value: undefined, done: true});
			},
		};
	}
}

export type FakeEngineOptions = {
	containers?: ContainerSummary[];
	info?: EngineInfo;
	endpointLabel?: string;
	/** Every connect() rejects with this until recover(). */
	connectError?: EngineError;
	/** Images, volumes, networks, disk usage and container inspect (fake-resources.ts); none by default. */
	resources?: ResourceEngine;
};

/** An Engine held in memory. Mutate containers, emit events, break and recover. */
export class FakeEngine implements Engine {
	readonly endpointLabel: string;
	readonly containers = new Map<string, ContainerSummary>();
	/** Every event ever emitted, for replay to a subscription with `since`. */
	readonly log: EngineEvent[] = [];
	/** The `since` of each subscription, in order. */
	readonly subscriptions: Array<string | undefined> = [];
	connectCalls = 0;
	listCalls = 0;
	closed = false;
	private info: EngineInfo;
	private connectError: EngineError | undefined;
	private streams = new Set<EventStream>();
	private subscribedWaiters: Array<{count: number; resolve: () => void}> = [];
	readonly resources?: ResourceEngine;

	constructor(options: FakeEngineOptions = {}) {
		if (options.resources) this.resources = options.resources;
		this.info = options.info ?? fakeInfo;
		this.endpointLabel = options.endpointLabel ?? 'unix:///var/run/docker.sock (default)';
		this.connectError = options.connectError;
		for (const container of options.containers ?? []) this.containers.set(container.id, container);
	}

	async connect(signal?: AbortSignal): Promise<EngineInfo> {
		this.connectCalls += 1;
		signal?.throwIfAborted();
		if (this.connectError) throw this.connectError;
		return this.info;
	}

	async listContainers(options: {ids?: string[]} = {}): Promise<ContainerSummary[]> {
		this.listCalls += 1;
		if (this.connectError) throw this.connectError;
		const all = [...this.containers.values()];
		const wanted = options.ids ? all.filter((container) => options.ids!.includes(container.id)) : all;
		// Copies, as a real engine returns fresh JSON on every call.
		return wanted.map((container) => structuredClone(container));
	}

	async subscribeEvents(options: EventsOptions): Promise<AsyncIterable<EngineEvent>> {
		if (this.connectError) throw this.connectError;
		if (options.until !== undefined) return this.boundedQuery(options.since, options.until);
		const stream = new EventStream(options.signal);
		this.streams.add(stream);
		options.signal.addEventListener('abort', () => this.streams.delete(stream), {once: true});
		if (options.since !== undefined) {
			// dockerd's `since` is inclusive: the last-seen event comes again (feeds dedups it).
			const since = parseSince(options.since);
			for (const event of this.log) if (event.timeNano >= since) stream.push(event);
		}

		this.subscriptions.push(options.since);
		for (const waiter of this.subscribedWaiters.filter((w) => this.subscriptions.length >= w.count)) waiter.resolve();
		this.subscribedWaiters = this.subscribedWaiters.filter((w) => this.subscriptions.length < w.count);
		return stream;
	}

	/** Every query with `until` (a window that ends, as the events history asks for), in order. */
	readonly boundedQueries: Array<{since: string | undefined; until: string}> = [];
	/** Queries with `until` throw this while it is set. */
	boundedError: EngineError | undefined;

	/** What dockerd does with since and until: the logged events in the window (both ends inclusive), then the end. */
	private boundedQuery(since: string | undefined, until: string): AsyncIterable<EngineEvent> {
		this.boundedQueries.push({since, until});
		if (this.boundedError) throw this.boundedError;
		const from = since === undefined ? 0n : parseSince(since);
		const to = parseSince(until);
		const events = this.log.filter((event) => event.timeNano >= from && event.timeNano <= to);
		return (async function* () {
			yield* events;
		})();
	}

	close(): void {
		this.closed = true;
		for (const stream of this.streams) stream.end();
	}

	/** Stats streams: push samples with `stats.push(id, sample)` (fake-stats.ts). */
	readonly stats = new FakeStats();

	streamStats(id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
		return this.stats.stream(id, signal);
	}

	async sampleStats(id: string): Promise<StatsSample | undefined> {
		return this.stats.sample(id);
	}

	/** Logs: write lines with `logs.write(id, ...)`, stop and start containers' logs (fake-logs.ts). */
	readonly logs = new FakeLogs();

	streamLogs(id: string, options: LogsOptions): AsyncIterable<LogChunk> {
		return this.logs.stream(id, options);
	}

	/** Resolves once `count` subscriptions have been made in all (1: the first). */
	subscribed(count = 1): Promise<void> {
		if (this.subscriptions.length >= count) return Promise.resolve();
		return new Promise((resolve) => this.subscribedWaiters.push({count, resolve}));
	}

	/** Whether a live subscription is listening. */
	get streaming(): boolean {
		return [...this.streams].some((stream) => !stream.ended);
	}

	/** Sends an event to every live subscription (and the replay log). */
	emit(event: EngineEvent): void {
		this.log.push(event);
		for (const stream of this.streams) stream.push(event);
	}

	/** The live stream throws `error`; with stayDown, connecting fails too until recover(). */
	breakStream(error: EngineError = engineErrorFixture(), {stayDown = false}: {stayDown?: boolean} = {}): void {
		if (stayDown) this.connectError = error;
		for (const stream of this.streams) stream.fail(error);
		this.streams.clear();
	}

	/** Connecting works again. */
	recover(): void {
		this.connectError = undefined;
	}

	/** Adds or replaces containers without an event (state before berth looked). */
	add(...containers: ContainerSummary[]): void {
		for (const container of containers) this.containers.set(container.id, container);
	}

	/** Changes a container without an event. */
	update(id: string, patch: Partial<ContainerSummary>): ContainerSummary {
		const current = this.containers.get(id);
		if (!current) throw new Error(`FakeEngine: no container ${id}`);
		const next = {...current, ...patch};
		this.containers.set(id, next);
		return next;
	}

	/** Every exec and attach call, in order. */
	readonly sessionCalls: Array<{kind: 'exec' | 'attach'; id: string; options: ExecOptions | {detachKeys?: string}}> = [];
	/** What exec and attach answer (a FakeSession, a refusal); by default they refuse. */
	sessionHandler: ((kind: 'exec' | 'attach', id: string, options: ExecOptions | {detachKeys?: string}) => Promise<ExecSession>) | undefined;

	async exec(id: string, options: ExecOptions): Promise<ExecSession> {
		return this.openSession('exec', id, options);
	}

	async attach(id: string, options: {detachKeys?: string} = {}): Promise<ExecSession> {
		return this.openSession('attach', id, options);
	}

	private async openSession(kind: 'exec' | 'attach', id: string, options: ExecOptions | {detachKeys?: string}): Promise<ExecSession> {
		this.sessionCalls.push({kind, id, options});
		if (this.sessionHandler) return this.sessionHandler(kind, id, options);
		throw new EngineError({kind: 'other', title: `the fake engine has no ${kind}`, detail: '', hint: ''});
	}

	/** Every containerAction call, in order. */
	readonly actionCalls: Array<{id: string; action: ContainerAction; options: ContainerActionOptions}> = [];
	/** Replaces what containerAction does (e.g. a promise that never settles); by default it acts like dockerd. */
	actionHandler: ((id: string, action: ContainerAction, options: ContainerActionOptions) => Promise<ContainerActionResult>) | undefined;

	async containerAction(id: string, action: ContainerAction, options: ContainerActionOptions = {}): Promise<ContainerActionResult> {
		this.actionCalls.push({id, action, options});
		if (this.actionHandler) return this.actionHandler(id, action, options);
		const current = this.containers.get(id);
		// dockerd's own words for its refusals.
		const refuse = (title: string) => new EngineError({kind: 'other', title, detail: '', hint: ''});
		if (!current) throw refuse(`No such container: ${id}`);
		const live = current.state === 'running' || current.state === 'paused';
		switch (action) {
			case 'start':
				if (current.state === 'running') return 'unchanged';
				this.start(id);
				return 'done';
			case 'stop':
				if (!live) return 'unchanged';
				this.die(id, 0);
				return 'done';
			case 'restart':
				if (live) this.die(id, 0);
				this.start(id);
				return 'done';
			case 'pause':
				if (current.state === 'paused') throw refuse(`Container ${id} is already paused`);
				if (current.state !== 'running') throw refuse(`Container ${id} is not running`);
				this.update(id, {state: 'paused', status: 'Up 5 minutes (Paused)'});
				this.emitFor('pause', id);
				return 'done';
			case 'unpause':
				if (current.state !== 'paused') throw refuse(`Container ${id} is not paused`);
				this.update(id, {state: 'running', status: 'Up 5 minutes'});
				this.emitFor('unpause', id);
				return 'done';
			case 'kill': {
				if (!live) throw refuse(`Cannot kill container: ${id}: Container ${id} is not running`);
				const signal = options.signal ?? 'SIGKILL';
				this.emitFor('kill', id, {signal: signal.replace(/^SIG/, '')});
				if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT') this.die(id, signal === 'SIGKILL' ? 137 : 143);
				return 'done';
			}
			case 'remove':
				if (live && !options.force) {
					throw refuse(`You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`);
				}
				if (live) this.die(id, 137);
				this.destroy(id);
				return 'done';
		}
	}

	// What `docker create/start/stop/rm/rename` do: change the container, then say so.

	create(container: ContainerSummary): EngineEvent {
		this.add(container);
		return this.emitFor('create', container.id, {name: container.name, image: container.image, ...container.labels});
	}

	start(id: string): EngineEvent {
		this.update(id, {state: 'running', status: 'Up Less than a second'});
		return this.emitFor('start', id);
	}

	die(id: string, exitCode = 0): EngineEvent {
		this.update(id, {state: 'exited', status: `Exited (${exitCode}) Less than a second ago`});
		return this.emitFor('die', id, {exitCode: String(exitCode)});
	}

	destroy(id: string): EngineEvent {
		const current = this.containers.get(id);
		this.containers.delete(id);
		return this.emitFor('destroy', id, current ? {name: current.name, image: current.image} : {});
	}

	rename(id: string, name: string): EngineEvent {
		this.update(id, {name});
		return this.emitFor('rename', id, {name: `/${name}`});
	}

	private emitFor(action: string, id: string, extra: Record<string, string> = {}): EngineEvent {
		const current = this.containers.get(id);
		const attributes = current ? {name: current.name, image: current.image, ...extra} : extra;
		const event = eventFixture(action, id, attributes);
		this.emit(event);
		return event;
	}
}

function parseSince(since: string): bigint {
	const [seconds = '0', fraction = ''] = since.split('.');
	return BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9) || '0');
}
