/**
 * Runs the container actions the keymap queues in the store: each target of a
 * request through the engine, a bounded number at a time, with the row marked
 * in flight until its call settles and one notice per request at the end. The
 * rows' states are left to the engine's events (feeds.ts); nothing is assumed.
 */
import {EngineError, type Engine} from '../engine/engine.js';
import {reportOutcomes, shortenIds, type Outcome} from './action-report.js';
import type {ActionRequest} from './actions-slice.js';
import type {Store} from './create-store.js';
import {createLimiter} from './limit.js';
import type {Notice} from './state.js';

export type RunnerOptions = {
	/**
	 * Engine calls at once, across all requests (default 32, the docker CLI uses 50). A bulk
	 * stop is mostly waiting out grace periods, so 20 stops should wait side by side and take
	 * one grace period, not three; the bound keeps a bulk remove of hundreds from opening
	 * hundreds of sockets ahead of the feeds' own requests.
	 */
	concurrency?: number;
	now?: () => number;
	/** How long a result stays in the status line, in ms; errors stay longer. */
	noticeMs?: {info: number; error: number};
};

export type ActionRunner = {
	/** Resolves once nothing is queued or in flight. */
	idle(): Promise<void>;
	/** Stops taking requests and aborts the calls in flight (on quit). */
	stop(): void;
};

/** Watches the store for queued requests and runs them. */
export function startActionRunner(engine: Engine, store: Store, options: RunnerOptions = {}): ActionRunner {
	const {concurrency = 32, now = () => performance.now(), noticeMs = {info: 10_000, error: 30_000}} = options;
	const limit = createLimiter(concurrency);
	const stopped = new AbortController();
	const timers = new Set<NodeJS.Timeout>();
	let inFlight = 0;
	let idleWaiters: Array<() => void> = [];

	const isIdle = () => inFlight === 0 && store.getState().actions.queue.length === 0;
	const wakeIdle = () => {
		if (!isIdle()) return;
		const waiters = idleWaiters;
		idleWaiters = [];
		for (const wake of waiters) wake();
	};

	const notify = (notice: Notice) => {
		store.dispatch({type: 'ui/notice', notice});
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (store.getState().ui.notice === notice) store.dispatch({type: 'ui/notice'});
		}, notice.level === 'info' ? noticeMs.info : noticeMs.error);
		timer.unref?.();
		timers.add(timer);
	};

	const runOne = async (request: ActionRequest, id: string, name: string): Promise<Outcome> => {
		const {stopTimeoutSeconds} = store.getState().actions.settings;
		const started = now();
		const target = {id, name};
		try {
			const result = await engine.containerAction(id, request.action, {
				timeoutSeconds: request.action === 'stop' || request.action === 'restart' ? stopTimeoutSeconds : undefined,
				signal: request.signal,
				force: request.force,
				removeVolumes: request.removeVolumes,
				abortSignal: stopped.signal,
			});
			const ms = now() - started;
			const outcome: Outcome = {target, ok: true, result, ms};
			// A stop that lasted the whole grace period ended with SIGKILL: ask the engine how it exited.
			if (request.action === 'stop' && result === 'done' && ms >= stopTimeoutSeconds * 1000 - 50) {
				outcome.killedAfterGrace = {graceSeconds: stopTimeoutSeconds, exitCode: await exitCodeOf(engine, id)};
			}

			return outcome;
		} catch (error) {
			return {target, ok: false, message: shortenIds(errorText(error)), ms: now() - started};
		} finally {
			store.dispatch({type: 'actions/settled', id, seq: request.seq});
		}
	};

	const run = async (request: ActionRequest) => {
		const started = now();
		const outcomes = await Promise.all(request.targets.map((target) => limit(() => runOne(request, target.id, target.name))));
		if (stopped.signal.aborted) return;
		notify(reportOutcomes(request, outcomes, now() - started));
		if (request.action === 'remove') {
			store.dispatch({type: 'actions/unmark', ids: outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.target.id)});
		}
	};

	const take = () => {
		if (stopped.signal.aborted) return;
		const {queue, settings} = store.getState().actions;
		for (const request of queue) {
			if (settings.readOnly) {
				store.dispatch({type: 'actions/dropped', seq: request.seq});
				notify({level: 'warn', text: `read-only: ${request.action} is disabled`});
				continue;
			}

			store.dispatch({type: 'actions/accepted', seq: request.seq, startedAt: Date.now()});
			inFlight += 1;
			void run(request).finally(() => {
				inFlight -= 1;
				wakeIdle();
			});
		}

		wakeIdle();
	};

	const unsubscribe = store.subscribe(take);
	take();
	return {
		idle: () => (isIdle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
		stop() {
			unsubscribe();
			stopped.abort();
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
}

function errorText(error: unknown): string {
	if (error instanceof EngineError) return error.problem.title;
	return error instanceof Error ? error.message : String(error);
}

async function exitCodeOf(engine: Engine, id: string): Promise<number | undefined> {
	try {
		const [container] = await engine.listContainers({ids: [id]});
		const match = /^Exited \((-?\d+)\)/.exec(container?.status ?? '');
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}
