/**
 * `docker system df -v` from the same /system/df answer as the summary: every
 * image, container, local volume and build cache record, each cell as the CLI
 * prints it (cli/command/formatter/disk_usage.go, image.go, container.go,
 * volume.go, buildcache.go, in table mode, so ids are cut to 12). Engine text is
 * left as it came; the pane sanitizes every cell. Pure.
 */
import type {DiskUsage} from '../engine/resources.js';
import {timeAgo} from '../ui/durations.js';
import {truncate} from '../ui/text-width.js';
import {humanSize} from '../ui/units.js';
import {shortImageId} from './resource-names.js';

export type DiskSection = {title: string; headers: string[]; rows: string[][]; /** The column that gives way when the screen is narrow. */ flex: number};

const ago = (seconds: number | undefined, nowMs: number) => (seconds === undefined ? '' : timeAgo(seconds, nowMs));
const na = (value: number, shown: (n: number) => string) => (value < 0 ? 'N/A' : shown(value));

/** The four sections, in the CLI's order. */
export function diskSections(disk: DiskUsage, nowMs: number): DiskSection[] {
	return [imageSection(disk, nowMs), containerSection(disk, nowMs), volumeSection(disk), buildCacheSection(disk, nowMs)];
}

/** Lines the sections take drawn: a title, the column titles and the rows each. */
export function diskDetailLines(disk: DiskUsage): number {
	return 4 * 2 + disk.images.length + disk.containers.length + disk.volumes.length + disk.buildCache.length;
}

function imageSection(disk: DiskUsage, nowMs: number): DiskSection {
	// One row per image, named by its first tag only (the CLI's "Only show the first tag"), newest first as the daemon lists them.
	const images = [...disk.images].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
	const rows = images.map((image) => {
		const [repository, tag] = splitTag(image.repoTags[0]);
		return [
			repository,
			tag,
			shortImageId(image.id),
			timeAgo(image.created, nowMs),
			humanSize(image.size, 3),
			na(image.sharedSize, (n) => humanSize(n, 4)),
			image.size < 0 || image.sharedSize < 0 ? 'N/A' : humanSize(image.size - image.sharedSize, 4),
			na(image.containers, String),
		];
	});
	return {title: 'Images space usage:', headers: ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'], rows, flex: 0};
}

/** "repo:tag" → [repo, tag]; a registry's port is not a tag; none → <none> <none>. */
function splitTag(repoTag: string | undefined): [string, string] {
	if (repoTag === undefined) return ['<none>', '<none>'];
	const colon = repoTag.lastIndexOf(':');
	return colon > repoTag.lastIndexOf('/') ? [repoTag.slice(0, colon), repoTag.slice(colon + 1)] : [repoTag, '<none>'];
}

function containerSection(disk: DiskUsage, nowMs: number): DiskSection {
	const containers = [...disk.containers].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
	const rows = containers.map((container) => [
		container.id.slice(0, 12),
		containerImage(container.image, container.imageId),
		// strconv.Quote of the command cut to 20 columns (Ellipsis).
		JSON.stringify(truncate(container.command, 20)),
		String(container.localVolumes),
		humanSize(container.sizeRw, 3),
		timeAgo(container.created, nowMs),
		container.status,
		// Table mode shows the first name that is not a link alias ("other/alias").
		container.names.find((name) => !name.includes('/')) ?? container.names.join(','),
	]);
	return {title: 'Containers space usage:', headers: ['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'], rows, flex: 2};
}

/** The CLI's container Image() when cutting: an image given by id shows 12 characters; a digest is dropped. */
function containerImage(image: string, imageId: string): string {
	if (image === '') return '<no image>';
	if (shortImageId(image) === shortImageId(imageId) || /^sha256:[0-9a-f]{64}$/.test(image)) return shortImageId(image);
	const at = image.indexOf('@');
	return at === -1 ? image : image.slice(0, at);
}

function volumeSection(disk: DiskUsage): DiskSection {
	const volumes = [...disk.volumes].sort((a, b) => a.name.localeCompare(b.name));
	const rows = volumes.map((volume) => [volume.name, na(volume.refCount, String), na(volume.size, (n) => humanSize(n, 3))]);
	return {title: 'Local Volumes space usage:', headers: ['VOLUME NAME', 'LINKS', 'SIZE'], rows, flex: 0};
}

function buildCacheSection(disk: DiskUsage, nowMs: number): DiskSection {
	// buildCacheSort: never used first, then least recently used, ties by id.
	const records = [...disk.buildCache].sort((a, b) => {
		if (a.lastUsed === undefined || b.lastUsed === undefined) return a.lastUsed === b.lastUsed ? a.id.localeCompare(b.id) : a.lastUsed === undefined ? -1 : 1;
		return a.lastUsed - b.lastUsed || a.id.localeCompare(b.id);
	});
	const rows = records.map((record) => [
		`${record.id.slice(0, 12)}${record.inUse ? '*' : ''}`,
		record.type,
		humanSize(record.size, 3),
		ago(record.created, nowMs),
		ago(record.lastUsed, nowMs),
		String(record.usageCount),
		String(record.shared),
	]);
	const total = disk.buildCache.filter((record) => !record.shared).reduce((sum, record) => sum + record.size, 0);
	return {title: `Build cache usage: ${humanSize(total, 4)}`, headers: ['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED'], rows, flex: 1};
}
