import type {EngineClient} from './private-engine.js';

/** The fields of one `docker stats --no-stream --format '{{json .}}'` line the tests read. */
export type CliStats = {CPUPerc: string; MemUsage: string; MemPerc: string; NetIO: string; PIDs: string};

/** One `docker stats --no-stream` line for a container. */
export async function cliStats(docker: EngineClient, name: string): Promise<CliStats> {
	const {stdout} = await docker.docker(['stats', '--no-stream', '--format', '{{json .}}', name]);
	return JSON.parse(stdout.trim()) as CliStats;
}

/** "50.43MiB" and friends (go-units BytesSize) back to bytes. */
export function parseBytes(text: string): number {
	const match = /^([\d.]+)([KMGT]i)?B$/.exec(text.trim());
	if (!match) throw new Error(`not a size: ${text}`);
	const power = {Ki: 1, Mi: 2, Gi: 3, Ti: 4}[match[2] ?? ''] ?? 0;
	return Number(match[1]) * 1024 ** power;
}
