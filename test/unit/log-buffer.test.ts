import {afterEach, describe, expect, test, vi} from 'vitest';
import {LogBuffer, type LogLine} from '../../source/store/log-buffer.js';

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

	test('memory stays bounded: 200,000 lines into a 10,000 line buffer', () => {
		const buffer = new LogBuffer({capacity: 10_000});
		for (let i = 0; i < 200_000; i++) buffer.append(line(`line ${i}`));
		expect(buffer.size).toBe(10_000);
		expect(buffer.get(buffer.first)?.text).toBe('line 190000');
		buffer.close();
	});
});
