// Launch to first complete frame: from spawning the built berth in a 160x45 tmux pane
// to the screen showing every container of a private engine. Median of 5.
// Run: npm run build && npx tsx bench/first-frame.ts [containers]
import {buildBusyboxImage, startPrivateEngine} from '../test/support/private-engine.js';
import {startBerth} from '../test/support/tmux.js';

const count = Number(process.argv[2] ?? 10);
const engine = await startPrivateEngine();
try {
	await buildBusyboxImage(engine);
	await Promise.all(Array.from({length: count}, (_, index) => engine.run(['sleep', '100000'], ['--name', `ff-${index}`])));
	const names = Array.from({length: count}, (_, index) => `ff-${index}`);
	const times: number[] = [];
	for (let run = 0; run < 5; run++) {
		const started = performance.now();
		const session = await startBerth({cols: 160, rows: 45, host: engine.host});
		let screen = '';
		for (;;) {
			screen = await session.capture();
			if (names.every((name) => screen.includes(name))) break;
			if (performance.now() - started > 10_000) throw new Error(`no complete frame in 10 s:\n${screen}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}

		times.push(performance.now() - started);
		await session.kill();
	}

	times.sort((a, b) => a - b);
	const median = times[2] ?? 0;
	console.log(`first complete frame with ${count} containers: median ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; includes tmux start-up)`);
} finally {
	await engine.stop();
}
