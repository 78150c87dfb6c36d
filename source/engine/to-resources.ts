/**
 * Pure mappers from the Engine API's JSON (images, volumes, networks, /system/df,
 * prune answers) to berth's types. Missing fields read as empty or -1 (unknown).
 */
import type {FileChange, BuildCacheRecord, ContainerUsage, DiskUsage, ImageRemoval, ImageSummary, NetworkSummary, PruneResult, VolumeSummary} from './resources.js';

type Raw = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const number = (value: unknown, fallback = -1) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const labels = (value: unknown): Record<string, string> => {
	if (!value || typeof value !== 'object') return {};
	const out: Record<string, string> = {};
	for (const [key, item] of Object.entries(value as Raw)) if (typeof item === 'string') out[key] = item;
	return out;
};
const seconds = (value: unknown): number | undefined => {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
};

/** An entry of GET /images/json or of /system/df's Images. "<none>:<none>" tags (old engines) count as none. */
export function toImage(raw: Raw): ImageSummary {
	return {
		id: text(raw['Id']),
		repoTags: strings(raw['RepoTags']).filter((tag) => tag !== '<none>:<none>'),
		repoDigests: strings(raw['RepoDigests']).filter((digest) => digest !== '<none>@<none>'),
		created: number(raw['Created'], 0),
		size: number(raw['Size'], 0),
		sharedSize: number(raw['SharedSize']),
		containers: number(raw['Containers']),
		labels: labels(raw['Labels']),
	};
}

/**
 * GET /images/json leaves SharedSize and Containers at -1: take them from /system/df
 * (by id), with the names of the containers df lists for each image. Images df
 * does not list (intermediate layers of docker images -a) keep -1.
 */
export function withImageUsage(images: ImageSummary[], usage: readonly ImageSummary[], containers: readonly ContainerUsage[] = []): ImageSummary[] {
	const byId = new Map(usage.map((image) => [image.id, image]));
	const users = new Map<string, string[]>();
	for (const container of containers) users.set(container.imageId, [...(users.get(container.imageId) ?? []), container.name]);
	return images.map((image) => {
		const used = byId.get(image.id);
		return used ? {...image, sharedSize: used.sharedSize, containers: used.containers, usedBy: (users.get(image.id) ?? []).sort()} : image;
	});
}

/** An entry of GET /volumes (Volumes) or /system/df (with UsageData). */
export function toVolume(raw: Raw): VolumeSummary {
	const usage = (raw['UsageData'] ?? {}) as Raw;
	const created = seconds(raw['CreatedAt']);
	return {
		name: text(raw['Name']),
		driver: text(raw['Driver']),
		mountpoint: text(raw['Mountpoint']),
		scope: text(raw['Scope']),
		labels: labels(raw['Labels']),
		...(created === undefined ? {} : {created}),
		size: number(usage['Size']),
		refCount: number(usage['RefCount']),
		options: labels(raw['Options']),
	};
}

/** Merges /system/df's sizes and ref counts into the volume list (by name), with the names of the containers that mount each. */
export function withVolumeUsage(volumes: VolumeSummary[], usage: readonly VolumeSummary[], containers: readonly ContainerUsage[] = []): VolumeSummary[] {
	const byName = new Map(usage.map((volume) => [volume.name, volume]));
	const users = new Map<string, string[]>();
	for (const container of containers) for (const name of container.volumes) users.set(name, [...(users.get(name) ?? []), container.name]);
	return volumes.map((volume) => {
		const used = byName.get(volume.name);
		return used ? {...volume, size: used.size, refCount: used.refCount, usedBy: (users.get(volume.name) ?? []).sort()} : volume;
	});
}

/** GET /networks/{id} (the list's Containers is empty; inspect fills it). */
export function toNetwork(raw: Raw): NetworkSummary {
	const ipam = ((raw['IPAM'] ?? {}) as Raw)['Config'];
	const configs = Array.isArray(ipam) ? (ipam as Raw[]) : [];
	const created = seconds(raw['Created']);
	const endpoints = raw['Containers'] && typeof raw['Containers'] === 'object' ? Object.entries(raw['Containers'] as Raw) : [];
	return {
		id: text(raw['Id']),
		name: text(raw['Name']),
		driver: text(raw['Driver']),
		scope: text(raw['Scope']),
		internal: raw['Internal'] === true,
		subnets: configs.map((config) => text(config['Subnet'])).filter(Boolean),
		gateways: configs.map((config) => text(config['Gateway'])).filter(Boolean),
		containers: endpoints.length,
		attached: endpoints
			.map(([id, value]) => {
				const endpoint = (value && typeof value === 'object' ? value : {}) as Raw;
				return {id, name: text(endpoint['Name']), ipv4: text(endpoint['IPv4Address']), ipv6: text(endpoint['IPv6Address'])};
			})
			.sort((a, b) => a.name.localeCompare(b.name)),
		labels: labels(raw['Labels']),
		...(created === undefined ? {} : {created}),
		attachable: raw['Attachable'] === true,
		ipv6: raw['EnableIPv6'] === true,
		options: labels(raw['Options']),
	};
}

