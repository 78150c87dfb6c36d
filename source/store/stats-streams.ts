import type {Engine, StatsSample} from '../engine/engine.js';

export type StatsStreamsOptions = {
	/** Every frame of every stream. */
	onSample(id: string, sample: StatsSample): void;
	/** After a stream breaks or the engine ends it, wait this long before opening it again. */
	retryMs: number;
	/**
	 * A container must stay wanted this long before its stream opens: scrolling
	 * with a key held down must not open and close a stream per row passed.
	 */
	settleMs: number;
};

/**
 * The stats streams open right now (GET /containers/{id}/stats?stream=true),
 * kept equal to the set the feed wants: a stream closes at once when its row
 * leaves the screen, so at no moment are more open than wanted.
 */
export class StatsStreams {
	private readonly streams = new Map<string, AbortController>();
	private readonly retryAt = new Map<string, number>();
	private readonly wantedSince = new Map<string, number>();
	private stopped = false;

	constructor(
		private readonly engine: Engine,
		private readonly options: StatsStreamsOptions,
	) {}

	/** Streams open now. */
	get size(): number {
		return this.streams.size;
	}

	/**
	 * Closes the streams not in `wanted` and opens the wanted ones that have
	 * settled and are not waiting to retry. Returns when to call again for the
	 * ones still waiting, if any.
	 */
	sync(wanted: ReadonlySet<string>, now: number): number | undefined {
		for (const [id, controller] of this.streams) {
			if (wanted.has(id)) continue;
			this.streams.delete(id);
			controller.abort();
		}

		for (const id of this.wantedSince.keys()) if (!wanted.has(id)) this.wantedSince.delete(id);
		for (const [id, at] of this.retryAt) if (at <= now) this.retryAt.delete(id);
		let wake: number | undefined;
		for (const id of wanted) {
			if (this.streams.has(id)) continue;
			const since = this.wantedSince.get(id) ?? now;
			this.wantedSince.set(id, since);
			const at = Math.max(since + this.options.settleMs, this.retryAt.get(id) ?? 0);
			if (at <= now) this.open(id);
			else wake = Math.min(wake ?? at, at);
		}

		return wake;
	}

	/** Closes every stream; none opens again. */
	stop(): void {
		this.stopped = true;
		for (const controller of this.streams.values()) controller.abort();
		this.streams.clear();
	}

	private open(id: string): void {
		if (this.stopped) return;
		const controller = new AbortController();
		this.streams.set(id, controller);
		this.wantedSince.delete(id);
		void (async () => {
			try {
				for await (const sample of this.engine.streamStats(id, controller.signal)) this.options.onSample(id, sample);
			} catch {
				// The container went away or the connection broke: the events feed reports the latter.
			} finally {
				if (this.streams.get(id) === controller) {
					this.streams.delete(id);
					// Ended by the engine, not by us: open again later if it is still wanted.
					this.retryAt.set(id, Date.now() + this.options.retryMs);
				}
			}
		})();
	}
}
