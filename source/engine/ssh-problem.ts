import type {EngineProblem} from './engine.js';
import type {Endpoint} from './endpoint.js';
import type {ErrorFacts} from './error-facts.js';

type SshEndpoint = Extract<Endpoint, {kind: 'ssh'}>;

/** An 'ssh' problem saying what was tried, or undefined when the failure does not look like ssh's. */
export function sshProblem(facts: ErrorFacts, endpoint: SshEndpoint, detail: string): EngineProblem | undefined {
	const {text, level} = facts;
	const has = (...codes: string[]) => codes.some(code => facts.codes.includes(code));
	const who = endpoint.user ? `user "${endpoint.user}"` : 'the local user name';
	const where = `${endpoint.host} port ${endpoint.port ?? 22}`;
	const login = `ssh ${endpoint.port ? `-p ${endpoint.port} ` : ''}${endpoint.user ? `${endpoint.user}@` : ''}${endpoint.host}`;
	const problem = (title: string, hint: string): EngineProblem => ({kind: 'ssh', title, detail: `${detail} (as ${who})`, hint});

	if (level === 'client-authentication' || text.includes('authentication methods failed')) {
		return problem(
			`SSH login to ${where} as ${who} failed`,
			`Check that \`${login}\` logs in without a password prompt, and that the key is loaded in ssh-agent (\`ssh-add\`, SSH_AUTH_SOCK set).`,
		);
	}

	if (text.includes('host denied') || text.includes('verification failed')) {
		return problem(
			`The SSH host key of ${endpoint.host} was not accepted`,
			`Connect once with \`${login}\` to check and record the host key in ~/.ssh/known_hosts.`,
		);
	}

	if (text.includes('connection lost before handshake')) {
		return problem(
			`${where} closed the connection before the SSH handshake`,
			'sshd may be dropping parallel logins (MaxStartups) or this port is not an SSH server; try again, or check the port.',
		);
	}

	if (text.includes('socket hang up')) {
		const socket = endpoint.path ? ` and ${endpoint.path} must exist there` : '';
		return problem(
			`Logged in to ${endpoint.host} over SSH, but reached no Docker engine`,
			`The remote needs the docker CLI on PATH (berth runs \`docker system dial-stdio\`) and a running engine${socket}; try \`${login} docker version\`.`,
		);
	}

	if (has('ECONNREFUSED')) {
		return problem(`SSH connection refused by ${where}`, `Is sshd running on ${endpoint.host}, on that port? Try \`${login}\`.`);
	}

	if (level === 'client-dns' || has('ENOTFOUND', 'EAI_AGAIN')) {
		return problem(`Cannot resolve the SSH host ${endpoint.host}`, 'Check the host name in DOCKER_HOST, --host or the context.');
	}

	if (has('ENOENT') && facts.syscall?.startsWith('spawn')) {
		return problem('The ssh program was not found', 'Install an OpenSSH client, or make sure `ssh` is on PATH.');
	}

	if (level !== undefined) {
		return problem(`SSH connection to ${where} failed`, `Try \`${login} docker version\` to see the same failure with more detail.`);
	}

	return undefined;
}
