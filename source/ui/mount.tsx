/**
 * Puts berth's screen on the terminal. main.tsx imports this module only after
 * the engine's first requests are out: Ink, React, Yoga and the panes are most
 * of the code berth loads, and the engine answers while they load.
 */
import process from 'node:process';
import {render, type Instance} from 'ink';
import {App, type AppProps} from './app.js';
import {renderOptions, type RenderProfile} from './render-profile.js';

export type Dashboard = {
	instance: Instance;
	/** Draws the whole screen again (Ctrl-L): after another program wrote over it. */
	redraw(): void;
};

/** Renders the dashboard on stdout (alternate screen) and returns its Ink instance. */
export function mountDashboard(props: Omit<AppProps, 'redraw'>, profile: RenderProfile): Dashboard {
	const redraw = () => {
		// clear() makes Ink forget its frame, so the next one is written whole; the
		// escape erases whatever else is on the screen and homes the cursor where
		// Ink's next frame starts.
		instance.clear();
		process.stdout.write('\u001B[H\u001B[2J');
		instance.rerender(element());
		// Now, not after the frame-rate throttle: the screen is blank until this frame lands.
		void instance.waitUntilRenderFlush();
	};

	const element = () => <App {...props} redraw={redraw} />;
	const instance = render(element(), renderOptions(profile));
	return {instance, redraw};
}
