import {computeStats} from '../engine/compute-stats.js';
import type {ContainerStats, LocalStatsReader, StatsMetric, StatsSample} from '../engine/engine.js';
import {allMetrics} from './stats-merge.js';

/** A container's figures from one local pass, and what the kernel would not give. */
export type LocalFigures = {figures: ContainerStats; missing: ReadonlySet<StatsMetric>};

/**
 * The local (cgroup) side of the stats feed: one `sample` pass over the running
 * containers per tick, each result turned into figures against the container's
 * previous local sample. Remembers what each container could not give, so the
 * feed asks the API for exactly that; a container never passed yet is
 * unknown, and gets nothing from the API until its first pass says.
 */
export class LocalStats {
	private readonly previous = new Map<string, StatsSample>();
	private readonly missingOf = new Map<string, ReadonlySet<StatsMetric>>();
	/** Containers handed to the reader and not forgotten since. */
	private readonly asked = new Set<string>();
	/** Passes completed. */
	passes = 0;

	constructor(private readonly reader: LocalStatsReader) {}

	/**
	 * What the API must give for a container: nothing if the kernel gives it all
	 * (or no pass has said yet), every metric if the reader could not read it.
	 */
	missing(id: string): ReadonlySet<StatsMetric> | undefined {
		return this.missingOf.get(id);
	}

	/** One pass over `ids`; a reader that fails as a whole leaves them all to the API. */
	async pass(ids: readonly string[]): Promise<Map<string, LocalFigures>> {
		for (const id of ids) this.asked.add(id);
		let samples: Map<string, {sample: StatsSample; missing: ReadonlySet<StatsMetric>}>;
		try {
			samples = await this.reader.sample(ids);
		} catch {
			samples = new Map();
		}

		this.passes += 1;
		const figures = new Map<string, LocalFigures>();
		for (const id of ids) {
			// Stopped during the pass: forgotten already, and must stay so.
			if (!this.asked.has(id)) continue;
			const local = samples.get(id);
			if (!local) {
				this.missingOf.set(id, allMetrics);
				this.previous.delete(id);
				continue;
			}

			this.missingOf.set(id, local.missing);
			figures.set(id, {figures: computeStats(this.previous.get(id), local.sample), missing: local.missing});
			this.previous.set(id, local.sample);
		}

		return figures;
	}

	/** A container stopped or went away: the reader drops its cgroup path, berth its samples. */
	forget(id: string): void {
		this.previous.delete(id);
		this.missingOf.delete(id);
		if (this.asked.delete(id)) this.reader.forget(id);
	}

	/** Containers the reader was told about, for the feed to forget the stopped ones. */
	known(): IterableIterator<string> {
		return this.asked.values();
	}
}
