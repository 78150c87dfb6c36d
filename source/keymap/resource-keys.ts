/**
 * What the keys of the images, volumes, networks and disk usage views do: move,
 * filter, and open the remove and prune dialogs (the dry run is computed here
 * from the lists); the feed runs what is confirmed.
 */
import type {PruneKind} from '../engine/resources.js';
import {prunePlan, pruneLabels} from '../store/prune-plan.js';
import {builtinNetworks, imageRows, isDangling, networkRows, volumeRows} from '../store/resource-rows.js';
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
			return imageRows(resources.images, resources.imageFilter).length;
		case 'volumes':
			return volumeRows(resources.volumes).length;
		case 'networks':
			return networkRows(resources.networks).length;
		case 'disk':
			return resources.disk ? diskSummary(resources.disk).length : 0;
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

/** d: the selected image tag, volume or network, after a dialog; the built-in networks are refused here. */
export function askRemove(c: KeyContext): void {
	const state = c.store.getState();
	const view = openView(c);
	const {resources} = state;
	const index = view ? resources.cursor[view] : 0;
	let dialog: ResourceDialog | undefined;
	if (view === 'images') {
		const clamped = at(imageRows(resources.images, resources.imageFilter), index);
		if (clamped) {
			const {image} = clamped;
			const dangling = isDangling(image);
			const ref = dangling ? image.id : `${clamped.repository}:${clamped.tag}`;
			dialog = {kind: 'remove', target: {resource: 'image', ref, id: image.id, otherTags: dangling ? 0 : image.repoTags.length - 1}, force: false};
		}
	} else if (view === 'volumes') {
		const volume = at(volumeRows(resources.volumes), index);
		if (volume) dialog = {kind: 'remove', target: {resource: 'volume', ref: volume.name}, force: false};
	} else if (view === 'networks') {
		const network = at(networkRows(resources.networks), index);
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

export const scrollInspect = (by: (c: KeyContext) => number) => (c: KeyContext) => c.store.dispatch({type: 'resources/inspectScroll', by: by(c), page: c.pageSize});
