/**
 * An in-memory ResourceEngine for UI tests: lists given by the test, container
 * inspects from raw `docker inspect` JSON (mapped by the real toContainerDetail),
 * top and diff fixtures. Remove and prune only record what was asked.
 */
import {readFileSync} from 'node:fs';
import {toContainerDetail} from '../../source/engine/container-detail.js';
import type {DiskUsage, FileChange, ImageSummary, NetworkSummary, PruneResult, ResourceEngine, VolumeSummary} from '../../source/engine/resources.js';

/** The raw inspect of a busybox container run with -p, -e, -v, --restart on-failure:3, --memory 64m --cpus 0.5 --pids-limit 100. */
export function inspectFixture(): Record<string, unknown> {
	return JSON.parse(readFileSync(new URL('../fixtures/inspect/ports-env-limits.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

export class FakeResources implements ResourceEngine {
	images: ImageSummary[] = [];
	volumes: VolumeSummary[] = [];
	networks: NetworkSummary[] = [];
	disk: DiskUsage = {layersSize: 0, images: [], containers: [], volumes: [], buildCache: []};
	/** Raw inspect JSON by container id. */
	inspects = new Map<string, Record<string, unknown>>();
	top: {titles: string[]; processes: string[][]} = {titles: ['UID', 'PID', 'CMD'], processes: [['root', '1', 'sleep 1000']]};
	changes: FileChange[] = [];
	readonly calls: string[] = [];

	async listImages(): Promise<ImageSummary[]> {
		return this.images;
	}

	async listVolumes(): Promise<VolumeSummary[]> {
		return this.volumes;
	}

	async listNetworks(): Promise<NetworkSummary[]> {
		return this.networks;
	}

	async diskUsage(): Promise<DiskUsage> {
		return this.disk;
	}

	async removeImage(ref: string) {
		this.calls.push(`removeImage ${ref}`);
		return [];
	}

	async removeVolume(name: string) {
		this.calls.push(`removeVolume ${name}`);
	}

	async removeNetwork(id: string) {
		this.calls.push(`removeNetwork ${id}`);
	}

	async prune(kind: string): Promise<PruneResult> {
		this.calls.push(`prune ${kind}`);
		return {deleted: [], spaceReclaimed: 0};
	}

	async inspectContainer(id: string) {
		this.calls.push(`inspect ${id}`);
		const raw = this.inspects.get(id);
		if (!raw) throw new Error(`No such container: ${id}`);
		return {json: JSON.stringify(raw, null, 4), detail: toContainerDetail(raw)};
	}

	async topContainer(id: string) {
		this.calls.push(`top ${id}`);
		return this.top;
	}

	async diffContainer(id: string) {
		this.calls.push(`diff ${id}`);
		return this.changes;
	}
}
