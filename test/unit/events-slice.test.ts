import {describe, expect, test} from 'vitest';
import type {EngineEvent} from '../../source/engine/engine.js';
import type {Action} from '../../source/store/actions.js';
import {initialEvents} from '../../source/store/events-slice.js';
import {selectEventsView, selectedEntry} from '../../source/store/events-view.js';
import {reducer} from '../../source/store/reducer.js';
import {initialState, type State} from '../../source/store/state.js';
import {engineErrorFixture, eventFixture, fakeInfo} from '../support/fake-engine.js';

const at = (seconds: number) => BigInt(seconds) * 1_000_000_000n;
const ev = (seconds: number, action = 'start', id = 'c1', attributes: Record<string, string> = {}, type = 'container'): EngineEvent =>
	eventFixture(action, id, attributes, {type, timeNano: at(seconds)});

function run(state: State, ...actions: Action[]): State {
	return actions.reduce(reducer, state);
}

const live = (...events: EngineEvent[]): Action[] => events.map((event) => ({type: 'engine/event', event}));
const connected: Action = {type: 'connection/connected', info: {...fakeInfo, systemTimeNano: at(1000)}, at: 1_000_000};
const lost: Action = {type: 'connection/lost', problem: engineErrorFixture({title: 'socket closed'}).problem, attempt: 1, retryAt: 2_000_500, at: 2_000_000};
const actionsOf = (state: State) => selectEventsView(state.events).entries.map((entry) => (entry.kind === 'event' ? entry.event.action : 'BREAK'));

