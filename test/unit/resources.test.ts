import {describe, expect, it} from 'vitest';
import {EngineError} from '../../source/engine/engine.js';
import type {BuildCacheRecord, ContainerUsage, DiskUsage, ImageSummary, ResourceEngine} from '../../source/engine/resources.js';
import {toDiskUsage, toImage, toImageRemovals, toNetwork, toPruneResult, toVolume, withImageUsage, withVolumeUsage} from '../../source/engine/to-resources.js';
import {pressKey} from '../../source/keymap/match.js';
import {initialActions} from '../../source/store/actions-slice.js';
import {createStore} from '../../source/store/create-store.js';
import {diskSummary} from '../../source/store/disk-summary.js';
import {prunePlan} from '../../source/store/prune-plan.js';
import {imageRows} from '../../source/store/resource-rows.js';
import {runDialog, sizeText} from '../../source/store/resources-feed.js';
import {initialResources, resourcesReducer, staleViews} from '../../source/store/resources-slice.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState, type Container} from '../../source/store/state.js';
import {diskTable, imageTable} from '../../source/ui/resource-lines.js';
import {dialogText} from '../../source/ui/components/resource-dialog.js';

const hex = (c: string) => `sha256:${c.repeat(64)}`;
const image = (partial: Partial<ImageSummary> & {id: string}): ImageSummary => ({repoTags: [], repoDigests: [], created: 1_700_000_000, size: 1000, sharedSize: 0, containers: 0, labels: {}, ...partial});
const usage = (partial: Partial<ContainerUsage> & {id: string}): ContainerUsage => ({name: partial.id, names: [partial.id], image: '', imageId: '', command: '', created: 0, state: 'exited', status: '', sizeRw: 0, localVolumes: 0, volumes: [], ...partial});
const cache = (partial: Partial<BuildCacheRecord> & {id: string}): BuildCacheRecord => ({type: 'regular', size: 0, inUse: false, shared: false, description: '', parents: [], usageCount: 0, ...partial});

describe('resource mappers', () => {
	it('maps an image, dropping the <none>:<none> placeholders old engines send', () => {
		expect(toImage({Id: hex('a'), RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Created: 5, Size: 10, SharedSize: -1, Containers: -1, Labels: null})).toEqual({
			id: hex('a'), repoTags: [], repoDigests: [], created: 5, size: 10, sharedSize: -1, containers: -1, labels: {},
		});
	});

	it('takes shared size and containers from /system/df, volumes\' size and ref count too', () => {
		const listed = [image({id: hex('a'), sharedSize: -1, containers: -1}), image({id: hex('b'), sharedSize: -1, containers: -1})];
		const merged = withImageUsage(listed, [image({id: hex('a'), sharedSize: 7, containers: 2})]);
		expect(merged.map((i) => [i.sharedSize, i.containers])).toEqual([[7, 2], [-1, -1]]);
		const volume = toVolume({Name: 'v', Driver: 'local', Mountpoint: '/m', Scope: 'local', Labels: {'com.docker.compose.project': 'shop'}, CreatedAt: '2026-01-01T00:00:00Z'});
		expect(volume).toMatchObject({size: -1, refCount: -1, created: 1_767_225_600});
		expect(withVolumeUsage([volume], [toVolume({Name: 'v', UsageData: {Size: 42, RefCount: 1}})])[0]).toMatchObject({size: 42, refCount: 1});
	});

	it('maps an inspected network: IPAM subnets and gateways, attached containers, the internal flag', () => {
		const network = toNetwork({Id: 'n1', Name: 'back', Driver: 'bridge', Scope: 'local', Internal: true, IPAM: {Config: [{Subnet: '10.0.0.0/24', Gateway: '10.0.0.1'}]}, Containers: {a: {}, b: {}}});
		expect(network).toMatchObject({internal: true, subnets: ['10.0.0.0/24'], gateways: ['10.0.0.1'], containers: 2});
		expect(toNetwork({Id: 'n2', Name: 'host', Driver: 'host', IPAM: {Config: null}, Containers: null})).toMatchObject({subnets: [], containers: 0, internal: false});
	});

	it('maps /system/df and the prune and remove answers', () => {
		const disk = toDiskUsage({LayersSize: 9, Images: [{Id: hex('a')}], Containers: [{Id: 'c', Names: ['/web'], State: 'exited', SizeRw: 3}], Volumes: null, BuildCache: [{ID: 'x', Type: 'regular', Size: 4, InUse: false, Shared: false}]});
		expect(disk.containers).toEqual([usage({id: 'c', name: 'web', names: ['web'], state: 'exited', sizeRw: 3})]);
		expect(disk.volumes).toEqual([]);
		expect(toPruneResult({ImagesDeleted: [{Untagged: 'a:1'}, {Deleted: hex('a')}], SpaceReclaimed: 123})).toEqual({deleted: ['untagged: a:1', `deleted: ${hex('a')}`], spaceReclaimed: 123});
		expect(toPruneResult({NetworksDeleted: ['n1']})).toEqual({deleted: ['n1'], spaceReclaimed: 0});
		expect(toImageRemovals([{Untagged: 'a:1'}])).toEqual([{untagged: 'a:1'}]);
	});
});

