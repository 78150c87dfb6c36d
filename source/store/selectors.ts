import type {ContainerStats} from '../engine/engine.js';
import type {Container, State, UiState} from './state.js';

export const projectLabel = 'com.docker.compose.project';
export const serviceLabel = 'com.docker.compose.service';

/** One line of the containers table: a compose group heading or a container. */
export type Row = {kind: 'group'; project: string; count: number} | {kind: 'container'; container: Container};

export type ContainerView = {
	/** The containers the cursor moves over, in screen order. */
	ids: string[];
	rows: Row[];
	/** Index into `ids` of the cursor. */
	cursor: number;
	selected?: Container;
};

const stateRank: Record<string, number> = {running: 0, restarting: 1, paused: 2, created: 3, removing: 4, exited: 5, dead: 6};

/**
 * The containers table as it should look: filtered, sorted, grouped. `stats`
 * (state.stats.current) is read only to sort by CPU or memory.
 */
export function selectContainerView(
	containers: ReadonlyMap<string, Container>,
	ui: UiState,
	stats?: ReadonlyMap<string, ContainerStats>,
): ContainerView {
	const needle = ui.filter.trim().toLowerCase();
	const shown: Container[] = [];
	for (const container of containers.values()) {
		if (!ui.showAll && container.state !== 'running' && container.state !== 'paused' && container.state !== 'restarting') continue;
		if (needle !== '' && !matchesFilter(container, needle)) continue;
		shown.push(container);
	}

	shown.sort(compareBy(ui, stats));
	const rows: Row[] = [];
	if (ui.grouped) {
		let project: string | undefined;
		for (const container of shown) {
			const next = container.labels[projectLabel] ?? '';
			if (next !== project) {
				project = next;
				rows.push({kind: 'group', project, count: shown.filter((c) => (c.labels[projectLabel] ?? '') === next).length});
			}

			rows.push({kind: 'container', container});
		}
	} else {
		for (const container of shown) rows.push({kind: 'container', container});
	}

	const ids = shown.map((container) => container.id);
	const selectedIndex = ui.selectedId === undefined ? -1 : ids.indexOf(ui.selectedId);
	const cursor = selectedIndex !== -1 ? selectedIndex : Math.max(0, Math.min(ui.cursor, ids.length - 1));
	const view: ContainerView = {ids, rows, cursor};
	const selected = shown[cursor];
	if (selected) view.selected = selected;
	return view;
}

/** Matches name, image, compose project/service and any label key or value. */
export function matchesFilter(container: Container, needle: string): boolean {
	if (container.name.toLowerCase().includes(needle)) return true;
	if (container.image.toLowerCase().includes(needle)) return true;
	for (const [key, value] of Object.entries(container.labels)) {
		if (key.toLowerCase().includes(needle) || value.toLowerCase().includes(needle)) return true;
	}

	return false;
}

function compareBy(ui: UiState, stats: ReadonlyMap<string, ContainerStats> | undefined): (a: Container, b: Container) => number {
	const byName = (a: Container, b: Container) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
	const primary = (() => {
		switch (ui.sort) {
			case 'state':
				return (a: Container, b: Container) => (stateRank[a.state] ?? 9) - (stateRank[b.state] ?? 9);
			case 'created':
				return (a: Container, b: Container) => b.created - a.created;
			case 'image':
				return (a: Container, b: Container) => a.image.localeCompare(b.image);
			case 'name':
				return () => 0;
			case 'cpu':
				// Largest first; containers without figures (not running, first second) last.
				return (a: Container, b: Container) => (stats?.get(b.id)?.cpuPercent ?? -1) - (stats?.get(a.id)?.cpuPercent ?? -1);
			case 'memory':
				return (a: Container, b: Container) => (stats?.get(b.id)?.memoryUsage ?? -1) - (stats?.get(a.id)?.memoryUsage ?? -1);
		}
	})();
	const project = (c: Container) => c.labels[projectLabel] ?? '\uffff';
	return (a, b) => (ui.grouped ? project(a).localeCompare(project(b)) : 0) || primary(a, b) || byName(a, b);
}

/** Counts by state for the header. */
export function countByState(state: State): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const container of state.containers.values()) counts[container.state] = (counts[container.state] ?? 0) + 1;
	return counts;
}
