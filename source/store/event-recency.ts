/**
 * Which containers had an event after a moment: a list request that went out
 * before an event may answer after it, with the state from before it. Such an
 * answer must not undo what the event applied (the event's own refresh, sent
 * after it, brings the engine's newer word).
 */
export class EventRecency {
	private count = 0;
	/** Container id → the count at its last event, oldest first. */
	private readonly last = new Map<string, number>();

	constructor(private readonly capacity = 4096) {}

	/** The moment a request goes out. */
	mark(): number {
		return this.count;
	}

	touch(id: string): void {
		this.count += 1;
		this.last.delete(id);
		this.last.set(id, this.count);
		if (this.last.size > this.capacity) {
			const oldest = this.last.keys().next().value;
			if (oldest !== undefined) this.last.delete(oldest);
		}
	}

	/** Ids (among `ids`, or all) that had an event after `mark`. */
	changedSince(mark: number, ids?: Iterable<string>): Set<string> {
		const changed = new Set<string>();
		if (mark === this.count) return changed;
		if (ids) {
			for (const id of ids) if ((this.last.get(id) ?? 0) > mark) changed.add(id);
		} else {
			for (const [id, at] of this.last) if (at > mark) changed.add(id);
		}

		return changed;
	}
}
