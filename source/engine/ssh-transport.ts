/**
 * ssh:// engines the way the docker CLI reaches them: through the system `ssh`, so the
 * user's ssh config (Host aliases, User, Port, IdentityFile, ProxyJump), agent and
 * known_hosts all apply unchanged. Unlike the CLI (one `ssh … docker system dial-stdio`
 * per connection), berth opens ONE SSH connection and forwards a private local unix
 * socket to the remote engine socket over it; every request and stream is then a channel
 * of that connection, and dockerode talks to the local socket like any unix engine.
 *
 * Lifecycle: ensure() brings the connection up (login, remote probe, forward) or finds it
 * up; when ssh exits (sshd restarted, network gone), open streams break, the store's
 * reconnect loop calls connect() and so ensure() again. close() and process exit kill
 * it; if berth is SIGKILLed, ssh sees its stdin close and ends too (see masterArgs).
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {EngineError, type EngineProblem} from './engine.js';
import type {Endpoint} from './endpoint.js';
import {describeSource} from './describe-source.js';
import {errorFacts} from './error-facts.js';
import {fingerprintArgs, forwardArgs, masterArgs, sshConfigArgs, type SshTarget} from './ssh-args.js';
import {parseSshSettings} from './ssh-config.js';
import {makePrivateDir} from './ssh-dir.js';
import {isSafeRemotePath, parseProbe} from './ssh-probe.js';
import {runSsh as run, sshEnv, stderrLimit} from './ssh-run.js';
import {
	forwardProblem,
	hostKeyFromDebug,
	noProbeProblem,
	probeProblem,
	sshProblem,
	sshStartProblem,
	tunnelRequestProblem,
	type SshContext,
} from './ssh-problem.js';

type SshEndpoint = Extract<Endpoint, {kind: 'ssh'}>;

export type SshTransportOptions = {
	/** `ssh -F`: this ssh config file instead of ~/.ssh/config and /etc/ssh/ssh_config. */
	configFile?: string;
	/** The ssh program; `ssh` on PATH by default, as the docker CLI uses. */
	program?: string;
	/** Bound on login + probe + forward; default 20 s (ssh2's and the CLI's usual handshake budget). */
	startTimeoutMs?: number;
};

/** A way to the engine that must be brought up before requests and can explain their failures. */
export interface EngineTransport {
	/** The local unix socket to send Engine API requests to. */
	readonly socketPath: string;
	/** Resolves once requests can flow (starting or restarting the connection); throws an EngineError. */
	ensure(signal?: AbortSignal): Promise<void>;
	/** A better explanation of a failed request than the generic one, when the transport has one. */
	explain(error: unknown): EngineProblem | undefined;
	/** Ends the connection and removes the private directory. */
	close(): void;
}

const live = new Set<SshTransport>();
let exitHooked = false;

/** Builds the transport for an ssh:// endpoint; nothing runs until ensure(). */
export function createSshTransport(endpoint: SshEndpoint, options: SshTransportOptions = {}): SshTransport {
	return new SshTransport(endpoint, options);
}

export class SshTransport implements EngineTransport {
	readonly socketPath: string;
	private readonly dir: string;
	private readonly controlPath: string;
	private readonly program: string;
	private readonly startTimeoutMs: number;
	private readonly context: SshContext;
	private master: ChildProcess | undefined;
	private ready = false;
	private stale = false;
	private closed = false;
	private starting: Promise<void> | undefined;
	private stopStart: AbortController | undefined;
	private stderr = '';
	private remotePath: string | undefined;

	constructor(endpoint: SshEndpoint, options: SshTransportOptions) {
		// ssh adds ~17 characters to ControlPath while binding it: the dir's path stays short.
		this.dir = makePrivateDir();
		this.socketPath = join(this.dir, 'docker.sock');
		this.controlPath = join(this.dir, 'ctl');
		this.program = options.program ?? 'ssh';
		this.startTimeoutMs = options.startTimeoutMs ?? 20_000;
		const target: SshTarget = {host: endpoint.host};
		if (endpoint.user !== undefined) target.user = endpoint.user;
		if (endpoint.port !== undefined) target.port = endpoint.port;
		if (options.configFile !== undefined) target.configFile = options.configFile;
		this.context = {endpoint, target};
		live.add(this);
		if (!exitHooked) process.once('exit', closeAll);
		exitHooked = true;
	}

