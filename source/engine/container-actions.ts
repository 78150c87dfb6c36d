/**
 * Start, stop, restart, pause, unpause, kill and remove on dockerode, and the
 * engine's refusals turned into its own one-line words ("Container x is not
 * paused", "No such container: x") instead of docker-modem's wrapped text.
 */
import type Docker from 'dockerode';
import type {ContainerAction, ContainerActionOptions, ContainerActionResult, EngineProblem} from './engine.js';
import {errorFacts} from './error-facts.js';

type Call = (options: Record<string, unknown>) => Promise<unknown>;

/** Calls the Engine API for one action on one container. Rejects with what dockerode threw. */
export async function runContainerAction(
	docker: Docker,
	id: string,
	action: ContainerAction,
	options: ContainerActionOptions = {},
): Promise<ContainerActionResult> {
	const container = docker.getContainer(id) as unknown as Record<ContainerAction, Call>;
	// dockerode passes abortSignal to the request (and keeps it out of the query); its types predate it.
	const query: Record<string, unknown> = {};
	if (options.abortSignal) query['abortSignal'] = options.abortSignal;
	switch (action) {
		case 'stop':
		case 'restart':
			// POST /containers/{id}/stop?t=N answers only once the container has exited: up to N
			// seconds of SIGTERM grace plus the SIGKILL. Nothing on this request may time out sooner
			// (the client carries no request timeout, see createDockerEngine).
			if (options.timeoutSeconds !== undefined) query['t'] = options.timeoutSeconds;
			break;
		case 'kill':
			query['signal'] = options.signal ?? 'SIGKILL';
			break;
		case 'remove':
			query['force'] = options.force === true;
			query['v'] = options.removeVolumes === true;
			break;
		default:
			break;
	}

	try {
		await container[action](query);
		return 'done';
	} catch (error) {
		// start and stop answer 304 when the container already is in that state; docker-modem rejects it.
		if (errorFacts(error).statusCode === 304) return 'unchanged';
		throw error;
	}
}

/**
 * When the engine answered with an error status, the problem in its own words
 * (e.g. 409 "Container 3f… is not paused"); undefined when it did not answer
 * (the connection failed), which the endpoint's explanation covers.
 */
export function refusalProblem(error: unknown, action: ContainerAction): EngineProblem | undefined {
	const facts = errorFacts(error);
	if (facts.statusCode === undefined) return undefined;
	return {
		kind: 'other',
		title: facts.engineMessage ?? facts.message,
		detail: `The engine answered HTTP ${facts.statusCode} to ${action}.`,
		hint: '',
	};
}
