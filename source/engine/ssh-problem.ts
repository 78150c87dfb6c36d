/**
 * ssh:// failures as one-screen problems. berth runs the system `ssh` (ssh-transport.ts),
 * so what went wrong is in ssh's stderr and in the remote probe's report: each is mapped
 * here, pure, quoting what ssh or the remote said.
 */
import type {EngineProblem} from './engine.js';
import type {Endpoint} from './endpoint.js';
import {describeSource} from './describe-source.js';
import {clean, type ErrorFacts} from './error-facts.js';
import {loginCommand, type SshTarget} from './ssh-args.js';
import {describeLogin, type SshSettings} from './ssh-config.js';
import {describeOrigin, type ProbeReport} from './ssh-probe.js';

type SshEndpoint = Extract<Endpoint, {kind: 'ssh'}>;

/** What a message needs to say what was tried. */
export type SshContext = {
	endpoint: SshEndpoint;
	target: SshTarget;
	/** From `ssh -G`, when it ran. */
	settings?: SshSettings;
};

/** A host key as ssh showed it, e.g. {type: 'ED25519', fingerprint: 'SHA256:…'}. */
export type HostKey = {type: string; fingerprint: string};

/** Lines of ssh's stderr worth showing: no debug output, no "Permanently added" notes, no banner art. */
export function meaningfulLines(stderr: string): string[] {
	return stderr
		.split(/\r?\n/)
		// Colour and cursor sequences (a remote's rc file may print them) go whole, not just their ESC.
		.map((line) => clean(line.replaceAll(/\u001B\[[\d;?]*[ -/]*[@-~]/g, '')))
		.filter((line) => line !== '' && !/^debug\d:/.test(line) && !/^Warning: Permanently added/.test(line) && !/^@+$/.test(line));
}

/** What ssh (or the remote) said, quoted on one line: the last few meaningful lines. */
export function remoteSaid(stderr: string, max = 3): string {
	const lines = meaningfulLines(stderr);
	return lines.length === 0 ? '' : lines.slice(-max).join(' / ');
}

/** The server's host key from ssh's debug output ("Server host key: ssh-ed25519 SHA256:…"). */
export function hostKeyFromDebug(stderr: string): HostKey | undefined {
	const match = /Server host key: (\S+) (SHA256:[\w+/=]+)/.exec(stderr);
	if (!match) return undefined;
	const type = match[1]!.replace(/^ssh-/, '').replace(/^ecdsa-sha2-nistp\d+$/, 'ECDSA').toUpperCase();
	return {type, fingerprint: match[2]!};
}

/** Why ssh could not bring the connection up, from its stderr (and the key's fingerprint when ssh refused an unknown one). */
export function sshStartProblem(stderr: string, context: SshContext, hostKey?: HostKey): EngineProblem {
	const {settings} = context;
	const host = settings?.hostname ?? context.target.host;
	const where = settings ? `${bracket(settings.hostname)} port ${settings.port}` : context.target.host;
	const login = loginCommand(context.target);
	const said = remoteSaid(stderr);
	const detail = (why: string) => `${tried(context)}: ${why}${quoted('ssh said', said)}`;
	const problem = (title: string, why: string, hint: string, extra: Partial<EngineProblem> = {}): EngineProblem => ({
		kind: 'ssh',
		title,
		detail: detail(why),
		hint,
		...extra,
	});

	if (/host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i.test(stderr)) {
		return hostKeyProblem(stderr, context, hostKey);
	}

	const denied = /Permission denied \(([^)]*)\)/.exec(stderr);
	if (denied || /Too many authentication failures/i.test(stderr)) {
		return problem(
			`SSH login to ${where} as ${settings?.user ?? 'the configured user'} was refused`,
			`the server accepted none of the keys offered${denied ? ` (it allows: ${denied[1]})` : ''}; berth runs ssh in batch mode, so it cannot ask for a password or a key passphrase.`,
			`Make \`${login} true\` work without a prompt: load the key into ssh-agent (\`ssh-add\`), or set IdentityFile for this host in your ssh config.`,
			{needsUser: true},
		);
	}

	if (/Could not resolve hostname/i.test(stderr)) {
		return problem(`Cannot resolve the SSH host ${host}`, 'the name does not resolve.', 'Check the host name in DOCKER_HOST, --host or the context, or its HostName in your ssh config.');
	}

	if (/Connection refused/i.test(stderr)) {
		return problem(`SSH connection refused by ${where}`, 'nothing accepts connections on that port.', `Is sshd running on ${host}, on that port? Try \`${login}\`.`);
	}

	if (/timed out|No route to host|Network is unreachable|Host is down|server not responding/i.test(stderr)) {
		return {...problem(`No answer from ${where} over SSH`, 'the host did not answer in time.', `Check that ${host} is reachable from here (network, VPN, firewall), then try \`${login}\`.`), kind: 'timeout'};
	}

	if (/bad configuration option|Bad owner or permissions|Can't open user config file|no argument after keyword|unsupported option|line \d+:|terminating, \d+ bad/i.test(stderr)) {
		return problem(
			'ssh cannot use its configuration',
			`ssh stopped before connecting${context.target.configFile ? ` (config file ${context.target.configFile})` : ''}.`,
			`Fix the file and line ssh names; \`${login} true\` shows the same error.`,
			{needsUser: true},
		);
	}

	if (/kex_exchange_identification|Connection closed by|Connection reset by|closed by remote host|Broken pipe/i.test(stderr)) {
		return problem(
			`${where} closed the connection during the SSH login`,
			'the server hung up before the login completed.',
			`sshd may not allow this user (AllowUsers/DenyUsers), may be dropping parallel logins (MaxStartups), or this is not an SSH port; \`${login} -v true\` shows where it stops.`,
		);
	}

	return problem(`SSH connection to ${where} failed`, 'ssh gave up.', `Try \`${login} true\` to see the same failure with more detail (add -v).`);
}

