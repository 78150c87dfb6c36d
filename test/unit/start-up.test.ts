import {describe, expect, test, vi} from 'vitest';
import {compileCacheDir} from '../../source/compile-cache.js';
import {toConfig} from '../../source/config.js';
import {createStore} from '../../source/store/create-store.js';
import {firstScreen} from '../../source/store/first-screen.js';
import {initialState} from '../../source/store/state.js';
import {maxFps, renderOptions} from '../../source/ui/render-profile.js';
import {fakeInfo} from '../support/fake-engine.js';

describe('firstScreen: the first frame waits for the engine, not longer than the deadline', () => {
	test('resolves once the connection and its list are in, in the same tick, without waiting for the store to publish', async () => {
		const store = createStore(initialState(), {batchMs: 60_000});
		let resolved = false;
		const waiting = firstScreen(store, 60_000).then(() => {
			resolved = true;
		});
		store.dispatch({type: 'ui/overlay', overlay: 'help'});
		await Promise.resolve();
		expect(resolved).toBe(false);
		store.dispatch({type: 'connection/connected', info: fakeInfo, at: Date.now()});
		store.dispatch({type: 'containers/listed', containers: [], keep: [], at: Date.now()});
		await waiting;
		expect(store.getState().connection.status).toBe('connected');
	});

	test('a problem answers too (the screen explains it)', async () => {
		const store = createStore(initialState());
		const waiting = firstScreen(store, 60_000);
		store.dispatch({type: 'connection/lost', problem: {kind: 'other', title: 'nope', detail: '', hint: ''}, attempt: 1, retryAt: Date.now() + 500, at: Date.now()});
		await expect(waiting).resolves.toBeUndefined();
	});

	test('gives up at the deadline, and leaves dispatch as it was', async () => {
		vi.useFakeTimers();
		try {
			const store = createStore(initialState());
			const dispatch = store.dispatch;
			const waiting = firstScreen(store, 300);
			expect(store.dispatch).not.toBe(dispatch);
			vi.advanceTimersByTime(300);
			await waiting;
			expect(store.dispatch).toBe(dispatch);
		} finally {
			vi.useRealTimers();
		}
	});

	test('already answered: at once', async () => {
		const store = createStore(initialState());
		store.dispatch({type: 'connection/connected', info: fakeInfo, at: Date.now()});
		await expect(firstScreen(store, 60_000)).resolves.toBeUndefined();
	});
});

describe('compile cache directory', () => {
	test('the platform\'s per-user cache directory', () => {
		expect(compileCacheDir({}, 'linux', '/home/me')).toBe('/home/me/.cache/berth/compile-cache');
		expect(compileCacheDir({XDG_CACHE_HOME: '/xdg'}, 'linux', '/home/me')).toBe('/xdg/berth/compile-cache');
		// A relative XDG_CACHE_HOME is invalid by the spec: ignored.
		expect(compileCacheDir({XDG_CACHE_HOME: 'rel'}, 'linux', '/home/me')).toBe('/home/me/.cache/berth/compile-cache');
		expect(compileCacheDir({}, 'darwin', '/Users/me')).toBe('/Users/me/Library/Caches/berth/compile-cache');
	});
});

describe('--low-bandwidth', () => {
	test('stats every 5 s unless --refresh says otherwise', () => {
		expect(toConfig({})).toMatchObject({lowBandwidth: false, refreshMs: 1000});
		expect(toConfig({lowBandwidth: true})).toMatchObject({lowBandwidth: true, refreshMs: 5000});
		expect(toConfig({lowBandwidth: true, refresh: 2})).toMatchObject({lowBandwidth: true, refreshMs: 2000});
	});

	test('fewer frames a second; everything else as usual', () => {
		const normal = renderOptions({lowBandwidth: false});
		const low = renderOptions({lowBandwidth: true});
		expect(normal.maxFps).toBe(maxFps.normal);
		expect(low.maxFps).toBe(maxFps.lowBandwidth);
		expect(low.maxFps).toBeLessThan(normal.maxFps!);
		expect({...low, maxFps: 0}).toEqual({...normal, maxFps: 0});
		expect(normal).toMatchObject({interactive: true, alternateScreen: true, incrementalRendering: true});
	});
});