	/** PID of the ssh process holding the connection, while it runs (tests count its TCP connections). */
	get pid(): number | undefined {
		return this.isUp() ? this.master?.pid : undefined;
	}

	async ensure(signal?: AbortSignal): Promise<void> {
		if (this.closed) throw new EngineError({kind: 'other', title: 'The engine connection was closed', detail: '', hint: ''});
		if (this.isUp() && !this.stale) return;
		this.starting ??= this.start().finally(() => {
			this.starting = undefined;
		});
		if (!signal) return this.starting;
		// The caller may stop waiting; the start itself is bounded by startTimeoutMs and close().
		const starting = this.starting;
		return new Promise<void>((resolve, reject) => {
			const onAbort = () => reject(signal.reason ?? new Error('aborted'));
			if (signal.aborted) return onAbort();
			signal.addEventListener('abort', onAbort, {once: true});
			starting.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
		});
	}

	explain(error: unknown): EngineProblem | undefined {
		if (error instanceof EngineError) return undefined;
		const facts = errorFacts(error);
		// An engine call that timed out on a connection ssh still thinks is fine: start afresh next time.
		if (facts.codes.includes('ETIMEDOUT')) this.stale = true;
		const state = {up: this.isUp(), stderr: this.stderr, ...(this.remotePath ? {remotePath: this.remotePath} : {})};
		const problem = tunnelRequestProblem(facts, this.context, state);
		// sshd could not open the remote socket: probe again on the next connect, to say why.
		if (problem && state.up) this.stale = true;
		return problem;
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.stopStart?.abort();
		this.stopMaster();
		live.delete(this);
		rmSync(this.dir, {recursive: true, force: true, maxRetries: 2});
	}

	private isUp(): boolean {
		const master = this.master;
		return this.ready && master !== undefined && master.exitCode === null && master.signalCode === null;
	}

	private stopMaster(): void {
		this.ready = false;
		const master = this.master;
		this.master = undefined;
		if (master && master.exitCode === null && master.signalCode === null) master.kill('SIGTERM');
	}

	private async start(): Promise<void> {
		this.stopMaster();
		this.stale = false;
		this.stderr = '';
		rmSync(this.socketPath, {force: true});
		rmSync(this.controlPath, {force: true});
		const stop = new AbortController();
		this.stopStart = stop;
		const timer = setTimeout(() => stop.abort(new Error('timeout')), this.startTimeoutMs);
		try {
			await this.login(stop.signal);
		} catch (error) {
			this.stopMaster();
			if (error instanceof EngineError) throw error;
			throw new EngineError(this.startFailure(error, stop.signal), {cause: error});
		} finally {
			clearTimeout(timer);
			if (this.stopStart === stop) this.stopStart = undefined;
		}
	}

