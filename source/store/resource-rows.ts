/**
 * The rows the images, volumes and networks views list, in the CLI's order, and
 * which row is selected. Pure.
 */
import type {ImageSummary, NetworkSummary, VolumeSummary} from '../engine/resources.js';
import {driverMatches, isEmptyQuery, labelsMatch, parseQuery, wordsMatch, type ResourceQuery} from './resource-filter.js';
import type {ImageFilter, ResourcesState} from './resources-slice.js';

/** One line of `docker images -a`: a repo:tag of an image, or <none>:<none> for a dangling one. */
export type ImageRow = {key: string; repository: string; tag: string; image: ImageSummary};

/** Built-in networks the engine never removes. */
export const builtinNetworks: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

export const isDangling = (image: ImageSummary) => image.repoTags.length === 0;

/** Containers counted by /system/df; -1 (not counted) reads as not in use. */
export const inUse = (image: ImageSummary) => image.containers > 0;

/**
 * Newest first, one row per tag (as docker images). `query`: the `/` filter
 * (resource-filter.ts), on top of the f filter.
 */
export function imageRows(images: readonly ImageSummary[] | undefined, filter: ImageFilter, query = ''): ImageRow[] {
	if (!images) return [];
	const terms = parseQuery(query);
	const rows: ImageRow[] = [];
	const sorted = [...images].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
	for (const image of sorted) {
		if (filter === 'dangling' && !isDangling(image)) continue;
		if (filter === 'inUse' && !inUse(image)) continue;
		if (filter === 'unused' && inUse(image)) continue;
		if (!labelsMatch(image.labels, terms) || (terms.dangling !== undefined && terms.dangling !== isDangling(image))) continue;
		const id = image.id.replace(/^sha256:/, '');
		if (isDangling(image)) {
			if (wordsMatch([id, '<none>:<none>'], terms)) rows.push({key: image.id, repository: '<none>', tag: '<none>', image});
			continue;
		}

		for (const repoTag of image.repoTags) {
			const colon = repoTag.lastIndexOf(':');
			const slash = repoTag.lastIndexOf('/');
			const [repository, tag] = colon > slash ? [repoTag.slice(0, colon), repoTag.slice(colon + 1)] : [repoTag, '<none>'];
			if (wordsMatch([repoTag, id], terms)) rows.push({key: `${image.id} ${repoTag}`, repository, tag, image});
		}
	}

	return rows;
}

/** By name, as docker volume ls; `query` as docker volume ls --filter (label, dangling, driver) plus words. */
export function volumeRows(volumes: readonly VolumeSummary[] | undefined, query = ''): VolumeSummary[] {
	if (!volumes) return [];
	const terms = parseQuery(query);
	const shown = isEmptyQuery(terms) ? volumes : volumes.filter((volume) => volumeMatches(volume, terms));
	return [...shown].sort((a, b) => a.name.localeCompare(b.name));
}

function volumeMatches(volume: VolumeSummary, terms: ResourceQuery): boolean {
	// dangling: no container refers to it (ref count 0); unknown counts (-1) match neither.
	const dangling = terms.dangling === undefined || (volume.refCount >= 0 && (volume.refCount === 0) === terms.dangling);
	return dangling && labelsMatch(volume.labels, terms) && driverMatches(volume.driver, terms) && wordsMatch([volume.name], terms);
}

/** By name, as docker network ls; `query` as docker network ls --filter (label, driver, dangling) plus words. */
export function networkRows(networks: readonly NetworkSummary[] | undefined, query = ''): NetworkSummary[] {
	if (!networks) return [];
	const terms = parseQuery(query);
	const shown = isEmptyQuery(terms) ? networks : networks.filter((network) => networkMatches(network, terms));
	return [...shown].sort((a, b) => a.name.localeCompare(b.name));
}

function networkMatches(network: NetworkSummary, terms: ResourceQuery): boolean {
	// docker network ls --filter dangling=true: no container attached, the built-in ones never.
	const unused = network.containers === 0 && !builtinNetworks.has(network.name);
	const dangling = terms.dangling === undefined || unused === terms.dangling;
	return dangling && labelsMatch(network.labels, terms) && driverMatches(network.driver, terms) && wordsMatch([network.name, network.id], terms);
}

/** The rows each view shows, its filters applied: what the cursor, d and Enter refer to. */
export const shownImages = (resources: ResourcesState) => imageRows(resources.images, resources.imageFilter, resources.query.images);
export const shownVolumes = (resources: ResourcesState) => volumeRows(resources.volumes, resources.query.volumes);
export const shownNetworks = (resources: ResourcesState) => networkRows(resources.networks, resources.query.networks);

/** The compose project a volume or network belongs to, when compose made it. */
export function composeProject(labels: Record<string, string>): string {
	return labels['com.docker.compose.project'] ?? '';
}
