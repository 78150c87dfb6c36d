/**
 * Which containers had an event after a moment: a list request that went out
 * before an event may answer after it, with the state from before it. Such an
 * answer must not undo what the event applied (the event's own refresh, sent
 * after it, brings the engine's newer word).
 */
export class EventRecency {
	private count = 0;
	/** Container id → the count at its last event and when it came, oldest first. */
	private readonly last = new Map<string, {count: number; atMs: number}>();

	/**
	 * An id is forgotten `maxAgeMs` after its last event (no request is out that long),
	 * or when `capacity` newer ones came: removed containers do not pile up.
	 */
	constructor(
		private readonly capacity = 4096,
		private readonly maxAgeMs = 120_000,
		private readonly now: () => number = Date.now,
	) {}

	/** The moment a request goes out. */
	mark(): number {
		return this.count;
	}

	touch(id: string): void {
		this.count += 1;
		const atMs = this.now();
		this.last.delete(id);
		this.last.set(id, {count: this.count, atMs});
		for (const [oldest, entry] of this.last) {
			if (this.last.size <= this.capacity && entry.atMs > atMs - this.maxAgeMs) break;
			this.last.delete(oldest);
		}
	}

	/** Ids remembered now. */
	get size(): number {
		return this.last.size;
	}

	/** Ids (among `ids`, or all) that had an event after `mark`. */
	changedSince(mark: number, ids?: Iterable<string>): Set<string> {
		const changed = new Set<string>();
		if (mark === this.count) return changed;
		if (ids) {
			for (const id of ids) if ((this.last.get(id)?.count ?? 0) > mark) changed.add(id);
		} else {
			for (const [id, entry] of this.last) if (entry.count > mark) changed.add(id);
		}

		return changed;
	}
}
