import {defaultDetachKeys, parseDetachKeys, type DetachKeys} from './terminal/detach-keys.js';
import {splitCommandLine} from './terminal/split-command.js';
import {defaultEventsBuffer} from './store/events-slice.js';
import {defaultEventsSince, parseEventsSince, type EventsSince} from './store/events-since.js';

/** berth's options, from flags; pure. */
export type Config = {
	host?: string;
	context?: string;
	/** ssh config file for ssh:// engines (ssh -F). */
	sshConfig?: string;
	/** Start with only running containers shown. */
	running: boolean;
	/** Refuse every action that changes a container. */
	readOnly: boolean;
	/** Stop and restart without a confirmation dialog. */
	yes: boolean;
	/** SIGTERM grace for stop and restart, in seconds. */
	stopTimeoutSeconds: number;
	/** Live stats reach the screen once per this many ms (--refresh; 5 s by default with --low-bandwidth). */
	refreshMs: number;
	/** --low-bandwidth: write less to the terminal per second, for slow links (render-profile.ts). */
	lowBandwidth: boolean;
	/** --shell as argv; unset: /bin/bash, else /bin/sh. */
	shell?: string[];
	/** --detach-keys (docker's format), parsed. */
	detachKeys: DetachKeys;
	/** --events-since: the history the events view starts with. */
	eventsSince: EventsSince;
	/** --events-buffer: events kept in memory. */
	eventsBuffer: number;
};

export type Flags = {host?: string; context?: string; sshConfig?: string; running?: boolean; readOnly?: boolean; yes?: boolean; stopTimeout?: number; refresh?: number; lowBandwidth?: boolean; shell?: string; detachKeys?: string; eventsSince?: string; eventsBuffer?: number};

/** docker stop's own default grace period. */
export const defaultStopTimeoutSeconds = 10;

/** Turns parsed flags into a Config. */
export function toConfig(flags: Flags): Config {
	const config: Config = {
		running: flags.running === true,
		readOnly: flags.readOnly === true,
		yes: flags.yes === true,
		stopTimeoutSeconds: stopTimeout(flags.stopTimeout),
		refreshMs: refreshMs(flags.refresh, flags.lowBandwidth === true ? lowBandwidthRefreshSeconds : 1),
		lowBandwidth: flags.lowBandwidth === true,
		detachKeys: parseDetachKeys(flags.detachKeys === undefined || flags.detachKeys === '' ? defaultDetachKeys : flags.detachKeys),
		eventsSince: flags.eventsSince === undefined ? defaultEventsSince : parseEventsSince(flags.eventsSince),
		eventsBuffer: eventsBuffer(flags.eventsBuffer),
	};
	if (flags.shell !== undefined) config.shell = shellCommand(flags.shell);
	if (flags.host !== undefined && flags.host !== '') config.host = flags.host;
	if (flags.context !== undefined && flags.context !== '') config.context = flags.context;
	if (flags.sshConfig !== undefined && flags.sshConfig !== '') config.sshConfig = flags.sshConfig;
	return config;
}

/** --shell, split as E splits a command line (no shell runs it). */
function shellCommand(text: string): string[] {
	const split = splitCommandLine(text);
	if (!split.ok) throw new Error(`--shell: ${split.error}`);
	return split.argv;
}

/** The Engine API takes whole seconds; a typo must not become "kill at once". */
function stopTimeout(value: number | undefined): number {
	if (value === undefined) return defaultStopTimeoutSeconds;
	if (!Number.isInteger(value) || value < 0) throw new Error('--stop-timeout needs a whole number of seconds, 0 or more');
	return value;
}

/** --events-buffer: at least one event; a million is ~1 GB of events, more is a typo. */
function eventsBuffer(value: number | undefined): number {
	if (value === undefined) return defaultEventsBuffer;
	if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error('--events-buffer needs a whole number of events from 1 to 1000000');
	return value;
}

/** --low-bandwidth's stats interval when --refresh is not given: a fifth of the rows' changes on a busy host. */
export const lowBandwidthRefreshSeconds = 5;

/** --refresh in seconds; below a quarter second every frame would cost more than it shows. */
function refreshMs(seconds: number | undefined, fallbackSeconds: number): number {
	if (seconds === undefined) return fallbackSeconds * 1000;
	if (!Number.isFinite(seconds) || seconds < 0.25 || seconds > 3600) throw new Error('--refresh needs a number of seconds from 0.25 to 3600');
	return Math.round(seconds * 1000);
}
