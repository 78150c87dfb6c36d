import type {EngineEvent} from '../engine/engine.js';
import type {Container} from './state.js';

const labelKeys = new Set(['name', 'image', 'exitCode', 'signal', 'execID', 'execDuration']);

/**
 * Applies one container event to the containers it concerns. State changes
 * here are the engine's own word (the event); status text is corrected right
 * after by a fresh list of the container (see feeds.ts).
 */
export function applyContainerEvent(
	containers: ReadonlyMap<string, Container>,
	event: EngineEvent,
	clockOffsetMs = 0,
): ReadonlyMap<string, Container> {
	const action = event.action.split(':')[0] ?? event.action;
	const current = containers.get(event.id);
	if (action === 'destroy') {
		if (!current) return containers;
		const next = new Map(containers);
		next.delete(event.id);
		return next;
	}

	if (action === 'create' && !current) {
		return withContainer(containers, fromCreateEvent(event));
	}

	if (!current) return containers;
	const changed = transition(current, action, event, Number(event.timeNano / 1_000_000n) - clockOffsetMs);
	return changed === current ? containers : withContainer(containers, changed);
}

function transition(container: Container, action: string, event: EngineEvent, atMs: number): Container {
	switch (action) {
		case 'unpause':
			return {...container, state: 'running', status: container.status.replace(/ \(Paused\)$/, '')};

		case 'start':
		case 'restart': {
			const {exitCode: _, oomKilled: __, ...rest} = container;
			return {...rest, state: 'running', status: 'Up Less than a second', health: container.health && 'starting', statusSinceMs: atMs};
		}

		case 'die': {
			const exitCode = Number(event.attributes['exitCode'] ?? 0);
			return {...container, state: 'exited', exitCode, status: `Exited (${exitCode}) Less than a second ago`, health: undefined, statusSinceMs: atMs};
		}

		case 'pause':
			return {...container, state: 'paused', status: `${container.status.replace(/ \(Paused\)$/, '')} (Paused)`};

		case 'rename': {
			const name = (event.attributes['name'] ?? '').replace(/^\//, '');
			return name && name !== container.name ? {...container, name} : container;
		}

		case 'health_status': {
			const health = event.action.split(':')[1]?.trim();
			if (health === 'healthy' || health === 'unhealthy' || health === 'starting') return {...container, health};
			return container;
		}

		case 'oom':
			return {...container, oomKilled: true};

		default:
			return container;
	}
}

function fromCreateEvent(event: EngineEvent): Container {
	const labels: Record<string, string> = {};
	for (const [key, value] of Object.entries(event.attributes)) {
		if (!labelKeys.has(key)) labels[key] = value;
	}

	return {
		id: event.id,
		name: (event.attributes['name'] ?? event.id.slice(0, 12)).replace(/^\//, ''),
		image: event.attributes['image'] ?? '',
		command: '',
		created: event.time,
		state: 'created',
		status: 'Created',
		ports: [],
		labels,
	};
}

function withContainer(containers: ReadonlyMap<string, Container>, container: Container): ReadonlyMap<string, Container> {
	const next = new Map(containers);
	next.set(container.id, container);
	return next;
}
