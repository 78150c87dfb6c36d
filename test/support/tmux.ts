/**
 * Terminal e2e harness: runs a command on the real pty of a detached tmux session of an
 * exact size, on a private tmux server (own socket, no user config), and reads the screen.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants } from './process-tree.js';

/** The repository root (this file is test/support/tmux.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Node 24 that `npm ci` installs; berth is run with it. */
export const NODE24 = join(REPO_ROOT, 'node_modules', '.bin', 'node');

/** The built binary (`npm run build`). */
export const BERTH_BIN = join(REPO_ROOT, 'dist', 'berth.js');

const SESSION = 'berth';
const DEFAULT_WAIT_MS = 15_000;
const POLL_MS = 50;

/** Options for {@link startTmux}. */
export interface TmuxOptions {
	cols: number;
	rows: number;
	/** argv, executed directly on the pane's pty (no shell). */
	command: string[];
	/** Added to the environment the command sees (tmux `new-session -e`). */
	env?: Record<string, string>;
	/** Working directory of the command (default: the repository root). */
	cwd?: string;
}

/** What {@link TmuxSession.waitFor} waits for: a substring, a regex, or a predicate on the screen. */
export type ScreenMatch = string | RegExp | ((screen: string) => boolean);

/** A running tmux session; always {@link kill} it (e.g. in afterEach). */
export interface TmuxSession {
	/** The private tmux server's socket path. */
	socket: string;
	/** PID of the command running in the pane. */
	pid: number;
	/** The visible screen as plain text (`capture-pane -p`), one line per row. */
	capture(): Promise<string>;
	/** The visible screen with colour and attribute escapes (`capture-pane -p -e`). */
	captureEscapes(): Promise<string>;
	/**
	 * Sends keys in order. tmux key names (`Enter`, `Escape`, `Up`, `PageDown`, `Tab`, `BSpace`,
	 * `Space`, `F5`, `C-c`, `M-x`, ...) are sent as keys; anything else is typed literally (`-l`).
	 */
	sendKeys(...keys: string[]): Promise<void>;
	/** Types text literally (`send-keys -l`), even if it looks like a key name. */
	sendText(text: string): Promise<void>;
	/**
	 * Polls the screen every 50 ms until it matches; resolves to that screen. Throws with the
	 * last screen and what the pane's processes were doing on timeout (default 15 s: a wait costs
	 * only what it takes, and a shared CI machine can stall for seconds), or at once if the
	 * command exited without a match.
	 */
	waitFor(match: ScreenMatch, opts?: { timeout?: number }): Promise<string>;
	/** Resizes the window (the command gets SIGWINCH) and checks the pane has the new size. */
	resize(cols: number, rows: number): Promise<void>;
	/** The pane's current size. */
	size(): Promise<{ cols: number; rows: number }>;
	/** True while the command runs. */
	isAlive(): Promise<boolean>;
	/** The command's exit status once it has exited (the pane stays to be captured), else undefined. */
	exitStatus(): Promise<number | undefined>;
	/** Kills the tmux server (the command gets SIGHUP, then SIGKILL if it lingers) and removes its temp dir. */
	kill(): Promise<void>;
}

const open = new Set<{ socket: string; dir: string }>();
let exitHooked = false;

