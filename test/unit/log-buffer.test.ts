import {afterEach, describe, expect, test, vi} from 'vitest';
import {LogBuffer} from '../../source/store/log-buffer.js';
import type {LogLine} from '../../source/store/log-line.js';
import {canonicalTime, formatCanonicalTime} from '../../source/store/log-times.js';

const line = (text: string, partial = false): LogLine => ({text, kind: 'out', time: undefined, source: 0, partial});
const texts = (buffer: LogBuffer) => [...buffer.lines()].map((l) => l.text);

afterEach(() => {
	vi.useRealTimers();
});

describe('LogBuffer', () => {
	test('keeps the newest `capacity` lines with increasing sequence numbers', () => {
		const buffer = new LogBuffer({capacity: 3});
		for (const text of ['a', 'b', 'c', 'd', 'e']) buffer.append(line(text));
		expect(texts(buffer)).toEqual(['c', 'd', 'e']);
		expect([buffer.first, buffer.next, buffer.size]).toEqual([2, 5, 3]);
		expect(buffer.get(1)).toBeUndefined();
		expect(buffer.get(2)?.text).toBe('c');
		expect(buffer.get(5)).toBeUndefined();
	});

	test('wraps around its array many times without losing order', () => {
		const buffer = new LogBuffer({capacity: 7});
		for (let i = 0; i < 1000; i++) buffer.append(line(String(i)));
		expect(texts(buffer)).toEqual(['993', '994', '995', '996', '997', '998', '999']);
	});

	test('a character budget drops the oldest lines first, keeping at least one', () => {
		const buffer = new LogBuffer({capacity: 100, maxChars: 10});
		buffer.append(line('12345'));
		buffer.append(line('67890'));
		buffer.append(line('x'));
		expect(texts(buffer)).toEqual(['67890', 'x']);
		buffer.append(line('y'.repeat(50)));
		expect(texts(buffer)).toEqual(['y'.repeat(50)]);
	});

	test('replace updates a kept line (a partial line growing) and refuses a dropped one', () => {
		const buffer = new LogBuffer({capacity: 2});
		const seq = buffer.append(line('par', true));
		expect(buffer.replace(seq, line('partial done'))).toBe(true);
		expect(buffer.get(seq)).toMatchObject({text: 'partial done', partial: false});
		buffer.append(line('b'));
		buffer.append(line('c'));
		expect(buffer.replace(seq, line('late'))).toBe(false);
		expect(texts(buffer)).toEqual(['b', 'c']);
	});

	test('readers are told at most once per notifyMs, however many lines arrive', () => {
		vi.useFakeTimers();
		const buffer = new LogBuffer({capacity: 100, notifyMs: 100});
		const listener = vi.fn();
		buffer.subscribe(listener);
		const before = buffer.getSnapshot();
		for (let i = 0; i < 50; i++) buffer.append(line(String(i)));
		// Nothing yet: the snapshot readers see is unchanged until the publish.
		expect(listener).not.toHaveBeenCalled();
		expect(buffer.getSnapshot()).toBe(before);
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);
		expect(buffer.getSnapshot()).toMatchObject({first: 50 - 50, next: 50, received: 50});
		for (let round = 0; round < 10; round++) {
			for (let i = 0; i < 1000; i++) buffer.append(line('flood'));
			vi.advanceTimersByTime(10);
		}

		// 100 ms of flood: at most one more publish per 100 ms.
		expect(listener.mock.calls.length).toBeLessThanOrEqual(2);
		vi.advanceTimersByTime(100);
		expect(buffer.getSnapshot().received).toBe(10_050);
		expect(buffer.size).toBe(100);
	});

	test('in a flood (more than floodLines a batch) readers are told less often', () => {
		vi.useFakeTimers();
		const buffer = new LogBuffer({capacity: 100, notifyMs: 50, floodNotifyMs: 250, floodLines: 100});
		const listener = vi.fn();
		buffer.subscribe(listener);
		const feed = (lines: number) => {
			for (let i = 0; i < lines; i++) buffer.append(line('x'));
		};

		feed(10);
		vi.advanceTimersByTime(0);
		// A trickle: every 50 ms.
		for (let t = 0; t < 500; t += 10) {
			feed(1);
			vi.advanceTimersByTime(10);
		}

		const trickle = listener.mock.calls.length;
		expect(trickle).toBeGreaterThanOrEqual(9);
		listener.mockClear();
		// A flood: 200 lines every 10 ms, told every 250 ms once the first big batch is seen.
		for (let t = 0; t < 1000; t += 10) {
			feed(200);
			vi.advanceTimersByTime(10);
		}

		expect(listener.mock.calls.length).toBeLessThanOrEqual(6);
		expect(listener.mock.calls.length).toBeGreaterThanOrEqual(3);
	});

	test('the snapshot object stays the same between publishes (useSyncExternalStore needs that)', () => {
		vi.useFakeTimers();
		const buffer = new LogBuffer({notifyMs: 50});
		buffer.append(line('a'));
		vi.advanceTimersByTime(0);
		const snapshot = buffer.getSnapshot();
		expect(buffer.getSnapshot()).toBe(snapshot);
		buffer.touch();
		vi.advanceTimersByTime(50);
		expect(buffer.getSnapshot()).not.toBe(snapshot);
		expect(buffer.getSnapshot().version).toBe(snapshot.version + 1);
	});

	test('close stops notifications', () => {
		vi.useFakeTimers();
		const buffer = new LogBuffer({notifyMs: 10});
		const listener = vi.fn();
		buffer.subscribe(listener);
		buffer.close();
		buffer.append(line('a'));
		vi.advanceTimersByTime(100);
		expect(listener).not.toHaveBeenCalled();
	});

	test('a line comes back as it went in: kind, source, partial, time (dockerd\'s form or any other), marker above', () => {
		const buffer = new LogBuffer({capacity: 10});
		const lines: LogLine[] = [
			{text: 'out', kind: 'out', time: '2026-11-23T15:26:31.482853071Z', source: 0, partial: false},
			{text: 'err', kind: 'err', time: '1999-12-31T23:59:59.000000000Z', source: 3, partial: true},
			{text: 'trimmed', kind: 'out', time: '2026-11-23T15:26:31.48Z', source: 1, partial: false},
			{text: 'offset', kind: 'out', time: '2026-11-23T16:26:31.482853071+01:00', source: 1, partial: false},
			{text: 'leap day', kind: 'out', time: '2024-02-29T00:00:00.000000001Z', source: 0, partial: false},
			{text: 'not a date', kind: 'out', time: '2026-02-30T00:00:00.000000000Z', source: 0, partial: false},
			{text: 'restarted', kind: 'marker', time: undefined, source: 2, partial: false},
			{text: 'after', kind: 'out', time: undefined, source: 0, partial: false, before: {text: 'restarted', time: '2026-11-23T15:26:31.482853071Z'}},
		];
		for (const line of lines) buffer.append(line);
		expect([...buffer.lines()]).toEqual(lines);
		expect(buffer.get(1)).toEqual(lines[1]);
		expect([buffer.textOf(1), buffer.kindOf(1), buffer.partialAt(1), buffer.sourceAt(1), buffer.timeOf(1)]).toEqual(['err', 'err', true, 3, '1999-12-31T23:59:59.000000000Z']);
		expect(buffer.beforeOf(7)).toEqual(lines[7]!.before);
		expect([buffer.textOf(8), buffer.get(8), buffer.beforeOf(8)]).toEqual([undefined, undefined, undefined]);
	});

	test('add is append without a LogLine; replace keeps or clears the marker above as the new line says', () => {
		const buffer = new LogBuffer({capacity: 3});
		const seq = buffer.add('half', 'err', '2026-11-23T15:26:31.482853071Z', 1, true);
		expect(buffer.get(seq)).toEqual({text: 'half', kind: 'err', time: '2026-11-23T15:26:31.482853071Z', source: 1, partial: true});
		buffer.replace(seq, {text: 'half done', kind: 'err', time: '2026-11-23T15:26:31.482853071Z', source: 1, partial: false, before: {text: 'restarted', time: undefined}});
		expect(buffer.get(seq)?.before).toEqual({text: 'restarted', time: undefined});
		buffer.replace(seq, {text: 'half done!', kind: 'err', time: undefined, source: 1, partial: false});
		expect(buffer.get(seq)).toEqual({text: 'half done!', kind: 'err', time: undefined, source: 1, partial: false});
		// A dropped line's marker goes with it.
		const marked = buffer.append({...line('x'), before: {text: 'restarted', time: undefined}});
		for (const text of ['a', 'b', 'c']) buffer.add(text, 'out', undefined, 0, false);
		expect(buffer.beforeOf(marked)).toBeUndefined();
		expect(texts(buffer)).toEqual(['a', 'b', 'c']);
	});

	test('dockerd timestamps are read as numbers and written back the same, anything else is refused', () => {
		for (const time of ['2026-11-23T15:26:31.482853071Z', '1970-01-01T00:00:00.000000000Z', '2000-02-29T23:59:59.999999999Z', '1969-12-31T23:59:59.000000001Z', '9999-12-31T23:59:59.999999999Z']) {
			const read = canonicalTime(time);
			expect(read, time).toBeDefined();
			expect(formatCanonicalTime(read!.seconds, read!.nanos)).toBe(time);
		}

		expect(canonicalTime('2026-11-23T15:26:31.482853071Z')).toEqual({seconds: Date.UTC(2026, 10, 23, 15, 26, 31) / 1000, nanos: 482_853_071});
		for (const other of ['2026-11-23T15:26:31.48285307Z', '2026-11-23T15:26:31.482853071+00:00', '2026-13-23T15:26:31.482853071Z', '2026-11-23T24:00:00.000000000Z', '2026-11-23T15:26:31.48285307xZ', '2026-11-23 15:26:31.482853071Z', '2026-02-29T00:00:00.000000000Z']) {
			expect(canonicalTime(other), other).toBeUndefined();
		}
	});

	test('a redraw from a key puts the next publish a whole interval later (the flood frame would show the same lines)', () => {
		vi.useFakeTimers();
		const buffer = new LogBuffer({capacity: 100, notifyMs: 100});
		const listener = vi.fn();
		buffer.subscribe(listener);
		buffer.append(line('a'));
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(60);
		buffer.append(line('b'));
		vi.advanceTimersByTime(20);
		// Drawn by a key 80 ms after the publish: the pending one (due at 100 ms) moves to 180 ms.
		buffer.drawn();
		expect(buffer.received).toBe(2);
		vi.advanceTimersByTime(90);
		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(10);
		expect(listener).toHaveBeenCalledTimes(2);
		expect(buffer.getSnapshot().received).toBe(2);
		// Nothing pending: drawn only moves the clock.
		buffer.drawn();
		vi.advanceTimersByTime(500);
		expect(listener).toHaveBeenCalledTimes(2);
	});

	test('room is made as lines come: lines kept in order across every growth, markers and times included', () => {
		const buffer = new LogBuffer({capacity: 5000});
		const time = (i: number) => `2026-11-23T15:26:31.${String(i).padStart(9, '0')}Z`;
		for (let i = 0; i < 3000; i++) buffer.append({text: String(i), kind: i % 3 === 0 ? 'err' : 'out', time: time(i), source: i % 4, partial: false, ...(i === 1500 ? {before: {text: 'restarted', time: undefined}} : {})});
		expect(buffer.size).toBe(3000);
		expect(buffer.get(0)).toEqual({text: '0', kind: 'err', time: time(0), source: 0, partial: false});
		expect(buffer.get(2999)).toEqual({text: '2999', kind: 'out', time: time(2999), source: 3, partial: false});
		expect(buffer.beforeOf(1500)).toEqual({text: 'restarted', time: undefined});
		for (let i = 3000; i < 12_000; i++) buffer.add(String(i), 'out', undefined, 0, false);
		expect([buffer.size, buffer.first]).toEqual([5000, 7000]);
		expect(texts(buffer)).toEqual(Array.from({length: 5000}, (_, i) => String(7000 + i)));
	});

	test('memory stays bounded: 200,000 lines into a 10,000 line buffer', () => {
		const buffer = new LogBuffer({capacity: 10_000});
		for (let i = 0; i < 200_000; i++) buffer.append(line(`line ${i}`));
		expect(buffer.size).toBe(10_000);
		expect(buffer.get(buffer.first)?.text).toBe('line 190000');
		buffer.close();
	});
});
