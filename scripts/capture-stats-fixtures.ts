/**
 * Records real stats payloads for the unit tests: starts a private dockerd
 * (test/support/private-engine.ts), runs a small zoo of containers, and saves
 * raw frames of GET /containers/{id}/stats to test/fixtures/stats/, each with
 * what `docker stats --no-stream` printed for that container at the same moment.
 *
 *   npx tsx scripts/capture-stats-fixtures.ts
 *
 * What this machine's engine gives (Debian's dockerd 20.10, cgroup v1, vfs)
 * is what gets recorded; cgroup v2 and Podman fixtures are written by hand
 * from the API docs and Podman's source (see their `source` field).
 */
import {request} from 'node:http';
import {mkdir, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';

const out = fileURLToPath(new URL('../test/fixtures/stats/', import.meta.url));

/** The first `count` lines of a stats stream (the socket is closed after). */
function streamFrames(socketPath: string, id: string, count: number): Promise<unknown[]> {
	return new Promise((resolve, reject) => {
		const frames: unknown[] = [];
		let pending = '';
		const req = request({socketPath, path: `/containers/${id}/stats?stream=true`}, (res) => {
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				pending += chunk;
				let newline = pending.indexOf('\n');
				while (newline !== -1) {
					const line = pending.slice(0, newline).trim();
					pending = pending.slice(newline + 1);
					if (line !== '') frames.push(JSON.parse(line));
					if (frames.length === count) {
						req.destroy();
						resolve(frames);
						return;
					}

					newline = pending.indexOf('\n');
				}
			});
		});
		req.on('error', (error) => (frames.length === count ? undefined : reject(error)));
		req.end();
	});
}

function getJson(socketPath: string, path: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const req = request({socketPath, path}, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				body += chunk;
			});
			res.on('end', () => resolve(JSON.parse(body)));
		});
		req.on('error', reject);
		req.end();
	});
}

async function cliStats(engine: PrivateEngine, name: string): Promise<unknown> {
	const {stdout} = await engine.docker(['stats', '--no-stream', '--format', '{{json .}}', name]);
	return JSON.parse(stdout.trim());
}

async function save(file: string, what: string, run: string, frames: unknown[], cli?: unknown): Promise<void> {
	const {stdout: version} = await engineVersion;
	const fixture = {
		source: `recorded by scripts/capture-stats-fixtures.ts from dockerd ${version.trim()}, cgroup v1 (cgroupfs), vfs`,
		what,
		run,
		...(cli === undefined ? {} : {dockerStatsNoStream: cli}),
		frames,
	};
	await writeFile(`${out}${file}`, `${JSON.stringify(fixture, null, '\t')}\n`);
	console.log(`wrote ${file}`);
}

let engineVersion: Promise<{stdout: string}>;
const engine = await startPrivateEngine();
try {
	engineVersion = engine.docker(['version', '--format', '{{.Server.Version}}']);
	await buildBusyboxImage(engine);
	await mkdir(out, {recursive: true});
	await engine.docker(['network', 'create', '--internal', 'fixtures']);
	const runs: Record<string, string[]> = {
		busy: ['--name', 'busy', '--cpus', '0.5', '--', 'sh', '-c', 'yes > /dev/null'],
		idle: ['--name', 'idle', '--', 'sleep', '100000'],
		memory: ['--name', 'memory', '--memory', '64m', '--tmpfs', '/t:size=100m', '--', 'sh', '-c', 'head -c 50m /dev/zero > /t/fill; sleep 100000'],
		paused: ['--name', 'paused', '--', 'sleep', '100000'],
		// A file written to the container's own filesystem sits in the page cache as inactive file.
		cache: ['--name', 'cache', '--', 'sh', '-c', 'head -c 20m /dev/urandom > /tmp/file; sleep 100000'],
		web: ['--name', 'web', '--network', 'fixtures', '--', 'sh', '-c', 'mkdir /www; head -c 200000 /dev/urandom > /www/big; httpd -f -p 80 -h /www'],
		client: ['--name', 'client', '--network', 'fixtures', '--', 'sh', '-c', 'while true; do wget -q -O /dev/null http://web/big; sleep 0.2; done'],
	};
	for (const args of Object.values(runs)) {
		const split = args.indexOf('--');
		await engine.run(args.slice(split + 1), args.slice(0, split));
	}

	await engine.docker(['pause', 'paused']);
	// Let the busy loop and the transfers settle into a steady rate.
	await new Promise((resolve) => setTimeout(resolve, 5000));
	const socket = engine.socketPath;
	const describe = (name: string) => runs[name]!.join(' ');

	const [busy, busyCli] = await Promise.all([streamFrames(socket, 'busy', 3), cliStats(engine, 'busy')]);
	await save('v1-busy.json', 'a stream: first frame (zeroed precpu_stats) and two more; yes > /dev/null limited to half a CPU', describe('busy'), busy, busyCli);
	const [idle, idleCli] = await Promise.all([streamFrames(socket, 'idle', 2), cliStats(engine, 'idle')]);
	await save('v1-idle.json', 'an idle container, two stream frames', describe('idle'), idle, idleCli);
	const [memory, memoryCli] = await Promise.all([streamFrames(socket, 'memory', 2), cliStats(engine, 'memory')]);
	await save('v1-memory.json', '50 MiB written to a tmpfs under a 64 MiB limit, two stream frames', describe('memory'), memory, memoryCli);
	const [cache, cacheCli] = await Promise.all([streamFrames(socket, 'cache', 2), cliStats(engine, 'cache')]);
	await save('v1-cache.json', '20 MB written to a file in the container (page cache: total_inactive_file), two stream frames', describe('cache'), cache, cacheCli);
	const [paused, pausedCli] = await Promise.all([streamFrames(socket, 'paused', 2), cliStats(engine, 'paused')]);
	await save('v1-paused.json', 'a paused container, two stream frames', describe('paused'), paused, pausedCli);
	const [client, clientCli] = await Promise.all([streamFrames(socket, 'client', 3), cliStats(engine, 'client')]);
	await save('v1-network.json', 'an HTTP client downloading in a loop on an internal network, three stream frames', describe('client'), client, clientCli);
	const first = await getJson(socket, '/containers/busy/stats?stream=false&one-shot=true');
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const second = await getJson(socket, '/containers/busy/stats?stream=false&one-shot=true');
	await save('v1-one-shot.json', 'two one-shot samples (stream=false&one-shot=true) a second apart: precpu_stats zeroed in both', describe('busy'), [first, second]);
	await engine.docker(['stop', '-t', '0', 'idle']);
	const stopped = await streamFrames(socket, 'idle', 1);
	await save('v1-stopped.json', 'the frame a stream sends for a stopped container', describe('idle'), stopped);
} finally {
	await engine.stop();
}
