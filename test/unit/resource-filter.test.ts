import {describe, expect, it} from 'vitest';
import type {BuildCacheRecord, ContainerUsage, DiskUsage, ImageSummary} from '../../source/engine/resources.js';
import {toDiskUsage, toNetwork, toVolume, withImageUsage, withVolumeUsage} from '../../source/engine/to-resources.js';
import {diskDetailLines, diskSections} from '../../source/store/disk-detail.js';
import {imageDetail, networkDetail, volumeDetail} from '../../source/store/resource-details.js';
import {labelsMatch, parseQuery} from '../../source/store/resource-filter.js';
import {imageRows, networkRows, volumeRows} from '../../source/store/resource-rows.js';
import {diskDetailTable} from '../../source/ui/disk-lines.js';

const hex = (c: string) => `sha256:${c.repeat(64)}`;
const nowMs = 1_800_000_000_000;
const now = nowMs / 1000;
const image = (partial: Partial<ImageSummary> & {id: string}): ImageSummary => ({repoTags: [], repoDigests: [], created: now - 10, size: 1000, sharedSize: 0, containers: 0, labels: {}, ...partial});
const usage = (partial: Partial<ContainerUsage> & {id: string}): ContainerUsage => ({name: 'c', names: ['c'], image: 'x', imageId: '', command: 'sh', created: now - 5, state: 'exited', status: 'Exited (0) 2 seconds ago', sizeRw: 0, localVolumes: 0, volumes: [], ...partial});
const cache = (partial: Partial<BuildCacheRecord> & {id: string}): BuildCacheRecord => ({type: 'regular', size: 1, inUse: false, shared: false, description: '', parents: [], usageCount: 0, ...partial});

describe('the / filter of views 3-5', () => {
	it('parses docker --filter terms and words', () => {
		expect(parseQuery('label=a label=b=c=d dangling=TRUE driver=local web')).toEqual({labels: [{key: 'a'}, {key: 'b', value: 'c=d'}], dangling: true, drivers: ['local'], words: ['web']});
		expect(parseQuery('  ')).toEqual({labels: [], drivers: [], words: []});
		// Terms docker does not know here are words.
		expect(parseQuery('before=x').words).toEqual(['before=x']);
	});

	it('matches labels as the daemon\'s MatchKVList: all terms, a key alone means set (even empty)', () => {
		const labels = {tier: 'web', empty: '', 'a=b': 'c'};
		expect(labelsMatch(labels, parseQuery('label=tier'))).toBe(true);
		expect(labelsMatch(labels, parseQuery('label=tier=web label=empty'))).toBe(true);
		expect(labelsMatch(labels, parseQuery('label=tier=db'))).toBe(false);
		expect(labelsMatch(labels, parseQuery('label=tier label=missing'))).toBe(false);
		expect(labelsMatch(labels, parseQuery('label=empty='))).toBe(true);
	});

	it('filters image rows by label, dangling and words, on top of the f filter', () => {
		const images = [image({id: hex('a'), repoTags: ['web:1', 'web:2'], labels: {tier: 'web'}, containers: 1}), image({id: hex('b'), repoTags: ['db:1'], labels: {tier: 'db'}}), image({id: hex('c'), labels: {tier: 'web'}})];
		const keys = (query: string, filter: 'all' | 'inUse' = 'all') => imageRows(images, filter, query).map((row) => `${row.repository}:${row.tag}`);
		expect(keys('label=tier=web')).toEqual(['web:1', 'web:2', '<none>:<none>']);
		expect(keys('label=tier=web dangling=false')).toEqual(['web:1', 'web:2']);
		expect(keys('label=tier=web', 'inUse')).toEqual(['web:1', 'web:2']);
		expect(keys(':2')).toEqual(['web:2']);
		expect(keys('cccc')).toEqual(['<none>:<none>']);
	});

	it('filters volumes (label, dangling, driver) and networks (label, driver, dangling without the built-in ones)', () => {
		const volumes = [toVolume({Name: 'a', Driver: 'local', Labels: {p: '1'}, UsageData: {RefCount: 0, Size: 0}}), toVolume({Name: 'b', Driver: 'nfs', UsageData: {RefCount: 2, Size: 0}}), toVolume({Name: 'c', Driver: 'local'})];
		expect(volumeRows(volumes, 'dangling=true').map((volume) => volume.name)).toEqual(['a']);
		expect(volumeRows(volumes, 'driver=local').map((volume) => volume.name)).toEqual(['a', 'c']);
		expect(volumeRows(volumes, 'label=p').map((volume) => volume.name)).toEqual(['a']);
		const networks = [toNetwork({Id: '1', Name: 'bridge', Driver: 'bridge'}), toNetwork({Id: '2', Name: 'mine', Driver: 'bridge', Labels: {x: 'y'}}), toNetwork({Id: '3', Name: 'busy', Driver: 'macvlan', Containers: {c: {Name: 'web'}}})];
		expect(networkRows(networks, 'dangling=true').map((network) => network.name)).toEqual(['mine']);
		expect(networkRows(networks, 'driver=macvlan').map((network) => network.name)).toEqual(['busy']);
		expect(networkRows(networks, 'label=x=y').map((network) => network.name)).toEqual(['mine']);
	});
});

