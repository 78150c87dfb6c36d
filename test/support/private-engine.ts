/**
 * A private Docker Engine for tests: its own dockerd on its own socket, data-root,
 * exec-root and pidfile in a fresh temp dir, stopped by its own PID. See
 * /work/shared/notes/real-engine.md for why each dockerd flag is there.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Label put on every container a test creates; cleanup removes only these. */
export const TEST_LABEL = 'berth.test=1';

/** The tiny image every engine test runs: busybox-static plus applet links, no CMD. */
export const BUSYBOX_IMAGE = 'berth-test/busybox:latest';

const BUSYBOX_APPLETS = [
	'sh', 'ls', 'cat', 'echo', 'sleep', 'yes', 'seq', 'date', 'top', 'ps', 'nc', 'head',
	'tail', 'env', 'kill', 'stty', 'wc', 'dd', 'true', 'false', 'printf', 'grep', 'httpd',
];

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 15_000;

/** Result of one docker CLI call. */
export interface DockerResult {
	stdout: string;
	stderr: string;
	code: number;
}

/** Options for {@link EngineClient.docker}. */
export interface DockerOptions {
	/** Written to the CLI's stdin, then stdin is closed. */
	input?: string | Buffer;
	/** Kill the CLI after this long (default 60 s). */
	timeoutMs?: number;
	/** Resolve with a non-zero code instead of throwing (default false: throw). */
	allowFailure?: boolean;
}

/** What a test needs to use an engine it did not start: its address and the CLI. */
export interface EngineClient {
	/** DOCKER_HOST value, `unix:///.../docker.sock`. */
	host: string;
	/** The unix socket path inside {@link host}. */
	socketPath: string;
	/** Runs the docker CLI against this engine only (execFile, no shell). */
	docker(args: string[], opts?: DockerOptions): Promise<DockerResult>;
	/** `docker run -d --label berth.test=1 [runArgs] IMAGE command`; resolves to the container id. */
	run(command: string[], runArgs?: string[]): Promise<string>;
	/** Removes the containers labelled {@link TEST_LABEL}; resolves to how many. */
	cleanupContainers(): Promise<number>;
}

/** A dockerd this process started, with its lifecycle. */
export interface PrivateEngine extends EngineClient {
	/** Temp dir holding the socket, data-root, exec-root, pidfile and log. */
	dir: string;
	/** PID of the current dockerd process (changes on restart). */
	pid: number;
	/** Removes every container on this engine, stops dockerd (SIGTERM, SIGKILL after 15 s), deletes {@link dir}. */
	stop(): Promise<void>;
	/**
	 * Stops the dockerd process keeping its data, then starts it again on the same socket
	 * (new {@link pid}). As in a daemon restart without live-restore, running containers end
	 * up exited; they are stopped with a 1 s timeout first to keep this quick.
	 */
	restart(): Promise<void>;
}

