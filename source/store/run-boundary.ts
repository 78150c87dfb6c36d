import {timestampMs} from '../engine/since.js';

/**
 * Where one run's lines end and the next's begin: halfway between the previous run's end and
 * the new run's start (the start when the end is unknown). Neither time is exact: the engine
 * stamps a line when it reads it, so the old run's last lines can be stamped after FinishedAt
 * and the new run's first ones before StartedAt, but a restart takes far longer than that lag.
 */
export function runBoundary(previousStart: string, finished: string | undefined, started: string): string {
	const end = finished === undefined ? undefined : timestampMs(finished);
	const start = timestampMs(started);
	const before = timestampMs(previousStart);
	if (end === undefined || start === undefined || before === undefined || end <= before || end >= start) return started;
	return new Date(Math.round((end + start) / 2)).toISOString();
}