function hostKeyProblem(stderr: string, context: SshContext, hostKey?: HostKey): EngineProblem {
	const {settings} = context;
	const where = settings ? `${bracket(settings.hostname)} port ${settings.port}` : context.target.host;
	const login = loginCommand(context.target);
	const changed = /REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i.test(stderr);
	const sent = /The fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[\w+/=]+)/.exec(stderr);
	const key = sent ? {type: sent[1]!, fingerprint: sent[2]!} : hostKey;
	const keyText = key ? `its ${key.type} key has fingerprint ${key.fingerprint}` : 'ssh did not show the key';
	const said = remoteSaid(stderr.replace(/[\s\S]*IT IS POSSIBLE THAT SOMEONE[\s\S]*?(?=Host key for|Host key verification)/, ''));
	const saidText = quoted('ssh said', said);
	if (changed) {
		const remove = /(ssh-keygen -f .+ -R .+)/.exec(stderr)?.[1]?.trim();
		return {
			kind: 'ssh',
			title: `The SSH host key of ${where} has CHANGED`,
			detail: `${tried(context)}: ssh refused the host because ${keyText}, which differs from the one recorded in known_hosts. This can mean someone is intercepting the connection, or that the host was reinstalled.${saidText}`,
			hint: `Ask the host's owner whether the key changed (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${(key?.type ?? 'ed25519').toLowerCase()}_key.pub). Only if it did: ${remove ? `\`${remove}\`` : 'remove the old line from known_hosts'}, then \`${login} true\` once to record the new key.`,
			needsUser: true,
		};
	}

	const knownHosts = settings?.userKnownHostsFiles[0] ?? '~/.ssh/known_hosts';
	const scan = settings && !settings.proxy ? `, or \`ssh-keyscan -p ${settings.port} ${settings.hostname} >> ${knownHosts}\`` : '';
	return {
		kind: 'ssh',
		title: `The SSH host key of ${where} is not known`,
		detail: `${tried(context)}: ssh refused the host because ${keyText}, and no key for it is in known_hosts; berth never accepts a host key by itself.${saidText}`,
		hint: `Check that fingerprint with the host's owner (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${(key?.type ?? 'ed25519').toLowerCase()}_key.pub), then trust it: run \`${login} true\` once and answer yes${scan}.`,
		needsUser: true,
	};
}

