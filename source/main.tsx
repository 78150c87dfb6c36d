import process from 'node:process';
import {homedir} from 'node:os';
import meow from 'meow';
import {helpText, options} from './cli-options.js';
import {toConfig, type Config} from './config.js';
import {defaultConfigPath, mergeConfig, readConfigFile} from './config-file.js';
import {createDockerEngine} from './engine/docker-engine.js';
import {EngineError, type Engine, type EngineProblem} from './engine/engine.js';
import {resolveEndpoint, type Endpoint} from './engine/endpoint.js';
import {localStatsProblem, parseStatsSourceMode, type StatsSourceMode} from './engine/local-stats-mode.js';
import {formatKeymap} from './keymap/match.js';
import {formatContainersText} from './once.js';
import {createStore} from './store/create-store.js';
import {startFeeds} from './store/feeds.js';
import {initialActions} from './store/actions-slice.js';
import {startActionRunner} from './store/run-actions.js';
import {startStatsFeed} from './store/stats-feed.js';
import {startLogsFeed} from './store/logs-feed.js';
import {initialLogsUi} from './store/logs-ui.js';
import {toLogsConfig, type LogsConfig, type LogsFlags} from './logs-config.js';
import {startEventsHistory} from './store/events-history.js';
import {startResourcesFeed} from './store/resources-feed.js';
import {initialEvents} from './store/events-slice.js';
import {initialState} from './store/state.js';
import {firstScreen} from './store/first-screen.js';
import {favourMemory} from './low-memory.js';

// meow wants camelCase keys and accepts --kebab-case on the command line.
const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const cli = meow(helpText(), {
	importMeta: import.meta,
	autoHelp: false,
	autoVersion: false,
	allowUnknownFlags: false,
	// Absent booleans stay undefined, so a config file's `true` is not overridden by a default.
	booleanDefault: undefined,
	flags: Object.fromEntries(
		options.map((option) => [camelCase(option.name), {type: option.type, ...(option.short ? {shortFlag: option.short} : {})}]),
	) as Record<string, {type: 'string' | 'boolean' | 'number'; shortFlag?: string}>,
});
const flags = cli.flags as {
	host?: string;
	context?: string;
	sshConfig?: string;
	running?: boolean;
	readOnly?: boolean;
	yes?: boolean;
	stopTimeout?: number;
	refresh?: number;
	lowBandwidth?: boolean;
	statsSource?: string;
	shell?: string;
	detachKeys?: string;
	eventsSince?: string;
	eventsBuffer?: number;
	once?: boolean;
	keys?: boolean;
	version?: boolean;
	help?: boolean;
	config?: string;
};

async function main(): Promise<number> {
	if (flags.help) {
		process.stdout.write(`${helpText()}\n`);
		return 0;
	}

	if (flags.version) {
		process.stdout.write(`${cli.pkg.version ?? 'unknown'}\n`);
		return 0;
	}

	if (flags.keys) {
		process.stdout.write(`${formatKeymap()}\n`);
		return 0;
	}

	if (cli.input.length > 0) {
		process.stderr.write(`berth: unexpected argument "${cli.input[0]}" (berth --help lists the options)\n`);
		return 2;
	}

	let config: Config;
	let logsConfig: LogsConfig;
	let statsSource: StatsSourceMode;
	try {
		const fromFile = readConfigFile(flags.config ?? defaultConfigPath(process.env, homedir()), flags.config !== undefined);
		const merged = mergeConfig(fromFile, cli.flags) as typeof flags;
		config = toConfig(merged);
		logsConfig = toLogsConfig(merged as LogsFlags);
		statsSource = parseStatsSourceMode(merged.statsSource);
	} catch (error) {
		process.stderr.write(`berth: ${error instanceof Error ? error.message : String(error)} (berth --help lists the options)\n`);
		return 2;
	}

	let engine: Engine;
	let endpoint: Endpoint;
	try {
		endpoint = resolveEndpoint({host: config.host, context: config.context, env: process.env, homeDir: homedir()});
		engine = createDockerEngine(endpoint, {ssh: config.sshConfig === undefined ? {} : {configFile: config.sshConfig}, statsSource});
	} catch (error) {
		return reportProblem(error);
	}

	const interactive = process.stdout.isTTY === true && process.stdin.isTTY === true;
	if (flags.once || !interactive) return printOnce(engine);
	// Forced, the kernel is read anyway; say once why it may not work (left above the dashboard on exit).
	const localProblem = statsSource === 'cgroup' ? localStatsProblem({endpoint}) : undefined;
	if (localProblem) process.stderr.write(`berth: --stats-source cgroup: ${localProblem}; stats berth cannot read there come from the engine's API\n`);
	// ssh://: log in before the UI starts, so what needs the user (an unknown host key, a key
	// that needs its passphrase) is said on the terminal and berth exits, instead of retrying.
	if (endpoint.kind === 'ssh') {
		// A login can take seconds (a jump host, a slow link): say what is happening, then erase the line.
		process.stdout.write(`berth: connecting to ${endpoint.url}…`);
		const problem = await engine.connect().then(() => undefined, (error: unknown) => (error instanceof EngineError ? error.problem : undefined));
		process.stdout.write('\r\u001B[2K');
		if (problem?.needsUser) {
			engine.close();
			return reportProblem(new EngineError(problem));
		}
	}

	return runDashboard(engine, config, logsConfig);
}

