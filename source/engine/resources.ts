/**
 * berth's own types for images, volumes, networks and disk usage, and the part of
 * the Engine that lists, removes and prunes them (docker-resources.ts on dockerode).
 */
import type {ContainerDetail} from './container-detail.js';

export type ImageSummary = {
	/** "sha256:…" */
	id: string;
	/** Every "repo:tag"; empty for a dangling image (shown as <none>:<none>). */
	repoTags: string[];
	repoDigests: string[];
	/** Unix seconds. */
	created: number;
	size: number;
	/** Bytes shared with other images; -1 when the engine did not compute it (only /system/df does). */
	sharedSize: number;
	/** Containers using it; -1 when the engine did not count them. */
	containers: number;
	labels: Record<string, string>;
	/** Names of the containers using it, from /system/df (absent when not read). */
	usedBy?: string[];
};

export type VolumeSummary = {
	name: string;
	driver: string;
	mountpoint: string;
	scope: string;
	labels: Record<string, string>;
	/** Unix seconds, when the engine reports it. */
	created?: number;
	/** Bytes, from /system/df; -1 when the engine could not say (not a local volume). */
	size: number;
	/** Containers referring to it (running or not), from /system/df; -1 when unknown. */
	refCount: number;
	/** Names of the containers that mount it, from /system/df (absent when not read). */
	usedBy?: string[];
	/** Driver options (docker volume create -o). */
	options: Record<string, string>;
};

export type NetworkSummary = {
	id: string;
	name: string;
	driver: string;
	scope: string;
	internal: boolean;
	/** IPAM config, e.g. ["172.18.0.0/16"]. */
	subnets: string[];
	gateways: string[];
	/** Containers with an endpoint on it (running ones: a stopped container has none). */
	containers: number;
	/** Those containers: name and address on this network, from the network's inspect. */
	attached: AttachedContainer[];
	labels: Record<string, string>;
	created?: number;
	/** Anyone may connect containers to it (swarm overlays; --attachable). */
	attachable: boolean;
	/** IPv6 enabled. */
	ipv6: boolean;
	/** Driver options, e.g. com.docker.network.bridge.name. */
	options: Record<string, string>;
};

export type AttachedContainer = {id: string; name: string; ipv4: string; ipv6: string};

export type ContainerUsage = {
	id: string;
	/** The first name, without its "/". */
	name: string;
	/** Every name without its "/" (links add "other/alias" names). */
	names: string[];
	image: string;
	imageId: string;
	command: string;
	/** Unix seconds. */
	created: number;
	state: string;
	/** The engine's status text ("Up 3 minutes", "Exited (0) 2 hours ago"). */
	status: string;
	/** Bytes written in the container's layer (SizeRw). */
	sizeRw: number;
	/** Mounts whose volume driver is "local" (docker system df -v's LOCAL VOLUMES). */
	localVolumes: number;
	/** Names of the volumes it mounts. */
	volumes: string[];
};

export type BuildCacheRecord = {
	id: string;
	type: string;
	size: number;
	inUse: boolean;
	shared: boolean;
	description: string;
	parents: string[];
	/** Unix seconds; undefined when the engine did not say. */
	created?: number;
	lastUsed?: number;
	usageCount: number;
};

/** GET /system/df: what `docker system df` reads. */
export type DiskUsage = {
	layersSize: number;
	images: ImageSummary[];
	containers: ContainerUsage[];
	volumes: VolumeSummary[];
	buildCache: BuildCacheRecord[];
};

/** What a prune can remove: docker image prune (-a), container, volume, network, builder prune. */
export type PruneKind = 'danglingImages' | 'unusedImages' | 'containers' | 'volumes' | 'networks' | 'buildCache';

export type PruneResult = {
	/** Names or ids the engine said it removed ("untagged: x", "deleted: sha256:…" for images). */
	deleted: string[];
	/** The engine's SpaceReclaimed (0 where the endpoint has none, e.g. networks). */
	spaceReclaimed: number;
};

/** One line the engine answered to DELETE /images/{name}: "Untagged: x" or "Deleted: sha256:…". */
export type ImageRemoval = {untagged?: string; deleted?: string};

export interface ResourceEngine {
	/** GET /images/json?all=1 (docker images -a). */
	listImages(signal?: AbortSignal): Promise<ImageSummary[]>;
	/** GET /volumes, with size and ref count from /system/df merged in. */
	listVolumes(signal?: AbortSignal): Promise<VolumeSummary[]>;
	/** GET /networks, each inspected for its attached containers. */
	listNetworks(signal?: AbortSignal): Promise<NetworkSummary[]>;
	diskUsage(signal?: AbortSignal): Promise<DiskUsage>;
	/** DELETE /images/{ref}: a repo:tag of a multi-tag image is untagged, an id deletes. */
	removeImage(ref: string, options: {force: boolean}): Promise<ImageRemoval[]>;
	removeVolume(name: string, options: {force: boolean}): Promise<void>;
	removeNetwork(id: string): Promise<void>;
	prune(kind: PruneKind): Promise<PruneResult>;
	/** GET /containers/{id}/json: as docker inspect prints it (indented JSON), and what the detail tabs show. */
	inspectContainer(id: string): Promise<ContainerInspect>;
	/** GET /containers/{id}/top (docker top): column titles and one row per process. */
	topContainer(id: string): Promise<{titles: string[]; processes: string[][]}>;
	/** GET /containers/{id}/changes (docker diff). */
	diffContainer(id: string): Promise<FileChange[]>;
}

/** A container's inspect: the JSON text (4-space indent, as docker inspect) and the fields the detail tabs show. */
export type ContainerInspect = {json: string; detail: ContainerDetail};

export type {ContainerDetail, MountInfo, PublishedPort, ResourceLimits, RestartInfo, Ulimit} from './container-detail.js';

/** One line of docker diff: A added, C changed, D deleted. */
export type FileChange = {kind: 'A' | 'C' | 'D'; path: string};
