import {expect, it} from 'vitest';
import {EventRecency} from '../../source/store/event-recency.js';

it('says which containers had an event after a request went out', () => {
	const recency = new EventRecency();
	recency.touch('a');
	const mark = recency.mark();
	expect([...recency.changedSince(mark)]).toEqual([]);
	recency.touch('b');
	expect([...recency.changedSince(mark)]).toEqual(['b']);
	expect([...recency.changedSince(mark, ['a', 'b', 'c'])]).toEqual(['b']);
	recency.touch('a');
	expect([...recency.changedSince(mark, ['a'])]).toEqual(['a']);
});

it('forgets a container two minutes after its last event, so removed containers do not pile up', () => {
	let now = 0;
	const recency = new EventRecency(4096, 120_000, () => now);
	// A container created and removed every 3 s for an hour.
	for (let i = 0; i < 1200; i++) {
		now = i * 3000;
		recency.touch(`c${i}`);
	}

	expect(recency.size).toBe(40);
	const mark = recency.mark();
	now += 1000;
	recency.touch('c1199');
	expect([...recency.changedSince(mark, ['c1199', 'c1160'])]).toEqual(['c1199']);
});

it('keeps at most `capacity` ids, the most recent', () => {
	const recency = new EventRecency(2, 120_000, () => 0);
	const mark = recency.mark();
	recency.touch('a');
	recency.touch('b');
	recency.touch('c');
	expect(recency.size).toBe(2);
	expect([...recency.changedSince(mark)]).toEqual(['b', 'c']);
});
