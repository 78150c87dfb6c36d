/**
 * Event parsing on what a real dockerd sent (test/fixtures/events/, recorded by
 * scripts/capture-event-fixtures.ts), in both API shapes, through to the text
 * the events view shows.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {EngineEvent} from '../../source/engine/engine.js';
import {parseEventLine, toEvent} from '../../source/engine/to-event.js';
import {attentionOf} from '../../source/store/event-filters.js';
import {actorName, keyAttributes} from '../../source/ui/event-rows.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/events/docker-20.10.json', import.meta.url), 'utf8')) as {lines: string[]};
const events = fixture.lines.map(parseEventLine);

/** The first recorded event of a type and action (and name, when given). */
function recorded(type: string, action: string, name?: string): EngineEvent {
	const event = events.find((e) => e.type === type && e.action === action && (name === undefined || e.attributes['name'] === name));
	if (!event) throw new Error(`no ${type} ${action} ${name ?? ''} in the fixture`);
	return event;
}

/**
 * What an engine before API 1.22 sent for the same event: only status, id, from
 * and time (dockerd 20.10 sends them beside the new fields on every API version).
 */
function oldShape(line: string): string {
	const raw = JSON.parse(line) as Record<string, unknown>;
	const old: Record<string, unknown> = {};
	for (const key of ['status', 'id', 'from', 'time']) if (raw[key] !== undefined) old[key] = raw[key];
	return JSON.stringify(old);
}

describe('events recorded from dockerd 20.10', () => {
	test('every line parses, with its exact nanosecond time and in the engine\'s order', () => {
		expect(events.length).toBeGreaterThan(40);
		for (const [index, event] of events.entries()) {
			expect(event.timeNano).toBe(BigInt(/"timeNano":(\d+)/.exec(fixture.lines[index]!)![1]!));
			expect(event.time).toBe(Number(event.timeNano / 1_000_000_000n));
			if (index > 0) expect(event.timeNano >= events[index - 1]!.timeNano).toBe(true);
		}
		// JSON.parse alone would round the last digits of at least one of them.
		expect(events.some((event, index) => BigInt(Math.trunc(JSON.parse(fixture.lines[index]!).timeNano as number)) !== event.timeNano)).toBe(true);
	});

	test('the types recorded: container, image, volume, network, daemon', () => {
		expect(new Set(events.map((event) => event.type))).toEqual(new Set(['container', 'image', 'volume', 'network', 'daemon']));
	});

	test('container: name, image and labels in the attributes; exit code on die, signal on kill', () => {
		const create = recorded('container', 'create', 'fix-web');
		expect(create.id).toMatch(/^[\da-f]{64}$/);
		expect(create.attributes).toMatchObject({name: 'fix-web', image: 'berth-test/busybox', 'com.docker.compose.service': 'web'});
		expect(actorName(create)).toBe('fix-web');
		expect(keyAttributes(create)).toEqual(['image=berth-test/busybox', 'service=web']);

		const hup = events.find((e) => e.action === 'kill' && e.attributes['signal'] === '1')!;
		expect(keyAttributes(hup)).toContain('signal=1 (HUP)');
		expect(attentionOf(hup)).toBe('warn');

		const die = recorded('container', 'die', 'fix-web2');
		expect(keyAttributes(die)[0]).toBe('exitCode=137');
		expect(attentionOf(die)).toBe('error');
		expect(attentionOf(recorded('container', 'die', 'fix-fail'))).toBe('error');
		expect(keyAttributes(recorded('container', 'die', 'fix-fail'))[0]).toBe('exitCode=3');
		expect(attentionOf(recorded('container', 'oom', 'fix-oom'))).toBe('error');
		expect(attentionOf(recorded('container', 'health_status: unhealthy', 'fix-sick'))).toBe('warn');
		expect(attentionOf(recorded('container', 'start', 'fix-web'))).toBeUndefined();
		expect(keyAttributes(recorded('container', 'rename', 'fix-web2'))).toContain('oldName=fix-web');
	});

	test('exec events name the command in the action', () => {
		expect(events.some((e) => e.type === 'container' && e.action.startsWith('exec_create: /bin/sh -c exit 1'))).toBe(true);
		expect(events.some((e) => e.action === 'exec_die')).toBe(true);
	});

	test('image: tag names the new reference, import and untag the image id', () => {
		expect(actorName(recorded('image', 'tag', 'berth-test/busybox:fixture'))).toBe('berth-test/busybox:fixture');
		const untag = recorded('image', 'untag');
		expect(untag.id).toMatch(/^sha256:[\da-f]{64}$/);
		expect(actorName(untag)).toBe(untag.id.slice(7, 19));
		expect(actorName(recorded('image', 'import'))).toMatch(/^[\da-f]{12}$/);
	});

	test('volume: the name is the id; mount says which container and where', () => {
		const mount = recorded('volume', 'mount');
		expect(mount.id).toBe('fix-vol');
		expect(actorName(mount)).toBe('fix-vol');
		const container = recorded('container', 'create', 'fix-web').id;
		expect(mount.attributes['container']).toBe(container);
		expect(keyAttributes(mount, (id) => (id === container ? 'fix-web' : undefined))).toEqual(['container=fix-web', 'destination=/data', 'driver=local']);
	});

	test('network: name attribute, connect and disconnect say which container', () => {
		const connect = recorded('network', 'connect', 'fix-net');
		expect(actorName(connect)).toBe('fix-net');
		expect(keyAttributes(connect)).toEqual([`container=${connect.attributes['container']!.slice(0, 12)}`, 'type=bridge']);
		expect(recorded('network', 'disconnect', 'fix-net').attributes['container']).toBe(connect.attributes['container']);
	});

	test('daemon: reload, named by the host', () => {
		const reload = recorded('daemon', 'reload');
		expect(reload.attributes['name']).toBeTruthy();
		expect(actorName(reload)).toBe(reload.attributes['name']);
		expect(keyAttributes(reload)).toEqual([]);
	});

	test('old shape (status, id, from): container events keep action, id and image', () => {
		for (const [index, event] of events.entries()) {
			if (event.type !== 'container') continue;
			const old = parseEventLine(oldShape(fixture.lines[index]!));
			expect(old.type).toBe('container');
			expect(old.action).toBe(event.action);
			expect(old.id).toBe(event.id);
			expect(old.attributes['image']).toBe(event.attributes['image']);
			expect(old.time).toBe(event.time);
		}
	});

	test('old shape: image events are told from container events by their action', () => {
		const images = events.map((event, index) => [event, fixture.lines[index]!] as const).filter(([event]) => event.type === 'image');
		expect(images.length).toBeGreaterThan(2);
		for (const [event, line] of images) {
			const old = toEvent(JSON.parse(oldShape(line)));
			expect(old).toMatchObject({type: 'image', action: event.action, id: event.id});
		}
	});

	test('volume, network and daemon events have no old shape (dockerd sends none of status, id, from)', () => {
		for (const [index, event] of events.entries()) {
			if (event.type === 'container' || event.type === 'image') continue;
			expect(JSON.parse(fixture.lines[index]!)).not.toHaveProperty('status');
		}
	});
});
