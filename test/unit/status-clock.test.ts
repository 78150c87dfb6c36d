import {describe, expect, it} from 'vitest';
import {liveStatus, parseStatusAge, statusSince} from '../../source/store/status-clock.js';
import type {Container} from '../../source/store/state.js';

const container = (partial: Partial<Container>): Container => ({
	id: 'a',
	name: 'web',
	image: 'busybox',
	command: '',
	created: 0,
	state: 'running',
	status: '',
	ports: [],
	labels: {},
	...partial,
});

describe('status clock', () => {
	it('reads the age out of the engine status text, with its granularity', () => {
		expect(parseStatusAge('Up Less than a second')).toEqual({seconds: 0, granularity: 1});
		expect(parseStatusAge('Up 12 seconds')).toEqual({seconds: 12, granularity: 1});
		expect(parseStatusAge('Up 3 minutes (healthy)')).toEqual({seconds: 180, granularity: 60});
		expect(parseStatusAge('Up About an hour (Paused)')).toEqual({seconds: 3600, granularity: 3600});
		expect(parseStatusAge('Exited (137) 2 hours ago')).toEqual({seconds: 7200, granularity: 3600});
		expect(parseStatusAge('Exited (0) About a minute ago')).toEqual({seconds: 60, granularity: 60});
		expect(parseStatusAge('Created')).toBeUndefined();
		expect(parseStatusAge('Restarting (1) 5 seconds ago')).toBeUndefined();
	});

	it('keeps an exact moment from an event while the text agrees, else takes the text', () => {
		const at = 1_000_000;
		expect(statusSince('Up 12 seconds', at, undefined)).toBe(at - 12_000);
		expect(statusSince('Up 3 minutes', at, at - 200_000)).toBe(at - 200_000);
		// A coarse text alone is no moment: the engine's words are shown as they are.
		expect(statusSince('Up 3 minutes', at, undefined)).toBeUndefined();
		expect(statusSince('Up 3 minutes', at, at - 500_000)).toBeUndefined();
		expect(statusSince('Created', at, undefined)).toBeUndefined();
	});

	it('ages the text like docker ps, keeping health and paused', () => {
		const now = 10_000_000;
		expect(liveStatus(container({statusSinceMs: now - 14_000}), now)).toBe('Up 14 seconds');
		expect(liveStatus(container({statusSinceMs: now - 200_000, health: 'healthy'}), now)).toBe('Up 3 minutes (healthy)');
		expect(liveStatus(container({statusSinceMs: now - 5000, health: 'starting'}), now)).toBe('Up 5 seconds (health: starting)');
		expect(liveStatus(container({statusSinceMs: now - 90_000, state: 'paused'}), now)).toBe('Up About a minute (Paused)');
		expect(liveStatus(container({statusSinceMs: now - 7_200_000, state: 'exited', exitCode: 137}), now)).toBe('Exited (137) 2 hours ago');
		expect(liveStatus(container({state: 'exited', status: 'Exited (3) 1 second ago'}), now)).toBe('Exited (3) 1 second ago');
		expect(liveStatus(container({statusSinceMs: now, state: 'restarting', status: 'Restarting (1) 1 second ago'}), now)).toBe('Restarting (1) 1 second ago');
	});
});
