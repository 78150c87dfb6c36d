/**
 * When the readers of a log view hear about new lines: at most `notifyMs` apart
 * (15 a second), `floodNotifyMs` while more than `floodLines` come a batch (5 a
 * second: Ink redraws and re-measures the whole screen on every commit), so the
 * screen is redrawn a bounded number of times a second whatever the rate.
 */

/** Calls `publish` with the changes pending, no sooner than the interval allows. */
export class PublishThrottle {
	/** Lines appended since the last publish, and in the batch before. */
	private batch = 0;
	private lastBatch = 0;
	private timer: NodeJS.Timeout | undefined;
	private lastNotify = 0;
	private dirty = false;
	private closed = false;

	constructor(
		private readonly publish: () => void,
		private readonly notifyMs: number,
		private readonly floodNotifyMs: number,
		private readonly floodLines: number,
	) {}

	/** A line was appended: counted in the batch that tells a flood. */
	lineAdded(): void {
		this.batch++;
	}

	/** Publishes pending changes now. */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.dirty) return;
		this.dirty = false;
		this.lastNotify = Date.now();
		this.lastBatch = this.batch;
		this.batch = 0;
		this.publish();
	}

	/** The readers just drew what is pending: the next publish waits a whole interval from now. */
	drawn(): void {
		this.lastNotify = Date.now();
		if (!this.timer) return;
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.dirty) this.changed();
	}

	/** No more publishing. */
	close(): void {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Something changed: publish with the next batch. */
	changed(): void {
		this.dirty = true;
		if (this.timer || this.closed) return;
		// A flood scrolls by faster than anyone reads: fewer redraws, the same lines kept.
		const interval = this.lastBatch > this.floodLines ? this.floodNotifyMs : this.notifyMs;
		const wait = Math.max(0, this.lastNotify + interval - Date.now());
		this.timer = setTimeout(() => this.flush(), wait);
		this.timer.unref?.();
	}
}
