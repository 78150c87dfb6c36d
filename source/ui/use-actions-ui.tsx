import {useMemo, type ReactNode} from 'react';
import {bindings, type Binding} from '../keymap/bindings.js';
import {shownBindings} from '../keymap/shown-bindings.js';
import type {State} from '../store/state.js';
import {actionLead, type ActionLead} from './components/action-status.js';
import {ConfirmDialog, confirmDialogHeight} from './components/confirm-dialog.js';
import {SignalPicker, signalPickerHeight} from './components/signal-picker.js';

/** Terminal columns the marker column takes, with its gap: "●↻ ". */
const markerWidth = 3;

export type ActionsUi = {
	/**
	 * For the containers pane: "●" marked, "↻" an action in flight. Only while
	 * something is marked or running, so the everyday table keeps its columns.
	 */
	markers: {width: number; of(id: string): string} | undefined;
	/** Terminal columns the marker column takes from the table (0 without it). */
	markerColumns: number;
	/** What help shows: without mutating keys in read-only mode. */
	table: readonly Binding[];
	/** Lines the open dialog takes from the bottom of the table (0 when none). */
	dialogLines: number;
	dialog: ReactNode;
	lead: ActionLead;
};

/** What the screen needs from the actions slice, laid out for `width` and a table of `tableHeight` rows. */
export function useActionsUi(state: State, width: number, tableHeight: number): ActionsUi {
	const {actions, containers} = state;
	const {marked, running, settings} = actions;
	const markers = useMemo(
		() =>
			marked.size === 0 && running.size === 0
				? undefined
				: {width: markerWidth - 1, of: (id: string) => (marked.has(id) ? '●' : ' ') + (running.has(id) ? '↻' : ' ')},
		[marked, running],
	);
	const markerColumns = markers ? markerWidth : 0;
	const table = useMemo(() => shownBindings(bindings, settings.readOnly), [settings.readOnly]);
	const lead = actionLead(actions, containers, Math.floor(width / 2));
	const open = state.ui.overlay === 'help' ? undefined : actions.dialog;
	// The dialog replaces table rows; at least one row stays (the frame never grows).
	const room = Math.max(0, tableHeight - 1);
	const base = {markers, markerColumns, table, lead};
	if (!open || room < 3) return {...base, dialogLines: 0, dialog: null};
	if (open.kind === 'signal') {
		const lines = Math.min(room, signalPickerHeight(room));
		return {...base, dialogLines: lines, dialog: <SignalPicker dialog={open} width={width} height={lines} />};
	}

	const lines = Math.min(room, confirmDialogHeight);
	const dialog = <ConfirmDialog dialog={open} width={width} stopTimeoutSeconds={settings.stopTimeoutSeconds} containers={containers} />;
	return {...base, dialogLines: lines, dialog};
}
