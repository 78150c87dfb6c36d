/**
 * Images, volumes, networks and disk usage on the private dockerd: berth's lists
 * equal what the docker CLI reports; prune and remove go through the real keymap,
 * store and feed, and are checked against the engine itself.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {pressKey} from '../../source/keymap/match.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {diskSummary} from '../../source/store/disk-summary.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {imageRows} from '../../source/store/resource-rows.js';
import {startResourcesFeed, type ResourcesFeed} from '../../source/store/resources-feed.js';
import type {ResourceView} from '../../source/store/resources-slice.js';
import {selectContainerView} from '../../source/store/selectors.js';
import {initialState} from '../../source/store/state.js';
import {diskTable} from '../../source/ui/resource-lines.js';
import {diskSections} from '../../source/store/disk-detail.js';
import {resourceCount} from '../../source/keymap/resource-keys.js';
import {describeWithEngine} from '../support/engine-available.js';
import {BUSYBOX_IMAGE, type EngineClient} from '../support/private-engine.js';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeWithEngine('images, volumes, networks and disk usage', (docker: EngineClient) => {
	let engine: Engine;
	let store: Store;
	let feeds: Feeds;
	let feed: ResourcesFeed;
	let dir: string;
	let danglingId = '';

	/** A tiny image with its own content, so each import has its own id. */
	const importImage = async (content: string, tag: string, labels: string[] = []) => {
		const root = join(dir, content);
		rmSync(root, {recursive: true, force: true});
		execFileSync('mkdir', ['-p', root]);
		writeFileSync(join(root, 'file'), content.repeat(2000));
		const tar = execFileSync('tar', ['-C', root, '-c', '.']);
		const changes = ['LABEL berth.res=1', ...labels.map((label) => `LABEL ${label}`)].flatMap((change) => ['--change', change]);
		const {stdout} = await docker.docker(['import', ...changes, '-', tag], {input: tar});
		return stdout.trim();
	};

	const press = (...keys: string[]) => {
		for (const key of keys) {
			const state = store.getState();
			pressKey({store, view: selectContainerView(state.containers, state.ui), pageSize: 10, quit: () => undefined}, key, key);
		}
	};

	const show = async (view: ResourceView) => {
		store.dispatch({type: 'ui/view', view});
		await expect.poll(() => store.getState().resources.loaded[view] === store.getState().resources.generation[view], {timeout: 10_000}).toBe(true);
	};

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'berth-res-'));
		await importImage('one', 'berth-res/multi:v1');
		await docker.docker(['tag', 'berth-res/multi:v1', 'berth-res/multi:v2']);
		danglingId = await importImage('two', 'berth-res/retag:latest');
		// Re-tagging the name to another image leaves the first one dangling.
		await importImage('three', 'berth-res/retag:latest');
		await importImage('four', 'berth-res/used:latest', ['berth.tier=db']);
		await importImage('five', 'berth-res/web:latest', ['berth.tier=web', 'berth.team=shop']);
		await docker.docker(['volume', 'create', '--label', 'berth.test=1', 'berth-res-unused']);
		await docker.docker(['volume', 'create', '--label', 'berth.test=1', '--label', 'com.docker.compose.project=shop', 'berth-res-used']);
		await docker.docker(['network', 'create', '--internal', '--label', 'berth.test=1', 'berth-res-internal']);
		// Created, never started: an image in use, a named volume in use and an anonymous one.
		await (docker.docker(['create', '--label', 'berth.res=1', '-v', 'berth-res-used:/d', '-v', '/anon', 'berth-res/used:latest', '/nothing']));
		engine = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}));
		store = createStore(initialState());
		feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
		feed = startResourcesFeed(engine, store, {delayMs: 50});
		for (let tries = 0; tries < 200 && store.getState().connection.status !== 'connected'; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
	}, 120_000);

	afterAll(async () => {
		feed?.stop();
		feeds?.stop();
		engine?.close();
		const containers = lines((await docker.docker(['ps', '-aq', '--filter', 'label=berth.res=1'], {allowFailure: true})).stdout);
		if (containers.length > 0) await docker.docker(['rm', '-f', '-v', ...containers], {allowFailure: true});
		const images = lines((await docker.docker(['images', '-q', '--filter', 'label=berth.res=1'], {allowFailure: true})).stdout);
		if (images.length > 0) await docker.docker(['rmi', '-f', ...new Set(images)], {allowFailure: true});
		await docker.docker(['volume', 'rm', '-f', 'berth-res-unused', 'berth-res-used'], {allowFailure: true});
		await docker.docker(['network', 'rm', 'berth-res-internal', 'berth-res-ports'], {allowFailure: true});
		await docker.docker(['volume', 'rm', '-f', 'berth-res-detail'], {allowFailure: true});
		rmSync(dir, {recursive: true, force: true});
	});

	it('lists what docker images -a lists: every repo:tag, <none>:<none> for the dangling one, sizes and containers', async () => {
		await show('images');
		const {images} = store.getState().resources;
		const cli = lines((await docker.docker(['images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).stdout);
		const rows = imageRows(images, 'all').map((row) => `${row.image.id} ${row.repository}:${row.tag}`);
		expect(new Set(rows)).toEqual(new Set(cli));
		expect(rows).toContain(`${danglingId} <none>:<none>`);
		const used = images!.find((image) => image.repoTags.includes('berth-res/used:latest'))!;
		expect(used.containers).toBe(1);
		const bytes = Number((await docker.docker(['image', 'inspect', '--format', '{{.Size}}', 'berth-res/used:latest'])).stdout.trim());
		expect(used.size).toBe(bytes);
		expect(images!.find((image) => image.repoTags.includes('berth-res/multi:v1'))!.repoTags.sort()).toEqual(['berth-res/multi:v1', 'berth-res/multi:v2']);
	});

	it('lists what docker volume ls lists, with sizes, ref counts and the compose project', async () => {
		await show('volumes');
		const {volumes} = store.getState().resources;
		const cli = lines((await docker.docker(['volume', 'ls', '-q'])).stdout);
		expect(new Set(volumes!.map((volume) => volume.name))).toEqual(new Set(cli));
		const used = volumes!.find((volume) => volume.name === 'berth-res-used')!;
		expect(used).toMatchObject({refCount: 1, driver: 'local', labels: expect.objectContaining({'com.docker.compose.project': 'shop'})});
		expect(used.mountpoint).toMatch(/berth-res-used/);
		expect(volumes!.find((volume) => volume.name === 'berth-res-unused')).toMatchObject({refCount: 0, size: 0});
		// The anonymous volume of the created container: in use, named by a 64-hex id.
		expect(volumes!.some((volume) => /^[0-9a-f]{64}$/.test(volume.name) && volume.refCount === 1)).toBe(true);
	});

	it('lists what docker network ls lists; the internal network says so, with its subnet', async () => {
		await show('networks');
		const {networks} = store.getState().resources;
		const cli = lines((await docker.docker(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}'])).stdout);
		expect(new Set(networks!.map((network) => `${network.id} ${network.name} ${network.driver} ${network.scope}`))).toEqual(new Set(cli));
		const mine = networks!.find((network) => network.name === 'berth-res-internal')!;
		const subnet = (await docker.docker(['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', 'berth-res-internal'])).stdout.trim();
		expect(mine).toMatchObject({internal: true, driver: 'bridge', containers: 0, subnets: [subnet]});
	});

	it('shows what docker system df shows, row for row', async () => {
		await show('disk');
		const cli = lines((await docker.docker(['system', 'df', '--format', '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'])).stdout);
		const ours = diskSummary(store.getState().resources.disk!).map((row) => {
			const cells = diskTable([row], 200).lines[0]!.trim().split(/\s{2,}/);
			return cells.join('|');
		});
		expect(ours).toEqual(cli);
	});

	it('removing an image a container uses, without force, shows the engine\'s conflict', async () => {
		await show('images');
		store.dispatch({type: 'resources/dialog', dialog: {kind: 'remove', target: {resource: 'image', ref: 'berth-res/used:latest', id: '', otherTags: 0}, force: false}});
		press('y');
		await expect.poll(() => store.getState().resources.report, {timeout: 10_000}).toBeDefined();
		const {report} = store.getState().resources;
		expect(report!.ok).toBe(false);
		expect(report!.title).toMatch(/conflict: unable to remove repository reference "berth-res\/used:latest" \(must force\) - container [0-9a-f]{12} is using its referenced image/);
		expect(lines((await docker.docker(['images', '-q', 'berth-res/used:latest'])).stdout)).toHaveLength(1);
	});

	it('p in the images view shows the dangling image first, y prunes only it and reports the engine\'s SpaceReclaimed', async () => {
		await show('images');
		const before = lines((await docker.docker(['images', '-a', '--no-trunc', '-q'])).stdout);
		const size = Number((await docker.docker(['image', 'inspect', '--format', '{{.Size}}', danglingId])).stdout.trim());
		press('p');
		const {dialog} = store.getState().resources;
		expect(dialog).toMatchObject({kind: 'prune', prune: 'danglingImages', items: [`<none>:<none> ${danglingId.slice(7, 19)}`], bytes: size});
		press('y');
		await expect.poll(() => store.getState().resources.report?.title, {timeout: 15_000}).toMatch(/^pruned dangling images/);
		const {report} = store.getState().resources;
		expect(report!.items).toContain(`deleted sha256:${danglingId.slice(7, 19)}`.replace('deleted ', 'deleted: '));
		expect(report!.spaceReclaimed).toBe(size);
		const after = lines((await docker.docker(['images', '-a', '--no-trunc', '-q'])).stdout);
		expect(new Set(after)).toEqual(new Set(before.filter((id) => id !== danglingId)));
		// The list follows the engine's events: the dangling row is gone without a key.
		await expect.poll(() => imageRows(store.getState().resources.images, 'all').some((row) => row.image.id === danglingId), {timeout: 10_000}).toBe(false);
	});

	it('d on a tag of a two-tag image untags it; the image stays under its other tag', async () => {
		await show('images');
		store.dispatch({type: 'resources/dialog', dialog: {kind: 'remove', target: {resource: 'image', ref: 'berth-res/multi:v2', id: '', otherTags: 1}, force: false}});
		press('y');
		await expect.poll(() => store.getState().resources.report?.title, {timeout: 10_000}).toBe('removed image berth-res/multi:v2');
		expect(store.getState().resources.report!.items).toEqual(['untagged berth-res/multi:v2']);
		expect(lines((await docker.docker(['images', '--format', '{{.Repository}}:{{.Tag}}', 'berth-res/multi'])).stdout)).toEqual(['berth-res/multi:v1']);
	});

	it('I on a running container: inspect, top and diff match docker inspect, docker top and docker diff', async () => {
		// Not labelled berth.test=1: other files' clean-ups remove those while this runs.
		const id = (await docker.docker(['run', '-d', '--label', 'berth.res=1', '--name', 'berth-res-inspect', BUSYBOX_IMAGE, 'sh', '-c', 'echo x > /made && rm /bin/yes && sleep 1000'])).stdout.trim();
		await expect.poll(async () => (await docker.docker(['diff', id])).stdout, {timeout: 20_000}).toContain('/made');
		store.dispatch({type: 'ui/view', view: 'containers'});
		await expect.poll(() => store.getState().containers.has(id), {timeout: 20_000}).toBe(true);
		const state = store.getState();
		const view = selectContainerView(state.containers, state.ui);
		store.dispatch({type: 'ui/select', id, visibleIds: view.ids});
		press('I');
		await expect.poll(() => store.getState().resources.inspect?.lines.inspect, {timeout: 20_000}).toBeDefined();
		const inspected = JSON.parse(store.getState().resources.inspect!.lines.inspect!.join('\n')) as {Id: string; State: {Pid: number}};
		const cli = JSON.parse((await docker.docker(['inspect', id])).stdout) as Array<{Id: string; State: {Pid: number}; Config: unknown}>;
		expect(inspected).toEqual(expect.objectContaining({Id: cli[0]!.Id, State: expect.objectContaining({Pid: cli[0]!.State.Pid}), Config: cli[0]!.Config}));
		press('tab');
		await expect.poll(() => store.getState().resources.inspect?.lines.top, {timeout: 20_000}).toBeDefined();
		const pids = (lines: string[]) => lines.slice(1).map((line) => line.trim().split(/\s+/)[1]).sort();
		const top = lines((await docker.docker(['top', id])).stdout);
		expect(pids(store.getState().resources.inspect!.lines.top!)).toEqual(pids(top));
		press('tab', 'tab');
		await expect.poll(() => store.getState().resources.inspect?.lines.diff, {timeout: 20_000}).toBeDefined();
		const diff = lines((await docker.docker(['diff', id])).stdout);
		expect(new Set(store.getState().resources.inspect!.lines.diff)).toEqual(new Set(diff));
		expect(diff).toEqual(expect.arrayContaining(['A /made', 'D /bin/yes']));
		press('escape');
		expect(store.getState().resources.inspect).toBeUndefined();
		await docker.docker(['rm', '-f', id]);
	});

	/** Opens the detail view (I) on a container and waits for its inspect. */
	const openDetails = async (id: string) => {
		store.dispatch({type: 'ui/view', view: 'containers'});
		await expect.poll(() => store.getState().containers.has(id), {timeout: 20_000}).toBe(true);
		const state = store.getState();
		store.dispatch({type: 'ui/select', id, visibleIds: selectContainerView(state.containers, state.ui).ids});
		press('I');
		await expect.poll(() => store.getState().resources.inspect?.lines.ports, {timeout: 20_000}).toBeDefined();
		return store.getState().resources.inspect!;
	};

	const inspectField = async (id: string, template: string) => JSON.parse((await docker.docker(['inspect', '--format', `{{json ${template}}}`, id])).stdout) as unknown;

	it('the detail tabs of a container run with -p, -e, -v, --restart, --memory, --cpus and --pids-limit match docker port and docker inspect', async () => {
		// --bridge=none: publishing needs a network of its own; random host ports, so nothing clashes.
		await docker.docker(['network', 'create', '--label', 'berth.test=1', 'berth-res-ports']);
		const id = (
			await docker.docker([
				'run', '-d', '--label', 'berth.res=1', '--name', 'berth-res-detail', '--network', 'berth-res-ports',
				'-p', '80', '-p', '127.0.0.1::53/udp', '--expose', '9000',
				'-e', 'GREETING=hello world', '-e', 'EMPTY=', '-v', 'berth-res-detail:/data', '-v', `${dir}:/host:ro`,
				'--restart', 'on-failure:3', '--memory', '64m', '--cpus', '0.5', '--pids-limit', '100', '--ulimit', 'nofile=1024:2048',
				BUSYBOX_IMAGE, 'sleep', '1000',
			])
		).stdout.trim();
		const inspect = await openDetails(id);
		// Ports: line for line what docker port prints (it sorts them naturally too).
		const port = lines((await docker.docker(['port', id])).stdout);
		expect(port.length).toBeGreaterThanOrEqual(2);
		expect(inspect.lines.ports!.filter((line) => line.includes(' -> '))).toEqual(port);
		expect(inspect.lines.ports).toContain('Exposed, not published: 9000/tcp');
		// Environment: every Config.Env entry, values shown.
		const env = (await inspectField(id, '.Config.Env')) as string[];
		expect(env).toContain('GREETING=hello world');
		for (const entry of env) expect(inspect.lines.env).toContain(`  ${entry}`);
		// Mounts: type, source → destination, rw or ro.
		const mounts = (await inspectField(id, '.Mounts')) as Array<{Type: string; Name?: string; Source: string; Destination: string; RW: boolean}>;
		expect(mounts).toHaveLength(2);
		for (const mount of mounts) {
			const source = mount.Type === 'volume' ? mount.Name! : mount.Source;
			expect(inspect.lines.env!.some((line) => new RegExp(`^  ${mount.Type}\\s+${escape(source)} → ${escape(mount.Destination)}\\s+${mount.RW ? 'rw' : 'ro'}`).test(line))).toBe(true);
		}

		// Restart policy and count.
		const policy = (await inspectField(id, '.HostConfig.RestartPolicy')) as {Name: string; MaximumRetryCount: number};
		expect(policy).toEqual({Name: 'on-failure', MaximumRetryCount: 3});
		expect(inspect.lines.restart).toContain(`Restart policy  on-failure:3 (at most 3 restarts after a non-zero exit)`);
		expect(inspect.lines.restart).toContain(`Restart count   ${String(await inspectField(id, '.RestartCount'))}`);
		expect(inspect.lines.restart).toContain(`Started at      ${String(await inspectField(id, '.State.StartedAt'))}`);
		// Limits, each as docker inspect has it.
		const host = (await inspectField(id, '.HostConfig')) as {Memory: number; MemorySwap: number; NanoCpus: number; PidsLimit: number; Ulimits: Array<{Name: string; Soft: number; Hard: number}>};
		expect(host).toMatchObject({Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, PidsLimit: 100});
		const limits = inspect.lines.limits!.join('\n');
		expect(limits).toMatch(new RegExp(`Memory \\(--memory\\)\\s+64MiB \\(${host.Memory} bytes\\)`));
		expect(limits).toMatch(new RegExp(`Memory \\+ swap \\(--memory-swap\\)\\s+128MiB \\(${host.MemorySwap} bytes\\)`));
		expect(limits).toMatch(new RegExp(`CPUs \\(--cpus\\)\\s+0\\.5 \\(NanoCpus ${host.NanoCpus}\\)`));
		expect(limits).toMatch(/PIDs \(--pids-limit\)\s+100/);
		expect(limits).toMatch(new RegExp(`Ulimits \\(--ulimit\\)\\s+${host.Ulimits.map((u) => `${u.Name}=${u.Soft}:${u.Hard}`).join(' ')}`));
		expect(limits).toMatch(/CPU quota \(--cpu-quota\)\s+unlimited/);
		press('escape');
		await docker.docker(['rm', '-f', id]);
	});

	it('the restart tab follows the engine: a container that keeps failing shows the RestartCount docker inspect reports', async () => {
		const id = (await docker.docker(['run', '-d', '--label', 'berth.res=1', '--name', 'berth-res-restarts', '--restart', 'on-failure:2', BUSYBOX_IMAGE, 'sh', '-c', 'sleep 1; exit 3'])).stdout.trim();
		await openDetails(id);
		// Two restarts after non-zero exits, then it stays exited.
		await expect.poll(async () => (await docker.docker(['inspect', '--format', '{{.State.Status}} {{.RestartCount}}', id])).stdout.trim(), {timeout: 40_000, interval: 500}).toBe('exited 2');
		await expect.poll(() => store.getState().resources.inspect?.lines.restart?.find((line) => line.startsWith('Restart count')), {timeout: 20_000}).toBe('Restart count   2');
		const restart = store.getState().resources.inspect!.lines.restart!;
		expect(restart).toContain('Exit code       3');
		expect(restart).toContain(`Finished at     ${String(await inspectField(id, '.State.FinishedAt'))}`);
		press('escape');
		await docker.docker(['rm', '-f', id]);
	});

	it('/ label=… in the images view lists what docker images -a --filter label=… lists', async () => {
		await show('images');
		const ours = (query: string) => new Set(imageRows(store.getState().resources.images, 'all', query).map((row) => `${row.image.id} ${row.repository}:${row.tag}`));
		const cli = async (filter: string) => new Set(lines((await docker.docker(['images', '-a', '--no-trunc', '--filter', filter, '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).stdout));
		for (const filter of ['label=berth.tier=web', 'label=berth.tier', 'label=berth.tier=db', 'label=berth.team=shop']) {
			const expected = await cli(filter);
			expect(expected.size, filter).toBeGreaterThan(0);
			expect(ours(filter), filter).toEqual(expected);
		}

		// Two terms: both must hold, as with two --filter flags.
		const both = lines((await docker.docker(['images', '-a', '--no-trunc', '--filter', 'label=berth.res=1', '--filter', 'label=berth.tier=web', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).stdout);
		expect(ours('label=berth.res=1 label=berth.tier=web')).toEqual(new Set(both));
		// Through the keys: / types it, Enter keeps it, the rows the view counts are those.
		press('/', ...'label=berth.tier=web', 'enter');
		expect(store.getState().resources.query.images).toBe('label=berth.tier=web');
		expect(resourceCount(store.getState(), 'images')).toBe((await cli('label=berth.tier=web')).size);
		press('escape');
		expect(store.getState().resources.query.images).toBe('');
	});

	it('v in the disk usage view shows the rows docker system df -v shows, sizes as the CLI prints them', async () => {
		const id = (await docker.docker(['create', '--label', 'berth.res=1', '--name', 'berth-res-dfv', '-v', 'berth-res-used:/d', 'berth-res/used:latest', '/nothing'])).stdout.trim();
		await show('disk');
		press('v');
		expect(store.getState().resources.diskVerbose).toBe(true);
		// Read both once berth's list has the new container (the engine's events reload it).
		await expect.poll(() => store.getState().resources.disk?.containers.some((container) => container.id === id), {timeout: 20_000}).toBe(true);
		await show('disk');
		type Cli = {
			Images: Array<Record<'Repository' | 'Tag' | 'ID' | 'Size' | 'SharedSize' | 'UniqueSize' | 'Containers' | 'CreatedSince', string>>;
			Containers: Array<Record<'ID' | 'Image' | 'Command' | 'LocalVolumes' | 'Size' | 'Status' | 'Names' | 'State', string>>;
			Volumes: Array<Record<'Name' | 'Links' | 'Size', string>>;
			BuildCache: unknown[];
		};
		const cli = JSON.parse((await docker.docker(['system', 'df', '-v', '--format', '{{json .}}'])).stdout) as Cli;
		const [images, containers, volumes, cache] = diskSections(store.getState().resources.disk!, Date.now());
		expect(new Set(images!.rows.map((row) => [row[0], row[1], row[2], row[4], row[5], row[6], row[7]].join('|')))).toEqual(
			new Set(cli.Images.map((image) => [image.Repository, image.Tag, image.ID.slice(7, 19), image.Size, image.SharedSize, image.UniqueSize, image.Containers].join('|'))),
		);
		// The CLI's JSON is not cut: the command in full, the image as given; berth prints the table's cut forms.
		expect(new Set(containers!.rows.map((row) => [row[0], row[3], row[4], row[7]].join('|')))).toEqual(
			new Set(cli.Containers.map((container) => [container.ID.slice(0, 12), container.LocalVolumes, container.Size, container.Names].join('|'))),
		);
		const mine = containers!.rows.find((row) => row[0] === id.slice(0, 12))!;
		const theirs = cli.Containers.find((container) => container.ID === id)!;
		expect([mine[1], mine[2], mine[6]]).toEqual([theirs.Image, theirs.Command, theirs.Status]);
		expect(mine[3]).toBe('1');
		expect(new Set(volumes!.rows.map((row) => row.join('|')))).toEqual(new Set(cli.Volumes.map((volume) => [volume.Name, volume.Links, volume.Size].join('|'))));
		expect(cache!.rows).toHaveLength(cli.BuildCache.length);
		press('v');
		await docker.docker(['rm', '-f', id]);
	});

	it('d on a built-in network is refused before asking the engine; the internal one is removed after y', async () => {
		await show('networks');
		const names = () => [...(store.getState().resources.networks ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((network) => network.name);
		const none = names().indexOf('none');
		store.dispatch({type: 'resources/moveTo', view: 'networks', index: none, count: names().length});
		press('d');
		expect(store.getState().resources.dialog).toBeUndefined();
		expect(store.getState().ui.notice?.text).toBe('none is a network the engine creates itself: it cannot be removed');
		store.dispatch({type: 'resources/moveTo', view: 'networks', index: names().indexOf('berth-res-internal'), count: names().length});
		press('d');
		expect(store.getState().resources.dialog).toMatchObject({kind: 'remove', target: {resource: 'network', name: 'berth-res-internal'}});
		press('y');
		await expect.poll(() => store.getState().resources.report?.title, {timeout: 10_000}).toBe('removed network berth-res-internal');
		expect((await docker.docker(['network', 'ls', '-q', '--filter', 'name=berth-res-internal'])).stdout.trim()).toBe('');
	});
});
