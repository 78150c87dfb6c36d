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
	{name: 'running', short: 'r', type: 'boolean', description: 'Start by showing only running containers (a toggles)'},
	{name: 'once', type: 'boolean', description: 'Print the containers as text and exit (what berth does when stdout is not a terminal)'},
	{name: 'keys', type: 'boolean', description: 'Print every key binding as <keys> TAB <action id> TAB <description> and exit'},
	{name: 'version', short: 'v', type: 'boolean', description: 'Print the version and exit'},
	{name: 'help', short: 'h', type: 'boolean', description: 'Print this help and exit'},
];

/** `berth --help`. */
export function helpText(): string {
	const lines = ['Usage', '  $ berth [options]', '', 'Options'];
	for (const option of options) {
		const flag = `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`;
		lines.push(`  ${flag.padEnd(24)}${option.description}`);
	}

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
		return `| ${flag} | ${option.description.replaceAll('|', '\\|')} |`;
	});
	return ['| option | what it does |', '| --- | --- |', ...rows].join('\n');
}
