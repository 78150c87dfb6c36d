/**
 * What the container detail tabs show besides the raw JSON: ports (docker port),
 * environment and mounts, restart policy and state, resource limits. Mapped from
 * GET /containers/{id}/json once, at the boundary; missing fields read as empty,
 * 0 or undefined (the engine omits what it does not set, Podman more than Docker).
 */

/** One line of `docker port`: a container port and one host address it is published on. */
export type PublishedPort = {
	/** "80/tcp" */
	port: string;
	/** "0.0.0.0", "::", "127.0.0.1"; empty when the engine gave none. */
	hostIp: string;
	hostPort: string;
};

export type MountInfo = {
	/** bind, volume, tmpfs, npipe. */
	type: string;
	/** The volume's name (volumes only). */
	name: string;
	/** Host path (a bind, or where a local volume lives). */
	source: string;
	destination: string;
	/** The mode the user asked for ("ro", "z", ...), as the engine kept it. */
	mode: string;
	rw: boolean;
	propagation: string;
	/** The volume driver ("local"); empty for binds. */
	driver: string;
};

export type Ulimit = {name: string; soft: number; hard: number};

export type RestartInfo = {
	/** HostConfig.RestartPolicy.Name: "no" (or empty), "always", "unless-stopped", "on-failure". */
	policy: string;
	/** on-failure's retry limit; 0 means no limit. */
	maxRetries: number;
	restartCount: number;
	autoRemove: boolean;
	status: string;
	restarting: boolean;
	/** RFC 3339 as the engine wrote them; "0001-01-01T00:00:00Z" means never. */
	startedAt: string;
	finishedAt: string;
	exitCode: number;
	oomKilled: boolean;
	error: string;
	/** State.Health.Status and FailingStreak when the container has a health check. */
	health?: {status: string; failingStreak: number};
};

/** HostConfig's resource limits; 0 (or undefined for PidsLimit) means the engine sets none. */
export type ResourceLimits = {
	memory: number;
	/** Memory plus swap; -1 unlimited swap, 0 not set. */
	memorySwap: number;
	memoryReservation: number;
	nanoCpus: number;
	cpuQuota: number;
	cpuPeriod: number;
	cpuShares: number;
	cpusetCpus: string;
	cpusetMems: string;
	/** null on older engines when unset, 0 or -1 on newer ones: all unlimited. */
	pidsLimit?: number;
	blkioWeight: number;
	oomKillDisable: boolean;
	shmSize: number;
	ulimits: Ulimit[];
};

export type ContainerDetail = {
	name: string;
	networkMode: string;
	/** NetworkSettings.Ports entries with bindings, one per host address, as docker port lists them. */
	ports: PublishedPort[];
	/** Ports exposed (Config.ExposedPorts or NetworkSettings.Ports with no binding) but not published. */
	exposed: string[];
	/** Config.Env as given: "KEY=value". */
	env: string[];
	mounts: MountInfo[];
	restart: RestartInfo;
	limits: ResourceLimits;
};

type Raw = Record<string, unknown>;

const object = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** GET /containers/{id}/json. */
export function toContainerDetail(raw: Raw): ContainerDetail {
	const config = object(raw['Config']);
	const host = object(raw['HostConfig']);
	const state = object(raw['State']);
	const network = object(raw['NetworkSettings']);
	const policy = object(host['RestartPolicy']);
	const health = object(state['Health']);

	const ports: PublishedPort[] = [];
	// A stopped container has no NetworkSettings.Ports: what it exposes is still in its config.
	const exposed = new Set([...Object.keys(object(config['ExposedPorts'])), ...Object.keys(object(network['Ports']))]);
	for (const [port, bindings] of Object.entries(object(network['Ports']))) {
		if (!Array.isArray(bindings) || bindings.length === 0) continue;
		exposed.delete(port);
		for (const binding of bindings) ports.push({port, hostIp: text(object(binding)['HostIp']), hostPort: text(object(binding)['HostPort'])});
	}

	return {
		name: text(raw['Name']).replace(/^\//, ''),
		networkMode: text(host['NetworkMode']),
		ports,
		exposed: [...exposed],
		env: strings(config['Env']),
		mounts: (Array.isArray(raw['Mounts']) ? (raw['Mounts'] as unknown[]) : []).map((item) => {
			const mount = object(item);
			return {
				type: text(mount['Type']),
				name: text(mount['Name']),
				source: text(mount['Source']),
				destination: text(mount['Destination']),
				mode: text(mount['Mode']),
				rw: mount['RW'] === true,
				propagation: text(mount['Propagation']),
				driver: text(mount['Driver']),
			};
		}),
		restart: {
			policy: text(policy['Name']),
			maxRetries: number(policy['MaximumRetryCount']),
			restartCount: number(raw['RestartCount']),
			autoRemove: host['AutoRemove'] === true,
			status: text(state['Status']),
			restarting: state['Restarting'] === true,
			startedAt: text(state['StartedAt']),
			finishedAt: text(state['FinishedAt']),
			exitCode: number(state['ExitCode']),
			oomKilled: state['OOMKilled'] === true,
			error: text(state['Error']),
			...(typeof health['Status'] === 'string' ? {health: {status: health['Status'], failingStreak: number(health['FailingStreak'])}} : {}),
		},
		limits: {
			memory: number(host['Memory']),
			memorySwap: number(host['MemorySwap']),
			memoryReservation: number(host['MemoryReservation']),
			nanoCpus: number(host['NanoCpus']),
			cpuQuota: number(host['CpuQuota']),
			cpuPeriod: number(host['CpuPeriod']),
			cpuShares: number(host['CpuShares']),
			cpusetCpus: text(host['CpusetCpus']),
			cpusetMems: text(host['CpusetMems']),
			...(typeof host['PidsLimit'] === 'number' ? {pidsLimit: host['PidsLimit']} : {}),
			blkioWeight: number(host['BlkioWeight']),
			oomKillDisable: host['OomKillDisable'] === true,
			shmSize: number(host['ShmSize']),
			ulimits: (Array.isArray(host['Ulimits']) ? (host['Ulimits'] as unknown[]) : []).map((item) => {
				const ulimit = object(item);
				return {name: text(ulimit['Name']), soft: number(ulimit['Soft']), hard: number(ulimit['Hard'])};
			}),
		},
	};
}