async function printOnce(engine: Engine): Promise<number> {
	try {
		await engine.connect();
		const containers = await engine.listContainers();
		process.stdout.write(`${formatContainersText(containers, Date.now())}\n`);
		return 0;
	} catch (error) {
		return reportProblem(error);
	} finally {
		engine.close();
	}
}

/** Longest berth waits for its screen to be taken down before it exits anyway. */
const exitGraceMs = 1500;
/** Leaves the alternate screen, shows the cursor, resets colours (Ink does this on unmount). */
const restoreTerminal = '\u001B[?1049l\u001B[?25h\u001B[0m';

/** Longest the first frame waits for the engine's first answer (the list, or a problem). */
const firstAnswerMs = 300;

async function runDashboard(engine: Engine, config: Config, logsConfig: LogsConfig): Promise<number> {
	favourMemory();
	const actions = initialActions({readOnly: config.readOnly, confirm: !config.yes, stopTimeoutSeconds: config.stopTimeoutSeconds});
	const store = createStore({...initialState({showAll: !config.running, logs: initialLogsUi({colors: logsConfig.colors})}), actions, events: initialEvents(config.eventsBuffer)});
	const feeds = startFeeds(engine, store);
	const runner = startActionRunner(engine, store);
	const stats = startStatsFeed(engine, store, {refreshMs: config.refreshMs});
	const logs = startLogsFeed(engine, store, logsConfig);
	const history = startEventsHistory(engine, store, config.eventsSince);
	const resources = startResourcesFeed(engine, store);
	// The UI's code (Ink, React, Yoga, the panes: most of what berth loads) loads while the
	// engine answers; the first frame then shows the containers (bench/README.md, start-up).
	const [{mountDashboard}] = await Promise.all([import('./ui/mount.js'), firstScreen(store, firstAnswerMs)]);
	return new Promise((resolve) => {
		let finished = false;
		const finish = (code: number, message?: string) => {
			if (finished) return;
			finished = true;
			feeds.stop();
			runner.stop();
			stats.stop();
			logs.stop();
			history.stop();
			resources.stop();
			let done = false;
			const exit = () => {
				if (done) return;
				done = true;
				if (message) process.stderr.write(message);
				resolve(code);
			};
			// Ink's exit promise settles once its last write is out; should it never, berth
			// still ends (with the terminal restored) instead of hanging on a blank screen.
			setTimeout(() => {
				if (done) return;
				process.stdout.write(restoreTerminal);
				exit();
			}, exitGraceMs).unref();
			try {
				instance.unmount();
			} finally {
				engine.close();
				void instance.waitUntilExit().finally(exit);
			}
		};

		const sessions = {engine, detachKeys: config.detachKeys, ...(config.shell ? {shell: config.shell} : {})};
		const {instance} = mountDashboard({store, endpointLabel: engine.endpointLabel, quit: () => finish(0), sessions, logs}, {lowBandwidth: config.lowBandwidth});
		for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.once(signal, () => finish(128 + (signal === 'SIGTERM' ? 15 : 1)));
		process.once('SIGINT', () => finish(130));
		const crash = (error: unknown) => finish(1, `berth: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
		process.once('uncaughtException', crash);
		process.once('unhandledRejection', crash);
	});
}

function reportProblem(error: unknown): number {
	const problem: EngineProblem =
		error instanceof EngineError
			? error.problem
			: {kind: 'other', title: error instanceof Error ? error.message : String(error), detail: '', hint: ''};
	const lines = [`berth: ${problem.title}`];
	if (problem.detail !== '') lines.push(problem.detail);
	if (problem.hint !== '') lines.push(`Try: ${problem.hint}`);
	process.stderr.write(`${lines.join('\n')}\n`);
	return 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => process.exit(reportProblem(error)),
);