describe('image rows', () => {
	const images = [
		image({id: hex('a'), repoTags: ['web:1', 'registry:5000/web:2'], created: 3, containers: 1}),
		image({id: hex('b'), created: 2}),
		image({id: hex('c'), repoTags: ['db:latest'], created: 1}),
	];

	it('one row per repo:tag, <none>:<none> for a dangling image, newest first; a registry port is not a tag', () => {
		expect(imageRows(images, 'all').map((row) => `${row.repository}:${row.tag}`)).toEqual(['web:1', 'registry:5000/web:2', '<none>:<none>', 'db:latest']);
	});

	it('filters dangling, in use and unused', () => {
		expect(imageRows(images, 'dangling').map((row) => row.image.id)).toEqual([hex('b')]);
		expect(new Set(imageRows(images, 'inUse').map((row) => row.image.id))).toEqual(new Set([hex('a')]));
		expect(imageRows(images, 'unused').map((row) => row.image.id)).toEqual([hex('b'), hex('c')]);
	});

	it('prints the 12-character id like the CLI, sizes with 3 digits, and sanitizes tags', () => {
		const table = imageTable(imageRows([image({id: hex('d'), repoTags: ['evil\u001b[31m:x'], size: 1_234_567})], 'all'), 100, 1_700_000_000_000);
		expect(table.lines[0]).toContain('dddddddddddd ');
		expect(table.lines[0]).toContain('1.23MB');
		expect(table.lines[0]).not.toContain('\u001b');
		expect(table.lines[0]).toHaveLength(100);
	});
});

describe('prune dry run', () => {
	const container = (name: string, state: Container['state']): Container => ({id: name, name, image: 'x', command: '', created: 0, state, status: '', ports: [], labels: {}});
	const input = {
		images: [image({id: hex('a'), size: 100, sharedSize: 40}), image({id: hex('b'), repoTags: ['t:1'], size: 50}), image({id: hex('c'), containers: 2})],
		volumes: [toVolume({Name: 'used', UsageData: {Size: 5, RefCount: 1}}), toVolume({Name: 'free', UsageData: {Size: 7, RefCount: 0}})],
		networks: [toNetwork({Id: '1', Name: 'bridge'}), toNetwork({Id: '2', Name: 'mine'}), toNetwork({Id: '3', Name: 'busy', Containers: {x: {}}})],
		containers: [container('up', 'running'), container('down', 'exited'), container('new', 'created'), container('frozen', 'paused')],
		disk: {layersSize: 0, images: [], containers: [usage({id: 'down', state: 'exited', sizeRw: 11})], volumes: [], buildCache: [cache({id: 'abcdef0123456789', size: 9}), cache({id: 'b', size: 1, inUse: true})]} satisfies DiskUsage,
	};

	it('dangling images: untagged and unused only, their own bytes', () => {
		expect(prunePlan('danglingImages', input)).toEqual({items: ['<none>:<none> aaaaaaaaaaaa'], bytes: 60});
		expect(prunePlan('unusedImages', input)).toEqual({items: ['<none>:<none> aaaaaaaaaaaa', 't:1'], bytes: 110});
	});

	it('stopped containers, unused volumes, unused non-built-in networks, unused build cache', () => {
		expect(prunePlan('containers', input)).toEqual({items: ['down', 'new'], bytes: 11});
		expect(prunePlan('volumes', input)).toEqual({items: ['free'], bytes: 7});
		expect(prunePlan('networks', input)).toEqual({items: ['mine'], bytes: 0});
		expect(prunePlan('buildCache', input)).toEqual({items: ['regular abcdef012345'], bytes: 9});
	});

	it('says when the list it needs is not loaded', () => {
		expect(prunePlan('volumes', {containers: []})).toBeUndefined();
		expect(prunePlan('networks', {containers: []})).toBeUndefined();
	});

	it('the dialog names what goes and the estimate', () => {
		expect(dialogText({kind: 'prune', prune: 'volumes', items: ['free'], bytes: 7})[0]).toBe('Prune unused volumes: 1 to remove (about 7B)?');
		expect(dialogText({kind: 'remove', target: {resource: 'image', ref: 'web:1', id: hex('a'), otherTags: 1}, force: false})[0]).toBe('Untag web:1?');
		expect(dialogText({kind: 'remove', target: {resource: 'image', ref: 'db:latest', id: hex('c'), otherTags: 0}, force: true})[1]).toContain('[x] f force');
	});
});

