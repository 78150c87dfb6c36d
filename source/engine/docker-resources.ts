/**
 * Images, volumes, networks and disk usage on dockerode. Refusals (409 image in
 * use, 403 pre-defined network, 404) become EngineErrors titled with the engine's words.
 */
import type Docker from 'dockerode';
import {toContainerDetail} from './container-detail.js';
import {EngineError} from './engine.js';
import {errorFacts} from './error-facts.js';
import type {PruneKind, ResourceEngine} from './resources.js';
import {toFileChanges, toDiskUsage, toImage, toImageRemovals, toNetwork, toPruneResult, toVolume, withImageUsage, withVolumeUsage} from './to-resources.js';

type Raw = Record<string, unknown>;
type Call = (options?: Record<string, unknown>) => Promise<unknown>;

/** Builds the resources part of the Engine; `fail` turns a broken connection into the endpoint's problem. */
export function createDockerResources(docker: Docker, fail: (error: unknown) => never): ResourceEngine {
	const api = docker as unknown as Record<string, Call>;
	// An answer from the engine (4xx/5xx) in its own words; else the endpoint's explanation.
	const refuse = (error: unknown, what: string): never => {
		const facts = errorFacts(error);
		if (facts.statusCode === undefined) return fail(error);
		throw new EngineError({kind: 'other', title: facts.engineMessage ?? facts.message, detail: `The engine answered HTTP ${facts.statusCode} to ${what}.`, hint: ''}, {cause: error});
	};

	const df = async (signal?: AbortSignal) => toDiskUsage((await api['df']!({abortSignal: signal})) as Raw);

	return {
		async listImages(signal) {
			try {
				const [raw, usage] = await Promise.all([api['listImages']!({all: true, abortSignal: signal}) as Promise<Raw[]>, df(signal)]);
				return withImageUsage(raw.map(toImage), usage.images, usage.containers);
			} catch (error) {
				return refuse(error, 'list images');
			}
		},

		async listVolumes(signal) {
			try {
				const [listed, usage] = await Promise.all([api['listVolumes']!({abortSignal: signal}) as Promise<Raw>, df(signal)]);
				const volumes = Array.isArray(listed['Volumes']) ? (listed['Volumes'] as Raw[]) : [];
				return withVolumeUsage(volumes.map(toVolume), usage.volumes, usage.containers);
			} catch (error) {
				return refuse(error, 'list volumes');
			}
		},

		async listNetworks(signal) {
			try {
				const listed = (await api['listNetworks']!({abortSignal: signal})) as Raw[];
				// The list leaves Containers empty: inspect each one (hosts have a handful).
				return await Promise.all(
					listed.map(async (network) => {
						const inspect = docker.getNetwork(String(network['Id'])) as unknown as Record<string, Call>;
						try {
							return toNetwork((await inspect['inspect']!({abortSignal: signal})) as Raw);
						} catch {
							return toNetwork(network); // removed meanwhile: the next event reloads
						}
					}),
				);
			} catch (error) {
				return refuse(error, 'list networks');
			}
		},

		async diskUsage(signal) {
			try {
				return await df(signal);
			} catch (error) {
				return refuse(error, 'system df');
			}
		},

		async removeImage(ref, {force}) {
			try {
				const image = docker.getImage(ref) as unknown as Record<string, Call>;
				return toImageRemovals(await image['remove']!({force}));
			} catch (error) {
				return refuse(error, 'remove image');
			}
		},

		async removeVolume(name, {force}) {
			try {
				await (docker.getVolume(name) as unknown as Record<string, Call>)['remove']!({force});
			} catch (error) {
				refuse(error, 'remove volume');
			}
		},

		async removeNetwork(id) {
			try {
				await (docker.getNetwork(id) as unknown as Record<string, Call>)['remove']!({});
			} catch (error) {
				refuse(error, 'remove network');
			}
		},

		async inspectContainer(id) {
			try {
				const container = docker.getContainer(id) as unknown as Record<string, Call>;
				const raw = ((await container['inspect']!({})) ?? {}) as Raw;
				return {json: JSON.stringify(raw, null, 4), detail: toContainerDetail(raw)};
			} catch (error) {
				return refuse(error, 'inspect');
			}
		},

		async topContainer(id) {
			try {
				const container = docker.getContainer(id) as unknown as Record<string, Call>;
				const raw = ((await container['top']!({})) ?? {}) as Raw;
				const titles = Array.isArray(raw['Titles']) ? (raw['Titles'] as unknown[]).map(String) : [];
				const processes = Array.isArray(raw['Processes']) ? (raw['Processes'] as unknown[][]).map((row) => row.map(String)) : [];
				return {titles, processes};
			} catch (error) {
				return refuse(error, 'top');
			}
		},

		async diffContainer(id) {
			try {
				const container = docker.getContainer(id) as unknown as Record<string, Call>;
				return toFileChanges(await container['changes']!({}));
			} catch (error) {
				return refuse(error, 'diff');
			}
		},

		async prune(kind) {
			try {
				return toPruneResult(await api[pruneCall[kind].method]!(pruneCall[kind].options));
			} catch (error) {
				return refuse(error, `prune ${kind}`);
			}
		},
	};
}

const pruneCall: Record<PruneKind, {method: string; options: Record<string, unknown>}> = {
	// docker image prune: dangling only; -a: every image no container uses.
	danglingImages: {method: 'pruneImages', options: {filters: {dangling: ['true']}}},
	unusedImages: {method: 'pruneImages', options: {filters: {dangling: ['false']}}},
	containers: {method: 'pruneContainers', options: {}},
	volumes: {method: 'pruneVolumes', options: {}},
	networks: {method: 'pruneNetworks', options: {}},
	buildCache: {method: 'pruneBuilder', options: {}},
};
