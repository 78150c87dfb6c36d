/**
 * The images, volumes, networks and disk usage views (3-6): what was last listed,
 * which list is stale (engine events bump a generation; resources-feed.ts reloads
 * the open view's list when its generation moves), the cursors, and the remove and
 * prune dialogs with the one request the feed runs. Pure.
 */
import type {DiskUsage, ImageSummary, NetworkSummary, PruneKind, PruneResult, VolumeSummary} from '../engine/resources.js';
import type {EngineEvent} from '../engine/engine.js';
import {inspectReducer, isInspectAction, type InspectAction, type InspectState} from './inspect-slice.js';

export {inspectTabs, type InspectState, type InspectTab} from './inspect-slice.js';

export type ResourceView = 'images' | 'volumes' | 'networks' | 'disk';

export const resourceViews: readonly ResourceView[] = ['images', 'volumes', 'networks', 'disk'];

export function isResourceView(view: string): view is ResourceView {
	return (resourceViews as readonly string[]).includes(view);
}

/** f in the images view: every image, dangling ones, the ones containers use, the ones none uses. */
export type ImageFilter = 'all' | 'dangling' | 'inUse' | 'unused';

export const imageFilters: readonly ImageFilter[] = ['all', 'dangling', 'inUse', 'unused'];

export type RemoveTarget =
	/** ref: a repo:tag (untags it; deletes the image with its last tag) or the image id. */
	| {resource: 'image'; ref: string; id: string; otherTags: number}
	| {resource: 'volume'; ref: string}
	| {resource: 'network'; ref: string; name: string};

export type ResourceDialog =
	| {kind: 'remove'; target: RemoveTarget; force: boolean}
	/** The dry run: what the prune would remove, computed from the lists (prune-plan.ts). */
	| {kind: 'prune'; prune: PruneKind; items: string[]; bytes: number};

export type ResourceRequest = {seq: number; dialog: ResourceDialog};

/** What the last remove or prune did, item by item, shown above the list. */
export type ResourceReport = {ok: boolean; title: string; items: string[]; /** A prune's SpaceReclaimed, as the engine said. */ spaceReclaimed?: number};

export type ResourcesState = {
	images?: ImageSummary[];
	volumes?: VolumeSummary[];
	networks?: NetworkSummary[];
	disk?: DiskUsage;
	/** Why the last load of a view failed, in the engine's words. */
	errors: Partial<Record<ResourceView, string>>;
	/** Bumped by engine events that change a view's list. */
	generation: Record<ResourceView, number>;
	/** The generation each view's list was loaded at (-1: never). */
	loaded: Record<ResourceView, number>;
	cursor: Record<ResourceView, number>;
	imageFilter: ImageFilter;
	/** `/` in views 3-5: what was typed, per view (docker's --filter terms such as label=k=v, and words). */
	query: Partial<Record<ResourceView, string>>;
	/** The view whose filter is being typed (the resourcesInput scope has the keys). */
	editing?: ResourceView;
	/** Enter in views 3-5: the view showing its selected row's details instead of the list. */
	details?: ResourceView;
	/** v in the disk usage view: every image, container, volume and build cache record (docker system df -v). */
	diskVerbose: boolean;
	dialog?: ResourceDialog;
	/** Confirmed, waiting for or running in the feed. */
	request?: ResourceRequest;
	running: boolean;
	report?: ResourceReport;
	nextSeq: number;
	/** I in the containers view: the selected container's detail tabs (inspect-slice.ts, inspect-feed.ts). */
	inspect?: InspectState;
};

export type ResourcesAction =
	| {type: 'resources/loaded'; view: ResourceView; generation: number; images?: ImageSummary[]; volumes?: VolumeSummary[]; networks?: NetworkSummary[]; disk?: DiskUsage}
	| {type: 'resources/failed'; view: ResourceView; generation: number; message: string}
	| {type: 'resources/reload'}
	| {type: 'resources/move'; view: ResourceView; by: number; count: number}
	| {type: 'resources/moveTo'; view: ResourceView; index: number; count: number}
	| {type: 'resources/imageFilter'}
	| {type: 'resources/queryStart'; view: ResourceView}
	| {type: 'resources/querySet'; text: string}
	| {type: 'resources/queryEnd'; keep: boolean}
	| {type: 'resources/queryClear'; view: ResourceView}
	| {type: 'resources/details'; view?: ResourceView}
	| {type: 'resources/diskVerbose'}
	| {type: 'resources/dialog'; dialog?: ResourceDialog}
	| {type: 'resources/toggleForce'}
	| {type: 'resources/confirm'}
	| {type: 'resources/started'; seq: number}
	| {type: 'resources/done'; seq: number; report: ResourceReport}
	| InspectAction;

const perView = <T>(value: T): Record<ResourceView, T> => ({images: value, volumes: value, networks: value, disk: value});

