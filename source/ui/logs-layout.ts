import type {LogsUi} from '../store/logs-ui.js';
import type {UiState} from '../store/state.js';

/** Where the logs go on the screen, when they show. */
export type LogsPlacement = {
	ui: LogsUi;
	full: boolean;
	/** Container rows the table keeps above the logs (below its column titles). */
	tableRows: number;
	/** Lines of the logs pane, its title included. */
	height: number;
};

/** Share of the body the table keeps in the split: the logs get the rest. */
const tableShare = 0.4;

/**
 * The logs pane's place in the body (what is between the header and the
 * status line: `bodyRows` = the table's rows + its title line), from the
 * terminal's rows so the frame is never taller than the terminal: full screen
 * takes all of it, the split leaves the table ~40 % (at least one row).
 */
export function placeLogs(ui: UiState, bodyRows: number): LogsPlacement | undefined {
	const logs = ui.logs;
	if (!logs?.open || ui.overlay !== 'none' || ui.view !== 'containers') return undefined;
	if (logs.full) return {ui: logs, full: true, tableRows: 0, height: bodyRows};
	// Table title + its rows, then the logs title + its rows.
	const tableRows = Math.max(1, Math.floor((bodyRows - 2) * tableShare));
	return {ui: logs, full: false, tableRows, height: Math.max(2, bodyRows - 1 - tableRows)};
}