describe('docker system df -v', () => {
	const disk: DiskUsage = {
		layersSize: 0,
		images: [image({id: hex('a'), repoTags: ['registry:5000/web:1', 'web:2'], size: 2_000_000, sharedSize: 500_000, containers: 2}), image({id: hex('b'), created: now - 100, sharedSize: -1, containers: -1})],
		containers: [
			usage({id: 'f'.repeat(64), names: ['db', 'web/db'], image: hex('a'), imageId: hex('a'), command: 'a command longer than twenty columns', localVolumes: 2, sizeRw: 1_234, created: now - 3600, status: 'Up About an hour'}),
			usage({id: 'e'.repeat(64), names: ['old'], image: 'web@sha256:' + 'd'.repeat(64), created: now - 7200}),
		],
		volumes: [toVolume({Name: 'v', UsageData: {RefCount: 1, Size: 42}}), toVolume({Name: 'remote'})],
		buildCache: [cache({id: 'b'.repeat(20), lastUsed: now - 60, usageCount: 3, size: 3_500, shared: true}), cache({id: 'z'.repeat(20)}), cache({id: 'a'.repeat(20), inUse: true, lastUsed: now - 600, created: now - 86_400 * 3})],
	};

	it('images: the first tag only, 12-character ids, size with 3 digits, shared and unique with 4, N/A where unknown', () => {
		const [images] = diskSections(disk, nowMs);
		expect(images!.rows).toEqual([
			['registry:5000/web', '1', 'aaaaaaaaaaaa', '10 seconds ago', '2MB', '500kB', '1.5MB', '2'],
			['<none>', '<none>', 'bbbbbbbbbbbb', 'About a minute ago', '1kB', 'N/A', 'N/A', 'N/A'],
		]);
	});

	it('containers: the command quoted and cut to 20 columns, an image named by id cut, a digest dropped, the first name that is not a link', () => {
		const [, containers] = diskSections(disk, nowMs);
		expect(containers!.rows).toEqual([
			['ffffffffffff', 'aaaaaaaaaaaa', '"a command longer th…"', '2', '1.23kB', 'About an hour ago', 'Up About an hour', 'db'],
			['eeeeeeeeeeee', 'web', '"sh"', '0', '0B', '2 hours ago', 'Exited (0) 2 seconds ago', 'old'],
		]);
	});

	it('volumes with links and sizes; build cache never-used first, then least recently used, in-use marked *', () => {
		const [, , volumes, cacheSection] = diskSections(disk, nowMs);
		expect(volumes!.rows).toEqual([['remote', 'N/A', 'N/A'], ['v', '1', '42B']]);
		expect(cacheSection!.rows.map((row) => row[0])).toEqual(['zzzzzzzzzzzz', 'aaaaaaaaaaaa*', 'bbbbbbbbbbbb']);
		expect(cacheSection!.rows[1]).toEqual(['aaaaaaaaaaaa*', 'regular', '1B', '3 days ago', '10 minutes ago', '0', 'false']);
		expect(cacheSection!.rows[0]![4]).toBe('');
		// Shared records are not counted in the total, as the daemon's BuilderSize.
		expect(cacheSection!.title).toBe('Build cache usage: 2B');
	});

	it('draws as many lines as it counts, each sanitized and exactly the width', () => {
		const evil = {...disk, volumes: [toVolume({Name: 'v\u001B[31m\u009Bx', UsageData: {RefCount: 0, Size: 0}})]};
		const lines = diskDetailTable(diskSections(evil, nowMs), 90);
		expect(lines).toHaveLength(diskDetailLines(evil));
		for (const line of lines) {
			expect(line.text).toHaveLength(90);
			expect(line.text).not.toMatch(/[\u001B\u009B]/);
		}
	});
});

