/** berth's options, from flags; pure. */
export type Config = {
	host?: string;
	context?: string;
	/** Start with only running containers shown. */
	running: boolean;
};

export type Flags = {host?: string; context?: string; running?: boolean};

/** Turns parsed flags into a Config. */
export function toConfig(flags: Flags): Config {
	const config: Config = {running: flags.running === true};
	if (flags.host !== undefined && flags.host !== '') config.host = flags.host;
	if (flags.context !== undefined && flags.context !== '') config.context = flags.context;
	return config;
}
