/**
 * The logs half of FakeEngine: a log per container that tests write lines
 * into, streamed to readers as dockerd would (tail, since, follow until the
 * container stops), with the calls made and the streams open kept for asserts.
 */
import {parseTime} from '../../source/engine/since.js';
import {EngineError, type LogChunk, type LogRecord, type LogStreamName, type LogsOptions} from '../../source/engine/engine.js';

type ContainerLog = {
	records: LogRecord[];
	tty: boolean;
	running: boolean;
	startedAt: string;
	finishedAt?: string;
	exitCode?: number;
};

type Reader = {push(chunk: LogChunk): void; end(): void; fail(error: unknown): void};

function nanos(time: string | undefined): bigint {
	const parsed = time === undefined ? undefined : parseTime(time);
	return parsed ? BigInt(parsed.seconds) * 1_000_000_000n + BigInt(parsed.nanos) : -1n;
}

/** 2026-01-01T00:00:00Z plus a counter in ms: strictly increasing engine timestamps. */
let clockMs = Date.UTC(2026, 0, 1);

/** The next fake engine timestamp, RFC3339Nano as dockerd writes it. */
export function nextTimestamp(): string {
	clockMs += 1;
	return `${new Date(clockMs).toISOString().slice(0, 23)}000000Z`;
}

export class FakeLogs {
	/** Every streamLogs call, in order. */
	readonly calls: Array<{id: string; options: Omit<LogsOptions, 'signal'>}> = [];
	private readonly logs = new Map<string, ContainerLog>();
	private readonly readers = new Map<string, Set<Reader>>();
	private readonly removed = new Set<string>();

	/** The container's log (created running, non-TTY, when first touched). */
	private log(id: string): ContainerLog {
		let log = this.logs.get(id);
		if (!log) {
			log = {records: [], tty: false, running: true, startedAt: nextTimestamp()};
			this.logs.set(id, log);
		}

		return log;
	}

	/** Sets what inspect would say. */
	setup(id: string, patch: Partial<Omit<ContainerLog, 'records'>>): void {
		Object.assign(this.log(id), patch);
	}

	/** Appends lines (one record each) to the log and to every follower. */
	write(id: string, lines: string | string[], stream: LogStreamName = 'stdout'): LogRecord[] {
		const log = this.log(id);
		const records = (Array.isArray(lines) ? lines : [lines]).map((text): LogRecord => ({stream, text, time: nextTimestamp()}));
		log.records.push(...records);
		for (const reader of this.readers.get(id) ?? []) reader.push({kind: 'records', records});
		return records;
	}

	/** Sends records as they are (partial ones included) to followers, keeping the complete ones. */
	send(id: string, records: LogRecord[]): void {
		const log = this.log(id);
		log.records.push(...records.filter((record) => !record.partial));
		for (const reader of this.readers.get(id) ?? []) reader.push({kind: 'records', records});
	}

	/** The container stops: follow streams end. */
	stop(id: string, exitCode = 0): void {
		const log = this.log(id);
		log.running = false;
		log.exitCode = exitCode;
		log.finishedAt = nextTimestamp();
		for (const reader of [...(this.readers.get(id) ?? [])]) reader.end();
	}

	/** The container starts again. */
	start(id: string): void {
		const log = this.log(id);
		log.running = true;
		log.startedAt = nextTimestamp();
	}

	/** The container is removed: its streams end, new ones are refused as dockerd does. */
	remove(id: string): void {
		this.removed.add(id);
		for (const reader of [...(this.readers.get(id) ?? [])]) reader.end();
	}

	/** Breaks every open stream of the container. */
	fail(id: string, error: unknown): void {
		for (const reader of [...(this.readers.get(id) ?? [])]) reader.fail(error);
	}

	/** Streams open now for a container, or for all. */
	openCount(id?: string): number {
		if (id !== undefined) return this.readers.get(id)?.size ?? 0;
		let total = 0;
		for (const set of this.readers.values()) total += set.size;
		return total;
	}

	async *stream(id: string, options: LogsOptions): AsyncGenerator<LogChunk> {
		const {signal, ...rest} = options;
		this.calls.push({id, options: rest});
		if (signal.aborted) return;
		if (this.removed.has(id)) throw new EngineError({kind: 'other', title: `No such container: ${id}`, detail: '', hint: ''});
		const log = this.log(id);
		let records = log.records;
		if (options.since !== undefined) {
			// dockerd's since is inclusive, to the nanosecond.
			const [seconds = '0', fraction = ''] = options.since.split('.');
			const since = BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9) || '0');
			records = records.filter((record) => nanos(record.time) >= since);
		}

		if (options.tail !== undefined && options.tail !== 'all') records = options.tail === 0 ? [] : records.slice(-options.tail);
		const queue: LogChunk[] = [{kind: 'opened', tty: log.tty, running: log.running, startedAt: log.startedAt, ...(log.finishedAt ? {finishedAt: log.finishedAt} : {}), ...(log.exitCode === undefined ? {} : {exitCode: log.exitCode})}];
		if (records.length > 0) queue.push({kind: 'records', records: [...records]});
		if (!options.follow || !log.running) {
			yield* queue;
			return;
		}

		let wake: (() => void) | undefined;
		let ended = false;
		let failure: unknown;
		const reader: Reader = {
			push(chunk) {
				queue.push(chunk);
				wake?.();
			},
			end() {
				ended = true;
				wake?.();
			},
			fail(error) {
				failure = error;
				ended = true;
				wake?.();
			},
		};
		const set = this.readers.get(id) ?? new Set();
		this.readers.set(id, set);
		set.add(reader);
		const onAbort = () => reader.end();
		signal.addEventListener('abort', onAbort, {once: true});
		try {
			for (;;) {
				while (queue.length > 0) yield queue.shift()!;
				if (signal.aborted) return;
				if (ended) {
					if (failure !== undefined) throw failure;
					return;
				}

				await new Promise<void>((resolve) => {
					wake = resolve;
				});
				wake = undefined;
			}
		} finally {
			set.delete(reader);
			signal.removeEventListener('abort', onAbort);
		}
	}
}
