import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {promisify} from 'node:util';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithTerminal} from '../support/engine-available.js';
import type {EngineClient} from '../support/private-engine.js';
import {startBerth, type TmuxSession} from '../support/tmux.js';

const run = promisify(execFile);

async function paneFormat(session: TmuxSession, format: string): Promise<string> {
	const {stdout} = await run('tmux', ['-S', session.socket, 'display-message', '-p', format]);
	return stdout.trim();
}

/** The rows of the logs pane on the screen: below its title, above the status line and help bar. */
export function logRows(screen: string): string[] {
	const lines = screen.split('\n');
	const title = lines.findIndex((line) => line.startsWith('── logs'));
	return title === -1 ? [] : lines.slice(title + 1, -2);
}

/** Selects the container named `name` in the table (j until its row is highlighted). */
async function select(session: TmuxSession, name: string): Promise<void> {
	for (let i = 0; i < 20; i++) {
		const screen = await session.captureEscapes();
		const row = screen.split('\n').find((line) => line.includes(name));
		if (row && /\u001B\[(?:[\d;]*;)?7m/.test(row)) return;
		await session.sendKeys('j');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}

	throw new Error(`could not select ${name}`);
}

/** KiB of resident memory of a process. */
function rssKiB(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match?.[1] ?? 0);
}

/** CPU seconds a process used so far (user + system). */
function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

describeWithTerminal('logs in the built berth', (docker: EngineClient) => {
	let session: TmuxSession | undefined;

	beforeAll(async () => {
		await docker.run(['sh', '-c', 'echo "hello from a"; sleep 0.2; echo "oops" >&2; sleep 0.2; echo "bye from a"; sleep 100000'], ['--name', 'tlog-a']);
		await docker.run(['sh', '-c', 'echo before; printf "\\033]0;pwned\\007\\033[2J\\033[Hhostile \\033]52;c;cHduZWQ=\\007\\033[31mred\\033[0m\\n"; echo after; sleep 100000'], ['--name', 'tlog-b-evil']);
	});

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('l opens the selected container\'s logs under the list, stderr marked; l closes', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('tlog-b-evil');
		await select(session, 'tlog-a');
		await session.sendKeys('l');
		const screen = await session.waitFor((text) => logRows(text).some((row) => row.includes('bye from a')));
		expect(logRows(screen).filter((row) => row.trim() !== '')).toEqual([' hello from a', '▌oops', ' bye from a']);
		expect(screen).toMatch(/── logs tlog-a following · 3 lines/);
		// The table is still above it, and the frame fits the terminal.
		expect(screen).toContain('tlog-b-evil');
		expect(screen.split('\n').length).toBeLessThanOrEqual(30);
		await session.sendKeys('l');
		await session.waitFor((text) => !text.includes('── logs'));
	});

	it('a container printing escape sequences changes neither the title nor the screen', async () => {
		session = await startBerth({cols: 120, rows: 30, host: docker.host});
		await session.waitFor('tlog-b-evil');
		const title = await paneFormat(session, '#{pane_title}');
		await select(session, 'tlog-b-evil');
		await session.sendKeys('l');
		const screen = await session.waitFor((text) => logRows(text).some((row) => row.includes('after')));
		expect(logRows(screen).filter((row) => row.trim() !== '')).toEqual([' before', ' hostile red', ' after']);
		expect(await paneFormat(session, '#{pane_title}')).toBe(title);
		expect(await paneFormat(session, '#{pane_title}')).not.toContain('pwned');
		// No clear screen, no cursor home: the header and the table are where they were.
		expect(screen.split('\n')[0]).toMatch(/^berth /);
		expect(screen).toMatch(/^NAME /m);
		expect(screen).toContain('tlog-a');
		// The colour is kept (SGR only).
		const red = (await session.captureEscapes()).split('\n').find((line) => line.includes('hostile'));
		expect(red).toMatch(/\u001B\[31mred/);
	});

	it('a flood while following: keys answer, memory stays bounded', async () => {
		await docker.run(['seq', '1', '2000000000'], ['--name', 'tlog-flood']);
		session = await startBerth({cols: 160, rows: 45, host: docker.host});
		await session.waitFor('tlog-flood');
		await select(session, 'tlog-flood');
		await session.sendKeys('l');
		await session.waitFor(/── logs tlog-flood following/);
		const pid = session.pid;
		const counted = (screen: string) => Number(/following · ([\d,]+) lines/.exec(screen)?.[1]?.replaceAll(',', '') ?? Number.NaN);
		const first = counted(await session.capture());
		const cpuStart = cpuSeconds(pid);
		const started = performance.now();

		// t shows or hides the timestamps: the last row changes form, whatever the flood does.
		const stamped = (screen: string) => /^ \d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \d+$/.test(logRows(screen).at(-1) ?? '');
		const latencies: number[] = [];
		let rssMax = 0;
		for (let i = 0; i < 10; i++) {
			const want = !stamped(await session.capture());
			const sent = performance.now();
			await session.sendKeys('t');
			await session.waitFor((screen) => stamped(screen) === want, {timeout: 5000});
			latencies.push(performance.now() - sent);
			rssMax = Math.max(rssMax, rssKiB(pid));
			await new Promise((resolve) => setTimeout(resolve, 300));
		}

		const seconds = (performance.now() - started) / 1000;
		const last = counted(await session.capture());
		const cpu = ((cpuSeconds(pid) - cpuStart) / seconds) * 100;
		process.stderr.write(
			`berth logs flood: ${Math.round((last - first) / seconds)} lines/s ingested, key-to-screen p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
				`p95 ${percentile(latencies, 95).toFixed(0)} ms, max RSS ${(rssMax / 1024).toFixed(0)} MiB, CPU ${cpu.toFixed(0)}%\n`,
		);
		expect(last).toBeGreaterThan(first);
		// Generous: every key got its screen (within waitFor's 5 s), half of them within a second,
		// on a shared 2-core machine; bench/logs-flood.ts measures properly.
		expect(percentile(latencies, 50)).toBeLessThan(1000);
		expect(rssMax).toBeLessThan(300 * 1024);
		await docker.docker(['rm', '-f', 'tlog-flood']);
	});
});
