import {afterEach, describe, expect, test} from 'vitest';
import type {BuildCacheRecord, ContainerUsage, ImageSummary, NetworkSummary, VolumeSummary} from '../../source/engine/resources.js';
import {containerFixture} from '../support/fake-engine.js';
import {FakeResources} from '../support/fake-resources.js';
import {keys, plain, selectedLine, startApp, widestLine, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const hex = (c: string) => `sha256:${c.repeat(64)}`;
const now = Math.floor(Date.now() / 1000);
const image = (partial: Partial<ImageSummary> & {id: string}): ImageSummary => ({repoTags: [], repoDigests: [], created: now - 3600, size: 1_234_567, sharedSize: 0, containers: 0, labels: {}, ...partial});
const volume = (partial: Partial<VolumeSummary> & {name: string}): VolumeSummary => ({driver: 'local', mountpoint: `/var/lib/docker/volumes/${partial.name}/_data`, scope: 'local', labels: {}, size: 0, refCount: 0, options: {}, ...partial});
const network = (partial: Partial<NetworkSummary> & {name: string}): NetworkSummary => ({id: partial.name.padEnd(64, '0'), driver: 'bridge', scope: 'local', internal: false, subnets: [], gateways: [], containers: 0, attached: [], labels: {}, attachable: false, ipv6: false, options: {}, ...partial});
const usage = (partial: Partial<ContainerUsage> & {id: string; name: string}): ContainerUsage => ({names: [partial.name], image: 'web:1', imageId: hex('a'), command: 'sleep 1000', created: now - 60, state: 'running', status: 'Up About a minute', sizeRw: 0, localVolumes: 0, volumes: [], ...partial});
const cache = (partial: Partial<BuildCacheRecord> & {id: string}): BuildCacheRecord => ({type: 'regular', size: 2048, inUse: false, shared: false, description: 'mount / from exec /bin/sh -c echo', parents: [], usageCount: 1, ...partial});

function fakeResources(): FakeResources {
	const api = new FakeResources();
	api.images = [
		image({id: hex('a'), repoTags: ['web:1', 'web:latest'], repoDigests: ['registry.example/web@sha256:' + 'd'.repeat(64)], labels: {tier: 'web', 'com.example.team': 'shop'}, containers: 1, usedBy: ['shop-web-1'], created: now - 60}),
		image({id: hex('b'), repoTags: ['db:15'], labels: {tier: 'db'}, created: now - 120}),
		image({id: hex('c'), created: now - 180}),
	];
	api.volumes = [volume({name: 'shop_data', labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.volume': 'data'}, refCount: 1, usedBy: ['shop-db-1'], size: 4096}), volume({name: 'loose'})];
	api.networks = [
		network({name: 'bridge'}),
		network({name: 'shop_back', internal: true, subnets: ['10.1.0.0/24'], gateways: ['10.1.0.1'], containers: 1, attached: [{id: 'c'.repeat(64), name: 'shop-db-1', ipv4: '10.1.0.2/24', ipv6: ''}], labels: {'com.docker.compose.project': 'shop'}}),
	];
	api.disk = {
		layersSize: 3_000_000,
		images: api.images,
		containers: [usage({id: 'e'.repeat(64), name: 'shop-web-1', localVolumes: 1, sizeRw: 12_345, command: 'nginx -g daemon off; with a long tail'})],
		volumes: api.volumes,
		buildCache: [cache({id: 'f'.repeat(25), inUse: true, lastUsed: now - 30, created: now - 7200})],
	};
	return api;
}

async function show(key: string, text: string): Promise<Harness> {
	const harness = startApp({containers: [containerFixture({name: 'shop-web-1'})], resources: fakeResources(), columns: 130, rows: 30});
	await harness.waitForText('shop-web-1');
	await harness.press(key);
	await harness.waitForText(text);
	return harness;
}

describe('the images view', () => {
	test('/ label=key=value keeps the images with that label, as docker images --filter label=…; Esc clears', async () => {
		app = await show('3', 'db');
		await app.press('/');
		await app.type('label=tier=web');
		let frame = plain(await app.waitForText('/label=tier=web▏'));
		await app.press(keys.enter);
		frame = plain(await app.waitForText('/label=tier=web (Esc clears)'));
		expect(frame).toMatch(/web\s+1\s+aaaaaaaaaaaa/);
		expect(frame).toMatch(/web\s+latest\s+aaaaaaaaaaaa/);
		expect(frame).not.toMatch(/db\s+15/);
		// A key alone: the label is set, whatever its value; dangling=true: untagged only.
		await app.press(keys.escape);
		frame = plain(await app.waitForText('<none>'));
		await app.press('/');
		await app.type('label=tier');
		await app.press(keys.enter);
		frame = plain(await app.waitForText('/label=tier (Esc clears)'));
		expect(frame).toMatch(/db\s+15/);
		expect(frame).not.toContain('<none>');
		await app.press(keys.escape, '/');
		await app.type('dangling=true');
		await app.press(keys.enter);
		frame = plain(await app.waitForText('/dangling=true (Esc clears)'));
		expect(frame).toContain('<none>');
		expect(frame).not.toMatch(/db\s+15/);
	});

	test('Enter shows the selected image in full: ID, every tag, digests, sizes, labels and the containers using it', async () => {
		app = await show('3', 'db');
		await app.press(keys.enter);
		let frame = plain(await app.waitForText('Image 1 of 4'));
		expect(frame).toMatch(/ID\s+sha256:a{64}/);
		expect(frame).toMatch(/Tags\s+web:1\n\s+web:latest/);
		expect(frame).toMatch(/Digests\s+registry\.example\/web@sha256:d{64}/);
		expect(frame).toMatch(/Created\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(About a minute ago\)/);
		expect(frame).toMatch(/Size\s+1\.23MB \(1234567 bytes\)/);
		expect(frame).toMatch(/Shared size\s+0B/);
		expect(frame).toMatch(/Containers\s+1: shop-web-1/);
		expect(frame).toMatch(/Labels\s+com\.example\.team=shop\n\s+tier=web/);
		// ↓ goes to the next row (web:latest, then db:15) without leaving the details.
		await app.press('j', 'j');
		frame = plain(await app.waitForText('Image 3 of 4'));
		expect(frame).toMatch(/Tags\s+db:15/);
		expect(frame).toMatch(/Digests\s+none/);
		await app.press(keys.escape);
		frame = await app.waitForText('REPOSITORY');
		expect(selectedLine(frame)).toMatch(/db\s+15/);
	});
});

describe('volumes and networks', () => {
	test('volume details: labels, compose project, the containers that mount it', async () => {
		app = await show('4', 'shop_data');
		await app.press('j', keys.enter);
		const frame = plain(await app.waitForText('Volume 2 of 2'));
		expect(frame).toMatch(/Project\s+shop/);
		expect(frame).toMatch(/State\s+in use by 1: shop-db-1/);
		expect(frame).toMatch(/Labels\s+com\.docker\.compose\.project=shop\n\s+com\.docker\.compose\.volume=data/);
	});

	test('/ filters volumes by label and dangling; network details list the attached containers and the internal flag', async () => {
		app = await show('4', 'shop_data');
		await app.press('/');
		await app.type('dangling=true');
		await app.press(keys.enter);
		let frame = plain(await app.waitForText('/dangling=true'));
		expect(frame).toContain('loose');
		expect(frame).not.toContain('shop_data');
		await app.press('5');
		await app.waitForText('shop_back');
		await app.press('j', keys.enter);
		frame = plain(await app.waitForText('Network 2 of 2'));
		expect(frame).toMatch(/Internal\s+yes/);
		expect(frame).toMatch(/Containers \(1\)\s+shop-db-1\s+10\.1\.0\.2\/24/);
		expect(frame).toMatch(/Subnets\s+10\.1\.0\.0\/24/);
	});
});

describe('the disk usage view', () => {
	test('v lists every image, container, volume and build cache record as docker system df -v does; v again the summary', async () => {
		app = await show('6', 'Build Cache');
		await app.press('v');
		const frame = plain(await app.waitForText('Images space usage:'));
		expect(frame).toMatch(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s+SHARED SIZE\s+UNIQUE SIZE\s+CONTAINERS/);
		// The first tag only, sizes as the CLI prints them (3 digits, shared and unique 4).
		expect(frame).toMatch(/web\s+1\s+aaaaaaaaaaaa\s+About a minute ago\s+1\.23MB\s+0B\s+1\.235MB\s+1/);
		expect(frame).toMatch(/<none>\s+<none>\s+cccccccccccc/);
		expect(frame).toContain('Containers space usage:');
		expect(frame).toMatch(/eeeeeeeeeeee\s+web:1\s+"nginx -g daemon off…"\s+1\s+12\.3kB\s+About a minute ago\s+Up About a minute\s+shop-web-1/);
		expect(frame).toContain('Local Volumes space usage:');
		expect(frame).toMatch(/shop_data\s+1\s+4\.1kB/);
		expect(frame).toContain('Build cache usage: 2.048kB');
		expect(frame).toMatch(/f{12}\*\s+regular\s+2\.05kB\s+2 hours ago\s+\d+ seconds ago\s+1\s+false/);
		expect(widestLine(app.frame())).toBeLessThanOrEqual(130);
		await app.press('v');
		await app.waitForFrame((f) => !plain(f).includes('Images space usage:') && plain(f).includes('Local Volumes'));
	});
});
