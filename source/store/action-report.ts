/** What the status line says when a container action has finished. Pure. */
import type {ContainerAction, ContainerActionResult} from '../engine/engine.js';
import type {ActionRequest, Target} from './actions-slice.js';
import type {Notice} from './state.js';

export type Outcome =
	| {
			target: Target;
			ok: true;
			result: ContainerActionResult;
			ms: number;
			/** stop: the SIGTERM grace ran out and the engine sent SIGKILL; the exit code it left. */
			killedAfterGrace?: {graceSeconds: number; exitCode?: number};
	  }
	| {target: Target; ok: false; message: string; ms: number};

const past: Record<ContainerAction, string> = {
	start: 'started',
	stop: 'stopped',
	restart: 'restarted',
	pause: 'paused',
	unpause: 'unpaused',
	kill: 'killed',
	remove: 'removed',
};

const present: Record<ContainerAction, string> = {
	start: 'starting',
	stop: 'stopping',
	restart: 'restarting',
	pause: 'pausing',
	unpause: 'unpausing',
	kill: 'killing',
	remove: 'removing',
};

/** "stopping", for the status line while it runs. */
export function presentTense(action: ContainerAction): string {
	return present[action];
}

/** The result of one request, as one line: per container when alone, else a summary and each failure. */
export function reportOutcomes(request: ActionRequest, outcomes: readonly Outcome[], totalMs: number): Notice {
	const failed = outcomes.filter((outcome): outcome is Extract<Outcome, {ok: false}> => !outcome.ok);
	const done = outcomes.filter((outcome): outcome is Extract<Outcome, {ok: true}> => outcome.ok);
	const failures = failed.map((outcome) => `${outcome.target.name}: ${outcome.message}`).join('; ');
	if (outcomes.length === 1) {
		const only = outcomes[0]!;
		if (!only.ok) return {level: 'error', text: failures};
		return {level: only.killedAfterGrace ? 'warn' : 'info', text: single(request, only)};
	}

	const verb = verbFor(request);
	if (done.length === 0) return {level: 'error', text: `could not ${request.action === 'kill' ? 'signal' : request.action} ${outcomes.length} containers: ${failures}`};
	const unchanged = done.filter((outcome) => outcome.result === 'unchanged').length;
	const killed = done.filter((outcome) => outcome.killedAfterGrace).length;
	const count = failed.length === 0 ? `${outcomes.length} containers` : `${done.length} of ${outcomes.length} containers`;
	const parts = [`${verb} ${count}${request.action === 'kill' ? '' : ` in ${seconds(totalMs)}`}`];
	if (unchanged > 0) parts.push(`${unchanged} already ${request.action === 'start' ? 'running' : 'stopped'}`);
	if (killed > 0) parts.push(`${killed} killed after the ${request.action === 'stop' ? 'grace period' : 'timeout'}`);
	const text = parts.join(', ') + (failed.length > 0 ? `; failed: ${failures}` : '');
	return {level: failed.length > 0 ? 'error' : 'info', text};
}

function single(request: ActionRequest, outcome: Extract<Outcome, {ok: true}>): string {
	const {name} = outcome.target;
	if (outcome.result === 'unchanged') return `${name} was already ${request.action === 'start' ? 'running' : 'stopped'}`;
	if (request.action === 'kill') return `sent ${request.signal ?? 'SIGKILL'} to ${name}`;
	if (request.action === 'remove') return `removed ${name}${request.removeVolumes ? ' and its anonymous volumes if any' : ''}`;
	const text = `${past[request.action]} ${name} in ${seconds(outcome.ms)}`;
	const killed = outcome.killedAfterGrace;
	if (!killed) return text;
	const exit = killed.exitCode === undefined ? '' : `, exit ${killed.exitCode}`;
	return `${text}: it outlived the ${killed.graceSeconds} s SIGTERM grace period and was killed${exit}`;
}

function verbFor(request: ActionRequest): string {
	if (request.action === 'kill') return `sent ${request.signal ?? 'SIGKILL'} to`;
	return past[request.action];
}

/** 10.2 s */
export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** Engine messages name containers by their full 64-hex id; 12 characters say as much. */
export function shortenIds(text: string): string {
	return text.replaceAll(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1');
}