function toContainerUsage(raw: Raw): ContainerUsage {
	const names = strings(raw['Names']).map((name) => name.replace(/^\//, ''));
	const mounts = Array.isArray(raw['Mounts']) ? (raw['Mounts'] as unknown[]) : [];
	return {
		id: text(raw['Id']),
		name: names[0] ?? '',
		names,
		image: text(raw['Image']),
		imageId: text(raw['ImageID']),
		command: text(raw['Command']),
		created: number(raw['Created'], 0),
		state: text(raw['State']),
		status: text(raw['Status']),
		sizeRw: number(raw['SizeRw'], 0),
		// The CLI's LOCAL VOLUMES: mounts whose driver is "local" (binds have none).
		localVolumes: mounts.filter((mount) => mount && typeof mount === 'object' && (mount as Raw)['Driver'] === 'local').length,
		volumes: mounts.flatMap((mount) => (mount && typeof mount === 'object' && (mount as Raw)['Type'] === 'volume' && text((mount as Raw)['Name']) !== '' ? [text((mount as Raw)['Name'])] : [])),
	};
}

function toBuildCache(raw: Raw): BuildCacheRecord {
	const created = seconds(raw['CreatedAt']);
	const lastUsed = seconds(raw['LastUsedAt']);
	// API < 1.42 has Parent (one id), later Parents.
	const parents = Array.isArray(raw['Parents']) ? strings(raw['Parents']) : text(raw['Parent']) === '' ? [] : [text(raw['Parent'])];
	return {
		id: text(raw['ID']),
		type: text(raw['Type']),
		size: number(raw['Size'], 0),
		inUse: raw['InUse'] === true,
		shared: raw['Shared'] === true,
		description: text(raw['Description']),
		parents,
		...(created === undefined ? {} : {created}),
		...(lastUsed === undefined ? {} : {lastUsed}),
		usageCount: number(raw['UsageCount'], 0),
	};
}

/** GET /system/df. */
export function toDiskUsage(raw: Raw): DiskUsage {
	const list = (value: unknown) => (Array.isArray(value) ? (value as Raw[]) : []);
	return {
		layersSize: number(raw['LayersSize'], 0),
		images: list(raw['Images']).map(toImage),
		containers: list(raw['Containers']).map(toContainerUsage),
		volumes: list(raw['Volumes']).map(toVolume),
		buildCache: list(raw['BuildCache']).map(toBuildCache),
	};
}

/** DELETE /images/{name}: [{Untagged}, {Deleted}, …]. */
export function toImageRemovals(raw: unknown): ImageRemoval[] {
	if (!Array.isArray(raw)) return [];
	return (raw as Raw[]).map((item) => {
		const removal: ImageRemoval = {};
		if (typeof item['Untagged'] === 'string') removal.untagged = item['Untagged'];
		if (typeof item['Deleted'] === 'string') removal.deleted = item['Deleted'];
		return removal;
	});
}

/** The prune endpoints' answers: ImagesDeleted, ContainersDeleted, VolumesDeleted, NetworksDeleted, CachesDeleted. */
export function toPruneResult(raw: unknown): PruneResult {
	const body = (raw && typeof raw === 'object' ? raw : {}) as Raw;
	const deleted: string[] = [];
	for (const key of ['ContainersDeleted', 'VolumesDeleted', 'NetworksDeleted', 'CachesDeleted']) deleted.push(...strings(body[key]));
	for (const removal of toImageRemovals(body['ImagesDeleted'])) {
		if (removal.untagged) deleted.push(`untagged: ${removal.untagged}`);
		if (removal.deleted) deleted.push(`deleted: ${removal.deleted}`);
	}

	return {deleted, spaceReclaimed: number(body['SpaceReclaimed'], 0)};
}

/** GET /containers/{id}/changes: Kind 0 changed, 1 added, 2 deleted (null when nothing changed). */
export function toFileChanges(raw: unknown): FileChange[] {
	if (!Array.isArray(raw)) return [];
	const kinds = ['C', 'A', 'D'] as const;
	return (raw as Raw[]).map((item) => ({kind: kinds[typeof item['Kind'] === 'number' ? item['Kind'] : 0] ?? 'C', path: text(item['Path'])}));
}
