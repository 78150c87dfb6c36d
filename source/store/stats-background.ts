import type {StatsSample} from '../engine/engine.js';
import {backgroundGapMs, backgroundPeriodMs} from './stats-policy.js';

export type BackgroundOptions = {
	/** One one-shot sample (engine.sampleStats); undefined when the container is not running. */
	sample(id: string, signal: AbortSignal): Promise<StatsSample | undefined>;
	onSample(id: string, sample: StatsSample): void;
	/** A request not answered by then is abandoned (the container is tried again a period later). */
	timeoutMs?: number;
	/** Requests in flight at most: a slow daemon must not pile them up. */
	maxInFlight?: number;
};

/**
 * One-shot samples of the running containers that are not on screen, each
 * every 5-10 s (stats-policy.ts), one request at a time with an even gap
 * between them, never a burst: new containers are sampled in turn as the
 * rate allows. `?one-shot=true` waits for the daemon's next collection when it
 * has streams to serve (~1 s), so a few are in flight at once.
 */
export class BackgroundSampler {
	/** When each container is due for its next sample (local clock). */
	private readonly due = new Map<string, number>();
	private readonly inFlight = new Map<string, AbortController>();
	private timer: NodeJS.Timeout | undefined;
	private timerAt = Number.POSITIVE_INFINITY;
	private lastSentMs = Number.NEGATIVE_INFINITY;
	private stopped = false;
	/** Requests sent since the start. */
	sent = 0;

	constructor(private readonly options: BackgroundOptions) {}

	/** Containers sampled in the background now. */
	get size(): number {
		return this.due.size;
	}

	/**
	 * Samples exactly `ids` from now on. A container new to the set is due a
	 * period after its last sample (`lastSeenMs`, from a stream it just left),
	 * at once if it has none.
	 */
	sync(ids: ReadonlySet<string>, lastSeenMs: (id: string) => number | undefined, now: number): void {
		let changed = false;
		for (const id of this.due.keys()) {
			if (ids.has(id)) continue;
			this.due.delete(id);
			changed = true;
		}

		const period = backgroundPeriodMs(ids.size);
		for (const id of ids) {
			if (this.due.has(id)) continue;
			const last = lastSeenMs(id);
			this.due.set(id, last === undefined ? now : last + period);
			changed = true;
		}

		if (changed) this.schedule();
	}

	/** Abandons every request; nothing more is sent. */
	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		for (const controller of this.inFlight.values()) controller.abort();
		this.inFlight.clear();
		this.due.clear();
	}

	private schedule(): void {
		if (this.stopped) return;
		let next = Number.POSITIVE_INFINITY;
		if (this.inFlight.size < (this.options.maxInFlight ?? 32)) {
			for (const [id, at] of this.due) if (at < next && !this.inFlight.has(id)) next = at;
		}

		// Nothing due (or too many in flight: the next answer reschedules).
		if (next === Number.POSITIVE_INFINITY) {
			this.clearTimer();
			return;
		}

		const at = Math.max(next, this.lastSentMs + backgroundGapMs(this.due.size));
		if (this.timer && at === this.timerAt) return;
		this.clearTimer();
		this.timerAt = at;
		this.timer = setTimeout(this.pump, Math.max(0, at - Date.now()));
		this.timer.unref?.();
	}

	private clearTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.timerAt = Number.POSITIVE_INFINITY;
	}

	private readonly pump = () => {
		this.timer = undefined;
		this.timerAt = Number.POSITIVE_INFINITY;
		const now = Date.now();
		let chosen: string | undefined;
		let earliest = now;
		for (const [id, at] of this.due) {
			if (at <= earliest && !this.inFlight.has(id)) {
				chosen = id;
				earliest = at;
			}
		}

		if (chosen !== undefined && this.inFlight.size < (this.options.maxInFlight ?? 32)) this.send(chosen, now);
		this.schedule();
	};

	private send(id: string, now: number): void {
		this.lastSentMs = now;
		this.sent += 1;
		this.due.set(id, now + backgroundPeriodMs(this.due.size));
		const controller = new AbortController();
		this.inFlight.set(id, controller);
		const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
		timeout.unref?.();
		this.options.sample(id, controller.signal).then(
			(sample) => {
				if (sample && !this.stopped && !controller.signal.aborted) this.options.onSample(id, sample);
			},
			() => {
				// Gone, or the engine is unreachable: tried again a period later, if still wanted.
			},
		).finally(() => {
			clearTimeout(timeout);
			if (this.inFlight.get(id) === controller) this.inFlight.delete(id);
			this.schedule();
		});
	}
}