describe('mapping /system/df and inspects for the details', () => {
	it('keeps the container fields df -v shows and who uses each image and volume', () => {
		const df = toDiskUsage({
			Containers: [{Id: 'c1', Names: ['/web', '/other/alias'], Image: 'web:1', ImageID: hex('a'), Command: 'nginx', Created: 5, State: 'running', Status: 'Up', Mounts: [{Type: 'volume', Name: 'data', Driver: 'local'}, {Type: 'bind', Source: '/x'}]}],
			BuildCache: [{ID: 'r1', Parent: 'p0', CreatedAt: '2026-01-01T00:00:00Z', LastUsedAt: null, UsageCount: 4}, {ID: 'r2', Parents: ['p1', 'p2']}],
		});
		expect(df.containers[0]).toMatchObject({name: 'web', names: ['web', 'other/alias'], imageId: hex('a'), command: 'nginx', created: 5, status: 'Up', localVolumes: 1, volumes: ['data']});
		expect(df.buildCache[0]).toMatchObject({parents: ['p0'], created: 1_767_225_600, usageCount: 4});
		expect(df.buildCache[0]!.lastUsed).toBeUndefined();
		expect(df.buildCache[1]!.parents).toEqual(['p1', 'p2']);
		expect(withImageUsage([image({id: hex('a')})], [image({id: hex('a'), containers: 1})], df.containers)[0]!.usedBy).toEqual(['web']);
		expect(withVolumeUsage([toVolume({Name: 'data'})], [toVolume({Name: 'data', UsageData: {RefCount: 1, Size: 3}})], df.containers)[0]!.usedBy).toEqual(['web']);
	});

	it('image, volume and network details name everything, labels sorted', () => {
		const row = imageRows([image({id: hex('a'), repoTags: ['web:1'], labels: {z: '1', a: '2'}, containers: 1, usedBy: ['web']})], 'all')[0]!;
		const lines = imageDetail(row, nowMs);
		expect(lines.filter((line) => line.label === 'Labels' || (line.label === '' && line.value.includes('='))).map((line) => line.value)).toEqual(['a=2', 'z=1']);
		expect(lines.find((line) => line.label === 'Digests')?.value).toMatch(/^none/);
		expect(lines.find((line) => line.label === 'Unique size')?.value).toBe('1kB (1000 bytes)');
		const volume = volumeDetail(toVolume({Name: 'v', Labels: {'com.docker.compose.project': 'shop'}, Options: {type: 'tmpfs'}, UsageData: {RefCount: 0, Size: 0}}), nowMs);
		expect(volume.find((line) => line.label === 'Project')?.value).toBe('shop');
		expect(volume.find((line) => line.label === 'State')?.value).toMatch(/^dangling/);
		expect(volume.find((line) => line.label === 'Options')?.value).toBe('type=tmpfs');
		const network = networkDetail(toNetwork({Id: 'n', Name: 'back', Internal: true, Attachable: true, Containers: {c2: {Name: 'b', IPv4Address: '10.0.0.3/24'}, c1: {Name: 'a', IPv4Address: '10.0.0.2/24'}}}), nowMs);
		expect(network.filter((line) => line.value.startsWith('a ') || line.value.startsWith('b ')).map((line) => line.value)).toEqual(['a  10.0.0.2/24', 'b  10.0.0.3/24']);
		expect(network.find((line) => line.label === 'Attachable')?.value).toBe('yes');
	});
});
