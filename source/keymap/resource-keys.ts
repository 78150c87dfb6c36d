/**
 * What the keys of the images, volumes, networks and disk usage views do: move,
 * filter, and open the remove and prune dialogs (the dry run is computed here
 * from the lists); the feed runs what is confirmed.
 */
import type {PruneKind} from '../engine/resources.js';
import {prunePlan, pruneLabels} from '../store/prune-plan.js';
import {builtinNetworks, isDangling, shownImages, shownNetworks, shownVolumes} from '../store/resource-rows.js';
import {diskDetailLines} from '../store/disk-detail.js';
import {isResourceView, type ResourceDialog, type ResourceView} from '../store/resources-slice.js';
import {diskSummary} from '../store/disk-summary.js';
import type {State} from '../store/state.js';
import type {KeyContext} from './bindings.js';
import {selectedId} from './action-keys.js';

/** Rows the open resource view lists. */
export function resourceCount(state: State, view: ResourceView): number {
	const {resources} = state;
	switch (view) {
		case 'images':
			return shownImages(resources).length;
		case 'volumes':
			return shownVolumes(resources).length;
		case 'networks':
			return shownNetworks(resources).length;
		case 'disk':
			if (!resources.disk) return 0;
			return resources.diskVerbose ? diskDetailLines(resources.disk) : diskSummary(resources.disk).length;
	}
}

const openView = (c: KeyContext): ResourceView | undefined => {
	const {view} = c.store.getState().ui;
	return isResourceView(view) ? view : undefined;
};

const say = (c: KeyContext, text: string, level: 'info' | 'warn' | 'error' = 'warn') => c.store.dispatch({type: 'ui/notice', notice: {level, text}});

export const moveResources = (by: (c: KeyContext) => number) => (c: KeyContext) => {
	const view = openView(c);
	if (view) c.store.dispatch({type: 'resources/move', view, by: by(c), count: resourceCount(c.store.getState(), view)});
};

export const moveResourcesTo = (index: number) => (c: KeyContext) => {
	const view = openView(c);
	if (view) c.store.dispatch({type: 'resources/moveTo', view, index, count: resourceCount(c.store.getState(), view)});
};

export function cycleImageFilter(c: KeyContext): void {
	if (openView(c) === 'images') c.store.dispatch({type: 'resources/imageFilter'});
	else say(c, 'f filters the images view (3)', 'info');
}

/** /: types a filter for the images, volumes or networks list (resource-filter.ts). */
export function startQuery(c: KeyContext): void {
	const view = openView(c);
	if (view && view !== 'disk') c.store.dispatch({type: 'resources/queryStart', view});
	else say(c, '/ filters the images (3), volumes (4) and networks (5) views', 'info');
}

/** Enter: the selected row's details, or back to the list. */
export function toggleDetails(c: KeyContext): void {
	const view = openView(c);
	const {resources} = c.store.getState();
	if (!view || view === 'disk') {
		say(c, 'Enter shows details in the images (3), volumes (4) and networks (5) views; v shows docker system df -v here', 'info');
		return;
	}

	if (resources.details === view) c.store.dispatch({type: 'resources/details'});
	else if (resourceCount(c.store.getState(), view) === 0) say(c, 'Nothing selected', 'info');
	else c.store.dispatch({type: 'resources/details', view});
}

/** Esc: from the details back to the list; in the list, clears the / filter. */
export function back(c: KeyContext): void {
	const view = openView(c);
	const {resources} = c.store.getState();
	if (view && resources.details === view) c.store.dispatch({type: 'resources/details'});
	else if (view && (resources.query[view] ?? '') !== '') c.store.dispatch({type: 'resources/queryClear', view});
}

/** v: docker system df -v in the disk usage view. */
export function toggleDiskVerbose(c: KeyContext): void {
	if (openView(c) === 'disk') c.store.dispatch({type: 'resources/diskVerbose'});
	else say(c, 'v shows every image, container, volume and build cache record in the disk usage view (6)', 'info');
}

export const queryAccept = (c: KeyContext) => c.store.dispatch({type: 'resources/queryEnd', keep: true});
export const queryCancel = (c: KeyContext) => c.store.dispatch({type: 'resources/queryEnd', keep: false});
export function queryErase(c: KeyContext): void {
	const {editing, query} = c.store.getState().resources;
	if (editing) c.store.dispatch({type: 'resources/querySet', text: (query[editing] ?? '').slice(0, -1)});
}

/** d: the selected image tag, volume or network, after a dialog; the built-in networks are refused here. */
export function askRemove(c: KeyContext): void {
	const state = c.store.getState();
	const view = openView(c);
	const {resources} = state;
	const index = view ? resources.cursor[view] : 0;
	let dialog: ResourceDialog | undefined;
	if (view === 'images') {
		const clamped = at(shownImages(resources), index);
		if (clamped) {
			const {image} = clamped;
			const dangling = isDangling(image);
			const ref = dangling ? image.id : `${clamped.repository}:${clamped.tag}`;
			dialog = {kind: 'remove', target: {resource: 'image', ref, id: image.id, otherTags: dangling ? 0 : image.repoTags.length - 1}, force: false};
		}
	} else if (view === 'volumes') {
		const volume = at(shownVolumes(resources), index);
		if (volume) dialog = {kind: 'remove', target: {resource: 'volume', ref: volume.name}, force: false};
	} else if (view === 'networks') {
		const network = at(shownNetworks(resources), index);
		if (network && builtinNetworks.has(network.name)) {
			say(c, `${network.name} is a network the engine creates itself: it cannot be removed`, 'error');
			return;
		}

		if (network) dialog = {kind: 'remove', target: {resource: 'network', ref: network.id, name: network.name}, force: false};
	} else {
		say(c, 'd removes in the images (3), volumes (4) and networks (5) views', 'info');
		return;
	}

	if (!dialog) {
		say(c, 'Nothing selected', 'info');
		return;
	}

	c.store.dispatch({type: 'resources/dialog', dialog});
}

/** The row under the cursor; the last one when the list got shorter. */
export function at<T>(rows: readonly T[], index: number): T | undefined {
	return rows[Math.max(0, Math.min(index, rows.length - 1))];
}

/** The prune p means in each view: images dangling, volumes and networks unused, disk usage the build cache. */
const viewPrune: Record<ResourceView, PruneKind> = {images: 'danglingImages', volumes: 'volumes', networks: 'networks', disk: 'buildCache'};

export const askPrune = (fixed?: PruneKind) => (c: KeyContext) => {
	const view = openView(c);
	if (!view) return;
	const kind = fixed ?? viewPrune[view];
	const state = c.store.getState();
	const {images, volumes, networks, disk} = state.resources;
	const plan = prunePlan(kind, {images, volumes, networks, disk, containers: state.containers.values()});
	if (!plan) {
		say(c, `The list for ${pruneLabels[kind]} is not loaded yet`, 'info');
		return;
	}

	c.store.dispatch({type: 'resources/dialog', dialog: {kind: 'prune', prune: kind, items: plan.items, bytes: plan.bytes}});
};

/** I: the selected container's inspect, processes (top) and filesystem changes (diff). */
export function openInspect(c: KeyContext): void {
	const state = c.store.getState();
	const id = selectedId(state, c.view);
	const container = id === undefined ? undefined : state.containers.get(id);
	if (!container) {
		say(c, 'No container selected', 'info');
		return;
	}

	c.store.dispatch({type: 'resources/inspectOpen', id: container.id, name: container.name});
}