/** Starts `command` in a new detached tmux session of exactly cols x rows. */
export async function startTmux(opts: TmuxOptions): Promise<TmuxSession> {
	const dir = await mkdtemp(join(tmpdir().length <= 40 ? tmpdir() : '/tmp', 'berth-tmux-'));
	const socket = join(dir, 'sock');
	const config = join(dir, 'tmux.conf');
	await writeFile(config, [
		`set -g default-size ${opts.cols}x${opts.rows}`,
		'set -g status off',
		// Keep the pane after the command exits so its last screen and status can be read.
		'set -g remain-on-exit on',
		// ...without tmux's "Pane is dead" line on the screen (exitStatus() reports it).
		"set -g remain-on-exit-format ''",
		'set -g history-limit 1000',
		'',
	].join('\n'));
	const entry = { socket, dir };
	open.add(entry);
	if (!exitHooked) process.once('exit', killLeftovers);
	exitHooked = true;

	const tmux = (args: string[]) => runTmux(socket, args);
	const envArgs = Object.entries(opts.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
	try {
		await runTmux(socket, [
			'-f', config, 'new-session', '-d', '-s', SESSION,
			'-x', String(opts.cols), '-y', String(opts.rows),
			'-c', opts.cwd ?? REPO_ROOT, ...envArgs, '--', ...opts.command,
			// Only the -x/-y size counts, whatever clients do. Not in the config file: tmux 3.3a's
			// server dies ("server exited unexpectedly") when window-size is manual before any session exists.
			';', 'set', '-g', 'window-size', 'manual',
		]);
	} catch (error) {
		open.delete(entry);
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const display = async (format: string) => (await tmux(['display-message', '-p', '-t', SESSION, format])).trimEnd();
	const size = async () => {
		const [cols = '0', rows = '0'] = (await display('#{pane_width} #{pane_height}')).split(' ');
		return { cols: Number(cols), rows: Number(rows) };
	};
	const capture = async () => trimScreen(await tmux(['capture-pane', '-p', '-t', SESSION]));
	const exitStatus = async () => {
		const [dead, status = '', signal = ''] = (await display('#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}')).split('|');
		if (dead !== '1') return undefined;
		// The pane can read as dead (pty closed) a moment before tmux has reaped the process.
		if (status !== '') return Number(status);
		if (signal !== '') return 128 + Number(signal);
		return undefined;
	};
	const isAlive = async () => (await display('#{pane_dead}').catch(() => '1')) !== '1';
	const pid = Number(await display('#{pane_pid}'));
	const serverPid = Number(await display('#{pid}'));

	const actual = await size();
	if (actual.cols !== opts.cols || actual.rows !== opts.rows) {
		throw new Error(`tmux pane is ${actual.cols}x${actual.rows}, wanted ${opts.cols}x${opts.rows}`);
	}

	return {
		socket,
		pid,
		capture,
		captureEscapes: async () => trimScreen(await tmux(['capture-pane', '-p', '-e', '-t', SESSION])),
		async sendKeys(...keys) {
			for (const key of keys) {
				await tmux(isKeyName(key) ? ['send-keys', '-t', SESSION, key] : ['send-keys', '-t', SESSION, '-l', '--', key]);
			}
		},
		async sendText(text) {
			await tmux(['send-keys', '-t', SESSION, '-l', '--', text]);
		},
		async waitFor(match, { timeout = DEFAULT_WAIT_MS } = {}) {
			const test = toPredicate(match);
			const deadline = Date.now() + timeout;
			let screen = '';
			for (;;) {
				screen = await capture();
				if (test(screen)) return screen;
				if (!(await isAlive())) {
					const status = await exitStatus();
					// One last look: the final frame may have landed after the previous capture.
					screen = await capture();
					if (test(screen)) return screen;
					throw new Error(`command exited (status ${status ?? 'unknown'}) before the screen matched ${describe(match)}; last screen:\n${frame(screen)}`);
				}
				if (Date.now() >= deadline) {
					throw new Error(`screen did not match ${describe(match)} within ${timeout} ms; last screen:\n${frame(screen)}\n${processReport(pid)}`);
				}
				await sleep(POLL_MS);
			}
		},
		async resize(cols, rows) {
			await tmux(['resize-window', '-t', SESSION, '-x', String(cols), '-y', String(rows)]);
			const now = await size();
			if (now.cols !== cols || now.rows !== rows) throw new Error(`tmux pane is ${now.cols}x${now.rows} after resize, wanted ${cols}x${rows}`);
		},
		size,
		isAlive,
		exitStatus,
		async kill() {
			if (!open.has(entry)) return;
			open.delete(entry);
			await tmux(['kill-server']).catch(() => undefined);
			await waitGone(pid, 2_000);
			if (alive(pid)) process.kill(pid, 'SIGKILL');
			await waitGone(serverPid, 2_000);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Options for {@link startBerth}. */
export interface BerthOptions {
	cols: number;
	rows: number;
	/** DOCKER_HOST for berth, e.g. `inject('engineHost')`. */
	host: string;
	args?: string[];
	env?: Record<string, string>;
}

/**
 * Runs the built berth (`node24 dist/berth.js ...args`) in a tmux session against `host`,
 * with a config directory of its own (empty unless `env` says otherwise), so a config file
 * of the person running the tests never changes what berth does.
 */
export function startBerth(opts: BerthOptions): Promise<TmuxSession> {
	return startTmux({
		cols: opts.cols,
		rows: opts.rows,
		command: berthCommand(opts.args),
		env: { DOCKER_HOST: opts.host, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'berth-xdg-')), ...opts.env },
	});
}

/** argv that runs the built berth with Node 24; throws if it has not been built. */
export function berthCommand(args: string[] = []): string[] {
	if (!existsSync(BERTH_BIN)) throw new Error(`${BERTH_BIN} not found: run \`npm run build\` first (npm test does)`);
	return [NODE24, BERTH_BIN, ...args];
}

const KEY_NAME = /^(?:(?:[CMS]-)+\S+|Enter|Escape|Tab|BTab|BSpace|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|PgUp|PgDn|PPage|NPage|IC|DC|Insert|Delete|F(?:[1-9]|1[0-2]))$/;

function isKeyName(key: string): boolean {
	return KEY_NAME.test(key);
}

function runTmux(socket: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('tmux', ['-S', socket, ...args], { env: tmuxEnv(), encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
			else resolve(stdout);
		});
	});
}

/**
 * The environment of our tmux server and so of the pane: the test's own, without what would
 * nest into the user's tmux or leak vitest's worker state into the program under test.
 * CI stays as it is: berth must cope with CI=true itself (it passes `interactive`).
 */
function tmuxEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (key === 'TMUX' || key === 'TMUX_PANE' || key.startsWith('VITEST')) delete env[key];
	}
	if (env['NODE_ENV'] === 'test') delete env['NODE_ENV'];
	if (env['TEST'] === 'true') delete env['TEST'];
	return env;
}

