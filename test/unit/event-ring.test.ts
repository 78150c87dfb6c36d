import {describe, expect, test} from 'vitest';
import type {EngineEvent} from '../../source/engine/engine.js';
import {EventRing, eventKey} from '../../source/store/event-ring.js';

let nextId = 0;
function event(timeNano: bigint | number, action = 'start', id = `c${nextId++}`): EngineEvent {
	const nano = BigInt(timeNano);
	return {type: 'container', action, id, attributes: {}, time: Number(nano / 1_000_000_000n), timeNano: nano};
}

const times = (ring: EventRing) => ring.toArray().map((e) => Number(e.timeNano));

describe('EventRing', () => {
	test('keeps events in time order, oldest first', () => {
		const ring = new EventRing(10);
		for (const t of [1, 2, 3]) expect(ring.add(event(t))).toBe(true);
		expect(times(ring)).toEqual([1, 2, 3]);
		expect(ring.size).toBe(3);
		expect(ring.at(0).timeNano).toBe(1n);
	});

	test('wraps around: when full, the oldest goes, and indexes stay oldest-first across the wrap', () => {
		const ring = new EventRing(3);
		for (const t of [1, 2, 3, 4, 5]) ring.add(event(t));
		expect(times(ring)).toEqual([3, 4, 5]);
		expect(ring.size).toBe(3);
		for (const t of [6, 7, 8, 9]) ring.add(event(t));
		expect(times(ring)).toEqual([7, 8, 9]);
		expect(ring.keyAt(0)).toBe(eventKey(ring.at(0)));
	});

	test('an evicted event is forgotten, and one older than everything in a full ring is refused', () => {
		const ring = new EventRing(2);
		const first = event(1);
		ring.add(first);
		ring.add(event(2));
		ring.add(event(3));
		expect(ring.has(eventKey(first))).toBe(false);
		// Older than everything in a full ring: it would be evicted at once.
		expect(ring.add(first)).toBe(false);
		expect(times(ring)).toEqual([2, 3]);
	});

	test('the same event twice is kept once (time, type, action and id)', () => {
		const ring = new EventRing(10);
		const e = event(5, 'die', 'abc');
		expect(ring.add(e)).toBe(true);
		expect(ring.add({...e, attributes: {other: 'copy'}})).toBe(false);
		// Same time and id, another action: a different event.
		expect(ring.add(event(5, 'destroy', 'abc'))).toBe(true);
		expect(ring.size).toBe(2);
	});

	test('an event a little out of order goes to its place; equal times keep arrival order', () => {
		const ring = new EventRing(10);
		for (const t of [1, 3, 4]) ring.add(event(t));
		ring.add(event(2));
		const tie = event(3, 'kill');
		ring.add(tie);
		expect(times(ring)).toEqual([1, 2, 3, 3, 4]);
		expect(ring.at(3)).toBe(tie);
	});

	test('out of order while wrapped: still sorted, still bounded', () => {
		const ring = new EventRing(4);
		for (const t of [10, 20, 30, 40, 50, 60]) ring.add(event(t));
		ring.add(event(45));
		expect(times(ring)).toEqual([40, 45, 50, 60]);
	});

	test('version changes on every change and only then', () => {
		const ring = new EventRing(3);
		const e = event(1);
		ring.add(e);
		const version = ring.version;
		ring.add(e);
		expect(ring.version).toBe(version);
		ring.add(event(2));
		expect(ring.version).toBe(version + 1);
	});

	test('merge: a history batch goes under the live events, duplicates dropped, newest capacity kept', () => {
		const ring = new EventRing(5);
		const live = [event(100), event(101)];
		for (const e of live) ring.add(e);
		const history = [event(90), event(95), live[0]!, event(98)];
		const added = ring.merge(history);
		expect(times(ring)).toEqual([90, 95, 98, 100, 101]);
		expect(added.map((e) => Number(e.timeNano))).toEqual([90, 95, 98]);

		// Too many: the oldest of the merged whole go, and are not reported as added.
		const more = ring.merge([event(80), event(99)]);
		expect(times(ring)).toEqual([95, 98, 99, 100, 101]);
		expect(more.map((e) => Number(e.timeNano))).toEqual([99]);
		expect(ring.has(eventKey(history[0]!))).toBe(false);
	});

	test('merge of nothing new changes nothing', () => {
		const ring = new EventRing(5);
		const e = event(1);
		ring.add(e);
		const version = ring.version;
		expect(ring.merge([e, e])).toEqual([]);
		expect(ring.version).toBe(version);
	});

	test('adding to a full ring costs the same at any capacity (no copy of the ring per event)', () => {
		const perEvent = (capacity: number) => {
			const ring = new EventRing(capacity);
			const events = Array.from({length: capacity + 20_000}, (_, t) => event(t));
			for (const e of events.slice(0, capacity)) ring.add(e);
			const started = performance.now();
			for (const e of events.slice(capacity)) ring.add(e);
			expect(ring.size).toBe(capacity);
			return (performance.now() - started) / 20_000;
		};

		perEvent(100); // warm up
		const small = Math.min(perEvent(100), perEvent(100));
		const large = Math.min(perEvent(20_000), perEvent(20_000));
		// Copying the ring would make the large one ~200 times slower.
		expect(large / small).toBeLessThan(5);
	});

	test('capacity must be a whole number of at least 1', () => {
		expect(() => new EventRing(0)).toThrow(RangeError);
		expect(() => new EventRing(2.5)).toThrow(RangeError);
	});
});
