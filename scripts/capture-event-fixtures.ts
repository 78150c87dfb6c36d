/**
 * Records real GET /events output for the unit tests: starts a private dockerd
 * (test/support/private-engine.ts), does a little of everything (image import,
 * tag, untag; volume and network create, mount, connect; a container's whole
 * life; a failing health check; an OOM kill; a non-zero exit; a daemon reload),
 * then asks for that window with since/until and saves the lines exactly as
 * the engine sent them to test/fixtures/events/docker-20.10.json.
 *
 *   npx tsx scripts/capture-event-fixtures.ts
 *
 * dockerd sends the pre-1.22 fields (status, id, from) beside Type/Action/Actor
 * on every API version; the tests make the old shape by keeping only those.
 */
import {request} from 'node:http';
import {mkdir, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {formatSince} from '../source/store/feeds.js';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';

const out = fileURLToPath(new URL('../test/fixtures/events/', import.meta.url));
const nowNano = () => BigInt(Date.now()) * 1_000_000n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function getText(socketPath: string, path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = request({socketPath, path}, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				body += chunk;
			});
			res.on('end', () => resolve(body));
		});
		req.on('error', reject);
		req.end();
	});
}

async function waitFor(engine: PrivateEngine, name: string, format: string, wanted: string): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		const {stdout} = await engine.docker(['inspect', '--format', format, name], {allowFailure: true});
		if (stdout.trim() === wanted) return;
		await sleep(200);
	}

	throw new Error(`${name}: ${format} never became ${wanted}`);
}

const engine = await startPrivateEngine();
try {
	const {stdout: version} = await engine.docker(['version', '--format', '{{.Server.Version}} API {{.Server.APIVersion}}']);
	const since = nowNano();
	const steps: string[] = [];
	const docker = async (...args: string[]) => {
		steps.push(`docker ${args.join(' ')}`);
		return engine.docker(args, {allowFailure: true});
	};

	steps.push('docker import (busybox-static, see buildBusyboxImage)');
	await buildBusyboxImage(engine);
	await docker('tag', 'berth-test/busybox:latest', 'berth-test/busybox:fixture');
	await docker('rmi', 'berth-test/busybox:fixture');
	await docker('volume', 'create', 'fix-vol');
	await docker('network', 'create', '--internal', 'fix-net');
	await docker('create', '--name', 'fix-web', '--label', 'com.docker.compose.project=shop', '--label', 'com.docker.compose.service=web', '--network', 'fix-net', '-v', 'fix-vol:/data', 'berth-test/busybox', 'sleep', '1000');
	await docker('start', 'fix-web');
	await docker('pause', 'fix-web');
	await docker('unpause', 'fix-web');
	await docker('exec', 'fix-web', 'true');
	await docker('rename', 'fix-web', 'fix-web2');
	await docker('kill', '-s', 'HUP', 'fix-web2');
	await docker('stop', '-t', '1', 'fix-web2');
	await docker('rm', 'fix-web2');
	await docker('run', '-d', '--name', 'fix-sick', '--health-cmd', 'exit 1', '--health-interval', '1s', '--health-retries', '1', 'berth-test/busybox', 'sleep', '1000');
	await waitFor(engine, 'fix-sick', '{{.State.Health.Status}}', 'unhealthy');
	await docker('run', '-d', '--name', 'fix-oom', '-m', '8m', '--memory-swap', '8m', 'berth-test/busybox', 'sh', '-c', 'x=aaaaaaaa; while true; do x=$x$x; done');
	await waitFor(engine, 'fix-oom', '{{.State.Status}}', 'exited');
	await docker('run', '--name', 'fix-fail', 'berth-test/busybox', 'sh', '-c', 'exit 3');
	await docker('rm', '-f', 'fix-sick', 'fix-oom', 'fix-fail');
	await docker('volume', 'rm', 'fix-vol');
	await docker('network', 'rm', 'fix-net');
	steps.push('kill -HUP <dockerd> (reload)');
	process.kill(engine.pid, 'SIGHUP');
	await sleep(1000);
	const until = nowNano();

	const body = await getText(engine.socketPath, `/events?since=${formatSince(since)}&until=${formatSince(until)}`);
	const lines = body.split('\n').filter((line) => line.trim() !== '');
	await mkdir(out, {recursive: true});
	const fixture = {
		source: `recorded by scripts/capture-event-fixtures.ts from dockerd ${version.trim()}: GET /events?since&until, one string per line as sent`,
		steps,
		lines,
	};
	await writeFile(`${out}docker-20.10.json`, `${JSON.stringify(fixture, null, '\t')}\n`);
	console.log(`wrote docker-20.10.json: ${lines.length} events`);
} finally {
	await engine.stop();
}
