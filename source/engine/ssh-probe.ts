/**
 * The check berth runs on the remote when the SSH connection comes up: which socket the
 * engine listens on, and whether this login may open it. The answer decides what is
 * forwarded, and names the problem precisely when nothing can be ("no socket at …").
 */

/** The marker lines around the probe's report (login banners and rc files may print too). */
export const probeBegin = 'berth-probe-1';
export const probeEnd = 'berth-probe-end';

/** Remote socket paths that need no quoting in any login shell (sh, bash, zsh, fish, csh) nor in `-L a:b`. */
const safeRemotePath = /^\/[\w./@%+=,~-]*$/;

/** True when `path` can be passed to the remote probe and to `-L` as it is. */
export function isSafeRemotePath(path: string): boolean {
	return safeRemotePath.test(path);
}

/**
 * Finds the engine socket on the remote the way the docker CLI's `docker system dial-stdio`
 * would: the URL's path, else the remote's DOCKER_HOST, else its current docker context,
 * else /var/run/docker.sock; then says whether it is a socket this user may open. Then it
 * waits on stdin (see masterArgs). One line, no `!`, no backslash, no single quote: csh and
 * fish login shells pass it to sh unchanged.
 */
const probeScript = [
	`echo ${probeBegin}; p=$1; f=url; h=;`,
	'if [ -z "$p" ]; then h=$DOCKER_HOST; f=env;',
	'if [ -z "$h" ] && command -v docker >/dev/null 2>&1; then c=$(docker context inspect --format "{{.Name}} {{.Endpoints.docker.Host}}" 2>/dev/null); h=${c#* }; f="context ${c%% *}"; fi;',
	'if [ -z "$h" ]; then h=unix:///var/run/docker.sock; f=default; fi;',
	'case $h in unix://) p=/var/run/docker.sock;; unix://*) p=${h#unix://};; esac; fi;',
	'echo "from=$f"; echo "host=$h"; echo "path=$p";',
	'if [ -z "$p" ]; then echo state=not-unix; elif [ -S "$p" ]; then if [ -r "$p" ] && [ -w "$p" ]; then echo state=ok; else echo state=denied; fi;',
	'elif [ -e "$p" ]; then echo state=not-socket; elif [ -d "${p%/*}" ] && [ ! -x "${p%/*}" ]; then echo state=denied; else echo state=missing; fi;',
	`echo ${probeEnd}; exec cat >/dev/null`,
].join(' ');

/** The remote command of the master: the probe, given the URL's socket path if any. */
export function probeCommand(remotePath?: string): string {
	if (remotePath !== undefined && !isSafeRemotePath(remotePath)) throw new Error(`unsafe remote path ${remotePath}`);
	return `sh -c '${probeScript}' berth${remotePath === undefined ? '' : ` ${remotePath}`}`;
}

export type ProbeState = 'ok' | 'denied' | 'missing' | 'not-socket' | 'not-unix';

/** Where the socket path came from on the remote. */
export type ProbeOrigin = {kind: 'url'} | {kind: 'env'} | {kind: 'context'; name: string} | {kind: 'default'};

/** What the probe reported. */
export type ProbeReport = {
	origin: ProbeOrigin;
	/** The remote's DOCKER_HOST or context host, as found ('' when the URL named the path). */
	host: string;
	/** The socket path; '' when the host is not unix://. */
	path: string;
	state: ProbeState;
};

/** Reads the probe's lines; undefined until (or unless) the end marker has been seen. */
export function parseProbe(stdout: string): ProbeReport | undefined {
	const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
	const begin = lines.indexOf(probeBegin);
	if (begin === -1) return undefined;
	const end = lines.indexOf(probeEnd, begin);
	if (end === -1) return undefined;
	const fields = new Map<string, string>();
	for (const line of lines.slice(begin + 1, end)) {
		const at = line.indexOf('=');
		if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1));
	}

	const states: ProbeState[] = ['ok', 'denied', 'missing', 'not-socket', 'not-unix'];
	const state = states.find((candidate) => candidate === fields.get('state')) ?? 'missing';
	return {origin: toOrigin(fields.get('from') ?? ''), host: fields.get('host') ?? '', path: fields.get('path') ?? '', state};
}

/** Says where the path came from, e.g. `the remote's DOCKER_HOST (unix:///run/docker.sock)`. */
export function describeOrigin(report: ProbeReport): string {
	switch (report.origin.kind) {
		case 'url':
			return 'the path in the URL';
		case 'env':
			return `the remote's DOCKER_HOST (${report.host})`;
		case 'context':
			return `the remote docker CLI's context "${report.origin.name}" (${report.host})`;
		case 'default':
			return 'the default socket (the remote sets no DOCKER_HOST)';
	}
}

function toOrigin(from: string): ProbeOrigin {
	if (from === 'url') return {kind: 'url'};
	if (from === 'env') return {kind: 'env'};
	if (from.startsWith('context ')) {
		const name = from.slice('context '.length).trim();
		// The "default" context is DOCKER_HOST or the default socket, and DOCKER_HOST was empty.
		return name === '' || name === 'default' ? {kind: 'default'} : {kind: 'context', name};
	}

	return {kind: 'default'};
}
