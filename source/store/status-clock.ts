import {humanDuration} from '../ui/durations.js';
import type {Container} from './state.js';

type Age = {seconds: number; granularity: number};

const units: Record<string, number> = {second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000};

/**
 * How long ago the engine's status text says the container started or exited:
 * "Up 3 minutes (healthy)" is at least 180 s, give or take a minute. The list
 * API gives only this text, so berth keeps the moment and ages the text itself.
 */
export function parseStatusAge(status: string): Age | undefined {
	const match = /^(?:Up|Exited \(-?\d+\)) (.+?)(?: ago)?(?: \([^)]*\))*$/.exec(status);
	if (!match) return undefined;
	const text = match[1] ?? '';
	if (text === 'Less than a second') return {seconds: 0, granularity: 1};
	if (text === 'About a minute') return {seconds: 60, granularity: 60};
	if (text === 'About an hour') return {seconds: 3600, granularity: 3600};
	const amount = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
	if (!amount) return undefined;
	const unit = units[amount[2] ?? ''] ?? 1;
	return {seconds: Number(amount[1]) * unit, granularity: unit};
}

/** When the status text (read at `atMs`) says the current state began, on the local clock. */
export function statusSince(status: string, atMs: number, previousMs: number | undefined): number | undefined {
	const age = parseStatusAge(status);
	if (!age) return undefined;
	const since = atMs - age.seconds * 1000;
	// An event-derived moment is exact: keep it while the text agrees with it.
	if (previousMs !== undefined && previousMs <= since && previousMs > since - age.granularity * 1000) return previousMs;
	// "Up 3 minutes" only bounds the moment within a minute: show the engine's own text
	// (re-read every 30 s) rather than a guess. Seconds are exact enough to age locally.
	return age.granularity === 1 ? since : undefined;
}

/** The status text as `docker ps` would print it now. */
export function liveStatus(container: Container, nowMs: number): string {
	const since = container.statusSinceMs;
	if (since === undefined) return container.status;
	const age = humanDuration(Math.max(0, (nowMs - since) / 1000));
	if (container.state === 'running' || container.state === 'paused') {
		const health = container.health === undefined ? '' : container.health === 'starting' ? ' (health: starting)' : ` (${container.health})`;
		return `Up ${age}${health}${container.state === 'paused' ? ' (Paused)' : ''}`;
	}

	if (container.state === 'exited' && container.exitCode !== undefined) return `Exited (${container.exitCode}) ${age} ago`;
	return container.status;
}
