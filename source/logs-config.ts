/** The logs options (--tail, --since, --log-lines, --no-log-colors) from flags; pure but for the clock --since counts from. */
import {sinceToApi} from './engine/since.js';
import {defaultLogLines} from './store/log-buffer.js';
import {defaultTail} from './store/logs-feed.js';

export type LogsConfig = {
	tail: number | 'all';
	/** The API's since ("seconds[.nanoseconds]"), fixed at start-up as docker logs fixes it when run. */
	since?: string;
	lines: number;
	colors: boolean;
};

export type LogsFlags = {tail?: string; since?: string; logLines?: number; logColors?: boolean; noLogColors?: boolean};

/** Throws an Error naming the flag when a value is wrong. */
export function toLogsConfig(flags: LogsFlags, nowMs: number = Date.now()): LogsConfig {
	const config: LogsConfig = {tail: tail(flags.tail), lines: lines(flags.logLines), colors: flags.logColors !== false && flags.noLogColors !== true};
	if (flags.since !== undefined && flags.since !== '') config.since = sinceToApi(flags.since, nowMs);
	return config;
}

function tail(value: string | undefined): number | 'all' {
	if (value === undefined || value === '') return defaultTail;
	if (value === 'all') return 'all';
	if (!/^\d+$/.test(value.trim())) throw new Error(`--tail needs a number of lines or "all"; got "${value}"`);
	return Number(value.trim());
}

function lines(value: number | undefined): number {
	if (value === undefined) return defaultLogLines;
	if (!Number.isInteger(value) || value < 1 || value > 10_000_000) throw new Error('--log-lines needs a whole number of lines from 1 to 10000000');
	return value;
}
