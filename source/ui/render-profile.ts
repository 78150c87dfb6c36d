import type {RenderOptions} from 'ink';

/** How much berth lets itself write to the terminal. */
export type RenderProfile = {
	/** --low-bandwidth: fewer frames a second (see {@link renderOptions}). */
	lowBandwidth: boolean;
};

/**
 * Frames a second at most. Ink throttles only its output (every state change is
 * still a commit); the first change after a quiet spell is drawn at once, so a
 * key is not delayed, while a burst (a log flood, a stats tick) is folded into
 * fewer, larger frames: fewer cursor moves and repeated line tails on a slow link.
 */
export const maxFps = {normal: 30, lowBandwidth: 8} as const;

/** Ink's options for berth's dashboard. */
export function renderOptions(profile: RenderProfile): RenderOptions {
	return {
		// CI=true would make Ink non-interactive even on a terminal: decide from the TTY ourselves.
		interactive: true,
		alternateScreen: true,
		// Only the changed tail of each changed line is written (perf.md).
		incrementalRendering: true,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: profile.lowBandwidth ? maxFps.lowBandwidth : maxFps.normal,
	};
}
