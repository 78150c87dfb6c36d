/** What the bench scripts start on a private engine, and berth's own feeds run in process against it. */
import {createDockerEngine} from '../source/engine/docker-engine.js';
import {parseHost} from '../source/engine/endpoint.js';
import type {StatsSourceMode} from '../source/engine/local-stats-mode.js';
import {createStore, type Store} from '../source/store/create-store.js';
import {startFeeds} from '../source/store/feeds.js';
import {startStatsFeed} from '../source/store/stats-feed.js';
import {initialState} from '../source/store/state.js';
import type {EngineClient} from '../test/support/private-engine.js';

/**
 * `docker run -d` containers <prefix><from>..<prefix><to-1> (three-digit numbers, so their
 * names sort in order), `parallel` at a time; their ids by number, from `from`.
 */
export async function runNumbered(engine: EngineClient, options: {prefix: string; from?: number; to: number; command?: string[]; parallel?: number}): Promise<string[]> {
	const {prefix, from = 0, to, command = ['sleep', '1000000'], parallel = 8} = options;
	const ids: string[] = [];
	let next = from;
	const worker = async () => {
		while (next < to) {
			const index = next++;
			ids[index - from] = await engine.run(command, ['--name', `${prefix}${String(index).padStart(3, '0')}`]);
		}
	};

	await Promise.all(Array.from({length: parallel}, worker));
	return ids;
}

/**
 * berth's engine, store and feeds without the UI, with `visible` as the rows on screen;
 * `onReading` hears each container's new reading time (the engine's stamp, or the cgroup
 * pass's), with the one before it.
 */
export function startBerthFeeds(host: string, source: StatsSourceMode, visible: string[], onReading: (id: string, readMs: number, previousMs: number | undefined) => void) {
	const berth = createDockerEngine(parseHost(host, {kind: 'flag-host'}), {statsSource: source});
	const store: Store = createStore(initialState());
	const feeds = startFeeds(berth, store);
	const stats = startStatsFeed(berth, store, {refreshMs: 1000});
	store.dispatch({type: 'viewport/shown', ids: visible});
	const last = new Map<string, number>();
	const unsubscribe = store.subscribe(() => {
		for (const [id, figures] of store.getState().stats.current) {
			const previous = last.get(id);
			if (previous === figures.readMs) continue;
			last.set(id, figures.readMs);
			onReading(id, figures.readMs, previous);
		}
	});
	return {
		/** Stats streams open now. */
		get open() {
			return stats.open;
		},
		stop() {
			unsubscribe();
			stats.stop();
			feeds.stop();
			berth.close();
		},
	};
}