/** Logged in, but the probe says the engine cannot be reached; undefined when the socket is usable. */
export function probeProblem(report: ProbeReport, context: SshContext): EngineProblem | undefined {
	const host = context.settings?.hostname ?? context.target.host;
	const user = context.settings?.user ?? 'this user';
	const login = loginCommand(context.target);
	const origin = describeOrigin(report);
	const detail = (what: string) => `${tried(context)}: logged in; the socket path comes from ${origin}; ${what}`;
	switch (report.state) {
		case 'ok':
			return undefined;
		case 'missing':
			return {
				kind: 'socket-missing',
				title: `No Docker socket at ${report.path} on ${host}`,
				detail: detail('nothing exists at that path.'),
				hint: `Is the engine running there (\`${login} docker version\`)? Rootless Docker and Podman listen elsewhere: put the socket in the URL, e.g. ssh://${context.target.user ? `${context.target.user}@` : ''}${bracket(context.target.host)}/run/user/1000/docker.sock.`,
			};
		case 'denied':
			return {
				kind: 'permission-denied',
				title: `${user} may not open ${report.path} on ${host}`,
				detail: detail('the socket exists but this login cannot read and write it.'),
				hint: `On ${host}, add ${user} to the docker group (\`sudo usermod -aG docker ${user}\`), or log in as a user who may use the engine.`,
			};
		case 'not-socket':
			return {
				kind: 'socket-missing',
				title: `${report.path} on ${host} is not a socket`,
				detail: detail('that path exists but is not a unix socket.'),
				hint: 'Point the URL at the engine\'s socket, e.g. ssh://host/var/run/docker.sock.',
			};
		case 'not-unix':
			return {
				kind: 'bad-host',
				title: `The engine on ${host} is at ${report.host || 'an unknown address'}, which berth cannot reach over SSH`,
				detail: detail('berth forwards a unix socket over the SSH connection, and this is not one.'),
				hint: `Put the engine's unix socket in the URL (ssh://${bracket(context.target.host)}/var/run/docker.sock), or connect to ${report.host || 'it'} directly with -H.`,
				needsUser: true,
			};
	}
}

/** The login worked but the remote never ran the probe (a forced command, nologin shell, no sh). */
export function noProbeProblem(stdout: string, stderr: string, context: SshContext): EngineProblem {
	const said = remoteSaid(`${stderr}\n${stdout}`);
	return {
		kind: 'ssh',
		title: `Logged in to ${context.settings?.hostname ?? context.target.host} over SSH, but berth's check did not run there`,
		detail: `${tried(context)}: berth runs a short sh command on the remote to find the engine socket, and it did not report back.${quoted('The remote said', said)}`,
		hint: `The login may be limited to one command (command= in authorized_keys, ForceCommand) or have no shell; \`${loginCommand(context.target)} sh -c true\` must work.`,
	};
}

/** The running master refused to add the forward (`ssh -O forward` failed). */
export function forwardProblem(stderr: string, context: SshContext, remotePath: string): EngineProblem {
	const said = remoteSaid(stderr);
	return {
		kind: 'ssh',
		title: `ssh could not forward ${remotePath} from ${context.settings?.hostname ?? context.target.host}`,
		detail: `${tried(context)}: logged in, but adding the socket forward failed.${quoted('ssh said', said)}`,
		hint: 'Check that a unix socket can be created in the temp directory (TMPDIR) and that your ssh is OpenSSH 6.7 or newer.',
	};
}

