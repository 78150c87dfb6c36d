// Launch to first complete frame: from Enter on a shell line that execs the built berth
// in a 160x45 tmux pane to the screen showing every container of the engine (the first
// 20 by name at most). Median of --runs, beside the floor of the same harness: Node
// printing one line (`node -e`). Timed with a tmux control client (bench/pane-watch.ts).
//
//   npm run build && npx tsx bench/first-frame.ts [containers] [--runs 9] [--host unix:///…] [-- berth args]
//
// Without --host it starts a private engine with [containers] idle containers (10).
import {loadavg} from 'node:os';
import {buildBusyboxImage, startPrivateEngine, type PrivateEngine} from '../test/support/private-engine.js';
import {BERTH_BIN, NODE24, startTmux} from '../test/support/tmux.js';
import {timeLaunch} from './pane-watch.js';
import {median, optionValue} from './stats.js';

const separator = process.argv.indexOf('--');
const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const berthArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const option = (name: string) => optionValue(own, name);
const count = Number(own.find((arg, index) => /^\d+$/.test(arg) && !own[index - 1]?.startsWith('--')) ?? 10);
const runs = Number(option('runs') ?? 5);
let host = option('host');
let engine: PrivateEngine | undefined;
const names: string[] = [];

try {
	if (host === undefined) {
		engine = await startPrivateEngine();
		host = engine.host;
		await buildBusyboxImage(engine);
		await Promise.all(Array.from({length: count}, (_, index) => engine!.run(['sleep', '100000'], ['--name', `ff-${String(index).padStart(3, '0')}`])));
		names.push(...Array.from({length: Math.min(count, 20)}, (_, index) => `ff-${String(index).padStart(3, '0')}`));
	} else {
		// An engine of your own: whatever it holds, the names in the first frame are those of --once.
		const {execFileSync} = await import('node:child_process');
		const text = execFileSync(NODE24, [BERTH_BIN, '--once'], {env: {...process.env, DOCKER_HOST: host}, encoding: 'utf8'});
		names.push(...text.split('\n').slice(1).map((line) => line.split(/\s+/)[1] ?? '').filter(Boolean).sort().slice(0, 20));
	}

	const start = (command: string[]) => startTmux({cols: 160, rows: 45, command, env: {DOCKER_HOST: host!}});
	const times: number[] = [];
	const floor: number[] = [];
	const loads: number[] = [];
	for (let run = 0; run < runs; run++) {
		floor.push(await timeLaunch(start, [NODE24, '-e', 'console.log("floor-ready"); setTimeout(() => {}, 60000)'], (screen) => screen.includes('floor-ready')));
		times.push(await timeLaunch(start, [NODE24, BERTH_BIN, ...berthArgs], (screen) => names.every((name) => screen.includes(name))));
		loads.push(loadavg()[0]!);
	}

	const ms = (values: number[]) => values.map((t) => t.toFixed(0)).join(', ');
	console.log(`first complete frame with ${names.length} names on screen${berthArgs.length > 0 ? ` (berth ${berthArgs.join(' ')})` : ''}: median ${median(times).toFixed(0)} ms (runs: ${ms(times)})`);
	console.log(`floor, node -e printing a line: median ${median(floor).toFixed(0)} ms (runs: ${ms(floor)}); load average (1 min) during the runs: median ${median(loads).toFixed(2)}`);
} finally {
	await engine?.stop();
}
