/**
 * The rows the images, volumes and networks views list, in the CLI's order, and
 * which row is selected. Pure.
 */
import type {ImageSummary, NetworkSummary, VolumeSummary} from '../engine/resources.js';
import type {ImageFilter} from './resources-slice.js';

/** One line of `docker images -a`: a repo:tag of an image, or <none>:<none> for a dangling one. */
export type ImageRow = {key: string; repository: string; tag: string; image: ImageSummary};

/** Built-in networks the engine never removes. */
export const builtinNetworks: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

export const isDangling = (image: ImageSummary) => image.repoTags.length === 0;

/** Containers counted by /system/df; -1 (not counted) reads as not in use. */
export const inUse = (image: ImageSummary) => image.containers > 0;

/** Newest first, one row per tag (as docker images). */
export function imageRows(images: readonly ImageSummary[] | undefined, filter: ImageFilter): ImageRow[] {
	if (!images) return [];
	const rows: ImageRow[] = [];
	const sorted = [...images].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
	for (const image of sorted) {
		if (filter === 'dangling' && !isDangling(image)) continue;
		if (filter === 'inUse' && !inUse(image)) continue;
		if (filter === 'unused' && inUse(image)) continue;
		if (isDangling(image)) {
			rows.push({key: image.id, repository: '<none>', tag: '<none>', image});
			continue;
		}

		for (const repoTag of image.repoTags) {
			const colon = repoTag.lastIndexOf(':');
			const slash = repoTag.lastIndexOf('/');
			const [repository, tag] = colon > slash ? [repoTag.slice(0, colon), repoTag.slice(colon + 1)] : [repoTag, '<none>'];
			rows.push({key: `${image.id} ${repoTag}`, repository, tag, image});
		}
	}

	return rows;
}

/** By name, as docker volume ls. */
export function volumeRows(volumes: readonly VolumeSummary[] | undefined): VolumeSummary[] {
	return volumes ? [...volumes].sort((a, b) => a.name.localeCompare(b.name)) : [];
}

/** By name, as docker network ls. */
export function networkRows(networks: readonly NetworkSummary[] | undefined): NetworkSummary[] {
	return networks ? [...networks].sort((a, b) => a.name.localeCompare(b.name)) : [];
}

/** The compose project a volume or network belongs to, when compose made it. */
export function composeProject(labels: Record<string, string>): string {
	return labels['com.docker.compose.project'] ?? '';
}