describe('disk usage like docker system df', () => {
	it('computes active, size and reclaimable with the CLI\'s integer percentage (none for build cache)', () => {
		const disk: DiskUsage = {
			layersSize: 1000,
			images: [image({id: hex('a'), size: 600, sharedSize: 100, containers: 1}), image({id: hex('b'), size: 400})],
			containers: [usage({id: '1', state: 'running', sizeRw: 30}), usage({id: '2', state: 'exited', sizeRw: 70})],
			volumes: [toVolume({Name: 'a', UsageData: {Size: 3, RefCount: 1}}), toVolume({Name: 'b', UsageData: {Size: 1, RefCount: 0}}), toVolume({Name: 'c', UsageData: {Size: -1, RefCount: 0}})],
			buildCache: [cache({id: 'x', size: 5, inUse: true}), cache({id: 'y', size: 8, shared: true})],
		};
		expect(diskSummary(disk)).toEqual([
			{kind: 'Images', total: 2, active: 1, size: 1000, reclaimable: 500, percent: 50},
			{kind: 'Containers', total: 2, active: 1, size: 100, reclaimable: 70, percent: 70},
			{kind: 'Local Volumes', total: 3, active: 1, size: 4, reclaimable: 1, percent: 25},
			{kind: 'Build Cache', total: 2, active: 1, size: 5, reclaimable: 0},
		]);
		expect(diskTable(diskSummary(disk), 80).lines[0]).toMatch(/^Images\s+2\s+1\s+1kB\s+500B \(50%\)/);
		expect(sizeText(1_234_567)).toBe('1.235MB');
	});
});

describe('resources slice and keys', () => {
	it('engine events mark the views they change stale; unrelated ones do not', () => {
		const event = (type: string, action: string) => ({type, action, id: 'x', attributes: {}, time: 0, timeNano: 0n});
		expect(staleViews(event('image', 'delete'))).toEqual(['images', 'disk']);
		expect(staleViews(event('network', 'connect'))).toEqual(['networks']);
		expect(staleViews(event('container', 'exec_start: sh'))).toEqual([]);
		expect(staleViews(event('container', 'destroy'))).toHaveLength(4);
	});

	it('read-only: no dialog opens, nothing is confirmed, and d is refused with a notice', () => {
		const dialog = {kind: 'prune' as const, prune: 'volumes' as const, items: [], bytes: 0};
		expect(resourcesReducer(initialResources(), {type: 'resources/dialog', dialog}, true).dialog).toBeUndefined();
		const open = resourcesReducer(initialResources(), {type: 'resources/dialog', dialog}, false);
		expect(resourcesReducer(open, {type: 'resources/confirm'}, true).request).toBeUndefined();
		expect(resourcesReducer(open, {type: 'resources/confirm'}, false).request).toEqual({seq: 1, dialog});

		const store = createStore({...initialState({view: 'volumes'}), actions: initialActions({readOnly: true})});
		const context = {store, view: selectContainerView(store.getState().containers, store.getState().ui), pageSize: 10, quit: () => undefined};
		pressKey(context, 'd', 'd');
		pressKey(context, 'p', 'p');
		expect(store.getState().resources.dialog).toBeUndefined();
		expect(store.getState().ui.notice).toEqual({level: 'warn', text: 'read-only: prune is disabled'});
	});

	it('reports the engine\'s refusal in its own words', async () => {
		const conflict = new EngineError({kind: 'other', title: 'conflict: unable to delete 0123456789ab (must be forced) - image is being used by stopped container 42', detail: '', hint: ''});
		const api = {removeImage: () => Promise.reject(conflict)} as unknown as ResourceEngine;
		const report = await runDialog(api, {kind: 'remove', target: {resource: 'image', ref: hex('a'), id: hex('a'), otherTags: 0}, force: false});
		expect(report).toEqual({ok: false, title: `remove image sha256:aaaaaaaaaaaa failed: ${conflict.problem.title}`, items: []});
	});
});