/** An EngineClient for an engine found by its DOCKER_HOST (e.g. from `inject('engineHost')`). */
export function engineClient(host: string): EngineClient {
	const socketPath = host.replace(/^unix:\/\//, '');
	const env = cliEnv(host);
	const docker = (args: string[], opts?: DockerOptions) => runDocker(env, args, opts);
	return {
		host,
		socketPath,
		docker,
		run: async (command, runArgs = []) => {
			const { stdout } = await docker(['run', '-d', '--label', TEST_LABEL, ...runArgs, BUSYBOX_IMAGE, ...command]);
			return stdout.trim();
		},
		cleanupContainers: () => removeContainers(docker, ['--filter', `label=${TEST_LABEL}`]),
	};
}

/** Starts a fresh private dockerd and waits until it answers `/_ping`. */
export async function startPrivateEngine(): Promise<PrivateEngine> {
	const dir = await makeShortTempDir('berth-engine-');
	const socketPath = join(dir, 'docker.sock');
	const host = `unix://${socketPath}`;
	await mkdir(join(dir, 'cli'));
	// An empty config file keeps a machine's /etc/docker/daemon.json out of the test engine.
	await writeFile(join(dir, 'daemon.json'), '{}\n');

	let child: ChildProcess;
	try {
		child = await launchDockerd(dir, socketPath);
	} catch (error) {
		await removeDir(dir);
		throw error;
	}

	const client = engineClient(host);
	const engine: PrivateEngine = {
		...client,
		dir,
		pid: child.pid ?? 0,
		async stop() {
			// Everything on this daemon is ours: remove it so no container state outlives the dir.
			await removeContainers(client.docker, []).catch(() => 0);
			await terminate(child);
			await removeDir(dir);
		},
		async restart() {
			// dockerd (without --live-restore) stops running containers on shutdown, waiting out
			// each one's stop timeout (10 s for a PID 1 that ignores SIGTERM). Same end state, 1 s.
			const { stdout } = await client.docker(['ps', '-q']);
			const running = stdout.split('\n').filter(Boolean);
			if (running.length > 0) await client.docker(['stop', '--time', '1', ...running], { allowFailure: true });
			await terminate(child);
			child = await launchDockerd(dir, socketPath);
			engine.pid = child.pid ?? 0;
		},
	};
	return engine;
}

/**
 * Imports {@link BUSYBOX_IMAGE} from /bin/busybox (busybox-static) with applet symlinks:
 * `tar -C root -c . | docker import - IMAGE`. No registry is needed.
 */
export async function buildBusyboxImage(engine: Pick<EngineClient, 'host'>, busybox = '/bin/busybox'): Promise<void> {
	const root = await makeShortTempDir('berth-image-');
	try {
		await mkdir(join(root, 'bin'));
		await mkdir(join(root, 'tmp'));
		await copyFile(busybox, join(root, 'bin', 'busybox'));
		for (const applet of BUSYBOX_APPLETS) await symlink('busybox', join(root, 'bin', applet));
		const env = cliEnv(engine.host);
		await new Promise<void>((resolve, reject) => {
			const tar = spawn('tar', ['-C', root, '--owner=0', '--group=0', '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
			const imp = spawn('docker', ['import', '--change', 'ENV PATH=/bin', '-', BUSYBOX_IMAGE], { env, stdio: ['pipe', 'pipe', 'pipe'] });
			let stderr = '';
			tar.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
			imp.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
			tar.stdout.pipe(imp.stdin);
			let pending = 2;
			let failed = false;
			const done = (what: string) => (code: number | null) => {
				if (code !== 0 && !failed) {
					failed = true;
					reject(new Error(`building ${BUSYBOX_IMAGE}: ${what} exited with ${code}: ${stderr.trim()}`));
				}
				if (--pending === 0 && !failed) resolve();
			};
			tar.on('error', reject);
			imp.on('error', reject);
			tar.on('close', done('tar'));
			imp.on('close', done('docker import'));
		});
	} finally {
		await rm(root, { recursive: true, force: true });
	}
}

async function launchDockerd(dir: string, socketPath: string): Promise<ChildProcess> {
	const logPath = join(dir, 'dockerd.log');
	const log = openSync(logPath, 'a');
	const child = spawn('dockerd', [
		'--iptables=false',
		'--bridge=none',
		'--storage-driver=vfs',
		`--config-file=${join(dir, 'daemon.json')}`,
		`--data-root=${join(dir, 'data')}`,
		`--exec-root=${join(dir, 'exec')}`,
		`--pidfile=${join(dir, 'docker.pid')}`,
		'-H', `unix://${socketPath}`,
	], { stdio: ['ignore', log, log], env: { ...process.env, PATH: withSbin(process.env['PATH']) } });
	closeSync(log);
	track(child);
	const exited = new Promise<string>((resolve) => {
		child.once('error', (error) => resolve(`could not run dockerd: ${error.message}`));
		child.once('exit', (code, signal) => resolve(`dockerd exited (${signal ?? `code ${code}`})`));
	});
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const outcome = await Promise.race([exited, ping(socketPath).then((ok) => (ok ? 'ready' : ''))]);
		if (outcome === 'ready') return child;
		if (outcome !== '') throw new Error(`private dockerd did not start: ${outcome}\n${logTail(logPath)}`);
		await sleep(100);
	}
	await terminate(child);
	throw new Error(`private dockerd did not answer /_ping on ${socketPath} within ${START_TIMEOUT_MS / 1000} s\n${logTail(logPath)}`);
}

function ping(socketPath: string): Promise<boolean> {
	return new Promise((resolve) => {
		const req = request({ socketPath, path: '/_ping', timeout: 2_000 }, (res) => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(false));
		req.end();
	});
}

const live = new Set<ChildProcess>();
let exitHooked = false;

// Last resort if the test process exits without stop(): dockerd then still shuts down
// cleanly on SIGTERM (only its temp dir is left behind).
function track(child: ChildProcess): void {
	if (!exitHooked) process.once('exit', stopLeftovers);
	exitHooked = true;
	live.add(child);
	child.once('exit', () => live.delete(child));
}

function stopLeftovers(): void {
	for (const child of live) child.kill('SIGTERM');
}

async function terminate(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

async function removeContainers(
	docker: (args: string[], opts?: DockerOptions) => Promise<DockerResult>,
	filter: string[],
): Promise<number> {
	const { stdout } = await docker(['ps', '-aq', '--no-trunc', ...filter]);
	const ids = stdout.split('\n').filter(Boolean);
	if (ids.length > 0) await docker(['rm', '-f', '-v', ...ids]);
	return ids.length;
}

function runDocker(env: NodeJS.ProcessEnv, args: string[], opts: DockerOptions = {}): Promise<DockerResult> {
	return new Promise((resolve, reject) => {
		const child = execFile('docker', args, {
			env,
			timeout: opts.timeoutMs ?? 60_000,
			maxBuffer: 64 * 1024 * 1024,
			encoding: 'utf8',
		}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			if (error && (!opts.allowFailure || typeof error.code !== 'number')) {
				reject(new Error(`docker ${args.join(' ')} failed (${error.code ?? error.signal ?? error.message}): ${stderr.trim()}`));
				return;
			}
			resolve({ stdout, stderr, code });
		});
		if (opts.input !== undefined) child.stdin?.end(opts.input);
		else child.stdin?.end();
	});
}

function cliEnv(host: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host };
	// A private engine keeps a CLI config dir beside its socket so ~/.docker is never read or written.
	const dockerConfig = join(dirname(host.replace(/^unix:\/\//, '')), 'cli');
	// DOCKER_HOST must win over any context or TLS settings of the person running the tests.
	delete env['DOCKER_CONTEXT'];
	delete env['DOCKER_TLS_VERIFY'];
	delete env['DOCKER_CERT_PATH'];
	if (existsSync(dockerConfig)) env['DOCKER_CONFIG'] = dockerConfig;
	return env;
}

/** A temp dir short enough for a unix socket path (at most 107 bytes on Linux). */
async function makeShortTempDir(prefix: string): Promise<string> {
	const base = tmpdir().length <= 40 ? tmpdir() : '/tmp';
	return mkdtemp(join(base, prefix));
}

/** Deletes dir unless something is still mounted under it (never unmount what we did not mount). */
async function removeDir(dir: string): Promise<void> {
	const mounts = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
	const under = mounts.split('\n')
		.map((line) => line.split(' ')[4] ?? '')
		.filter((point) => point === dir || point.startsWith(`${dir}/`));
	if (under.length > 0) {
		process.stderr.write(`berth tests: left ${dir} in place, still mounted: ${under.join(', ')}\n`);
		return;
	}
	await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

function logTail(logPath: string, lines = 20): string {
	try {
		const text = readFileSync(logPath, 'utf8').trimEnd().split('\n');
		return `--- last ${Math.min(lines, text.length)} lines of ${logPath} ---\n${text.slice(-lines).join('\n')}`;
	} catch {
		return `(no log at ${logPath})`;
	}
}

function withSbin(path = ''): string {
	const parts = path.split(':').filter(Boolean);
	for (const dir of ['/usr/sbin', '/sbin']) if (!parts.includes(dir)) parts.push(dir);
	return parts.join(':');
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
