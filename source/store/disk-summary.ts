/**
 * `docker system df` from /system/df, computed as the CLI does
 * (cli/command/formatter/disk_usage.go): per kind the total, the active ones, the
 * size and what is reclaimable, with its integer percentage (none for build cache).
 */
import type {DiskUsage} from '../engine/resources.js';

export type DiskRow = {kind: 'Images' | 'Containers' | 'Local Volumes' | 'Build Cache'; total: number; active: number; size: number; reclaimable: number; percent?: number};

const activeStates = ['running', 'paused', 'restarting'];

export function diskSummary(disk: DiskUsage): DiskRow[] {
	const percent = (reclaimable: number, size: number) => (size > 0 ? Math.trunc((reclaimable * 100) / size) : undefined);

	const activeImages = disk.images.filter((image) => image.containers > 0);
	const imageSize = disk.layersSize;
	let usedByActive = 0;
	for (const image of activeImages) if (image.size !== -1 && image.sharedSize !== -1) usedByActive += image.size - image.sharedSize;
	const imageReclaimable = imageSize - usedByActive;

	const isActive = (state: string) => activeStates.some((active) => state.includes(active));
	const containerSize = disk.containers.reduce((total, container) => total + container.sizeRw, 0);
	const containerReclaimable = disk.containers.filter((container) => !isActive(container.state)).reduce((total, container) => total + container.sizeRw, 0);

	const volumeSize = disk.volumes.reduce((total, volume) => total + (volume.size > 0 ? volume.size : 0), 0);
	const volumeReclaimable = disk.volumes.filter((volume) => volume.refCount === 0).reduce((total, volume) => total + (volume.size > 0 ? volume.size : 0), 0);

	const cacheSize = disk.buildCache.filter((record) => !record.shared).reduce((total, record) => total + record.size, 0);
	const cacheReclaimable = disk.buildCache.filter((record) => !record.inUse && !record.shared).reduce((total, record) => total + record.size, 0);

	return [
		{kind: 'Images', total: disk.images.length, active: activeImages.length, size: imageSize, reclaimable: imageReclaimable, percent: percent(imageReclaimable, imageSize)},
		{kind: 'Containers', total: disk.containers.length, active: disk.containers.filter((container) => isActive(container.state)).length, size: containerSize, reclaimable: containerReclaimable, percent: percent(containerReclaimable, containerSize)},
		{kind: 'Local Volumes', total: disk.volumes.length, active: disk.volumes.filter((volume) => volume.refCount > 0).length, size: volumeSize, reclaimable: volumeReclaimable, percent: percent(volumeReclaimable, volumeSize)},
		{kind: 'Build Cache', total: disk.buildCache.length, active: disk.buildCache.filter((record) => record.inUse).length, size: cacheSize, reclaimable: cacheReclaimable},
	];
}