/** State of the tunnel when a request through it failed. */
export type TunnelState = {
	/** False once the ssh process has exited. */
	up: boolean;
	/** ssh's stderr since the tunnel came up. */
	stderr: string;
	/** The remote socket being forwarded. */
	remotePath?: string;
};

/**
 * A request through the tunnel failed without an HTTP answer: say whether the SSH
 * connection dropped or sshd could not open the engine socket. Undefined when the
 * tunnel shows nothing wrong (the generic explanation applies).
 */
export function tunnelRequestProblem(facts: ErrorFacts, context: SshContext, tunnel: TunnelState): EngineProblem | undefined {
	if (facts.statusCode !== undefined) return undefined;
	const host = context.settings?.hostname ?? context.target.host;
	const where = context.settings ? `${bracket(context.settings.hostname)} port ${context.settings.port}` : context.target.host;
	const said = remoteSaid(tunnel.stderr);
	if (!tunnel.up) {
		return {
			kind: 'ssh',
			title: `The SSH connection to ${where} was lost`,
			detail: `${tried(context)}: the ssh connection carrying every request ended.${quoted('ssh said', said)}`,
			hint: `berth reconnects by itself once ${host} answers again; \`${loginCommand(context.target)} true\` checks the login.`,
		};
	}

	const openFailed = meaningfulLines(tunnel.stderr).filter((line) => /open failed/i.test(line)).at(-1);
	if (openFailed === undefined) return undefined;
	const path = tunnel.remotePath ?? 'the engine socket';
	if (/administratively prohibited/i.test(openFailed)) {
		return {
			kind: 'ssh',
			title: `sshd on ${host} does not allow forwarding to ${path}`,
			detail: `${tried(context)}: logged in, but sshd refused to connect the forwarded socket. ssh said: "${openFailed}"`,
			hint: 'berth reaches the engine through one forwarded unix socket: allow it in sshd_config (AllowStreamLocalForwarding yes, no DisableForwarding) and in authorized_keys (no restrict or no-port-forwarding).',
			needsUser: true,
		};
	}

	return {
		kind: 'ssh',
		title: `sshd on ${host} could not open ${path}`,
		detail: `${tried(context)}: the SSH connection is up, but connecting to the engine socket there failed. ssh said: "${openFailed}"`,
		hint: `Is the engine running on ${host} (\`${loginCommand(context.target)} docker version\`)? berth keeps retrying.`,
	};
}

/**
 * For ssh endpoints, errors the transport could not attribute: the ssh program missing, or
 * the local end of the tunnel failing. Undefined for anything else.
 */
export function sshProblem(facts: ErrorFacts, endpoint: SshEndpoint, detail: string): EngineProblem | undefined {
	const has = (...codes: string[]) => codes.some((code) => facts.codes.includes(code));
	if (has('ENOENT') && facts.syscall?.startsWith('spawn')) {
		return {
			kind: 'ssh',
			title: 'The ssh program was not found',
			detail,
			hint: 'berth connects to ssh:// engines with the OpenSSH client: install it (Debian: openssh-client), or put `ssh` on PATH.',
			needsUser: true,
		};
	}

	if (has('ECONNRESET', 'ECONNREFUSED', 'ENOENT', 'EPIPE') || facts.text.includes('socket hang up')) {
		return {
			kind: 'ssh',
			title: `The connection to the engine on ${endpoint.host} broke`,
			detail,
			hint: 'The SSH connection or the engine behind it went away; berth reconnects by itself.',
		};
	}

	return undefined;
}

/** ` ssh said: "…"` after a sentence (no full stop of its own: the quote usually ends with one). */
function quoted(who: string, said: string): string {
	return said ? ` ${who}: "${said}"` : '';
}

function tried(context: SshContext): string {
	const {endpoint, settings} = context;
	return `Tried ${endpoint.url} (${describeSource(endpoint.source)})${settings ? `, as ${describeLogin(settings)}` : ''}`;
}

function bracket(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}
