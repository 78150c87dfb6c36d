/**
 * What the container-action keys do. Each only dispatches: a dialog opens, or a
 * request is queued for the runner (run-actions.ts), so no key ever waits on
 * the engine.
 */
import {killSignals, type ActionRequest, type ConfirmedAction, type Target} from '../store/actions-slice.js';
import {currentIndex} from '../store/reducer.js';
import type {ContainerView} from '../store/selectors.js';
import type {State} from '../store/state.js';
import type {KeyContext} from './bindings.js';

/**
 * The selected container now. Keys that arrive in one chunk share one view, so
 * after a j in the same chunk view.selected is stale; the cursor in the state is not.
 */
export function selectedId(state: State, view: ContainerView): string | undefined {
	return view.ids[currentIndex(state.ui, view.ids)];
}

/** The containers an action applies to: the marked ones (screen order first), else the selected one. */
export function actionTargets(state: State, view: ContainerView): Target[] {
	const {marked} = state.actions;
	const target = (id: string): Target => ({id, name: state.containers.get(id)?.name ?? id.slice(0, 12)});
	if (marked.size === 0) {
		const id = selectedId(state, view);
		return id === undefined ? [] : [target(id)];
	}

	const shown = view.ids.filter((id) => marked.has(id));
	// Marked rows a filter hides still count: the dialog names them.
	const hidden = [...marked].filter((id) => state.containers.has(id) && !shown.includes(id));
	hidden.sort((a, b) => target(a).name.localeCompare(target(b).name));
	return [...shown, ...hidden].map(target);
}

function targetsOrSay(c: KeyContext): Target[] {
	const targets = actionTargets(c.store.getState(), c.view);
	if (targets.length === 0) c.store.dispatch({type: 'ui/notice', notice: {level: 'warn', text: 'No container selected'}});
	return targets;
}

function request(c: KeyContext, request: Omit<ActionRequest, 'seq'>): void {
	c.store.dispatch({type: 'actions/request', request});
}

/** stop, restart: a dialog, unless --yes; remove: always a dialog (it has options, and is not undone). */
export const askFor = (action: ConfirmedAction) => (c: KeyContext) => {
	const targets = targetsOrSay(c);
	if (targets.length === 0) return;
	if (action !== 'remove' && !c.store.getState().actions.settings.confirm) {
		request(c, {action, targets});
		return;
	}

	c.store.dispatch({type: 'actions/dialog', dialog: {kind: 'confirm', action, targets, force: false, removeVolumes: false}});
};

export function startTargets(c: KeyContext): void {
	const targets = targetsOrSay(c);
	if (targets.length > 0) request(c, {action: 'start', targets});
}

/** One key for both: unpause when every target is paused, else pause the ones that are not. */
export function togglePause(c: KeyContext): void {
	const targets = targetsOrSay(c);
	if (targets.length === 0) return;
	const {containers} = c.store.getState();
	const paused = (target: Target) => containers.get(target.id)?.state === 'paused';
	if (targets.every(paused)) request(c, {action: 'unpause', targets});
	else request(c, {action: 'pause', targets: targets.filter((target) => !paused(target))});
}

export function openKill(c: KeyContext): void {
	const targets = targetsOrSay(c);
	if (targets.length > 0) c.store.dispatch({type: 'actions/dialog', dialog: {kind: 'signal', targets, cursor: 0}});
}

/** y/Enter in a confirmation dialog. */
export function confirmDialog(c: KeyContext): void {
	const {dialog} = c.store.getState().actions;
	if (dialog?.kind !== 'confirm') return;
	const {action, targets} = dialog;
	if (action === 'remove') request(c, {action, targets, force: dialog.force, removeVolumes: dialog.removeVolumes});
	else request(c, {action, targets});
}

/** Enter in the signal picker. */
export function sendSignal(c: KeyContext): void {
	const {dialog} = c.store.getState().actions;
	if (dialog?.kind !== 'signal') return;
	request(c, {action: 'kill', targets: dialog.targets, signal: killSignals[dialog.cursor] ?? 'SIGKILL'});
}

export function closeDialog(c: KeyContext): void {
	c.store.dispatch({type: 'actions/dialog'});
}

export function toggleMark(c: KeyContext): void {
	const id = selectedId(c.store.getState(), c.view);
	if (id !== undefined) c.store.dispatch({type: 'actions/mark', id});
}

export function markAllVisible(c: KeyContext): void {
	c.store.dispatch({type: 'actions/markAll', ids: c.view.ids});
}
