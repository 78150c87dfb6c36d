/**
 * Local (cgroup) stats against the private dockerd on this host (cgroup v1,
 * cgroupfs driver): the kernel's figures, the API's and `docker stats
 * --no-stream` agree, for a busy container held to half a CPU, a container
 * with a 64 MiB limit holding memory, and a container fetching 3 MB over a network.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {computeStats} from '../../source/engine/compute-stats.js';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import type {ContainerStats, Engine, LocalStatsReader, StatsSample} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {cliStats, parseBytes, type CliStats} from '../support/docker-stats-cli.js';


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const network = 'berth-local-stats-net';

async function localSample(reader: LocalStatsReader, id: string): Promise<StatsSample> {
	const local = (await reader.sample([id])).get(id);
	if (!local) throw new Error(`no local sample for ${id}`);
	expect(local.missing, 'every metric read from the kernel').toEqual(new Set());
	return local.sample;
}

async function apiSample(engine: Engine, id: string): Promise<StatsSample> {
	const sample = await engine.sampleStats(id);
	if (!sample) throw new Error(`no API sample for ${id}`);
	return sample;
}

/** The three views of one container over the same ~3 s window. */
async function measure(engine: Engine, docker: EngineClient, name: string, id: string): Promise<{local: ContainerStats; api: ContainerStats; cli: CliStats}> {
	const [local1, api1] = [await localSample(engine.localStats!, id), await apiSample(engine, id)];
	const [cli] = await Promise.all([cliStats(docker, name), sleep(3000)]);
	const [local2, api2] = [await localSample(engine.localStats!, id), await apiSample(engine, id)];
	return {local: computeStats(local1, local2), api: computeStats(api1, api2), cli};
}

describeWithEngine('local (cgroup) stats on a real engine', (docker: EngineClient) => {
	let engine: Engine;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		await docker.docker(['network', 'create', '--internal', '--label', 'berth.test=1', network]);
		const [busy, limited, server] = await Promise.all([
			// High CPU shares: on a loaded machine the quota, not the contention, decides.
			docker.run(['sh', '-c', 'while :; do :; done'], ['--name', 'local-busy', '--cpus', '0.5', '--cpu-shares', '10240']),
			docker.run(['sh', '-c', 'head -c 40m /dev/zero > /t/fill; sleep 1000'], ['--name', 'local-limited', '--memory', '64m', '--tmpfs', '/t:size=100m']),
			docker.run(['sh', '-c', 'mkdir /www; head -c 3000000 /dev/zero > /www/f; httpd -f -p 8080 -h /www'], ['--name', 'local-server', '--network', network]),
		]);
		Object.assign(ids, {'local-busy': busy, 'local-limited': limited, 'local-server': server});
		// No embedded DNS without iptables: the client dials the server's address.
		const address = (await docker.docker(['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', server])).stdout.trim();
		const fetch = `until busybox wget -q -O /dev/null http://${address}:8080/f; do sleep 0.2; done; sleep 1000`;
		ids['local-client'] = await docker.run(['sh', '-c', fetch], ['--name', 'local-client', '--network', network]);
		engine = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}));
	});

	afterAll(async () => {
		engine?.close();
		await docker.cleanupContainers();
		await docker.docker(['network', 'rm', network], {allowFailure: true});
	});

	it('an engine on this host\'s unix socket reads the kernel; --stats-source api does not', () => {
		expect(engine.localStats).toBeDefined();
		const api = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}), {statsSource: 'api'});
		expect(api.localStats).toBeUndefined();
		api.close();
	});

	it('--cpus 0.5: the cgroup source, the API and docker stats agree within 10 points', async () => {
		const {local, api, cli} = await measure(engine, docker, 'local-busy', ids['local-busy']!);
		const theirs = Number.parseFloat(cli.CPUPerc);
		console.log(`local-busy: cgroup ${local.cpuPercent?.toFixed(2)}%, API ${api.cpuPercent?.toFixed(2)}%, docker stats ${cli.CPUPerc}`);
		expect(local.cpuPercent).toBeDefined();
		expect(Math.abs(local.cpuPercent! - api.cpuPercent!)).toBeLessThan(10);
		expect(Math.abs(local.cpuPercent! - theirs)).toBeLessThan(10);
		expect(local.cpuPercent!).toBeLessThan(60);
		expect(local.onlineCpus).toBe(api.onlineCpus);
		expect(local.pids).toBe(api.pids);
	});

	it('--memory 64m holding 40 MiB: same usage within 10 %, the same 64 MiB limit', async () => {
		const id = ids['local-limited']!;
		await expect.poll(async () => (await localSample(engine.localStats!, id)).memoryUsage, {timeout: 20_000}).toBeGreaterThan(40 * 1024 * 1024);
		const {local, api, cli} = await measure(engine, docker, 'local-limited', id);
		const theirs = parseBytes(cli.MemUsage.split(' / ')[0]!);
		console.log(`local-limited: cgroup ${(local.memoryUsage / 2 ** 20).toFixed(2)} MiB, API ${(api.memoryUsage / 2 ** 20).toFixed(2)} MiB, docker stats ${cli.MemUsage}`);
		expect(Math.abs(local.memoryUsage - api.memoryUsage) / api.memoryUsage).toBeLessThan(0.1);
		expect(Math.abs(local.memoryUsage - theirs) / theirs).toBeLessThan(0.1);
		expect(local.memoryLimit).toBe(64 * 1024 * 1024);
		expect(api.memoryLimit).toBe(64 * 1024 * 1024);
		expect(cli.MemUsage.split(' / ')[1]).toBe('64MiB');
		expect(local.blockRead).toBe(api.blockRead);
		expect(local.blockWrite).toBe(api.blockWrite);
	});

	it('a container without a limit shows the host\'s memory as its limit, as the API does', async () => {
		const id = ids['local-busy']!;
		const [local, api] = [await localSample(engine.localStats!, id), await apiSample(engine, id)];
		expect(local.memoryLimit).toBe(api.memoryLimit);
	});

	it('network bytes from the container\'s namespace (lo left out) match the API\'s interfaces', async () => {
		const id = ids['local-client']!;
		await expect.poll(async () => (await localSample(engine.localStats!, id)).networkRx, {timeout: 20_000}).toBeGreaterThan(3_000_000);
		const [local, api] = [await localSample(engine.localStats!, id), await apiSample(engine, id)];
		console.log(`local-client: cgroup rx ${local.networkRx} tx ${local.networkTx}, API rx ${api.networkRx} tx ${api.networkTx}`);
		// The same counters read a moment apart: a stray neighbour-discovery packet at most.
		expect(Math.abs(local.networkRx - api.networkRx)).toBeLessThan(2048);
		expect(Math.abs(local.networkTx - api.networkTx)).toBeLessThan(2048);
		// Loopback only (--bridge=none): nothing, as docker stats shows.
		const busy = await localSample(engine.localStats!, ids['local-busy']!);
		expect([busy.networkRx, busy.networkTx]).toEqual([0, 0]);
	});

	it('a stopped container is left out (the API has nothing either); forget() drops its path', async () => {
		const id = ids['local-server']!;
		expect((await engine.localStats!.sample([id])).has(id)).toBe(true);
		await docker.docker(['stop', '-t', '0', 'local-server']);
		expect((await engine.localStats!.sample([id])).has(id)).toBe(false);
		engine.localStats!.forget(id);
		expect((await engine.localStats!.sample([id])).has(id)).toBe(false);
	});
});
