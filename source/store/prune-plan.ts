/**
 * The dry run of a prune: what it would remove, computed from the lists berth
 * already has, shown before asking. The engine decides in the end; its answer
 * (deleted items, SpaceReclaimed) is what the report shows.
 */
import type {DiskUsage, ImageSummary, NetworkSummary, PruneKind, VolumeSummary} from '../engine/resources.js';
import {builtinNetworks, inUse, isDangling} from './resource-rows.js';
import type {Container} from './state.js';
import {shortImageId} from './resource-names.js';

export type PruneInput = {
	images?: readonly ImageSummary[];
	volumes?: readonly VolumeSummary[];
	networks?: readonly NetworkSummary[];
	disk?: DiskUsage;
	containers: Iterable<Container>;
};

/** What the prune would remove: names, and bytes where the lists say (an estimate). */
export type PrunePlan = {items: string[]; bytes: number};

/** The states `docker container prune` removes. */
const stoppedStates = new Set(['exited', 'created', 'dead']);

/** Undefined when the list it needs is not loaded yet. */
export function prunePlan(kind: PruneKind, input: PruneInput): PrunePlan | undefined {
	switch (kind) {
		case 'danglingImages':
		case 'unusedImages': {
			const images = input.images ?? input.disk?.images;
			if (!images) return undefined;
			const chosen = images.filter((image) => !inUse(image) && (kind === 'unusedImages' || isDangling(image)));
			return {
				items: chosen.map((image) => (isDangling(image) ? `<none>:<none> ${shortImageId(image.id)}` : image.repoTags.join(', '))),
				// An image's own bytes: what other images share stays.
				bytes: sum(chosen.map((image) => image.size - Math.max(0, image.sharedSize))),
			};
		}

		case 'containers': {
			const sizes = new Map((input.disk?.containers ?? []).map((container) => [container.id, container.sizeRw]));
			const chosen = [...input.containers].filter((container) => stoppedStates.has(container.state));
			return {items: chosen.map((container) => container.name), bytes: sum(chosen.map((container) => sizes.get(container.id) ?? 0))};
		}

		case 'volumes': {
			const volumes = input.volumes ?? input.disk?.volumes;
			if (!volumes) return undefined;
			const chosen = volumes.filter((volume) => volume.refCount === 0);
			return {items: chosen.map((volume) => volume.name), bytes: sum(chosen.map((volume) => Math.max(0, volume.size)))};
		}

		case 'networks': {
			if (!input.networks) return undefined;
			const chosen = input.networks.filter((network) => !builtinNetworks.has(network.name) && network.containers === 0 && network.scope !== 'swarm');
			return {items: chosen.map((network) => network.name), bytes: 0};
		}

		case 'buildCache': {
			if (!input.disk) return undefined;
			const chosen = input.disk.buildCache.filter((record) => !record.inUse);
			return {items: chosen.map((record) => `${record.type} ${record.id.slice(0, 12)}`), bytes: sum(chosen.filter((record) => !record.shared).map((record) => record.size))};
		}
	}
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** What each prune is called in dialogs and reports. */
export const pruneLabels: Record<PruneKind, string> = {
	danglingImages: 'dangling images',
	unusedImages: 'unused images (every image no container uses)',
	containers: 'stopped containers',
	volumes: 'unused volumes',
	networks: 'unused networks',
	buildCache: 'build cache',
};
