import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {parseEventLine} from '../../source/engine/to-event.js';
import {attentionOf, eventMatcher, hasEventFilters, noEventFilters, parseEventQuery, type EventFilters} from '../../source/store/event-filters.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/events/docker-20.10.json', import.meta.url), 'utf8')) as {lines: string[]};
const events = fixture.lines.map(parseEventLine);
const web = events.find((e) => e.type === 'container' && e.attributes['name'] === 'fix-web')!.id;

function matching(filters: Partial<EventFilters>): string[] {
	const matches = eventMatcher({...noEventFilters, ...filters});
	return events.filter(matches).map((e) => `${e.type} ${e.action}`.trim());
}

describe('event filters on recorded events', () => {
	test('no filter: everything', () => {
		expect(matching({})).toHaveLength(events.length);
		expect(hasEventFilters(noEventFilters)).toBe(false);
	});

	test('by type', () => {
		expect(new Set(matching({type: 'network'}))).toEqual(new Set(['network create', 'network connect', 'network disconnect', 'network destroy']));
		expect(matching({type: 'daemon'})).toEqual(['daemon reload']);
		expect(matching({type: 'plugin'})).toEqual([]);
	});

	test('by action', () => {
		expect(matching({action: 'die'})).toEqual(['container die', 'container die', 'container die', 'container die']);
		expect(matching({type: 'volume', action: 'create'})).toEqual(['volume create', 'volume create']);
	});

	test('by container: its own events and the network and volume events about it', () => {
		const shown = matching({container: {id: web, name: 'fix-web'}});
		expect(shown).toContain('container create');
		expect(shown).toContain('container rename');
		expect(shown).toContain('network connect');
		expect(shown).toContain('volume mount');
		expect(shown).toContain('volume unmount');
		expect(shown).not.toContain('container oom');
		expect(shown).not.toContain('volume create');
		expect(shown).not.toContain('image tag');
	});

	test('needing attention: non-zero exits, OOM, kills, unhealthy', () => {
		const shown = matching({attention: true});
		expect(new Set(shown)).toEqual(new Set(['container kill', 'container die', 'container oom', 'container health_status: unhealthy']));
		// exit 0 of an exec is not a container dying, and a die with exitCode 0 needs nothing.
		expect(attentionOf({...events[0]!, type: 'container', action: 'die', attributes: {exitCode: '0'}})).toBeUndefined();
	});

	test('text: docker-style key=value filters', () => {
		expect(matching({text: 'type=image event=untag'})).toEqual(['image untag']);
		// Values of one key are alternatives, different keys must all match.
		expect(new Set(matching({text: 'type=volume type=network event=create'}))).toEqual(new Set(['volume create', 'network create']));
		// As dockerd: health_status matches "health_status: unhealthy".
		expect(matching({text: 'event=health_status'})).toEqual(['container health_status: unhealthy']);
		expect(matching({text: 'action=oom'})).toEqual(['container oom']);
		expect(matching({text: 'label=com.docker.compose.service=web event=start'})).toEqual(['container start']);
		expect(matching({text: 'label=com.docker.compose.project event=create'})).toEqual(['container create']);
		expect(matching({text: 'label=com.docker.compose.project=other'})).toEqual([]);
		expect(matching({text: 'container=fix-oom'})).toEqual(['container create', 'container start', 'container oom', 'container die', 'container destroy']);
		expect(matching({text: `container=${web.slice(0, 12)} type=network`})).toEqual(['network connect', 'network disconnect']);
		expect(matching({text: 'image=berth-test/busybox event=oom'})).toEqual(['container oom']);
		expect(matching({text: 'type=image image=berth-test/busybox:fixture'})).toEqual(['image tag']);
		expect(matching({text: 'network=fix-net event=destroy'})).toEqual(['network destroy']);
		expect(matching({text: 'volume=fix-vol event=mount'})).toEqual(['volume mount']);
	});

	test('text: free words, case-insensitive, all must appear', () => {
		expect(matching({text: 'FIX-SICK unhealthy'})).toEqual(['container health_status: unhealthy']);
		expect(matching({text: 'exitcode=3'})).toEqual(['container die']);
		expect(matching({text: 'nothing-like-this'})).toEqual([]);
	});

	test('keys and text combine', () => {
		expect(matching({type: 'container', attention: true, text: 'fix-oom'})).toEqual(['container oom', 'container die']);
	});

	test('parseEventQuery: known keys become terms, the rest words', () => {
		const query = parseEventQuery('  type=container label=a=b  web action=die foo= =bar ');
		expect(Object.fromEntries(query.terms)).toEqual({type: ['container'], label: ['a=b'], event: ['die']});
		expect(query.words).toEqual(['web', 'foo=', '=bar']);
	});
});
