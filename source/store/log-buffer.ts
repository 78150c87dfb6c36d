/**
 * The lines of one log view, outside the main store: a ring buffer with its
 * own subscribe/getSnapshot for useSyncExternalStore. A flood of lines costs
 * an array slot each; readers hear about them at most `notifyMs` apart (15 a
 * second), `floodNotifyMs` while more than `floodLines` come a batch (5 a
 * second: Ink redraws and re-measures the whole screen on every commit), so
 * the screen is redrawn a bounded number of times a second whatever the rate.
 */

/** stdout, stderr, or a line berth adds (a restart separator, "container exited"). */
export type LineKind = 'out' | 'err' | 'marker';

export type LogLine = {
	/** As the engine sent it, unsanitized (markers: berth's own text). */
	text: string;
	kind: LineKind;
	/** The engine's RFC3339Nano timestamp. */
	time: string | undefined;
	/** Which container of the view (an index into the session's sources). */
	source: number;
	/** No newline yet: the text may still grow. */
	partial: boolean;
	/**
	 * A marker drawn just above this line: a restart learnt of after the new run's first
	 * lines had arrived (the line buffer is never inserted into).
	 */
	before?: {text: string; time: string | undefined};
};

/** What changes when the buffer is published: a new object each time, the same one in between. */
export type BufferSnapshot = {
	/** Sequence number of the oldest line kept. */
	first: number;
	/** Sequence number the next line will get: lines are first … next-1. */
	next: number;
	/** Lines received since the view opened (dropped ones included). */
	received: number;
	/** Bumped on every publish, also when only a partial line grew. */
	version: number;
};

export type LogBufferOptions = {
	/** Lines kept (--log-lines); the oldest go first. */
	capacity?: number;
	/** Characters kept in all; the oldest lines go first when more arrive (a few huge lines must not fill memory). */
	maxChars?: number;
	/** Least time between two notifications. */
	notifyMs?: number;
	/** Least time between two notifications while lines flood in (more than floodLines a batch). */
	floodNotifyMs?: number;
	floodLines?: number;
};

export const defaultLogLines = 10_000;

export class LogBuffer {
	readonly capacity: number;
	private readonly maxChars: number;
	private readonly notifyMs: number;
	private readonly floodNotifyMs: number;
	private readonly floodLines: number;
	/** Lines appended since the last publish, and in the batch before. */
	private batch = 0;
	private lastBatch = 0;
	private readonly slots: Array<LogLine | undefined>;
	private firstSeq = 0;
	private nextSeq = 0;
	private chars = 0;
	private receivedCount = 0;
	private snapshot: BufferSnapshot = {first: 0, next: 0, received: 0, version: 0};
	private readonly listeners = new Set<() => void>();
	private timer: NodeJS.Timeout | undefined;
	private lastNotify = 0;
	private dirty = false;
	private closed = false;

	constructor({capacity = defaultLogLines, maxChars = 64 * 1024 * 1024, notifyMs = 66, floodNotifyMs = Math.max(notifyMs, 200), floodLines = 500}: LogBufferOptions = {}) {
		this.capacity = Math.max(1, Math.floor(capacity));
		this.maxChars = maxChars;
		this.notifyMs = notifyMs;
		this.floodNotifyMs = floodNotifyMs;
		this.floodLines = floodLines;
		this.slots = new Array<LogLine | undefined>(this.capacity);
	}

	get first(): number {
		return this.firstSeq;
	}

	get next(): number {
		return this.nextSeq;
	}

	get size(): number {
		return this.nextSeq - this.firstSeq;
	}

	/** The line with this sequence number, if still kept. */
	get(seq: number): LogLine | undefined {
		if (seq < this.firstSeq || seq >= this.nextSeq) return undefined;
		return this.slots[seq % this.capacity];
	}

	/** Adds a line; returns its sequence number. */
	append(line: LogLine): number {
		if (this.nextSeq - this.firstSeq === this.capacity) this.dropOldest();
		const seq = this.nextSeq++;
		this.slots[seq % this.capacity] = line;
		this.chars += line.text.length;
		this.receivedCount++;
		this.batch++;
		while (this.chars > this.maxChars && this.nextSeq - this.firstSeq > 1) this.dropOldest();
		this.changed();
		return seq;
	}

	/** Replaces a line still kept (a partial line that grew or ended); false when it is gone. */
	replace(seq: number, line: LogLine): boolean {
		const old = this.get(seq);
		if (!old) return false;
		this.slots[seq % this.capacity] = line;
		this.chars += line.text.length - old.text.length;
		while (this.chars > this.maxChars && this.nextSeq - this.firstSeq > 1) this.dropOldest();
		this.changed();
		return true;
	}

	/** Lines first … next-1 in order (tests, saving). */
	*lines(from = this.firstSeq): Generator<LogLine> {
		for (let seq = Math.max(from, this.firstSeq); seq < this.nextSeq; seq++) yield this.slots[seq % this.capacity]!;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): BufferSnapshot => this.snapshot;

	/** Publishes pending changes now. */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.dirty) return;
		this.dirty = false;
		this.lastNotify = Date.now();
		this.lastBatch = this.batch;
		this.batch = 0;
		this.snapshot = {first: this.firstSeq, next: this.nextSeq, received: this.receivedCount, version: this.snapshot.version + 1};
		for (const listener of this.listeners) listener();
	}

	/** No more notifications (the view closed). */
	close(): void {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	private dropOldest(): void {
		const old = this.slots[this.firstSeq % this.capacity];
		if (old) this.chars -= old.text.length;
		this.slots[this.firstSeq % this.capacity] = undefined;
		this.firstSeq++;
	}

	/** Something else the readers show changed (a status): publish with the next batch. */
	touch(): void {
		this.changed();
	}

	private changed(): void {
		this.dirty = true;
		if (this.timer || this.closed) return;
		// A flood scrolls by faster than anyone reads: fewer redraws, the same lines kept.
		const interval = this.lastBatch > this.floodLines ? this.floodNotifyMs : this.notifyMs;
		const wait = Math.max(0, this.lastNotify + interval - Date.now());
		this.timer = setTimeout(() => this.flush(), wait);
		this.timer.unref?.();
	}
}
