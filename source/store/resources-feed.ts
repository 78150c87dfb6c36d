/**
 * Loads the open resource view's list when it is shown and again when engine
 * events made it stale (no polling), and runs the remove or prune the user
 * confirmed, reporting the engine's answer item by item.
 */
import {EngineError, type Engine} from '../engine/engine.js';
import type {ResourceEngine} from '../engine/resources.js';
import type {Store} from './create-store.js';
import {pruneLabels} from './prune-plan.js';
import {watchInspect} from './inspect-feed.js';
import {shortImageId} from './resource-names.js';
import {isResourceView, type ResourceDialog, type ResourceReport, type ResourceView} from './resources-slice.js';

export type ResourcesFeedOptions = {
	/** Events come in bursts (a compose down): wait this long before reloading. */
	delayMs?: number;
};

export type ResourcesFeed = {stop(): void; /** Resolves once nothing loads or runs. */ idle(): Promise<void>};

export function startResourcesFeed(engine: Engine, store: Store, options: ResourcesFeedOptions = {}): ResourcesFeed {
	const {delayMs = 150} = options;
	const api = engine.resources;
	let loading: ResourceView | undefined;
	let timer: NodeJS.Timeout | undefined;
	let lastSeq = 0;
	const pending = new Set<Promise<unknown>>();
	let stopped = false;
	const inspect = watchInspect(api, store);

	const track = (promise: Promise<unknown>) => {
		pending.add(promise);
		void promise.finally(() => {
			pending.delete(promise);
			check();
		});
	};

	const load = (view: ResourceView) => {
		const generation = store.getState().resources.generation[view];
		loading = view;
		track(
			loadView(api, view).then(
				(data) => {
					if (!stopped) store.dispatch({type: 'resources/loaded', view, generation, ...data});
				},
				(error: unknown) => {
					if (!stopped) store.dispatch({type: 'resources/failed', view, generation, message: errorText(error)});
				},
			).finally(() => {
				loading = undefined;
			}),
		);
	};

	const run = (seq: number, dialog: ResourceDialog) => {
		lastSeq = seq;
		store.dispatch({type: 'resources/started', seq});
		track(
			runDialog(api, dialog).then((report) => {
				if (stopped) return;
				store.dispatch({type: 'resources/done', seq, report});
				store.dispatch({type: 'ui/notice', notice: {level: report.ok ? 'info' : 'error', text: report.items.length > 0 ? `${report.title}: ${report.items.join(', ')}` : report.title}});
				// Events say what changed, but a prune's report should be followed by fresh lists at once.
				store.dispatch({type: 'resources/reload'});
			}),
		);
	};

	function check() {
		if (stopped) return;
		inspect.check();
		const state = store.getState();
		const {request} = state.resources;
		if (request && request.seq > lastSeq) run(request.seq, request.dialog);
		const {view} = state.ui;
		if (!isResourceView(view) || loading || state.connection.status !== 'connected') return;
		if (state.resources.loaded[view] === state.resources.generation[view]) return;
		// First look at a view: at once; a reload after events: after a short pause, to take a burst in one go.
		if (state.resources.loaded[view] === -1) {
			load(view);
			return;
		}

		timer ??= setTimeout(() => {
			timer = undefined;
			check2();
		}, delayMs);
	}

	function check2() {
		const state = store.getState();
		const {view} = state.ui;
		if (stopped || !isResourceView(view) || loading) return;
		if (state.resources.loaded[view] !== state.resources.generation[view]) load(view);
	}

	const unsubscribe = store.subscribe(check);
	check();
	return {
		stop() {
			stopped = true;
			unsubscribe();
			inspect.stop();
			if (timer) clearTimeout(timer);
		},
		async idle() {
			while (pending.size > 0 || timer) await Promise.race([...pending, new Promise((resolve) => setTimeout(resolve, delayMs))]);
		},
	};
}

async function loadView(api: ResourceEngine | undefined, view: ResourceView) {
	if (!api) throw new Error('This engine does not list images, volumes or networks');
	switch (view) {
		case 'images':
			return {images: await api.listImages()};
		case 'volumes':
			return {volumes: await api.listVolumes()};
		case 'networks':
			return {networks: await api.listNetworks()};
		case 'disk':
			return {disk: await api.diskUsage()};
	}
}

/** Runs one confirmed remove or prune; never rejects: a refusal is a report in the engine's words. */
export async function runDialog(api: ResourceEngine | undefined, dialog: ResourceDialog): Promise<ResourceReport> {
	try {
		if (!api) throw new Error('This engine cannot remove images, volumes or networks');
		if (dialog.kind === 'prune') {
			const result = await api.prune(dialog.prune);
			const count = result.deleted.length;
			return {ok: true, title: `pruned ${pruneLabels[dialog.prune].replace(/ \(.*\)$/, '')}: ${count} removed, ${sizeText(result.spaceReclaimed)} reclaimed`, items: result.deleted.map(shortenDigest), spaceReclaimed: result.spaceReclaimed};
		}

		const {target, force} = dialog;
		switch (target.resource) {
			case 'image': {
				const removals = await api.removeImage(target.ref, {force});
				const items = removals.flatMap((removal) => [
					...(removal.untagged ? [`untagged ${shortenDigest(removal.untagged)}`] : []),
					...(removal.deleted ? [`deleted ${shortImageId(removal.deleted)}`] : []),
				]);
				return {ok: true, title: `removed image ${target.ref === target.id ? shortImageId(target.id) : target.ref}`, items};
			}

			case 'volume':
				await api.removeVolume(target.ref, {force});
				return {ok: true, title: `removed volume ${target.ref}`, items: []};
			case 'network':
				await api.removeNetwork(target.ref);
				return {ok: true, title: `removed network ${target.name}`, items: []};
		}
	} catch (error) {
		const what = dialog.kind === 'prune' ? `prune ${pruneLabels[dialog.prune]}` : `remove ${dialog.target.resource} ${dialog.target.resource === 'network' ? dialog.target.name : shortenDigest(dialog.target.ref)}`;
		return {ok: false, title: `${what} failed: ${errorText(error)}`, items: []};
	}
}

function shortenDigest(text: string): string {
	return text.replace(/sha256:([0-9a-f]{12})[0-9a-f]{52}/g, 'sha256:$1');
}

function errorText(error: unknown): string {
	if (error instanceof EngineError) return error.problem.title;
	return error instanceof Error ? error.message : String(error);
}

/** go-units HumanSize (4 significant digits), as the CLI prints SpaceReclaimed. */
export function sizeText(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
	let size = bytes;
	let index = 0;
	while (size >= 1000 && index < units.length - 1) {
		size /= 1000;
		index++;
	}

	return `${Number(size.toPrecision(4))}${units[index]}`;
}
