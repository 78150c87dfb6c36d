/**
 * The stats half of FakeEngine: per-container streams a test pushes samples
 * into, with a count of the streams open right now (what a leak test checks)
 * and a log of one-shot requests, `sampleFixture` to build samples without
 * writing every counter, and FakeLocalStats, a local (cgroup) reader.
 */
import type {LocalStatsReader, LocalStatsSample, StatsMetric, StatsSample} from '../../source/engine/engine.js';

/** A sample with everything zero but what is given; readMs defaults to now. */
export function sampleFixture(partial: Partial<StatsSample> = {}): StatsSample {
	return {
		readMs: Date.now(),
		cpuTotal: 0,
		systemCpu: 0,
		onlineCpus: 4,
		memoryUsage: 0,
		memoryInactiveFile: 0,
		memoryLimit: 8 * 1024 ** 3,
		networkRx: 0,
		networkTx: 0,
		blockRead: 0,
		blockWrite: 0,
		pids: 1,
		...partial,
	};
}

type Subscriber = {push(sample: StatsSample): void; fail(error: unknown): void; end(): void};

/** Stats streams held in memory. */
export class FakeStats {
	/** Every streamStats call's container id, in order. */
	readonly opened: string[] = [];
	/** The last sample pushed per container: what sampleStats answers. */
	readonly latest = new Map<string, StatsSample>();
	/** Every sampleStats call (one-shot), with the fake clock's time. */
	readonly sampled: Array<{id: string; atMs: number}> = [];
	/** The most streams ever open at once. */
	peakOpen = 0;
	private readonly subscribers = new Map<string, Set<Subscriber>>();

	/** Streams open now, all containers or one. */
	openCount(id?: string): number {
		if (id !== undefined) return this.subscribers.get(id)?.size ?? 0;
		let total = 0;
		for (const set of this.subscribers.values()) total += set.size;
		return total;
	}

	/** Ids with an open stream. */
	openIds(): string[] {
		return [...this.subscribers].filter(([, set]) => set.size > 0).map(([id]) => id);
	}

	/** Sends a sample to every open stream of the container. */
	push(id: string, sample: StatsSample): void {
		this.latest.set(id, sample);
		for (const subscriber of this.subscribers.get(id) ?? []) subscriber.push(sample);
	}

	/** Breaks every open stream of the container with `error`. */
	fail(id: string, error: unknown): void {
		for (const subscriber of [...(this.subscribers.get(id) ?? [])]) subscriber.fail(error);
	}

	/** Ends every open stream of the container, as the engine does when it is removed. */
	end(id: string): void {
		for (const subscriber of [...(this.subscribers.get(id) ?? [])]) subscriber.end();
	}

	async sample(id: string): Promise<StatsSample | undefined> {
		this.sampled.push({id, atMs: Date.now()});
		return this.latest.get(id);
	}

	stream(id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
		this.opened.push(id);
		const queue: StatsSample[] = [];
		let waiting: {resolve: (result: IteratorResult<StatsSample>) => void; reject: (error: unknown) => void} | undefined;
		let ended = false;
		let failure: {error: unknown} | undefined;
		const set = this.subscribers.get(id) ?? new Set<Subscriber>();
		this.subscribers.set(id, set);
		const subscriber: Subscriber = {
			push(sample) {
				if (ended) return;
				if (waiting) {
					const {resolve} = waiting;
					waiting = undefined;
					resolve({value: sample, done: false});
				} else queue.push(sample);
			},
			fail(error) {
				if (ended) return;
				close();
				if (waiting) {
					const {reject} = waiting;
					waiting = undefined;
					reject(error);
				} else failure = {error};
			},
			end() {
				if (ended) return;
				close();
				if (waiting) {
					const {resolve} = waiting;
					waiting = undefined;
					resolve({value: undefined, done: true});
				}
			},
		};
		const close = () => {
			ended = true;
			set.delete(subscriber);
			signal.removeEventListener('abort', subscriber.end);
		};

		if (signal.aborted) ended = true;
		else {
			set.add(subscriber);
			this.peakOpen = Math.max(this.peakOpen, this.openCount());
			signal.addEventListener('abort', subscriber.end, {once: true});
		}

		return {
			[Symbol.asyncIterator]: () => ({
				next: () => {
					const queued = queue.shift();
					if (queued) return Promise.resolve({value: queued, done: false});
					if (failure) {
						const {error} = failure;
						failure = undefined;
						return Promise.reject(error);
					}

					if (ended) return Promise.resolve({value: undefined, done: true});
					return new Promise((resolve, reject) => {
						waiting = {resolve, reject};
					});
				},
				return: () => {
					subscriber.end();
					return Promise.resolve({value: undefined, done: true});
				},
			}),
		};
	}
}

/**
 * A local stats reader in memory: each pass answers from `read` (or the fixed
 * `samples`), and every pass and forget is logged.
 */
export class FakeLocalStats implements LocalStatsReader {
	/** The ids of every pass, in order. */
	readonly passes: string[][] = [];
	readonly forgotten: string[] = [];
	/** What a pass answers for a container when `read` is unset; absent: left out (unreadable). */
	readonly samples = new Map<string, LocalStatsSample>();
	/** What pass number `pass` (1 = the first) answers for a container; undefined leaves it out. */
	read: ((id: string, pass: number) => LocalStatsSample | undefined) | undefined;

	async sample(ids: readonly string[]): Promise<Map<string, LocalStatsSample>> {
		this.passes.push([...ids]);
		const out = new Map<string, LocalStatsSample>();
		for (const id of ids) {
			const sample = this.read ? this.read(id, this.passes.length) : this.samples.get(id);
			if (sample) out.set(id, sample);
		}

		return out;
	}

	forget(id: string): void {
		this.forgotten.push(id);
	}
}

/** A local sample missing `missing` metrics (none by default). */
export function localSample(sample: StatsSample, missing: StatsMetric[] = []): LocalStatsSample {
	return {sample, missing: new Set(missing)};
}
