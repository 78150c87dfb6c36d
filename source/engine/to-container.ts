import type {ContainerState, ContainerSummary, Health, PortMapping} from './engine.js';

type RawPort = {PrivatePort?: number; PublicPort?: number; IP?: string; Type?: string};

/** The subset of GET /containers/json that berth reads (Docker and Podman). */
export type RawContainer = {
	Id?: string;
	Names?: string[] | null;
	Image?: string;
	Command?: string;
	Created?: number;
	State?: string | {Status?: string};
	Status?: string;
	Ports?: RawPort[] | null;
	Labels?: Record<string, string> | null;
};

const states = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/** Maps one list entry to berth's ContainerSummary. */
export function toContainer(raw: RawContainer): ContainerSummary {
	const status = raw.Status ?? '';
	return {
		id: raw.Id ?? '',
		name: (raw.Names?.[0] ?? '').replace(/^\//, ''),
		image: raw.Image ?? '',
		command: raw.Command ?? '',
		created: raw.Created ?? 0,
		state: toState(typeof raw.State === 'object' ? raw.State?.Status : raw.State, status),
		status,
		health: healthFromStatus(status),
		ports: (raw.Ports ?? []).map(toPort),
		labels: raw.Labels ?? {},
	};
}

/** Docker writes "(healthy)", "(unhealthy)" or "(health: starting)" into the status text. */
export function healthFromStatus(status: string): Health | undefined {
	if (status.includes('(healthy)')) return 'healthy';
	if (status.includes('(unhealthy)')) return 'unhealthy';
	if (status.includes('(health: starting)')) return 'starting';
	return undefined;
}

function toState(state: string | undefined, status: string): ContainerState {
	const lower = (state ?? '').toLowerCase();
	if (states.has(lower as ContainerState)) return lower as ContainerState;
	// Podman reports "configured"/"initialized"/"stopped"; old engines leave State out.
	if (lower === 'configured' || lower === 'initialized') return 'created';
	if (lower === 'stopped') return 'exited';
	if (status.startsWith('Up')) return status.includes('(Paused)') ? 'paused' : 'running';
	if (status.startsWith('Exited')) return 'exited';
	return 'created';
}

function toPort(raw: RawPort): PortMapping {
	const port: PortMapping = {privatePort: raw.PrivatePort ?? 0, type: raw.Type ?? 'tcp'};
	if (raw.PublicPort !== undefined) port.publicPort = raw.PublicPort;
	if (raw.IP !== undefined) port.ip = raw.IP;
	return port;
}
