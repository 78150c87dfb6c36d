/**
 * The lines of the images, volumes, networks and disk usage views, as the CLI
 * prints them (docker images -a, volume ls, network ls, system df): pure, every
 * engine-supplied text sanitized, each line exactly `width` columns.
 */
import type {ImageSummary, NetworkSummary, VolumeSummary} from '../engine/resources.js';
import type {DiskRow} from '../store/disk-summary.js';
import {composeProject, type ImageRow} from '../store/resource-rows.js';
import {shortImageId} from '../store/resource-names.js';
import {timeAgo} from './durations.js';
import {sanitizeText} from './sanitize.js';
import {columns, fit} from './text-width.js';
import {humanSize} from './units.js';

/** A header line and one line per row. */
export type Table = {header: string; lines: string[]};

/**
 * Lays out cells: every column as wide as its widest cell (header included), the
 * `flex` column taking what is left (at least 8), two spaces between columns.
 */
export function layoutTable(headers: string[], rows: string[][], width: number, flex: number): Table {
	const widths = headers.map((header, index) => Math.max(columns(header), ...rows.map((row) => columns(row[index] ?? ''))));
	const fixed = widths.reduce((total, w, index) => (index === flex ? total : total + w), 0) + 2 * (headers.length - 1);
	widths[flex] = Math.max(8, Math.min(widths[flex] ?? 8, width - fixed));
	const line = (cells: string[]) => fit(cells.map((cell, index) => fit(cell, widths[index] ?? 0)).join('  '), width);
	return {header: line(headers), lines: rows.map(line)};
}

// docker images and docker system df -v print 3 significant digits; system df's summary 4.
const size = (bytes: number) => (bytes < 0 ? 'N/A' : humanSize(bytes, 3));
const count = (n: number) => (n < 0 ? 'N/A' : String(n));

export function imageTable(rows: readonly ImageRow[], width: number, nowMs: number): Table {
	const cells = rows.map(({repository, tag, image}) => [
		sanitizeText(repository),
		sanitizeText(tag),
		shortImageId(image.id),
		timeAgo(image.created, nowMs),
		size(image.size),
		size(image.sharedSize),
		count(image.containers),
	]);
	return layoutTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'CONTAINERS'], cells, width, 0);
}

export function volumeTable(volumes: readonly VolumeSummary[], width: number): Table {
	const cells = volumes.map((volume) => [
		sanitizeText(volume.name),
		sanitizeText(volume.driver),
		size(volume.size),
		count(volume.refCount),
		volume.refCount < 0 ? '' : volume.refCount > 0 ? 'in use' : 'dangling',
		sanitizeText(composeProject(volume.labels)),
		sanitizeText(volume.mountpoint),
	]);
	return layoutTable(['VOLUME NAME', 'DRIVER', 'SIZE', 'LINKS', 'STATE', 'PROJECT', 'MOUNTPOINT'], cells, width, 6);
}

export function networkTable(networks: readonly NetworkSummary[], width: number): Table {
	const cells = networks.map((network) => [
		network.id.slice(0, 12),
		sanitizeText(network.name),
		sanitizeText(network.driver),
		sanitizeText(network.scope),
		network.internal ? 'yes' : 'no',
		String(network.containers),
		sanitizeText(network.subnets.join(',')),
		sanitizeText(network.gateways.join(',')),
		sanitizeText(composeProject(network.labels)),
	]);
	return layoutTable(['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'INTERNAL', 'CONTAINERS', 'SUBNET', 'GATEWAY', 'PROJECT'], cells, width, 1);
}

/** `docker system df`: RECLAIMABLE with the integer percentage, none for build cache. */
export function diskTable(rows: readonly DiskRow[], width: number): Table {
	const cells = rows.map((row) => [
		row.kind,
		String(row.total),
		String(row.active),
		humanSize(row.size, 4),
		row.percent === undefined ? humanSize(row.reclaimable, 4) : `${humanSize(row.reclaimable, 4)} (${row.percent}%)`,
	]);
	return layoutTable(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], cells, width, 0);
}

export type {ImageSummary};
