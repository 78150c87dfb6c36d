/**
 * A private sshd on 127.0.0.1 for ssh:// tests (recipe: /work/shared/notes/real-engine.md):
 * its own port, host key, client keys, authorized_keys, known_hosts and client ssh_config,
 * all in a temp dir; started and stopped by PID. Clients use `ssh -F <configFile>`, so the
 * user's ~/.ssh is never read or written.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {descendants} from './process-tree.js';

const run = promisify(execFile);

/** The Host alias every client config defines for this sshd. */
export const SSHD_ALIAS = 'berth-sshd';

/** How a client config trusts the server and logs in. */
export type ClientConfigOptions = {
	/** 'trusted': known_hosts has the server's key; 'empty': an unknown host; 'wrong': another key (changed host key). */
	knownHosts?: 'trusted' | 'empty' | 'wrong';
	/** 'client': the authorized key; 'stranger': a key the server does not accept. */
	identity?: 'client' | 'stranger';
};

export interface PrivateSshd {
	dir: string;
	port: number;
	/** PID of the listening sshd (changes on restart). */
	pid: number;
	/** ssh_config with Host berth-sshd -> 127.0.0.1:port, the client key, a trusting known_hosts, User root. */
	configFile: string;
	/** SHA256 fingerprint of the server's host key, as ssh prints it. */
	hostKeyFingerprint: string;
	/** Writes another client config next to the default one and returns its path. */
	clientConfig(name: string, options: ClientConfigOptions): Promise<string>;
	/** Kills the listener and every session it forked, as a crash or reboot of the host would. */
	kill(): Promise<void>;
	/** Starts sshd again on the same port with the same keys. */
	start(): Promise<void>;
	/** kill() and remove the temp dir. */
	stop(): Promise<void>;
}

/** Starts sshd with `SetEnv DOCKER_HOST=<dockerHost>`, so the remote side finds the given engine. */
export async function startPrivateSshd(options: {dockerHost: string}): Promise<PrivateSshd> {
	const dir = await mkdtemp(join(tmpdir().length <= 40 ? tmpdir() : '/tmp', 'berth-sshd-'));
	await chmod(dir, 0o700);
	await run('mkdir', ['-p', '/run/sshd']);
	for (const key of ['host', 'client', 'stranger', 'other-host']) {
		await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `berth-test-${key}`, '-f', join(dir, key)]);
	}

	await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client.pub')));
	const port = await freePort();
	await writeFile(
		join(dir, 'sshd_config'),
		[
			`ListenAddress 127.0.0.1:${port}`,
			// Also on IPv6 loopback where there is one (sshd carries on with 127.0.0.1 alone otherwise).
			`ListenAddress [::1]:${port}`,
			`HostKey ${join(dir, 'host')}`,
			`PidFile ${join(dir, 'sshd.pid')}`,
			`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
			'StrictModes no',
			'PermitRootLogin prohibit-password',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			'UsePAM no',
			'MaxStartups 100:30:200',
			// All on one line: sshd keeps only the first SetEnv line.
			`SetEnv DOCKER_HOST=${options.dockerHost}`,
			'',
		].join('\n'),
	);
	const hostKey = (await readFile(join(dir, 'host.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
	const otherKey = (await readFile(join(dir, 'other-host.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
	await writeFile(join(dir, 'known_hosts-trusted'), `[127.0.0.1]:${port} ${hostKey}\n[::1]:${port} ${hostKey}\n`);
	await writeFile(join(dir, 'known_hosts-wrong'), `[127.0.0.1]:${port} ${otherKey}\n`);
	await writeFile(join(dir, 'known_hosts-empty'), '');
	const {stdout: fingerprintLine} = await run('ssh-keygen', ['-l', '-f', join(dir, 'host.pub')]);
	const hostKeyFingerprint = /SHA256:\S+/.exec(fingerprintLine)?.[0] ?? '';

	const clientConfig = async (name: string, {knownHosts = 'trusted', identity = 'client'}: ClientConfigOptions) => {
		const path = join(dir, `ssh_config-${name}`);
		await writeFile(
			path,
			[
				`Host ${SSHD_ALIAS}`,
				'  HostName 127.0.0.1',
				`  Port ${port}`,
				// A second hop through the first: the login to 127.0.0.1 goes through `ssh -W` on berth-sshd.
				`Host ${SSHD_ALIAS}-jumped`,
				'  HostName 127.0.0.1',
				`  Port ${port}`,
				`  ProxyJump ${SSHD_ALIAS}`,
				'Host *',
				'  User root',
				`  IdentityFile ${join(dir, identity)}`,
				'  IdentitiesOnly yes',
				// Never the agent of whoever runs the tests.
				'  IdentityAgent none',
				`  UserKnownHostsFile ${join(dir, `known_hosts-${knownHosts}`)}`,
				'  GlobalKnownHostsFile /dev/null',
				'  LogLevel ERROR',
				'',
			].join('\n'),
		);
		return path;
	};

	let child: ChildProcess | undefined;
	const sshd: PrivateSshd = {
		dir,
		port,
		pid: 0,
		configFile: await clientConfig('default', {}),
		hostKeyFingerprint,
		clientConfig,
		async start() {
			child = spawn('/usr/sbin/sshd', ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], {stdio: 'ignore'});
			track(child);
			sshd.pid = child.pid ?? 0;
			const exited = new Promise<string>((resolve) => child!.once('exit', (code) => resolve(`sshd exited with ${code}`)));
			const deadline = Date.now() + 10_000;
			while (Date.now() < deadline) {
				const outcome = await Promise.race([exited, banner(port).then((ok) => (ok ? 'up' : ''))]);
				if (outcome === 'up') return;
				if (outcome !== '') throw new Error(`${outcome}: ${await readFile(join(dir, 'sshd.log'), 'utf8').catch(() => '')}`);
				await sleep(50);
			}

			throw new Error(`sshd did not listen on 127.0.0.1:${port} within 10 s`);
		},
		async kill() {
			if (!child) return;
			const listener = child;
			child = undefined;
			// Sessions are forked by the listener (and call setsid): find them before it goes.
			const pids = [...descendants(listener.pid ?? 0), listener.pid ?? 0].filter((pid) => pid > 0);
			const gone = new Promise<void>((resolve) => {
				if (listener.exitCode !== null || listener.signalCode !== null) resolve();
				else listener.once('exit', () => resolve());
			});
			for (const pid of pids) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}

			await gone;
		},
		async stop() {
			await sshd.kill();
			await rm(dir, {recursive: true, force: true});
		},
	};
	await sshd.start();
	return sshd;
}


/**
 * Established TCP connections to 127.0.0.1:port held by `pids` (from `ss -tnp`, which
 * needs root to see the owning processes).
 */
export async function connectionsTo(port: number, pids: number[]): Promise<number> {
	const {stdout} = await run('ss', ['-tnpH', 'state', 'established', `( dport = :${port} )`]);
	return stdout
		.split('\n')
		.filter((line) => line.trim() !== '')
		.filter((line) => [...line.matchAll(/pid=(\d+)/g)].some((match) => pids.includes(Number(match[1])))).length;
}

const live = new Set<ChildProcess>();
let exitHooked = false;

function track(child: ChildProcess): void {
	if (!exitHooked) {
		process.once('exit', () => {
			for (const sshd of live) sshd.kill('SIGKILL');
		});
	}

	exitHooked = true;
	live.add(child);
	child.once('exit', () => live.delete(child));
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** True once something on the port answers with an SSH banner. */
function banner(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('data', (chunk) => done(chunk.toString().startsWith('SSH-')));
		socket.once('error', () => done(false));
	});
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