	private async login(signal: AbortSignal): Promise<void> {
		const {target} = this.context;
		const config = await run(this.program, sshConfigArgs(target), signal);
		if (config.code !== 0) throw new EngineError(sshStartProblem(config.stderr, this.context));
		const settings = parseSshSettings(config.stdout);
		this.context.settings = settings;
		const path = this.context.endpoint.path;
		if (path !== undefined && !isSafeRemotePath(path)) throw new EngineError(unsafePathProblem(this.context, path));

		const tuning = {
			keepAlive: settings.serverAliveInterval === 0,
			...(settings.connectTimeout === undefined ? {connectTimeoutSeconds: 10} : {}),
		};
		const master = spawn(this.program, masterArgs(target, this.controlPath, tuning, path), {
			stdio: ['pipe', 'pipe', 'pipe'],
			// Its own session: no controlling terminal, so nothing ssh (or a ProxyJump) runs can prompt over the screen.
			detached: true,
			env: sshEnv(),
		});
		this.master = master;
		// Errors show up as its exit and stderr; an 'error' event without a listener would crash berth.
		master.on('error', () => undefined);
		master.stdin.on('error', () => undefined);
		master.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			// A replaced master's last words ("Killed by signal 15.") are not the new one's.
			if (this.master === master) this.stderr = (this.stderr + chunk).slice(-stderrLimit);
		});
		let stdout = '';
		const report = await new Promise<ReturnType<typeof parseProbe>>((resolve, reject) => {
			const done = () => {
				signal.removeEventListener('abort', onAbort);
				master.stdout.off('data', onData);
				master.off('close', onExit);
				master.off('error', onError);
			};
			const onData = (chunk: string) => {
				stdout = (stdout + chunk).slice(-stderrLimit);
				const parsed = parseProbe(stdout);
				if (parsed) {
					done();
					resolve(parsed);
				}
			};
			// 'close' waits for stderr to be read to the end: the message is needed.
			const onExit = () => {
				done();
				resolve(undefined);
			};
			const onError = (error: Error) => {
				done();
				reject(error);
			};
			const onAbort = () => {
				done();
				reject(signal.reason);
			};
			master.stdout.setEncoding('utf8').on('data', onData);
			master.once('close', onExit);
			master.once('error', onError);
			signal.addEventListener('abort', onAbort, {once: true});
		});
		// Keep draining (the remote prints nothing more) so the pipe never fills.
		master.stdout.resume();
		if (!report) {
			// 255 is ssh's own failure; anything else is the remote command's exit status.
			if (master.exitCode !== 255) throw new EngineError(noProbeProblem(stdout, this.stderr, this.context));
			throw new EngineError(sshStartProblem(this.stderr, this.context, await this.hostKey(this.stderr, signal)));
		}

		const refused = probeProblem(report, this.context);
		if (refused) throw new EngineError(refused);
		if (!isSafeRemotePath(report.path)) throw new EngineError(unsafePathProblem(this.context, report.path));
		const forward = await run(this.program, forwardArgs(this.controlPath, this.socketPath, report.path), signal);
		if (forward.code !== 0 || !existsSync(this.socketPath)) {
			throw new EngineError(forwardProblem(`${forward.stderr}\n${this.stderr}`, this.context, report.path));
		}

		if (master.exitCode !== null || master.signalCode !== null) throw new EngineError(sshStartProblem(this.stderr, this.context));
		this.remotePath = report.path;
		this.ready = true;
		// From here on, stderr is what the running connection says (channel failures, disconnects).
		this.stderr = '';
	}

	/** After an unknown host key was refused: ssh showed no fingerprint, so ask it again with debug output. */
	private async hostKey(stderr: string, signal: AbortSignal) {
		if (!/host key verification failed/i.test(stderr) || /fingerprint for the/i.test(stderr)) return undefined;
		const debug = await run(this.program, fingerprintArgs(this.context.target), signal).catch(() => undefined);
		return debug ? hostKeyFromDebug(debug.stderr) : undefined;
	}

	private startFailure(error: unknown, signal: AbortSignal): EngineProblem {
		const {endpoint} = this.context;
		const tried = `Tried ${endpoint.url} (${describeSource(endpoint.source)})`;
		if (this.closed) return {kind: 'other', title: 'The engine connection was closed', detail: `${tried}: berth closed it while connecting.`, hint: ''};
		if (signal.aborted) {
			const seconds = Math.round(this.startTimeoutMs / 1000);
			const problem = sshStartProblem(`${this.stderr}\nssh: no answer within ${seconds} s: timed out`, this.context);
			return {...problem, kind: 'timeout'};
		}

		const facts = errorFacts(error);
		return sshProblem(facts, endpoint, `${tried}: ${facts.message}.`) ?? {kind: 'ssh', title: `Cannot start ssh for ${endpoint.url}`, detail: `${tried}: ${facts.message}.`, hint: 'Check that the OpenSSH client works: `ssh -V`.'};
	}
}

function unsafePathProblem(context: SshContext, path: string): EngineProblem {
	return {
		kind: 'bad-host',
		title: `berth cannot forward the remote path ${JSON.stringify(path)}`,
		detail: `Tried ${context.endpoint.url} (${describeSource(context.endpoint.source)}): the socket path has characters (spaces, quotes, colons…) that cannot be passed safely to ssh.`,
		hint: 'Use a socket path of letters, digits and / . _ - (a symlink on the host will do).',
		needsUser: true,
	};
}

// A crash or process.exit() without close(): no ssh may outlive berth.
function closeAll(): void {
	for (const transport of [...live]) transport.close();
}
