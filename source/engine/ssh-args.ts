/**
 * The argv berth gives the system `ssh` for an ssh:// engine; pure, so the exact
 * command lines are unit-tested. Why each option is there is said where it is set.
 */
import {probeCommand} from './ssh-probe.js';

/** What to connect to, as the URL and berth's options say; ssh and its config decide the rest. */
export type SshTarget = {
	host: string;
	/** Only when the URL has one: otherwise ssh's config (User) or the local user decides. */
	user?: string;
	/** Only when the URL has one: otherwise ssh's config (Port) or 22 decides. */
	port?: number;
	/** `ssh -F`: this file instead of ~/.ssh/config and /etc/ssh/ssh_config. */
	configFile?: string;
};

/** What berth adds to the connection when the user's config does not say. */
export type MasterTuning = {
	/** Send keepalives (ServerAliveInterval 15, 3 misses): a dead link is noticed in ~45 s. */
	keepAlive: boolean;
	/** Seconds for the TCP connect (ConnectTimeout), when the config sets none. */
	connectTimeoutSeconds?: number;
};

/** -F, -p, -l as the target asks; `--` so a host can never be read as an option. */
function targetOptions(target: SshTarget): string[] {
	return [
		...(target.configFile ? ['-F', target.configFile] : []),
		...(target.port === undefined ? [] : ['-p', String(target.port)]),
		...(target.user === undefined ? [] : ['-l', target.user]),
	];
}

/** `ssh -G`: prints the configuration ssh would use for the target, without connecting. */
export function sshConfigArgs(target: SshTarget): string[] {
	return [...targetOptions(target), '-G', '--', target.host];
}

/**
 * The one connection: a ControlMaster (so the forward can be added once the remote
 * socket is known, without a second login) that runs the probe and then waits on
 * its stdin, so it ends when berth ends, even on SIGKILL.
 */
export function masterArgs(target: SshTarget, controlPath: string, tuning: MasterTuning, remotePath?: string): string[] {
	return [
		...targetOptions(target),
		// Never prompt: a password or passphrase prompt would break the screen, and an unknown host key must be refused.
		'-o', 'BatchMode=yes',
		'-o', 'ControlMaster=yes',
		'-o', `ControlPath=${controlPath}`,
		'-o', 'ControlPersist=no',
		// The user's LocalForward/RemoteForward/DynamicForward for this host are for their own sessions (and may be in use).
		'-o', 'ClearAllForwardings=yes',
		'-o', 'ExitOnForwardFailure=yes',
		// A socket file left by an earlier tunnel (ssh does not remove it) must not block the new one.
		'-o', 'StreamLocalBindUnlink=yes',
		// The probe session needs none of these, and the user's RemoteCommand would replace it.
		'-o', 'ForwardAgent=no',
		'-o', 'ForwardX11=no',
		'-o', 'PermitLocalCommand=no',
		'-o', 'RemoteCommand=none',
		...(tuning.keepAlive ? ['-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=3'] : []),
		...(tuning.connectTimeoutSeconds === undefined ? [] : ['-o', `ConnectTimeout=${tuning.connectTimeoutSeconds}`]),
		'-T',
		'--',
		target.host,
		probeCommand(remotePath),
	];
}

/**
 * Adds `local -> remote` to the running master. `-F /dev/null`: this client only talks to
 * the master's control socket, and the user's config could add its own LocalForwards to the request.
 */
export function forwardArgs(controlPath: string, localSocket: string, remoteSocket: string): string[] {
	return ['-F', '/dev/null', '-o', `ControlPath=${controlPath}`, '-O', 'forward', '-L', `${localSocket}:${remoteSocket}`, '--', 'berth'];
}

/**
 * Only after ssh refused an unknown host key: the same login with debug output, which is
 * where ssh prints the key's fingerprint ("Server host key: ssh-ed25519 SHA256:…").
 * It fails the same way; BatchMode still refuses the key.
 */
export function fingerprintArgs(target: SshTarget): string[] {
	return [
		...targetOptions(target),
		'-o', 'BatchMode=yes',
		'-o', 'ControlMaster=no',
		'-o', 'ControlPath=none',
		'-o', 'ClearAllForwardings=yes',
		'-o', 'LogLevel=DEBUG1',
		'-o', 'ConnectTimeout=10',
		'-T',
		'--',
		target.host,
		'true',
	];
}

/** How a user would run the same login by hand, for hints: `ssh [-F file] [-p port] [-l user] host`. */
export function loginCommand(target: SshTarget): string {
	const parts = ['ssh', ...targetOptions(target).map(quoteForHint), quoteForHint(target.host)];
	return parts.join(' ');
}

function quoteForHint(word: string): string {
	return /^[\w./@%+=:,~-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
