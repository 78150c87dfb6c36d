/**
 * Loads what the container inspect view shows: docker inspect's JSON once,
 * docker top every couple of seconds while that tab is shown, docker diff once.
 */
import {EngineError} from '../engine/engine.js';
import type {ResourceEngine} from '../engine/resources.js';
import type {Store} from './create-store.js';
import type {InspectTab} from './resources-slice.js';

export const topRefreshMs = 2000;

/** Called on every store change; returns a stop function for its timer. */
export function watchInspect(api: ResourceEngine | undefined, store: Store): {check(): void; stop(): void} {
	let loading: string | undefined;
	let timer: NodeJS.Timeout | undefined;
	const load = (id: string, tab: InspectTab) => {
		loading = `${id} ${tab}`;
		const done = (lines?: string[], error?: string) => {
			loading = undefined;
			store.dispatch({type: 'resources/inspectLoaded', id, tab, at: Date.now(), ...(lines ? {lines} : {}), ...(error ? {error} : {})});
		};

		if (!api) {
			done(undefined, 'This engine cannot inspect containers');
			return;
		}

		linesOf(api, id, tab).then(done, (error: unknown) => done(undefined, error instanceof EngineError ? error.problem.title : String(error)));
	};

	const check = () => {
		const {inspect} = store.getState().resources;
		if (!inspect || loading) return;
		if (inspect.lines[inspect.tab] === undefined && inspect.error === undefined) {
			load(inspect.id, inspect.tab);
			return;
		}

		if (inspect.tab === 'top' && !timer) {
			timer = setTimeout(() => {
				timer = undefined;
				const now = store.getState().resources.inspect;
				if (now?.tab === 'top' && !loading) load(now.id, 'top');
			}, topRefreshMs);
			timer.unref?.();
		}
	};

	return {
		check,
		stop() {
			if (timer) clearTimeout(timer);
		},
	};
}

async function linesOf(api: ResourceEngine, id: string, tab: InspectTab): Promise<string[]> {
	switch (tab) {
		case 'inspect':
			return (await api.inspectContainer(id)).split('\n');
		case 'top': {
			const {titles, processes} = await api.topContainer(id);
			const rows = [titles, ...processes];
			const widths = titles.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
			// The last column (CMD) is not padded: it is often long.
			return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '));
		}

		case 'diff': {
			const changes = await api.diffContainer(id);
			return changes.length === 0 ? ['(no changes to the container\'s filesystem)'] : changes.map((change) => `${change.kind} ${change.path}`);
		}
	}
}
