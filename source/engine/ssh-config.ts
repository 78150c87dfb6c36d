/**
 * What ssh itself will use for a target (`ssh -G`: the user's config applied, nothing
 * connected): the real user, host name and port for messages, and whether the user
 * already chose keepalives and a connect timeout, which berth then leaves alone.
 */

/** The settings berth reads from `ssh -G`. */
export type SshSettings = {
	user: string;
	hostname: string;
	port: number;
	/** The user's own ServerAliveInterval; 0 when unset. */
	serverAliveInterval: number;
	/** The user's own ConnectTimeout in seconds; undefined when unset ("none"). */
	connectTimeout?: number;
	/** Set when the login goes through another host (ProxyJump/ProxyCommand). */
	proxy?: string;
	/** Where ssh looks for known host keys (the first is where `ssh host` records a new one). */
	userKnownHostsFiles: string[];
};

/** Parses `ssh -G` output (lower-case keyword, space, value, one per line). */
export function parseSshSettings(text: string): SshSettings {
	const values = new Map<string, string>();
	for (const line of text.split('\n')) {
		const match = /^(\S+)\s+(.*)$/.exec(line.trim());
		// The first value counts, as in ssh; keywords such as identityfile repeat.
		if (match && !values.has(match[1]!.toLowerCase())) values.set(match[1]!.toLowerCase(), match[2]!.trim());
	}

	const number = (key: string) => {
		const value = Number(values.get(key));
		return Number.isFinite(value) ? value : undefined;
	};
	const unset = (value: string | undefined) => value === undefined || value === '' || value === 'none';
	const proxyJump = values.get('proxyjump');
	const proxyCommand = values.get('proxycommand');
	const settings: SshSettings = {
		user: values.get('user') ?? '',
		hostname: values.get('hostname') ?? '',
		port: number('port') ?? 22,
		serverAliveInterval: number('serveraliveinterval') ?? 0,
		userKnownHostsFiles: (values.get('userknownhostsfile') ?? '').split(/\s+/).filter(Boolean),
	};
	const connectTimeout = number('connecttimeout');
	if (connectTimeout !== undefined && connectTimeout > 0) settings.connectTimeout = connectTimeout;
	if (!unset(proxyJump)) settings.proxy = `ProxyJump ${proxyJump}`;
	else if (!unset(proxyCommand)) settings.proxy = `ProxyCommand ${proxyCommand}`;
	return settings;
}

/** `user@host port N` as ssh will log in (IPv6 addresses in brackets). */
export function describeLogin(settings: SshSettings): string {
	const host = settings.hostname.includes(':') ? `[${settings.hostname}]` : settings.hostname;
	return `${settings.user}@${host} port ${settings.port}${settings.proxy ? ` via ${settings.proxy}` : ''}`;
}