export function initialResources(): ResourcesState {
	return {errors: {}, generation: perView(0), loaded: perView(-1), cursor: perView(0), imageFilter: 'all', query: {}, diskVerbose: false, running: false, nextSeq: 1};
}

export function isResourcesAction(action: {type: string}): action is ResourcesAction {
	return action.type.startsWith('resources/');
}

/** Engine events that change what a view lists (container create/destroy/start/die change use counts and sizes). */
export function staleViews(event: EngineEvent): readonly ResourceView[] {
	switch (event.type) {
		case 'image':
			return ['images', 'disk'];
		case 'volume':
			return ['volumes', 'disk'];
		case 'network':
			return ['networks'];
		case 'builder':
			return ['disk'];
		case 'container':
			return ['create', 'destroy', 'start', 'die'].includes(event.action) ? resourceViews : [];
		default:
			return [];
	}
}

/** Marks views stale (events, a reconnect). */
export function bumpResources(state: ResourcesState, views: readonly ResourceView[]): ResourcesState {
	if (views.length === 0) return state;
	const generation = {...state.generation};
	for (const view of views) generation[view] += 1;
	return {...state, generation};
}

/** `readOnly`: no dialog opens and nothing is confirmed (the keymap refuses first; this keeps other paths shut). */
export function resourcesReducer(state: ResourcesState, action: ResourcesAction, readOnly: boolean): ResourcesState {
	if (isInspectAction(action)) {
		const inspect = inspectReducer(state.inspect, action);
		if (inspect === state.inspect) return state;
		if (inspect) return {...state, inspect};
		const {inspect: _, ...rest} = state;
		return rest;
	}

	switch (action.type) {
		case 'resources/loaded': {
			const {view, generation, type: _, ...data} = action;
			const {[view]: _error, ...errors} = state.errors;
			return {...state, ...data, errors, loaded: {...state.loaded, [view]: generation}};
		}

		case 'resources/failed':
			return {...state, errors: {...state.errors, [action.view]: action.message}, loaded: {...state.loaded, [action.view]: action.generation}};

		case 'resources/reload':
			return bumpResources(state, resourceViews);

		case 'resources/move':
			return moveCursor(state, action.view, state.cursor[action.view] + action.by, action.count);

		case 'resources/moveTo':
			return moveCursor(state, action.view, action.index < 0 ? action.count + action.index : action.index, action.count);

		case 'resources/imageFilter': {
			const imageFilter = imageFilters[(imageFilters.indexOf(state.imageFilter) + 1) % imageFilters.length] ?? 'all';
			return {...state, imageFilter, cursor: {...state.cursor, images: 0}};
		}

		case 'resources/queryStart':
			// The filter kept so far is edited, as the containers view's.
			return {...state, editing: action.view, cursor: {...state.cursor, [action.view]: 0}};

		case 'resources/querySet':
			return state.editing ? {...state, query: {...state.query, [state.editing]: action.text}, cursor: {...state.cursor, [state.editing]: 0}} : state;

		case 'resources/queryEnd': {
			if (!state.editing) return state;
			const {editing, ...rest} = state;
			return action.keep ? rest : {...rest, query: {...state.query, [editing]: ''}};
		}

		case 'resources/queryClear':
			return {...state, query: {...state.query, [action.view]: ''}, cursor: {...state.cursor, [action.view]: 0}};

		case 'resources/details': {
			if (action.view) return {...state, details: action.view};
			const {details: _, ...rest} = state;
			return rest;
		}

		case 'resources/diskVerbose':
			return {...state, diskVerbose: !state.diskVerbose, cursor: {...state.cursor, disk: 0}};

		case 'resources/dialog': {
			if (!action.dialog) return withoutDialog(state);
			return readOnly ? state : {...state, dialog: action.dialog};
		}

		case 'resources/toggleForce': {
			const {dialog} = state;
			if (dialog?.kind !== 'remove' || dialog.target.resource === 'network') return state;
			return {...state, dialog: {...dialog, force: !dialog.force}};
		}

		case 'resources/confirm': {
			const {dialog} = state;
			if (!dialog || readOnly || state.request) return withoutDialog(state);
			return {...withoutDialog(state), request: {seq: state.nextSeq, dialog}, nextSeq: state.nextSeq + 1};
		}

		case 'resources/started':
			return state.request?.seq === action.seq ? {...state, running: true} : state;

		case 'resources/done': {
			if (state.request?.seq !== action.seq) return state;
			const {request: _, ...rest} = state;
			return {...rest, running: false, report: action.report};
		}
	}
}

function moveCursor(state: ResourcesState, view: ResourceView, index: number, count: number): ResourcesState {
	const cursor = Math.max(0, Math.min(index, count - 1));
	return cursor === state.cursor[view] ? state : {...state, cursor: {...state.cursor, [view]: cursor}};
}

function withoutDialog(state: ResourcesState): ResourcesState {
	if (!state.dialog) return state;
	const {dialog: _, ...rest} = state;
	return rest;
}

export type {PruneKind, PruneResult};
