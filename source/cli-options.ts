/** One command-line option. The help text, meow's flags and the readme all come from this table. */
export type Option = {
	name: string;
	short?: string;
	type: 'string' | 'boolean' | 'number';
	/** Placeholder for the value, e.g. "<url>". */
	value?: string;
	description: string;
};

export const options: readonly Option[] = [
	{
		name: 'host',
		short: 'H',
		type: 'string',
		value: '<url>',
		description:
			'Engine to connect to: unix:///path, tcp://host:port, ssh://[user@]host[:port][/socket] (default: DOCKER_HOST, then the Docker context, then unix:///var/run/docker.sock)',
	},
	{
		name: 'context',
		short: 'c',
		type: 'string',
		value: '<name>',
		description: 'Docker context to use (wins over DOCKER_CONTEXT and the config file\'s current context)',
	},
	{
		name: 'ssh-config',
		type: 'string',
		value: '<file>',
		description: 'ssh config file for ssh:// engines, read instead of ~/.ssh/config and /etc/ssh/ssh_config (ssh -F)',
	},
	{name: 'running', short: 'r', type: 'boolean', description: 'Start by showing only running containers (a toggles)'},
	{name: 'read-only', type: 'boolean', description: 'Refuse every action that changes the engine (stop, start, restart, pause, kill, remove, shell, exec, attach; removing and pruning images, volumes, networks); the header says read-only'},
	{name: 'yes', short: 'y', type: 'boolean', description: 'Stop and restart without asking first (removing always asks)'},
	{
		name: 'stop-timeout',
		type: 'number',
		value: '<seconds>',
		description: 'Seconds a container gets to exit after SIGTERM before stop and restart send SIGKILL (default: 10)',
	},
	{
		name: 'shell',
		type: 'string',
		value: '<command>',
		description: 'What e runs in a container, e.g. "/bin/zsh -l" (quotes work as in E; default: /bin/bash, else /bin/sh)',
	},
	{
		name: 'detach-keys',
		type: 'string',
		value: '<keys>',
		description: 'Keys that leave an attached container (A) or a shell running, in docker\'s format (default: ctrl-p,ctrl-q)',
	},
	{name: 'refresh', type: 'number', value: '<seconds>', description: 'How often live stats (CPU, memory, network, block I/O) are redrawn (default: 1; 5 with --low-bandwidth)'},
	{
		name: 'low-bandwidth',
		type: 'boolean',
		description: 'Write less to the terminal, for slow links: live stats and the detail view\'s graphs move every 5 s unless --refresh says otherwise, and at most 8 frames a second are drawn (a log flood is folded into fewer, larger updates); Ctrl-L redraws the whole screen',
	},
	{
		name: 'stats-source',
		type: 'string',
		value: '<auto|cgroup|api>',
		description:
			'Where live stats come from: auto reads the kernel\'s cgroups when the engine runs on this host (nothing for the daemon to do) and asks the engine\'s API for what it cannot read; cgroup reads them whatever the endpoint (e.g. a tcp://localhost engine); api always asks the engine (default: auto)',
	},
	{
		name: 'events-since',
		type: 'string',
		value: '<dur|time>',
		description: 'Events loaded at start for the events view: a duration back from now (90s, 30m, 2h) or a time (2025-05-01T12:00:00, a date, Unix seconds), as docker events --since; off loads none (default: 1h)',
	},
	{name: 'events-buffer', type: 'number', value: '<n>', description: 'Events the events view keeps in memory; the oldest go first (default: 5000)'},
	{name: 'tail', type: 'string', value: '<n>', description: 'Log lines from the end shown when logs open (l), per container; all for the whole log (default: 500)'},
	{name: 'since', type: 'string', value: '<dur|time>', description: 'Show logs since a time, as docker logs --since: a duration back from now (10m, 1h30m) or a time (2025-05-01T12:00:00Z, a date, Unix seconds)'},
	{name: 'log-lines', type: 'number', value: '<n>', description: 'Log lines a logs view keeps in memory; the oldest go first (default: 10000)'},
	{name: 'no-log-colors', type: 'boolean', description: 'Strip the colours containers put in their logs (c toggles them in the logs view)'},
	{
		name: 'config',
		type: 'string',
		value: '<file>',
		description:
			'Read options from this JSON file instead of $XDG_CONFIG_HOME/berth/config.json (~/.config/berth/config.json): keys are the long option names, e.g. {"read-only": true, "tail": "1000"}; flags win over the file',
	},
	{name: 'once', type: 'boolean', description: 'Print the containers as text and exit (what berth does when stdout is not a terminal)'},
	{name: 'keys', type: 'boolean', description: 'Print every key binding as <keys> TAB <action id> TAB <description> and exit'},
	{name: 'version', short: 'v', type: 'boolean', description: 'Print the version and exit'},
	{name: 'help', short: 'h', type: 'boolean', description: 'Print this help and exit'},
];

/** `berth --help`. */
export function helpText(): string {
	const lines = ['Usage', '  $ berth [options]', '', 'Options'];
	const flags = options.map((option) => `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`);
	const width = Math.max(24, ...flags.map((flag) => flag.length + 2));
	options.forEach((option, index) => lines.push(`  ${flags[index]!.padEnd(width)}${option.description}`));

	lines.push(
		'',
		'Environment',
		'  DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, as the docker CLI reads them',
		'',
		'Keys',
		'  Press ? inside berth for every key; berth --keys prints them.',
	);
	return lines.join('\n');
}

/** The options as a markdown table for the readme. */
export function optionsMarkdown(): string {
	const rows = options.map((option) => {
		const flag = `${option.short ? `\`-${option.short}\`, ` : ''}\`--${option.name}${option.value ? ` ${option.value}` : ''}\``;
		return `| ${flag.replaceAll('|', '\\|')} | ${option.description.replaceAll('|', '\\|')} |`;
	});
	return ['| option | what it does |', '| --- | --- |', ...rows].join('\n');
}