/** capture-pane prints every row; drop trailing blank rows and trailing spaces. */
function trimScreen(raw: string): string {
	return raw.split('\n').map((line) => line.trimEnd()).join('\n').replace(/\n+$/, '');
}

function toPredicate(match: ScreenMatch): (screen: string) => boolean {
	if (typeof match === 'string') return (screen) => screen.includes(match);
	if (match instanceof RegExp) return (screen) => match.test(screen);
	return match;
}

function describe(match: ScreenMatch): string {
	return typeof match === 'function' ? 'the predicate' : JSON.stringify(String(match));
}

function frame(screen: string): string {
	return `+${'-'.repeat(20)}\n${screen.split('\n').map((line) => `|${line}`).join('\n')}\n+${'-'.repeat(20)}`;
}

/**
 * What the pane's processes and the machine were doing, for a failed wait: a process that
 * hangs, spins or waits on something shows here (state, CPU, kernel wait channel).
 */
function processReport(panePid: number): string {
	try {
		const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,pcpu=,etimes=,wchan:20=,args='], {encoding: 'utf8'});
		const rows = table.split('\n').filter(Boolean).map((line) => ({pid: Number(line.trim().split(/\s+/)[0]), line: line.trim().slice(0, 200)}));
		const tree = new Set([panePid, ...descendants(panePid)]);
		const busiest = [...rows].sort((a, b) => Number(b.line.split(/\s+/)[3]) - Number(a.line.split(/\s+/)[3])).slice(0, 5);
		return [
			`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
			'the pane\'s processes (pid ppid stat %cpu seconds wchan args):',
			...rows.filter((row) => tree.has(row.pid)).map((row) => `  ${row.line}`),
			'busiest processes on the machine:',
			...busiest.map((row) => `  ${row.line}`),
		].join('\n');
	} catch (error) {
		return `(no process report: ${error instanceof Error ? error.message : String(error)})`;
	}
}

/** True if pid runs; a zombie counts as gone (a daemonized tmux server's is reaped by init, sometimes slowly). */
function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		return state !== 'Z' && state !== 'X';
	} catch {
		return false;
	}
}

async function waitGone(pid: number, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (pid > 0 && alive(pid) && Date.now() < deadline) await sleep(20);
}

function killLeftovers(): void {
	for (const { socket, dir } of open) {
		try {
			execFileSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore', env: tmuxEnv() });
		} catch {
			// server already gone
		}
		rmSync(dir, { recursive: true, force: true });
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
