import type {EngineEvent} from '../engine/engine.js';

/**
 * What identifies one event when it comes twice (a history query overlapping the
 * live stream, a replay after a reconnect): the same four fields feeds.ts'
 * EventDedup uses.
 */
export function eventKey(event: EngineEvent): string {
	return `${event.timeNano}|${event.type}|${event.action}|${event.id}`;
}

/**
 * The events berth keeps for the events view: at most `capacity`, in the
 * engine's time order, each at most once. When full, the oldest goes.
 *
 * Mutable on purpose: a live event lands at the end in O(1) (an event a few
 * places out of order moves only those few), and nothing copies 5,000 events
 * per event. The store's events slice carries `version` next to it, so a
 * change still makes a new slice object for React and the memoized selectors.
 */
export class EventRing {
	readonly capacity: number;
	/** Bumped on every change. */
	version = 0;
	private readonly slots: Array<EngineEvent | undefined>;
	private readonly slotKeys: Array<string | undefined>;
	private readonly present = new Set<string>();
	/** Slot of the oldest event. */
	private head = 0;
	private count = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`event ring capacity must be a whole number >= 1, not ${capacity}`);
		this.capacity = capacity;
		this.slots = new Array<EngineEvent | undefined>(capacity);
		this.slotKeys = new Array<string | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** The event `index` places from the oldest (0 = oldest). */
	at(index: number): EngineEvent {
		const event = this.slots[this.slot(index)];
		if (index < 0 || index >= this.count || event === undefined) throw new RangeError(`no event at ${index} of ${this.count}`);
		return event;
	}

	keyAt(index: number): string {
		return this.slotKeys[this.slot(index)] ?? '';
	}

	has(key: string): boolean {
		return this.present.has(key);
	}

	/** Oldest first. */
	toArray(): EngineEvent[] {
		const out: EngineEvent[] = [];
		for (let index = 0; index < this.count; index++) out.push(this.at(index));
		return out;
	}

	/**
	 * Adds one event in time order. False when it is already here, or when the
	 * ring is full and it is older than everything kept (it would go at once).
	 */
	add(event: EngineEvent): boolean {
		const key = eventKey(event);
		if (this.present.has(key)) return false;
		if (this.count === this.capacity) {
			if (event.timeNano < this.at(0).timeNano) return false;
			this.evictOldest();
		}

		// After the last event not newer than this one: the end, unless the engine's sources raced.
		let position = this.count;
		while (position > 0 && this.at(position - 1).timeNano > event.timeNano) position--;
		for (let index = this.count; index > position; index--) {
			const from = this.slot(index - 1);
			const to = this.slot(index);
			this.slots[to] = this.slots[from];
			this.slotKeys[to] = this.slotKeys[from];
		}

		const slot = this.slot(position);
		this.slots[slot] = event;
		this.slotKeys[slot] = key;
		this.present.add(key);
		this.count++;
		this.version++;
		return true;
	}

	/**
	 * Merges a batch (a history window) into the events kept: one sort, run once,
	 * rather than one shifting insert per event. Returns the events of the batch
	 * that were new and are still kept (the newest `capacity` of everything win).
	 */
	merge(batch: readonly EngineEvent[]): EngineEvent[] {
		const fresh: Array<{event: EngineEvent; key: string}> = [];
		const inBatch = new Set<string>();
		for (const event of batch) {
			const key = eventKey(event);
			if (this.present.has(key) || inBatch.has(key)) continue;
			inBatch.add(key);
			fresh.push({event, key});
		}

		if (fresh.length === 0) return [];
		const all: Array<{event: EngineEvent; key: string}> = [];
		for (let index = 0; index < this.count; index++) all.push({event: this.at(index), key: this.keyAt(index)});
		all.push(...fresh);
		// Stable: among equal times, what was kept stays first, then the batch in its own order.
		all.sort((a, b) => (a.event.timeNano < b.event.timeNano ? -1 : a.event.timeNano > b.event.timeNano ? 1 : 0));
		const kept = all.slice(Math.max(0, all.length - this.capacity));
		this.slots.fill(undefined);
		this.slotKeys.fill(undefined);
		this.present.clear();
		this.head = 0;
		this.count = kept.length;
		kept.forEach(({event, key}, index) => {
			this.slots[index] = event;
			this.slotKeys[index] = key;
			this.present.add(key);
		});
		this.version++;
		return fresh.filter(({key}) => this.present.has(key)).map(({event}) => event);
	}

	private evictOldest(): void {
		const key = this.slotKeys[this.head];
		if (key !== undefined) this.present.delete(key);
		this.slots[this.head] = undefined;
		this.slotKeys[this.head] = undefined;
		this.head = (this.head + 1) % this.capacity;
		this.count--;
	}

	private slot(index: number): number {
		return (this.head + index) % this.capacity;
	}
}
