import {describe, expect, test} from 'vitest';
import {breakText, eventCells, eventColumns, eventLine, eventTime} from '../../source/ui/event-rows.js';
import {columns} from '../../source/ui/text-width.js';
import {eventFixture} from '../support/fake-engine.js';

const local = (...parts: [number, number, number, number, number, number]) => BigInt(new Date(...parts).getTime()) * 1_000_000n;
const now = new Date(2026, 10, 23, 15, 30, 0).getTime();

describe('events view rows', () => {
	test('local time: HH:MM:SS today, with the date on another day', () => {
		expect(eventTime(local(2026, 10, 23, 9, 5, 7), now)).toBe('09:05:07');
		expect(eventTime(local(2026, 10, 22, 23, 59, 59), now)).toBe('2026-11-22 23:59:59');
	});

	test('cells: type, action, actor name and the attributes that matter', () => {
		const die = eventFixture('die', 'c0ffee0000000000', {name: 'web', image: 'nginx:1', exitCode: '2', 'com.docker.compose.service': 'front', other: 'x'}, {timeNano: local(2026, 10, 23, 15, 0, 0)});
		expect(eventCells(die, now)).toEqual({time: '15:00:00', type: 'container', action: 'die', actor: 'web', details: 'exitCode=2 image=nginx:1 service=front'});
		const kill = eventFixture('kill', 'c0ffee', {name: 'web', signal: '15'});
		expect(eventCells(kill, now).details).toBe('signal=15 (TERM)');
		const connect = eventFixture('connect', 'ab'.repeat(32), {name: 'front-net', type: 'bridge', container: 'cd'.repeat(32)}, {type: 'network'});
		expect(eventCells(connect, now, (id) => (id === 'cd'.repeat(32) ? 'web' : undefined))).toMatchObject({actor: 'front-net', details: 'container=web type=bridge'});
		expect(eventCells(connect, now).details).toBe(`container=${'cd'.repeat(6)} type=bridge`);
	});

	test('hostile names and attributes reach the screen without their escapes', () => {
		const evil = eventFixture('start', 'x', {name: 'ev\u001b]0;pwned\u0007il', image: 'a\u001b[2Jb', 'com.docker.compose.service': '\u009b31mred'});
		const cells = eventCells(evil, now);
		for (const text of Object.values(cells)) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		expect(cells.actor).toBe('evil');
	});

	test('a line is exactly as wide as asked, whatever the content', () => {
		const rows = [
			eventCells(eventFixture('health_status: unhealthy', 'x', {name: 'a-very-long-container-name-that-goes-on-and-on'}), now),
			eventCells(eventFixture('start', 'y', {name: '漢字の名前'}), now),
		];
		const widths = eventColumns(rows);
		expect(widths.action).toBe(24);
		expect(widths.actor).toBe(28);
		for (const width of [40, 80, 133]) for (const cells of rows) expect(columns(eventLine(cells, widths, width))).toBe(width);
	});

	test('the break line says when it was lost, why, and when it came back', () => {
		const lostAtMs = new Date(2026, 10, 23, 15, 1, 2).getTime();
		expect(breakText({seq: 1, afterNano: 0n, lostAtMs, reason: 'socket hang up'}, now)).toBe('── connection lost 15:01:02 · reconnecting… · socket hang up ──');
		expect(breakText({seq: 1, afterNano: 0n, lostAtMs, reason: 'x', resumedAtMs: lostAtMs + 9000}, now)).toContain('resumed 15:01:11');
	});
});
