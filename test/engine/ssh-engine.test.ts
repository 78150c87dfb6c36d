/**
 * ssh:// end to end: a private sshd on 127.0.0.1 in front of the run's private engine
 * (sshd's SetEnv DOCKER_HOST points the remote side at it), reached through the system
 * ssh with a config file of the test's own (-F): the user's ~/.ssh is never read.
 */
import {readFileSync} from 'node:fs';
import {connect} from 'node:net';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import {EngineError, type Engine, type EngineProblem} from '../../source/engine/engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {createStore, type Store} from '../../source/store/create-store.js';
import {startFeeds, type Feeds} from '../../source/store/feeds.js';
import {initialState, type State} from '../../source/store/state.js';
import {describeWithEngine} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {descendants} from '../support/process-tree.js';
import {connectionsTo, SSHD_ALIAS, startPrivateSshd, type PrivateSshd} from '../support/private-sshd.js';
import {waitForState as waitFor} from '../support/wait-for-state.js';

function waitForState(store: Store, predicate: (state: State) => boolean, timeoutMs = 10_000): Promise<number> {
	return waitFor(store, predicate, {timeoutMs});
}

const byName = (state: State, name: string) => [...state.containers.values()].find((container) => container.name === name);

/** ssh processes this test process started (through the engine), by their command line. */
function sshChildren(sshd: PrivateSshd): number[] {
	return descendants(process.pid).filter((pid) => {
		try {
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			return argv[0]?.endsWith('ssh') === true && argv.some((arg) => arg.startsWith(sshd.dir));
		} catch {
			return false;
		}
	});
}

async function problemOf(engine: Engine): Promise<EngineProblem> {
	try {
		await engine.connect();
	} catch (error) {
		if (error instanceof EngineError) return error.problem;
		throw error;
	} finally {
		engine.close();
	}

	throw new Error('connect() did not fail');
}

/** Reads a stream until `done(text so far)` holds; resolves to the text. */
function readUntil(stream: NodeJS.ReadableStream, done: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => {
			stream.removeListener('data', onData);
			reject(new Error(`stream did not show what was expected in ${timeoutMs} ms; got: ${JSON.stringify(text.slice(-500))}`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			text += chunk.toString('utf8');
			if (!done(text)) return;
			clearTimeout(timer);
			stream.removeListener('data', onData);
			resolve(text);
		};
		stream.on('data', onData);
	});
}

