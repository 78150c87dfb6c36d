import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEngine } from '../support/engine-available.js';
import { BUSYBOX_IMAGE, TEST_LABEL, buildBusyboxImage, startPrivateEngine } from '../support/private-engine.js';
import type { PrivateEngine } from '../support/private-engine.js';

function getJson(socketPath: string, path: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ socketPath, path }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => { body += chunk; });
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describeWithEngine('the shared engine of the run', (engine) => {
	it('answers /_ping on the injected socket', async () => {
		expect(engine.host).toMatch(/^unix:\/\/\/.+\/docker\.sock$/);
		const { status, body } = await getJson(engine.socketPath, '/_ping');
		expect(status).toBe(200);
		expect(body).toBe('OK');
	});

	it('has the busybox image, which runs a command', async () => {
		const { stdout } = await engine.docker(['run', '--rm', '--label', TEST_LABEL, BUSYBOX_IMAGE, 'sh', '-c', 'echo hello from busybox; seq 3 | wc -l']);
		expect(stdout).toBe('hello from busybox\n3\n');
	});

	it('labels containers from run() and cleans up only those', async () => {
		const labelled = await engine.run(['sleep', '300']);
		const { stdout: other } = await engine.docker(['create', BUSYBOX_IMAGE, 'true']);
		expect(await engine.cleanupContainers()).toBe(1);
		const { stdout } = await engine.docker(['ps', '-aq', '--no-trunc']);
		expect(stdout).not.toContain(labelled);
		expect(stdout).toContain(other.trim());
		await engine.docker(['rm', '-f', other.trim()]);
	});
});

// restart() must not disturb the shared engine, so this block starts one of its own.
describeWithEngine('a private engine of its own', () => {
	let own: PrivateEngine;

	beforeAll(async () => {
		own = await startPrivateEngine();
		await buildBusyboxImage(own);
	});

	afterAll(async () => {
		await own?.stop();
	});

	it('runs a container from the busybox image', async () => {
		const { stdout } = await own.docker(['run', '--label', TEST_LABEL, '--name', 'keeper', BUSYBOX_IMAGE, 'echo', 'kept']);
		expect(stdout).toBe('kept\n');
	});

	it('keeps containers and images across restart() and answers on the same socket', async () => {
		const before = own.pid;
		const running = await own.run(['sleep', '300']);
		await own.restart();
		expect(own.pid).not.toBe(before);
		const ping = await getJson(own.socketPath, '/_ping');
		expect(ping.status).toBe(200);
		const { stdout: names } = await own.docker(['ps', '-a', '--format', '{{.Names}} {{.ID}} {{.State}}']);
		expect(names).toContain('keeper');
		expect(names).toMatch(new RegExp(`${running.slice(0, 12)} exited`));
		const { stdout } = await own.docker(['logs', 'keeper']);
		expect(stdout).toBe('kept\n');
		const { stdout: again } = await own.docker(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'after restart']);
		expect(again).toBe('after restart\n');
	});

	it('stop() removes its dir', async () => {
		const { existsSync } = await import('node:fs');
		const dir = own.dir;
		await own.stop();
		expect(existsSync(dir)).toBe(false);
		own = undefined as unknown as PrivateEngine;
	});
});
