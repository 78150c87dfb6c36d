/**
 * exec and attach with a terminal through berth's dockerode engine, on the private dockerd:
 * over its unix socket and over tcp (a plain TCP proxy in front of the same socket, so the
 * hijack goes through dockerode's HTTP-over-TCP path). What the engine sees is checked with
 * docker inspect, never from berth's own state.
 */
import type {Duplex} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import {EngineError, type Engine} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {startFailure} from '../../source/terminal/run-session.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startTcpProxy, type TcpProxy} from '../support/tcp-proxy.js';

/** Collects a session's output; `until` waits for text in it. */
function reader(stream: Duplex) {
	let text = '';
	const ended = new Promise<void>((resolve) => {
		stream.on('end', resolve);
		stream.on('close', resolve);
	});
	stream.on('data', (chunk: Buffer) => {
		text += chunk.toString('utf8');
	});
	return {
		text: () => text,
		ended,
		async until(pattern: RegExp | string, ms = 10_000): Promise<string> {
			const deadline = Date.now() + ms;
			const test = (value: string) => (typeof pattern === 'string' ? value.includes(pattern) : pattern.test(value));
			while (!test(text)) {
				if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in the session's output: ${JSON.stringify(text)}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}

			return text;
		},
	};
}

async function state(docker: EngineClient, name: string): Promise<{Status: string; Running: boolean}> {
	return JSON.parse((await docker.docker(['inspect', '--format', '{{json .State}}', name])).stdout) as {Status: string; Running: boolean};
}

describeWithEngine('exec and attach on the private engine', (docker) => {
	let proxy: TcpProxy;
	const engines: Engine[] = [];

	beforeAll(async () => {
		proxy = await startTcpProxy(docker.socketPath);
		await docker.run(['sleep', '1000'], ['--name', 'exec-plain']);
		await docker.run(['sleep', '1000'], ['--name', 'exec-paused']);
		await docker.docker(['pause', 'exec-paused']);
		await docker.run(['sh'], ['--name', 'exec-tty', '-t', '-i']);
		await docker.run(['sh'], ['--name', 'exec-tty-exit', '-t', '-i']);
	});

	afterAll(async () => {
		for (const engine of engines) engine.close();
		await docker.docker(['unpause', 'exec-paused'], {allowFailure: true});
		await proxy?.close();
	});

	const transports = [
		['unix', () => docker.host],
		['tcp', () => proxy.host],
	] as const;

	describe.each(transports)('over %s', (_kind, host) => {
		const engine = () => {
			const created = createDockerEngine(parseHost(host(), {kind: 'flag-host'}));
			engines.push(created);
			return created;
		};

		it('runs argv with a terminal of the size sent, pipes input, and reports the exit code', async () => {
			// The size is read after the first line: a resize sent at once can still land after a first stty.
			const session = await engine().exec('exec-plain', {cmd: ['sh', '-c', 'read line; stty size; echo "got:$line"; exit 3'], tty: true});
			const out = reader(session.stream);
			await session.resize(33, 101);
			session.stream.write('hello there\r');
			await out.until(/33 101\r\ngot:hello there/);
			await out.ended;
			expect(await session.wait()).toEqual({exitCode: 3});
			session.close();
		});

		it('passes words through untouched: no shell in between', async () => {
			const session = await engine().exec('exec-plain', {cmd: ['echo', '$HOME', "'q'", 'a b'], tty: true});
			const out = reader(session.stream);
			await out.ended;
			expect(out.text()).toBe("$HOME 'q' a b\r\n");
			expect(await session.wait()).toEqual({exitCode: 0});
		});

		it("says in the stream, with exit 126, when the command is not there (what the fallback to sh reads)", async () => {
			const session = await engine().exec('exec-plain', {cmd: ['/bin/bash'], tty: true});
			const out = reader(session.stream);
			await out.ended;
			const {exitCode} = await session.wait();
			expect(startFailure(out.text(), exitCode)).toBe('not-found');
		});

		it("refuses a paused container in the engine's own words", async () => {
			const error = await engine().exec('exec-paused', {cmd: ['sh'], tty: true}).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(EngineError);
			expect((error as EngineError).problem.title).toMatch(/is paused/);
		});

		it('attaches to a -t -i container, resizes it, and detaches with Ctrl-P Ctrl-Q leaving it running', async () => {
			const session = await engine().attach('exec-tty', {detachKeys: 'ctrl-p,ctrl-q'});
			const out = reader(session.stream);
			await session.resize(20, 70);
			session.stream.write('echo $((6*7)); stty size\r');
			await out.until(/42\r\n20 70/);
			session.stream.write('\u0010\u0011');
			await out.ended;
			expect(await session.wait()).toEqual({});
			expect(await state(docker, 'exec-tty')).toMatchObject({Status: 'running'});
			session.close();
		});

		it('refuses to attach where there is no terminal, and says what to do instead', async () => {
			const error = await engine().attach('exec-plain').catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(EngineError);
			expect((error as EngineError).problem.title).toBe('it has no terminal (it was not run with -t -i); e opens a shell in it');
		});
	});

	it("reports the main process's exit code when it ends while attached", async () => {
		const engine = createDockerEngine(parseHost(docker.host, {kind: 'flag-host'}));
		engines.push(engine);
		const session = await engine.attach('exec-tty-exit');
		const out = reader(session.stream);
		session.stream.write('exit 5\r');
		await out.ended;
		expect(await session.wait()).toEqual({exitCode: 5});
		expect(await state(docker, 'exec-tty-exit')).toMatchObject({Status: 'exited'});
	});
});
