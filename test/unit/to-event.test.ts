import {describe, expect, test} from 'vitest';
import {toEvent} from '../../source/engine/to-event.js';

describe('toEvent', () => {
	test('API >= 1.22: Type, Action, Actor', () => {
		const event = toEvent({
			Type: 'container',
			Action: 'health_status: unhealthy',
			Actor: {ID: 'c0ffee', Attributes: {name: 'web', image: 'nginx:1'}},
			scope: 'local',
			time: 1_750_000_000,
			timeNano: '1750000000123456789',
		});
		expect(event).toEqual({
			type: 'container',
			action: 'health_status: unhealthy',
			id: 'c0ffee',
			attributes: {name: 'web', image: 'nginx:1'},
			time: 1_750_000_000,
			timeNano: 1_750_000_000_123_456_789n,
			scope: 'local',
		});
	});

	test('non-container events keep their type', () => {
		const event = toEvent({Type: 'network', Action: 'connect', Actor: {ID: 'net1', Attributes: {container: 'c0ffee'}}, time: 1});
		expect(event).toMatchObject({type: 'network', action: 'connect', id: 'net1', attributes: {container: 'c0ffee'}});
	});

	test('old API: status, id, from', () => {
		const event = toEvent({status: 'die', id: 'c0ffee', from: 'alpine:3.20', time: 1_400_000_000});
		expect(event).toEqual({
			type: 'container',
			action: 'die',
			id: 'c0ffee',
			attributes: {image: 'alpine:3.20'},
			time: 1_400_000_000,
			timeNano: 1_400_000_000_000_000_000n,
		});
	});

	test('both shapes at once (as dockerd sends for containers): the new one wins', () => {
		const event = toEvent({
			status: 'start',
			id: 'c0ffee',
			from: 'alpine:3.20',
			Type: 'container',
			Action: 'start',
			Actor: {ID: 'c0ffee', Attributes: {image: 'alpine:latest', name: 'x'}},
			time: 1,
			timeNano: 1_000_000_001,
		});
		expect(event).toMatchObject({type: 'container', action: 'start', id: 'c0ffee', attributes: {image: 'alpine:latest', name: 'x'}});
		expect(event.timeNano).toBe(1_000_000_001n);
	});

	test('timeNano as a JSON number becomes a bigint; missing, it comes from time', () => {
		expect(toEvent({Type: 'container', Action: 'start', time: 2, timeNano: 2_000_000_500}).timeNano).toBe(2_000_000_500n);
		expect(toEvent({Type: 'container', Action: 'start', time: 7}).timeNano).toBe(7_000_000_000n);
		expect(toEvent({Type: 'container', Action: 'start', time: 7, timeNano: 'junk'}).timeNano).toBe(7_000_000_000n);
	});

	test('no scope key when the engine sends none', () => {
		expect('scope' in toEvent({Type: 'container', Action: 'start', time: 1})).toBe(false);
	});

	test('an empty object still yields a well-formed event', () => {
		expect(toEvent({})).toEqual({type: 'unknown', action: '', id: '', attributes: {}, time: 0, timeNano: 0n});
	});

	test('attributes are copied, not shared with the raw event', () => {
		const raw = {Type: 'container', Action: 'start', Actor: {ID: 'x', Attributes: {name: 'a'}}, time: 1};
		const event = toEvent(raw);
		event.attributes['name'] = 'changed';
		expect(raw.Actor.Attributes.name).toBe('a');
	});
});
