import {describe, expect, test} from 'vitest';
import type {ContainerStats} from '../../source/engine/engine.js';
import {reducer} from '../../source/store/reducer.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {appendHistory, emptyHistory, historyCapacity, historyValues, type HistoryPoint} from '../../source/store/stats-history.js';
import {statsReducer} from '../../source/store/stats-reducer.js';
import {selectStatsTotals} from '../../source/store/stats-selectors.js';
import {statsTotalsText} from '../../source/ui/stats-totals.js';
import {initialStats} from '../../source/store/stats-state.js';
import {initialState, type State} from '../../source/store/state.js';
import {containerFixture, fakeInfo, idFor} from '../support/fake-engine.js';

function point(index: number): HistoryPoint {
	return {readMs: index * 1000, cpuPercent: index, memoryUsage: index * 10, networkRxRate: 1, networkTxRate: 2, blockReadRate: 3, blockWriteRate: 4};
}

function figures(partial: Partial<ContainerStats> = {}): ContainerStats {
	return {
		readMs: 1000,
		cpuPercent: 10,
		memoryUsage: 100,
		memoryLimit: 1000,
		memoryPercent: 10,
		networkRx: 0,
		networkTx: 0,
		blockRead: 0,
		blockWrite: 0,
		pids: 1,
		onlineCpus: 4,
		...partial,
	};
}

describe('stats history', () => {
	test('keeps the last 300 points, oldest first', () => {
		let history = emptyHistory();
		for (let i = 0; i < 1000; i++) history = appendHistory(history, point(i));
		expect(history.length).toBe(historyCapacity);
		const cpu = historyValues(history, 'cpuPercent');
		expect(cpu).toHaveLength(300);
		expect(cpu[0]).toBe(700);
		expect(cpu.at(-1)).toBe(999);
		expect(historyValues(history, 'memoryUsage', 3)).toEqual([9970, 9980, 9990]);
		expect(historyValues(history, 'readMs', 2)).toEqual([998_000, 999_000]);
		// Old chunks are let go: memory stays bounded.
		expect(history.chunks.length).toBeLessThanOrEqual(Math.ceil(historyCapacity / 32) + 1);
	});

	test('fewer points than asked for, and none', () => {
		let history = emptyHistory();
		expect(historyValues(history, 'cpuPercent')).toEqual([]);
		for (let i = 0; i < 5; i++) history = appendHistory(history, point(i));
		expect(historyValues(history, 'cpuPercent', 100)).toEqual([0, 1, 2, 3, 4]);
		expect(historyValues(history, 'networkTxRate', 2)).toEqual([2, 2]);
	});

	test('versions are persistent: appending to an older one leaves the newer intact', () => {
		let base = emptyHistory();
		for (let i = 0; i < 40; i++) base = appendHistory(base, point(i));
		const a = appendHistory(base, point(100));
		const b = appendHistory(base, point(200));
		const a2 = appendHistory(a, point(101));
		expect(historyValues(base, 'cpuPercent', 2)).toEqual([38, 39]);
		expect(historyValues(a, 'cpuPercent', 2)).toEqual([39, 100]);
		expect(historyValues(b, 'cpuPercent', 2)).toEqual([39, 200]);
		expect(historyValues(a2, 'cpuPercent', 3)).toEqual([39, 100, 101]);
	});

	test('non-finite values are stored as 0', () => {
		const history = appendHistory(emptyHistory(), {...point(1), cpuPercent: Number.NaN, memoryUsage: Number.POSITIVE_INFINITY});
		expect(historyValues(history, 'cpuPercent')).toEqual([0]);
		expect(historyValues(history, 'memoryUsage')).toEqual([0]);
	});
});

describe('the stats slice', () => {
	const empty = {type: 'stats/sampled', updates: [], cleared: [], forgotten: [], streaming: 0} as const;

	test('an empty tick returns the same slice; a new stream count alone changes only that', () => {
		expect(statsReducer(initialStats, empty)).toBe(initialStats);
		const next = statsReducer(initialStats, {...empty, streaming: 3});
		expect(next.streaming).toBe(3);
		expect(next.current).toBe(initialStats.current);
		const state = initialState();
		expect(reducer(state, empty)).toBe(state);
	});

	test('updates set the figures and add a history point once CPU % is known', () => {
		const first = statsReducer(initialStats, {...empty, updates: [['a', figures({cpuPercent: undefined})]]});
		expect(first.current.get('a')?.cpuPercent).toBeUndefined();
		expect(first.history.has('a')).toBe(false);
		const second = statsReducer(first, {...empty, updates: [['a', figures({cpuPercent: 42, networkRxRate: 7})]]});
		expect(second.current.get('a')?.cpuPercent).toBe(42);
		expect(historyValues(second.history.get('a')!, 'cpuPercent')).toEqual([42]);
		expect(historyValues(second.history.get('a')!, 'networkRxRate')).toEqual([7]);
		expect(historyValues(second.history.get('a')!, 'blockWriteRate')).toEqual([0]);
	});

	test('cleared drops the figures but keeps the history; forgotten drops both', () => {
		let stats = statsReducer(initialStats, {...empty, updates: [['a', figures()], ['b', figures()]]});
		stats = statsReducer(stats, {...empty, cleared: ['a']});
		expect(stats.current.has('a')).toBe(false);
		expect(stats.history.has('a')).toBe(true);
		stats = statsReducer(stats, {...empty, forgotten: ['a', 'b', 'never-seen']});
		expect(stats.current.size).toBe(0);
		expect(stats.history.size).toBe(0);
	});

	test('the reducer plugs the slice into the state', () => {
		const state = reducer(initialState(), {...empty, updates: [['a', figures()]], streaming: 1});
		expect(state.stats.current.get('a')?.cpuPercent).toBe(10);
		expect(state.stats.streaming).toBe(1);
	});
});

