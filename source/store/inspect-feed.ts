/**
 * Loads what the container detail view shows: the inspect (JSON, ports, env and
 * mounts, restart, limits: one request) when first shown and again when the
 * container's state changes (a restart moves RestartCount), docker top every
 * couple of seconds while that tab is shown, docker diff once.
 */
import {EngineError} from '../engine/engine.js';
import type {ResourceEngine} from '../engine/resources.js';
import type {Store} from './create-store.js';
import {fromInspect, type InspectTab} from './inspect-slice.js';
import {detailTabs} from './inspect-lines.js';
import type {State} from './state.js';

export const topRefreshMs = 2000;

type Source = 'inspect' | 'top' | 'diff';

const sourceOf = (tab: InspectTab): Source => (fromInspect.has(tab) ? 'inspect' : tab === 'top' ? 'top' : 'diff');

/** What, of the container as the store knows it, changes the inspect: its state and when that began. */
export function inspectStamp(state: State, id: string): string {
	const container = state.containers.get(id);
	return container ? `${container.state} ${container.statusSinceMs ?? ''}` : 'gone';
}

/** Called on every store change; returns a stop function for its timer. */
export function watchInspect(api: ResourceEngine | undefined, store: Store): {check(): void; stop(): void} {
	let loading: string | undefined;
	let timer: NodeJS.Timeout | undefined;
	const load = (id: string, source: Source) => {
		loading = `${id} ${source}`;
		const loadedFor = source === 'inspect' ? inspectStamp(store.getState(), id) : undefined;
		const done = (lines?: Partial<Record<InspectTab, string[]>>, error?: string) => {
			loading = undefined;
			store.dispatch({type: 'resources/inspectLoaded', id, at: Date.now(), ...(lines ? {lines} : {}), ...(error ? {error} : {}), ...(loadedFor === undefined ? {} : {loadedFor})});
		};

		if (!api) {
			done(undefined, 'This engine cannot inspect containers');
			return;
		}

		linesOf(api, id, source).then(done, (error: unknown) => done(undefined, error instanceof EngineError ? error.problem.title : String(error)));
	};

	const check = () => {
		const state = store.getState();
		const {inspect} = state.resources;
		if (!inspect || loading) return;
		const source = sourceOf(inspect.tab);
		if (inspect.lines[inspect.tab] === undefined && inspect.error === undefined) {
			load(inspect.id, source);
			return;
		}

		if (source === 'inspect' && inspect.loadedFor !== undefined && inspect.loadedFor !== inspectStamp(state, inspect.id)) {
			load(inspect.id, 'inspect');
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

async function linesOf(api: ResourceEngine, id: string, source: Source): Promise<Partial<Record<InspectTab, string[]>>> {
	switch (source) {
		case 'inspect': {
			const {json, detail} = await api.inspectContainer(id);
			return detailTabs(json, detail);
		}

		case 'top': {
			const {titles, processes} = await api.topContainer(id);
			const rows = [titles, ...processes];
			const widths = titles.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
			// The last column (CMD) is not padded: it is often long.
			return {top: rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '))};
		}

		case 'diff': {
			const changes = await api.diffContainer(id);
			return {diff: changes.length === 0 ? ['(no changes to the container\'s filesystem)'] : changes.map((change) => `${change.kind} ${change.path}`)};
		}
	}
}