describe('events slice', () => {
	test('every engine/event lands in the ring once; a repeat changes nothing', () => {
		const first = ev(1);
		const state = run(initialState(), connected, ...live(first, ev(2, 'die', 'c1', {exitCode: '0'})));
		expect(state.events.ring.size).toBe(2);
		expect(run(state, ...live(first)).events).toBe(state.events);
	});

	test('history and live overlap at the connect time: merged in time order, each event once', () => {
		const boundary = ev(1000, 'create', 'c9');
		let state = run(initialState(), connected, ...live(boundary, ev(1001), ev(1002, 'stop')));
		state = run(state, {type: 'events/history', events: [ev(990, 'pull', 'img', {}, 'image'), ev(995, 'create', 'c8'), boundary], sinceNano: at(0)});
		const view = selectEventsView({...state.events, pane: {...state.events.pane, order: 'oldest'}});
		expect(view.entries.map((entry) => (entry.kind === 'event' ? Number(entry.event.timeNano / 1_000_000_000n) : 0))).toEqual([990, 995, 1000, 1001, 1002]);
		expect(state.events.history).toEqual({status: 'loaded', sinceNano: 0n, count: 3});
	});

	test('the ring is bounded by its capacity; the oldest go', () => {
		let state: State = {...initialState(), events: initialEvents(3)};
		state = run(state, ...live(ev(1), ev(2), ev(3), ev(4), ev(5)));
		expect(state.events.ring.toArray().map((e) => Number(e.timeNano / 1_000_000_000n))).toEqual([3, 4, 5]);
	});

	test('attention not yet seen: counted outside the events view, cleared by showing it, not counted while it shows', () => {
		let state = run(initialState(), connected, ...live(ev(1, 'die', 'c1', {exitCode: '1'}), ev(2, 'die', 'c1', {exitCode: '0'}), ev(3, 'oom'), ev(4, 'kill', 'c1', {signal: '15'}), ev(5, 'health_status: unhealthy'), ev(6, 'health_status: healthy')));
		expect(state.events.unseen).toBe(4);
		state = run(state, {type: 'events/history', events: [ev(0, 'die', 'c0', {exitCode: '2'}), ev(0, 'start', 'c2')], sinceNano: 0n});
		expect(state.events.unseen).toBe(5);
		state = run(state, {type: 'ui/view', view: 'events'});
		expect(state.events.unseen).toBe(0);
		state = run(state, ...live(ev(7, 'oom')));
		expect(state.events.unseen).toBe(0);
		state = run(state, {type: 'ui/view', view: 'containers'}, ...live(ev(8, 'oom'), ev(9, 'oom', 'c1')));
		expect(state.events.unseen).toBe(2);
	});

	test('a break in the stream: one line after the last event seen, resumed on reconnect, events caught up after it', () => {
		let state = run(initialState(), connected, ...live(ev(1001), ev(1002, 'pause')));
		state = run(state, lost, {...lost, attempt: 2});
		expect(state.events.breaks).toHaveLength(1);
		expect(state.events.breaks[0]).toMatchObject({afterNano: at(1002), lostAtMs: 2_000_000, reason: 'socket closed'});
		expect(state.events.breaks[0]!.resumedAtMs).toBeUndefined();
		state = run(state, {...connected, at: 3_000_000}, ...live(ev(1002, 'pause'), ev(1003, 'unpause')));
		expect(state.events.breaks[0]!.resumedAtMs).toBe(3_000_000);
		expect(actionsOf(state)).toEqual(['unpause', 'BREAK', 'pause', 'start']);
		// Failing to connect at all (never connected) is no break in the stream.
		expect(run(initialState(), lost).events.breaks).toHaveLength(0);
	});

	test('the cursor follows the newest event until moved; then it stays on its event as more arrive', () => {
		let state = run(initialState(), connected, ...live(ev(1, 'create'), ev(2, 'start'), ev(3, 'pause')), {type: 'ui/view', view: 'events'});
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'pause'}});
		state = run(state, ...live(ev(4, 'unpause')));
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'unpause'}});
		state = run(state, {type: 'ui/events/move', by: 2});
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'start'}});
		state = run(state, ...live(ev(5, 'kill'), ev(6, 'die')));
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'start'}});
		expect(selectEventsView(state.events).cursor).toBe(4);
		state = run(state, {type: 'ui/events/moveTo', end: 'top'}, ...live(ev(7, 'destroy')));
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'destroy'}});
		state = run(state, {type: 'ui/events/move', by: -5});
		expect(selectEventsView(state.events).cursor).toBe(0);
	});

	test('oldest first: the newest is at the bottom, G follows it', () => {
		let state = run(initialState(), ...live(ev(1, 'create'), ev(2, 'start')), {type: 'ui/events/order'});
		expect(actionsOf(state)).toEqual(['create', 'start']);
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'start'}});
		state = run(state, {type: 'ui/events/moveTo', end: 'top'}, ...live(ev(3, 'stop')));
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'create'}});
		state = run(state, {type: 'ui/events/moveTo', end: 'bottom'}, ...live(ev(4, 'destroy')));
		expect(selectedEntry(state.events)).toMatchObject({event: {action: 'destroy'}});
	});

	test('filters: a new set of rows follows the newest again; Esc on the typed filter clears only the text', () => {
		let state = run(initialState(), ...live(ev(1, 'create', 'a'), ev(2, 'create', 'b'), ev(3, 'start', 'a')), {type: 'ui/events/move', by: 1});
		state = run(state, {type: 'ui/events/filters', filters: {type: 'container', container: {id: 'a', name: 'a'}}});
		expect(state.events.pane.anchor).toBeUndefined();
		expect(actionsOf(state)).toEqual(['start', 'create']);
		expect(selectEventsView(state.events)).toMatchObject({shown: 2, total: 3});
		state = run(state, {type: 'ui/events/filterStart'}, {type: 'ui/events/filters', filters: {text: 'start'}});
		expect(state.events.pane.editing).toBe(true);
		expect(actionsOf(state)).toEqual(['start']);
		state = run(state, {type: 'ui/events/filterEnd', keep: false});
		expect(state.events.pane).toMatchObject({editing: false, filters: {text: '', type: 'container'}});
		state = run(state, {type: 'ui/events/filters', filters: {}, replace: true});
		expect(state.events.pane.filters).toEqual({attention: false, text: ''});
	});

	test('the events view shows only the rows asked for; nothing is rebuilt when nothing changed', () => {
		const state = run(initialState(), ...live(ev(1), ev(2)));
		const entries = selectEventsView(state.events).entries;
		expect(selectEventsView(state.events).entries).toBe(entries);
		const next = run(state, ...live(ev(3)));
		expect(selectEventsView(next.events).entries).not.toBe(entries);
		expect(selectEventsView(run(next, {type: 'ui/events/order'}).events).entries).toHaveLength(3);
	});

	test('switching to the events view closes the container details overlay', () => {
		const state = run(initialState({overlay: 'details'}), {type: 'ui/view', view: 'events'});
		expect(state.ui).toMatchObject({view: 'events', overlay: 'none'});
	});
});
