/**
 * berth over ssh:// beside the unix socket: N idle busybox containers on a private
 * engine, a private sshd on 127.0.0.1 in front of it, the built berth in a 160x45 tmux
 * pane with live stats on (the default). For each transport:
 * - connections: TCP connections to sshd held by berth and its children (ss -tnp),
 *   and engine-socket connections berth holds (its open streams);
 * - CPU: berth's (and its ssh's) over a steady-state window, % of one core;
 * - event to screen: `docker pause`/`unpause` of one container until the pane shows
 *   the new state, median of 6 (includes the CLI's own call, the same for both).
 *
 *   npm run build && npx tsx bench/ssh.ts [--n 10,50] [--seconds 20]
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {buildBusyboxImage, startPrivateEngine} from '../test/support/private-engine.js';
import {descendants} from '../test/support/process-tree.js';
import {connectionsTo, SSHD_ALIAS, startPrivateSshd} from '../test/support/private-sshd.js';
import {startBerth, type TmuxSession} from '../test/support/tmux.js';
import {runNumbered} from './bench-containers.js';
import {processTicks} from './daemon-ticks.js';
import {optionValue} from './stats.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => optionValue(args, name) ?? fallback;

const counts = option('n', '10,50').split(',').map(Number);
const seconds = Number(option('seconds', '20'));
const ticksPerSecond = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** Unix stream sockets of `pid` that are connected to `path` (the engine socket or the tunnel's). */
function socketConnections(pid: number, pathPart: string): number {
	const out = execFileSync('ss', ['-xpH', 'state', 'connected'], {encoding: 'utf8'});
	// Columns: netid state recv-q send-q local-path local-inode peer-path peer-inode users. The server end
	// names the path; the client end (berth's) has none: match berth's inodes to the server ends' peers.
	const rows = out.split('\n').map((line) => line.trim().split(/\s+/));
	const clients = new Set(rows.filter((fields) => fields[4]?.includes(pathPart)).map((fields) => fields[7]));
	const count = rows.filter((fields) => fields.some((field) => field.includes(`pid=${pid},`)) && clients.has(fields[5])).length;

	return count;
}

type Row = {n: number; transport: string; tcpToSshd: number | undefined; engineConnections: number; berthCpu: number; sshCpu: number | undefined; latencyMs: number};

async function median(samples: number[]): Promise<number> {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const engine = await startPrivateEngine();
const sshd = await startPrivateSshd({dockerHost: engine.host});
const rows: Row[] = [];
try {
	await buildBusyboxImage(engine);
	let created = 0;
	for (const n of counts) {
		if (created < n) await runNumbered(engine, {prefix: 'idle-', from: created, to: n});
		created = Math.max(created, n);

		for (const transport of ['unix', 'ssh'] as const) {
			const session: TmuxSession = await startBerth({
				cols: 160,
				rows: 45,
				host: engine.host,
				// Over the unix socket berth would read cgroups itself; ask the API there too, so both rows do the same work.
				args: transport === 'ssh' ? ['-H', `ssh://${SSHD_ALIAS}`, '--ssh-config', sshd.configFile] : ['--stats-source', 'api'],
			});
			try {
				await session.waitFor(new RegExp(`${n} running`), {timeout: 60_000});
				await session.waitFor(/\d+ streaming/, {timeout: 60_000});
				await sleep(5000);
				const ssh = descendants(session.pid).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('ssh'));
				const berthBefore = processTicks(session.pid);
				const sshBefore = ssh ? processTicks(ssh) : 0;
				const began = performance.now();
				await sleep(seconds * 1000);
				const elapsed = (performance.now() - began) / 1000;
				const percent = (ticks: number) => (ticks / ticksPerSecond / elapsed) * 100;
				const berthCpu = percent(processTicks(session.pid) - berthBefore);
				const sshCpu = ssh ? percent(processTicks(ssh) - sshBefore) : undefined;
				const tcpToSshd = transport === 'ssh' ? await connectionsTo(sshd.port, [session.pid, ...descendants(session.pid)]) : undefined;
				const engineConnections = socketConnections(session.pid, transport === 'ssh' ? 'berth-ssh-' : engine.socketPath);

				const latencies: number[] = [];
				for (let i = 0; i < 6; i++) {
					const paused = i % 2 === 0;
					const started = performance.now();
					await engine.docker([paused ? 'pause' : 'unpause', 'idle-000']);
					await session.waitFor(new RegExp(`idle-000\\s.*${paused ? 'paused' : 'running'}`), {timeout: 10_000});
					latencies.push(performance.now() - started);
				}

				rows.push({n, transport, tcpToSshd, engineConnections, berthCpu, sshCpu, latencyMs: await median(latencies)});
				console.error(JSON.stringify(rows.at(-1)));
			} finally {
				await session.kill();
			}
		}
	}
} finally {
	await sshd.stop();
	await engine.stop();
}

const f = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
console.log(
	[
		'| N | transport | TCP conns to sshd | engine-socket conns | berth CPU % | its ssh CPU % | event to screen, ms (median) |',
		'|---:|---|---:|---:|---:|---:|---:|',
		...rows.map((row) => `| ${row.n} | ${row.transport} | ${row.tcpToSshd ?? '–'} | ${row.engineConnections} | ${f(row.berthCpu)} | ${f(row.sshCpu)} | ${row.latencyMs.toFixed(0)} |`),
	].join('\n'),
);
console.log(`\n${seconds} s CPU window after 5 s of warm-up, 160x45 tmux pane, live stats on; sshd and engine on the same machine (loopback).`);
