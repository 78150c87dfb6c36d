/**
 * Durations as the docker CLI prints them (github.com/docker/go-units duration.go,
 * docker/cli cli/command/formatter). Pure; safe to call for every row on every render.
 */

/**
 * go-units HumanDuration: "Less than a second", "About a minute", "3 hours",
 * "2 weeks"... Hours are rounded, then days, weeks, months and years are whole
 * divisions of those hours (floored), exactly as duration.go does.
 */
export function humanDuration(seconds: number): string {
	// Go's int() truncates toward zero; a negative duration (clock skew) lands in the first branch.
	if (!(seconds >= 1)) return 'Less than a second';
	const whole = Math.trunc(seconds);
	if (whole === 1) return '1 second';
	if (whole < 60) return `${whole} seconds`;
	const minutes = Math.trunc(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(seconds / 3600 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	return `${Math.trunc(Math.trunc(seconds / 3600) / 24 / 365)} years`;
}

/** `docker ps` CREATED: HumanDuration(now - created) + " ago". */
export function timeAgo(unixSeconds: number, nowMs: number): string {
	return `${humanDuration(nowMs / 1000 - unixSeconds)} ago`;
}