describeWithEngine('ssh:// engines through the system ssh and one forwarded socket', (docker: EngineClient) => {
	let sshd: PrivateSshd;
	const open: Array<{close(): void}> = [];
	const engineFor = (url: string, configFile = sshd.configFile) => {
		const engine = createDockerEngine(parseHost(url, {kind: 'flag-host'}), {ssh: {configFile}});
		open.push(engine);
		return engine;
	};
	const watch = (engine: Engine): {store: Store; feeds: Feeds} => {
		const store = createStore(initialState());
		const feeds = startFeeds(engine, store, {backoffMs: {first: 200, max: 1000}});
		open.push({close: () => feeds.stop()});
		return {store, feeds};
	};

	beforeAll(async () => {
		sshd = await startPrivateSshd({dockerHost: docker.host});
	});

	afterAll(async () => {
		for (const item of open.reverse()) item.close();
		await sshd?.stop();
	});

	it('connects to an alias defined only in the ssh config (no user, no port in the URL): list, then events', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'ssh-before']);
		const engine = engineFor(`ssh://${SSHD_ALIAS}`);
		expect(engine.endpointLabel).toBe(`ssh://${SSHD_ALIAS} (from --host)`);
		const {store, feeds} = watch(engine);
		// Closed whatever happens: a stray ssh would be counted by the connection tests below.
		try {
			await waitForState(store, (state) => state.connection.status === 'connected' && byName(state, 'ssh-before')?.state === 'running');
			expect(store.getState().engine?.endpoint).toBe(`ssh://${SSHD_ALIAS}`);
			await docker.run(['sleep', '1000'], ['--name', 'ssh-after']);
			await waitForState(store, (state) => byName(state, 'ssh-after')?.state === 'running');
			await docker.docker(['kill', 'ssh-after']);
			await waitForState(store, (state) => byName(state, 'ssh-after')?.state === 'exited');
		} finally {
			feeds.stop();
			engine.close();
		}
	});

	it('uses the socket path in the URL, with an explicit user and port', async () => {
		const engine = engineFor(`ssh://root@127.0.0.1:${sshd.port}${docker.socketPath}`);
		const info = await engine.connect();
		expect(info.apiVersion).toMatch(/^1\.\d+$/);
		expect((await engine.listContainers()).some((container) => container.name === 'ssh-before')).toBe(true);
		engine.close();
	});

	it('DOCKER_HOST=ssh://… in the environment does not divert requests to dockerode\'s own ssh', async () => {
		// docker-modem merges DOCKER_HOST under its options, and its host would win over the tunnel's socketPath.
		const saved = process.env['DOCKER_HOST'];
		process.env['DOCKER_HOST'] = 'ssh://nobody@nowhere.invalid';
		let engine: Engine;
		try {
			engine = engineFor(`ssh://${SSHD_ALIAS}`);
		} finally {
			if (saved === undefined) delete process.env['DOCKER_HOST'];
			else process.env['DOCKER_HOST'] = saved;
		}

		expect((await engine.connect()).apiVersion).toMatch(/^1\.\d+$/);
		engine.close();
	});

	it('IPv6: ssh://root@[::1]:PORT/socket', async (context) => {
		const listening = await new Promise<boolean>((resolve) => {
			const socket = connect(sshd.port, '::1', () => {
				socket.destroy();
				resolve(true);
			}).once('error', () => resolve(false));
		});
		if (!listening) return context.skip('no IPv6 loopback here');
		const engine = engineFor(`ssh://root@[::1]:${sshd.port}${docker.socketPath}`);
		expect((await engine.connect()).endpoint).toBe(`ssh://root@[::1]:${sshd.port}${docker.socketPath}`);
		engine.close();
	});

	it('follows a ProxyJump from the ssh config', async () => {
		const engine = engineFor(`ssh://${SSHD_ALIAS}-jumped`);
		await engine.connect();
		expect((await engine.listContainers()).some((container) => container.name === 'ssh-before')).toBe(true);
		engine.close();
	});

	it('logs follow, TTY exec with resize, attach and stats all work over the forwarded socket', async () => {
		const id = await docker.run(['sh', '-c', 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done'], ['--name', 'ssh-streams']);
		const engine = engineFor(`ssh://${SSHD_ALIAS}`);
		await engine.connect();

		const stopLogs = new AbortController();
		const ticks: number[] = [];
		for await (const chunk of engine.streamLogs(id, {follow: true, tail: 0, signal: stopLogs.signal})) {
			if (chunk.kind !== 'records') continue;
			for (const record of chunk.records) if (!record.partial && /^tick-\d+$/.test(record.text)) ticks.push(Number(record.text.slice(5)));
			if (ticks.length >= 3) stopLogs.abort();
		}

		expect(ticks[2]! - ticks[0]!).toBe(2);

		const exec = await engine.exec(id, {cmd: ['sh'], tty: true});
		await exec.resize(33, 101);
		exec.stream.write('stty size; echo answer-$((6*7))\n');
		const output = await readUntil(exec.stream, (text) => text.includes('answer-42') && text.includes('33 101'));
		expect(output).toContain('33 101');
		exec.stream.write('exit 3\n');
		await new Promise((resolve) => exec.stream.once('end', resolve));
		expect(await exec.wait()).toEqual({exitCode: 3});

		const shell = await docker.run(['sh'], ['-t', '-i', '--name', 'ssh-attach']);
		const attached = await engine.attach(shell);
		attached.stream.write('echo attached-$((2+3))\n');
		expect(await readUntil(attached.stream, (text) => text.includes('attached-5'))).toContain('attached-5');
		attached.close();

		const stop = new AbortController();
		let samples = 0;
		for await (const sample of engine.streamStats(id, stop.signal)) {
			expect(sample.memoryUsage).toBeGreaterThan(0);
			if (++samples === 2) stop.abort();
		}

		expect(samples).toBe(2);
		engine.close();
	});

	it('carries 22 long-lived streams for 21 running containers over ONE TCP connection to sshd', async () => {
		const names = Array.from({length: 21}, (_, index) => `ssh-many-${index}`);
		const ids = await Promise.all(names.map((name) => docker.run(['sleep', '1000'], ['--name', name])));
		const engine = engineFor(`ssh://${SSHD_ALIAS}`);
		await engine.connect();
		const stop = new AbortController();
		const events = await engine.subscribeEvents({signal: stop.signal});
		// A stats stream per container, each held open until the count below.
		let firstSamples = 0;
		const streams = ids.map(async (id) => {
			let first = true;
			for await (const _sample of engine.streamStats(id, stop.signal)) {
				if (first) firstSamples++;
				first = false;
			}
		});
		const draining = (async () => {
			for await (const _event of events) {
				// only held open
			}
		})();
		await expect.poll(() => firstSamples, {timeout: 20_000, interval: 100}).toBe(ids.length);
		const pids = [process.pid, ...descendants(process.pid)];
		const connections = await connectionsTo(sshd.port, pids);
		process.stderr.write(`berth ssh test: ${ids.length} stats streams + events over ssh: ${connections} TCP connection(s) to sshd\n`);
		// The issue allows 2; the design holds exactly one.
		expect(connections).toBe(1);
		stop.abort();
		await Promise.allSettled([...streams, draining]);
		engine.close();
	});

	it('refuses an unknown host key, showing its fingerprint and how to trust it', async () => {
		const config = await sshd.clientConfig('unknown-host', {knownHosts: 'empty'});
		const problem = await problemOf(engineFor(`ssh://${SSHD_ALIAS}`, config));
		expect(problem.title).toBe(`The SSH host key of 127.0.0.1 port ${sshd.port} is not known`);
		expect(problem.detail).toContain(sshd.hostKeyFingerprint);
		expect(problem.hint).toContain(`ssh -F ${config} ${SSHD_ALIAS} true`);
		expect(problem.needsUser).toBe(true);
	});

	it('refuses a changed host key', async () => {
		const config = await sshd.clientConfig('changed-host', {knownHosts: 'wrong'});
		const problem = await problemOf(engineFor(`ssh://${SSHD_ALIAS}`, config));
		expect(problem.title).toBe(`The SSH host key of 127.0.0.1 port ${sshd.port} has CHANGED`);
		expect(problem.detail).toContain(sshd.hostKeyFingerprint);
	});

	it('says a login was refused, with what the server allows', async () => {
		const config = await sshd.clientConfig('stranger', {identity: 'stranger'});
		const problem = await problemOf(engineFor(`ssh://${SSHD_ALIAS}`, config));
		expect(problem.title).toBe(`SSH login to 127.0.0.1 port ${sshd.port} as root was refused`);
		expect(problem.detail).toContain('Permission denied (publickey)');
		expect(problem.needsUser).toBe(true);
	});

	it('says when nothing listens on the SSH port', async () => {
		const problem = await problemOf(engineFor('ssh://127.0.0.1:1', sshd.configFile));
		expect(problem.title).toBe('SSH connection refused by 127.0.0.1 port 1');
		expect(problem.detail).toContain('Connection refused');
	});

	it('says when the remote has no Docker socket (path in the URL, or the remote\'s DOCKER_HOST)', async () => {
		const fromUrl = await problemOf(engineFor(`ssh://${SSHD_ALIAS}/nonexistent/docker.sock`));
		expect(fromUrl.kind).toBe('socket-missing');
		expect(fromUrl.title).toBe('No Docker socket at /nonexistent/docker.sock on 127.0.0.1');
		expect(fromUrl.detail).toContain('the path in the URL');

		const bare = await startPrivateSshd({dockerHost: 'unix:///nonexistent/engine.sock'});
		try {
			const fromEnv = await problemOf(engineFor(`ssh://${SSHD_ALIAS}`, bare.configFile));
			expect(fromEnv.title).toBe('No Docker socket at /nonexistent/engine.sock on 127.0.0.1');
			expect(fromEnv.detail).toContain("the remote's DOCKER_HOST (unix:///nonexistent/engine.sock)");
		} finally {
			await bare.stop();
		}
	});

	it('recovers when sshd dies mid-session: reconnecting, then connected with what changed meanwhile', async () => {
		await docker.run(['sleep', '1000'], ['--name', 'ssh-restart-before']);
		const engine = engineFor(`ssh://${SSHD_ALIAS}`);
		const {store} = watch(engine);
		await waitForState(store, (state) => state.connection.status === 'connected' && byName(state, 'ssh-restart-before')?.state === 'running');
		const [firstSsh] = sshChildren(sshd);
		expect(firstSsh).toBeDefined();

		await sshd.kill();
		await waitForState(store, (state) => state.connection.status === 'reconnecting', 10_000);
		const lost = store.getState().connection;
		expect(lost.status === 'reconnecting' && lost.problem.kind).toMatch(/ssh|socket-missing|other/);
		await docker.run(['sleep', '1000'], ['--name', 'ssh-while-down']);
		await docker.docker(['kill', 'ssh-restart-before']);
		// Let at least one reconnect attempt fail against the closed port.
		await waitForState(store, (state) => state.connection.status === 'reconnecting' && state.connection.problem.title.includes('refused'), 10_000);

		await sshd.start();
		await waitForState(
			store,
			(state) =>
				state.connection.status === 'connected' &&
				byName(state, 'ssh-while-down')?.state === 'running' &&
				byName(state, 'ssh-restart-before')?.state === 'exited',
			15_000,
		);
		// The old ssh is gone, one new one holds one connection.
		const now = sshChildren(sshd);
		expect(now).toHaveLength(1);
		expect(now[0]).not.toBe(firstSsh);
		expect(await connectionsTo(sshd.port, [process.pid, ...descendants(process.pid)])).toBe(1);
		// Events flow on the new connection.
		await docker.docker(['kill', 'ssh-while-down']);
		await waitForState(store, (state) => byName(state, 'ssh-while-down')?.state === 'exited', 3000);
	});

	it('close() ends the ssh process and leaves nothing behind', async () => {
		const before = sshChildren(sshd).length;
		const engine = engineFor(`ssh://${SSHD_ALIAS}`);
		await engine.connect();
		expect(sshChildren(sshd).length).toBe(before + 1);
		engine.close();
		await expect.poll(() => sshChildren(sshd).length, {timeout: 3000}).toBe(before);
	});
});