describe('stats selectors', () => {
	function withStats(entries: Array<[string, ContainerStats]>, engine = fakeInfo): State {
		let state = reducer(initialState(), {type: 'connection/connected', info: engine});
		state = reducer(state, {type: 'stats/sampled', updates: entries, cleared: [], forgotten: [], streaming: entries.length});
		return state;
	}

	test('totals: CPU % summed over the host CPUs, memory against the host, streams', () => {
		const state = withStats([
			['a', figures({cpuPercent: 150, memoryUsage: 1024 ** 3})],
			['b', figures({cpuPercent: 50, memoryUsage: 1024 ** 3})],
			['c', figures({cpuPercent: undefined, memoryUsage: 0})],
		]);
		const totals = selectStatsTotals(state);
		expect(totals.cpus).toBe(4);
		expect(totals.cpuPercentOfHost).toBe(50);
		expect(totals.memoryUsage).toBe(2 * 1024 ** 3);
		expect(totals.memoryTotal).toBe(8 * 1024 ** 3);
		expect(totals.memoryPercent).toBe(25);
		expect(totals.streaming).toBe(3);
		expect(totals.withStats).toBe(3);
		expect(totals.fromCgroups).toBe(0);
	});

	test('the header says where figures come from: cgroups, streams, or both', () => {
		const local = withStats([['a', figures({source: 'cgroup'})], ['b', figures({source: 'cgroup+api'})]]);
		const onlyLocal = {...local, stats: {...local.stats, streaming: 0}};
		expect(selectStatsTotals(onlyLocal).fromCgroups).toBe(2);
		expect(statsTotalsText(onlyLocal)).toMatch(/ · from cgroups$/);
		expect(statsTotalsText(local)).toMatch(/ · from cgroups \+ 2 streaming$/);
		expect(statsTotalsText(withStats([['a', figures({source: 'api'})]]))).toMatch(/ · 1 streaming$/);
	});

	test('totals without figures or engine info: nothing undefined is NaN', () => {
		const totals = selectStatsTotals(initialState());
		expect(totals).toEqual({cpus: 0, memoryUsage: 0, memoryTotal: 0, withStats: 0, streaming: 0, fromCgroups: 0});
		const noInfo = reducer(initialState(), {type: 'stats/sampled', updates: [['a', figures({onlineCpus: 2, cpuPercent: 100})]], cleared: [], forgotten: [], streaming: 1});
		expect(selectStatsTotals(noInfo).cpuPercentOfHost).toBe(50);
		expect(selectStatsTotals(noInfo).memoryPercent).toBeUndefined();
	});

	test('sort by CPU and by memory: largest first, containers without figures last, then by name', () => {
		const names = ['idle', 'busy', 'stopped', 'hungry', 'new'];
		const containers = new Map(
			names.map((name) => {
				const container = containerFixture({name, state: name === 'stopped' ? 'exited' : 'running'});
				return [container.id, container];
			}),
		);
		const stats = new Map<string, ContainerStats>([
			[idFor('idle'), figures({cpuPercent: 0, memoryUsage: 10})],
			[idFor('busy'), figures({cpuPercent: 99, memoryUsage: 20})],
			[idFor('hungry'), figures({cpuPercent: 5, memoryUsage: 999})],
			[idFor('new'), figures({cpuPercent: undefined, memoryUsage: 30})],
		]);
		const order = (sort: 'cpu' | 'memory') =>
			selectContainerView(containers, {...initialState().ui, sort}, stats).rows.map((row) => (row.kind === 'container' ? row.container.name : ''));
		expect(order('cpu')).toEqual(['busy', 'hungry', 'idle', 'new', 'stopped']);
		expect(order('memory')).toEqual(['hungry', 'new', 'busy', 'idle', 'stopped']);
		// Without the stats map (it is passed only for these sorts) the order falls back to names.
		expect(selectContainerView(containers, {...initialState().ui, sort: 'cpu'}).rows.map((row) => (row.kind === 'container' ? row.container.name : ''))).toEqual([
			'busy',
			'hungry',
			'idle',
			'new',
			'stopped',
		]);
	});
});
