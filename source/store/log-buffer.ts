/**
 * The lines of one log view, outside the main store: a ring buffer with its
 * own subscribe/getSnapshot for useSyncExternalStore. A flood of lines costs
 * a slot each in a few parallel arrays: the text (the only object kept per
 * line), its kind, source and timestamp as numbers in typed arrays (grown to
 * `capacity` as lines come). No other object per line lives long enough for
 * the garbage collector to copy and mark it, which in a flood (the ring turns
 * over several times a second) was the largest cost; a LogLine is made when
 * one is asked for (the rows on screen, a save). Readers hear about new
 * lines as often as a PublishThrottle (publish-throttle.ts) lets them.
 */

import type {LineKind, LogLine} from './log-line.js';
import {formatCanonicalTime, storeCanonicalTime} from './log-times.js';
import {PublishThrottle} from './publish-throttle.js';

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
	private readonly throttle: PublishThrottle;
	/** Per slot (seq % slots, slots <= capacity): the text, kind and flags, source, timestamp. */
	private slots: number;
	private texts: Array<string | undefined>;
	private flags: Uint8Array;
	private sourceOf: Uint32Array;
	/** A canonical engine timestamp as seconds and nanoseconds (nanos -1: none); others as given. */
	private seconds: Float64Array;
	private nanos: Int32Array;
	private otherTimes: Array<string | undefined>;
	/** Markers drawn above a line, by sequence number (few). */
	private readonly befores = new Map<number, NonNullable<LogLine['before']>>();
	private firstSeq = 0;
	private nextSeq = 0;
	private chars = 0;
	private receivedCount = 0;
	private snapshot: BufferSnapshot = {first: 0, next: 0, received: 0, version: 0};
	private readonly listeners = new Set<() => void>();

	constructor({capacity = defaultLogLines, maxChars = 64 * 1024 * 1024, notifyMs = 66, floodNotifyMs = Math.max(notifyMs, 200), floodLines = 500}: LogBufferOptions = {}) {
		this.capacity = Math.max(1, Math.floor(capacity));
		this.maxChars = maxChars;
		this.throttle = new PublishThrottle(() => this.publish(), notifyMs, floodNotifyMs, floodLines);
		// --log-lines can be ten million: room is made as lines come, not all at once.
		this.slots = Math.min(this.capacity, initialSlots);
		this.texts = Array.from<string | undefined>({length: this.slots});
		this.flags = new Uint8Array(this.slots);
		this.sourceOf = new Uint32Array(this.slots);
		this.seconds = new Float64Array(this.slots);
		this.nanos = new Int32Array(this.slots);
		this.otherTimes = Array.from<string | undefined>({length: this.slots});
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

	/** Lines received since the view opened (dropped ones included), as of now. */
	get received(): number {
		return this.receivedCount;
	}

	/** The line with this sequence number, if still kept (a new object each time). */
	get(seq: number): LogLine | undefined {
		if (!this.has(seq)) return undefined;
		const slot = seq % this.slots;
		const flags = this.flags[slot]!;
		const line: LogLine = {text: this.texts[slot]!, kind: kinds[flags & kindMask]!, time: this.timeAt(slot), source: this.sourceOf[slot]!, partial: (flags & partialFlag) !== 0};
		const before = this.befores.get(seq);
		if (before) line.before = before;
		return line;
	}

	/** Is the line with this sequence number still kept? */
	has(seq: number): boolean {
		return seq >= this.firstSeq && seq < this.nextSeq;
	}

	/** The text of a kept line (search reads only that; no LogLine is made). */
	textOf(seq: number): string | undefined {
		return this.has(seq) ? this.texts[seq % this.slots] : undefined;
	}

	kindOf(seq: number): LineKind | undefined {
		return this.has(seq) ? kinds[this.flags[seq % this.slots]! & kindMask] : undefined;
	}

	sourceAt(seq: number): number | undefined {
		return this.has(seq) ? this.sourceOf[seq % this.slots] : undefined;
	}

	timeOf(seq: number): string | undefined {
		return this.has(seq) ? this.timeAt(seq % this.slots) : undefined;
	}

	beforeOf(seq: number): LogLine['before'] {
		return this.has(seq) ? this.befores.get(seq) : undefined;
	}

	partialAt(seq: number): boolean {
		return this.has(seq) && (this.flags[seq % this.slots]! & partialFlag) !== 0;
	}

	/** Adds a line; returns its sequence number. */
	append(line: LogLine): number {
		const seq = this.add(line.text, line.kind, line.time, line.source, line.partial);
		if (line.before) this.befores.set(seq, line.before);
		return seq;
	}

	/** append without a LogLine: what a flood goes through. */
	add(text: string, kind: LineKind, time: string | undefined, source: number, partial: boolean): number {
		if (this.nextSeq - this.firstSeq === this.slots) {
			if (this.slots < this.capacity) this.grow();
			else this.dropOldest();
		}

		const seq = this.nextSeq++;
		this.store(seq % this.slots, text, kind, time, source, partial);
		this.chars += text.length;
		this.receivedCount++;
		this.throttle.lineAdded();
		while (this.chars > this.maxChars && this.nextSeq - this.firstSeq > 1) this.dropOldest();
		this.throttle.changed();
		return seq;
	}

	/** Replaces a line still kept (a partial line that grew or ended); false when it is gone. */
	replace(seq: number, line: LogLine): boolean {
		if (!this.has(seq)) return false;
		const slot = seq % this.slots;
		this.chars += line.text.length - this.texts[slot]!.length;
		this.store(slot, line.text, line.kind, line.time, line.source, line.partial);
		if (line.before) this.befores.set(seq, line.before);
		else this.befores.delete(seq);
		while (this.chars > this.maxChars && this.nextSeq - this.firstSeq > 1) this.dropOldest();
		this.throttle.changed();
		return true;
	}

	/** Lines first … next-1 in order (tests, saving). */
	*lines(from = this.firstSeq): Generator<LogLine> {
		for (let seq = Math.max(from, this.firstSeq); seq < this.nextSeq; seq++) yield this.get(seq)!;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): BufferSnapshot => this.snapshot;

	/** Publishes pending changes now. */
	flush(): void {
		this.throttle.flush();
	}

	/**
	 * The view was just drawn from the lines as they are now (a key redrew it): the next
	 * publish waits a whole interval from here, so a flood's frame does not come right behind
	 * the key's (the lines it would show are on screen already).
	 */
	drawn(): void {
		this.throttle.drawn();
	}

	/** No more notifications (the view closed). */
	close(): void {
		this.throttle.close();
		this.listeners.clear();
	}

	/** Twice the slots (at most capacity), the kept lines moved to where their sequence numbers now fall. */
	private grow(): void {
		const slots = Math.min(this.capacity, this.slots * 2);
		const texts = Array.from<string | undefined>({length: slots});
		const flags = new Uint8Array(slots);
		const sourceOf = new Uint32Array(slots);
		const seconds = new Float64Array(slots);
		const nanos = new Int32Array(slots);
		const otherTimes = Array.from<string | undefined>({length: slots});
		for (let seq = this.firstSeq; seq < this.nextSeq; seq++) {
			const from = seq % this.slots;
			const to = seq % slots;
			texts[to] = this.texts[from];
			flags[to] = this.flags[from]!;
			sourceOf[to] = this.sourceOf[from]!;
			seconds[to] = this.seconds[from]!;
			nanos[to] = this.nanos[from]!;
			otherTimes[to] = this.otherTimes[from];
		}

		this.slots = slots;
		this.texts = texts;
		this.flags = flags;
		this.sourceOf = sourceOf;
		this.seconds = seconds;
		this.nanos = nanos;
		this.otherTimes = otherTimes;
	}

	private store(slot: number, text: string, kind: LineKind, time: string | undefined, source: number, partial: boolean): void {
		this.texts[slot] = text;
		this.flags[slot] = (kind === 'out' ? 0 : kind === 'err' ? 1 : 2) | (partial ? partialFlag : 0);
		this.sourceOf[slot] = source;
		if (time === undefined) {
			this.nanos[slot] = -1;
			this.otherTimes[slot] = undefined;
		} else if (storeCanonicalTime(time, this.seconds, this.nanos, slot)) {
			this.otherTimes[slot] = undefined;
		} else {
			this.nanos[slot] = -2;
			this.otherTimes[slot] = time;
		}
	}

	private timeAt(slot: number): string | undefined {
		const nanos = this.nanos[slot]!;
		if (nanos === -1) return undefined;
		if (nanos === -2) return this.otherTimes[slot];
		return formatCanonicalTime(this.seconds[slot]!, nanos);
	}

	private dropOldest(): void {
		const slot = this.firstSeq % this.slots;
		this.chars -= this.texts[slot]?.length ?? 0;
		this.texts[slot] = undefined;
		this.otherTimes[slot] = undefined;
		if (this.befores.size > 0) this.befores.delete(this.firstSeq);
		this.firstSeq++;
	}

	/** Something else the readers show changed (a status): publish with the next batch. */
	touch(): void {
		this.throttle.changed();
	}

	/** What the throttle calls when the readers are to hear of the changes. */
	private publish(): void {
		this.snapshot = {first: this.firstSeq, next: this.nextSeq, received: this.receivedCount, version: this.snapshot.version + 1};
		for (const listener of this.listeners) listener();
	}
}

/** Slots made at first; doubled up to capacity as lines come. */
const initialSlots = 1024;
const kinds: readonly LineKind[] = ['out', 'err', 'marker'];
const kindMask = 3;
const partialFlag = 4;
