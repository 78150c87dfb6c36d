/**
 * Enter in the images, volumes and networks views: everything berth knows of the
 * selected row, as labelled lines (a label, then its values one a line). Engine
 * text is left as it came; the pane sanitizes each value. Pure.
 */
import type {NetworkSummary, VolumeSummary} from '../engine/resources.js';
import {timeAgo} from '../ui/durations.js';
import {humanSize} from '../ui/units.js';
import {composeProject, isDangling, type ImageRow} from './resource-rows.js';

/** One line: a label on the first line of a field, '' on the lines that continue it. */
export type DetailLine = {label: string; value: string};

function field(label: string, values: readonly string[], none = 'none'): DetailLine[] {
	const shown = values.length === 0 ? [none] : values;
	return shown.map((value, index) => ({label: index === 0 ? label : '', value}));
}

const labelLines = (labels: Record<string, string>) =>
	Object.keys(labels)
		.sort()
		.map((key) => `${key}=${labels[key]}`);

/** "2026-05-01 12:00:00 UTC (3 days ago)". */
function when(seconds: number | undefined, nowMs: number): string {
	if (seconds === undefined || seconds <= 0) return 'unknown';
	const iso = new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
	return `${iso} (${timeAgo(seconds, nowMs)})`;
}

const size = (bytes: number) => (bytes < 0 ? 'N/A' : `${humanSize(bytes, 3)} (${bytes} bytes)`);

/** docker image inspect's essentials with what /system/df adds: shared size, unique size, the containers using it. */
export function imageDetail(row: ImageRow, nowMs: number): DetailLine[] {
	const {image} = row;
	const unique = image.size >= 0 && image.sharedSize >= 0 ? size(image.size - image.sharedSize) : 'N/A';
	const users = image.usedBy ?? [];
	const containers = image.containers < 0 ? 'N/A' : users.length > 0 ? `${image.containers}: ${users.join(', ')}` : String(image.containers);
	return [
		{label: 'ID', value: image.id},
		...field('Tags', image.repoTags, '<none>:<none> (dangling: no tag points to it)'),
		...field('Digests', image.repoDigests, 'none (not pushed to or pulled from a registry)'),
		{label: 'Created', value: when(image.created, nowMs)},
		{label: 'Size', value: size(image.size)},
		{label: 'Shared size', value: size(image.sharedSize)},
		{label: 'Unique size', value: unique},
		{label: 'Containers', value: containers},
		...field('Labels', labelLines(image.labels)),
		...(isDangling(image) ? [{label: 'State', value: 'dangling'}] : []),
	];
}

export function volumeDetail(volume: VolumeSummary, nowMs: number): DetailLine[] {
	const users = volume.usedBy ?? [];
	const state = volume.refCount < 0 ? 'unknown' : volume.refCount > 0 ? `in use by ${volume.refCount}${users.length > 0 ? `: ${users.join(', ')}` : ''}` : 'dangling (no container refers to it)';
	return [
		{label: 'Name', value: volume.name},
		{label: 'Driver', value: volume.driver},
		{label: 'Scope', value: volume.scope},
		{label: 'Mountpoint', value: volume.mountpoint},
		{label: 'Created', value: when(volume.created, nowMs)},
		{label: 'Size', value: size(volume.size)},
		{label: 'State', value: state},
		{label: 'Project', value: composeProject(volume.labels) || 'none (not made by compose)'},
		...field('Options', labelLines(volume.options)),
		...field('Labels', labelLines(volume.labels)),
	];
}

export function networkDetail(network: NetworkSummary, nowMs: number): DetailLine[] {
	const attached = network.attached.map((container) => [container.name || container.id.slice(0, 12), container.ipv4, container.ipv6].filter(Boolean).join('  '));
	return [
		{label: 'ID', value: network.id},
		{label: 'Name', value: network.name},
		{label: 'Driver', value: network.driver},
		{label: 'Scope', value: network.scope},
		{label: 'Internal', value: network.internal ? 'yes (no route outside; nothing can be published)' : 'no'},
		{label: 'Attachable', value: network.attachable ? 'yes' : 'no'},
		{label: 'IPv6', value: network.ipv6 ? 'enabled' : 'disabled'},
		...field('Subnets', network.subnets),
		...field('Gateways', network.gateways),
		{label: 'Created', value: when(network.created, nowMs)},
		{label: 'Project', value: composeProject(network.labels) || 'none (not made by compose)'},
		...field(`Containers (${network.containers})`, attached, 'none running on it'),
		...field('Options', labelLines(network.options)),
		...field('Labels', labelLines(network.labels)),
	];
}
