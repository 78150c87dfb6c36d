import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

/** The first words of the table rows, below the column titles. */
function rowNames(screen: string): string[] {
	const lines = screen.split('\n');
	const titles = lines.findIndex((line) => /^\W*NAME /.test(line));
	return lines
		.slice(titles + 1)
		.map((line) => line.trim().split(/\s+/)[0] ?? '')
		.filter((name) => name.startsWith('cpu-'));
}

describeWithTerminal('live stats in the built berth', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		// Named so that by name the busy one sorts last.
		await docker.run(['sleep', '1000'], ['--name', 'cpu-a-idle']);
		await docker.run(['sleep', '1000'], ['--name', 'cpu-b-idle']);
		await docker.run(['sh', '-c', 'yes > /dev/null'], ['--name', 'cpu-z-busy', '--cpus', '0.5', '--cpu-shares', '10240']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('shows CPU and memory per container and totals in the header', async () => {
		session = await startBerth({cols: 200, rows: 30, host: docker.host});
		const screen = await session.waitFor(/cpu-z-busy .* \d+\.\d\d% +\S+ \/ \S+ +\d+\.\d\d%/, {timeout: 15_000});
		expect(screen).toMatch(/CPU% +MEM USAGE \/ LIMIT +MEM% +NET RX\/s +TX\/s BLOCK R\/s +W\/s PIDS/);
		expect(screen).toMatch(/│ CPU \d+\.\d\d% of \d+ CPUs? · MEM \S+ \/ \S+ \(\d+\.\d\d%\) · (?:from cgroups|\d+ streaming)/);
		expect(screen.split('\n').length).toBeLessThanOrEqual(30);
	});

	it('P sorts by CPU: the busy container comes first', async () => {
		session = await startBerth({cols: 160, rows: 30, host: docker.host});
		let screen = await session.waitFor((text) => rowNames(text).length === 3, {timeout: 10_000});
		expect(rowNames(screen)).toEqual(['cpu-a-idle', 'cpu-b-idle', 'cpu-z-busy']);
		// Wait for the busy container's first CPU figure (a stream's second frame), then sort.
		await session.waitFor(/cpu-z-busy .* [1-9]\d*\.\d\d%/, {timeout: 15_000});
		await session.sendKeys('P');
		screen = await session.waitFor((text) => rowNames(text)[0] === 'cpu-z-busy', {timeout: 5000});
		expect(screen).toContain('sort: cpu');
	});

	it('Enter opens the detail view with graphs that fit the terminal; Esc goes back', async () => {
		session = await startBerth({cols: 100, rows: 24, host: docker.host});
		await session.waitFor(/cpu-z-busy .* [1-9]\d*\.\d\d%/, {timeout: 15_000});
		await session.sendKeys('P');
		await session.waitFor((text) => rowNames(text)[0] === 'cpu-z-busy', {timeout: 5000});
		await session.sendKeys('g', 'Enter');
		const screen = await session.waitFor(/CPU %  now \d+\.\d\d%/, {timeout: 10_000});
		expect(screen).toMatch(/^cpu-z-busy {2}[0-9a-f]{12} {2}berth-test\/busybox/m);
		expect(screen).toMatch(/[▁▂▃▄▅▆▇█]/);
		expect(screen.split('\n').length).toBeLessThanOrEqual(24);
		await session.sendKeys('Escape');
		await session.waitFor((text) => rowNames(text).length === 3);
	});
});
