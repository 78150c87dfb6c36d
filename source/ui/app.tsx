import {Box, Text, useWindowSize} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import {activeScope} from '../keymap/match.js';
import {useKeymap} from '../keymap/use-keymap.js';
import type {Store} from '../store/create-store.js';
import type {Container, UiState} from '../store/state.js';
import {selectContainerView, type ContainerView} from '../store/selectors.js';
import {layoutColumns} from './columns.js';
import {contentWidths} from './container-cells.js';
import {Header} from './components/header.js';
import {HelpBar} from './components/help-bar.js';
import {HelpScreen} from './components/help-screen.js';
import {ProblemScreen} from './components/problem-screen.js';
import {StatusLine} from './components/status-line.js';
import {CommandPrompt} from './components/command-prompt.js';
import {useShell, type SessionOptions} from './use-shell.js';
import {ActionStatus} from './components/action-status.js';
import {useActionsUi} from './use-actions-ui.js';
import {fit} from './text-width.js';
import {sanitizeText} from './sanitize.js';
import {ContainersPane} from './panes/containers-pane.js';
import {DetailsPane} from './panes/details-pane.js';
import {EventsPane} from './panes/events-pane.js';
import {EventsStatus} from './components/events-status.js';
import {ResourcesPane} from './panes/resources-pane.js';
import {InspectPane} from './panes/inspect-pane.js';
import {ResourceDialog, resourceDialogHeight} from './components/resource-dialog.js';
import {ResourcesStatus} from './components/resources-status.js';
import {isResourceView} from '../store/resources-slice.js';
import {StoreContext} from './use-store.js';
import {useScreenState} from './use-screen-state.js';
import type {LogsFeed} from '../store/logs-feed.js';
import {placeLogs} from './logs-layout.js';
import {LogsPane} from './panes/logs-pane.js';
import {LogsPrompt} from './components/logs-prompt.js';

export const minimumSize = {columns: 60, rows: 15};

type Props = {store: Store; endpointLabel: string; quit: () => void; /** e, E, A: exec and attach (main.tsx gives the engine). */ sessions?: SessionOptions; /** l, L, O: the logs views' lines (main.tsx starts the feed). */ logs?: LogsFeed; /** Ctrl-L: draw the whole screen again (mount.tsx). */ redraw?: () => void};

export type AppProps = Props;

/** berth's screen. Reads the store, renders, and sends keys to the keymap. */
export function App(props: Props) {
	return (
		<StoreContext.Provider value={props.store}>
			<Screen {...props} />
		</StoreContext.Provider>
	);
}

function Screen({store, endpointLabel, quit, sessions, logs, redraw}: Props) {
	// Not a re-render for stats that print the same (use-screen-state.ts).
	const state = useScreenState();
	const {columns: width, rows: height} = useWindowSize();
	const nowMs = useClock(state.connection.status === 'reconnecting' || hasFreshStatus(state.containers) ? 1000 : 30_000);
	// Re-sorted on every stats tick only while sorting by a live figure.
	const sortStats = state.ui.sort === 'cpu' || state.ui.sort === 'memory' ? state.stats.current : undefined;
	const view = useMemo(() => selectContainerView(state.containers, state.ui, sortStats), [state.containers, state.ui, sortStats]);
	useCursorFollowsSelection(store, view, state.ui);
	// Header 2 + column titles 1 + status 1 + help bar 1.
	const tableHeight = Math.max(1, height - 5);
	useKeymap(store, view, tableHeight, quit, logs, redraw);
	// The logs split takes rows from the table; full screen, the whole body.
	const logsPlace = placeLogs(state.ui, tableHeight + 1);
	useShell(store, sessions);
	const actionsUi = useActionsUi(state, width, tableHeight);
	const content = useMemo(() => contentWidths(state.containers.values()), [state.containers]);
	const columns = useMemo(() => layoutColumns(width - actionsUi.markerColumns, content, {project: (content.project ?? 0) > 0}), [width, content, actionsUi.markerColumns]);

	if (width < minimumSize.columns || height < minimumSize.rows) {
		return (
			<Box width={width} height={height} flexDirection="column">
				<Text wrap="truncate">{fit('Terminal too small for berth', width)}</Text>
				<Text wrap="truncate">{fit(`${width}x${height}, needs ${minimumSize.columns}x${minimumSize.rows}`, width)}</Text>
				<Text wrap="truncate" dimColor>{fit('q quits', width)}</Text>
			</Box>
		);
	}

	const scope = activeScope(state);
	if (!state.everConnected && state.connection.status === 'reconnecting') {
		const seconds = Math.max(0, Math.ceil((state.connection.retryAt - nowMs) / 1000));
		const retry = `Retrying ${seconds > 0 ? `in ${seconds}s` : 'now'} (attempt ${state.connection.attempt}). q quits.`;
		return <ProblemScreen problem={state.connection.problem} width={width} height={height} retry={retry} />;
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header state={state} width={width} endpointLabel={endpointLabel} nowMs={nowMs} />
			{state.ui.overlay === 'help' ? (
				<HelpScreen table={actionsUi.table} width={width} height={height - 4} offset={state.ui.helpOffset} />
			) : isResourceView(state.ui.view) ? (
				<ResourcesPane
					view={state.ui.view}
					resources={state.resources}
					height={tableHeight + 1 - (state.resources.dialog ? resourceDialogHeight : 0)}
					width={width}
					nowMs={nowMs}
					dim={state.connection.status !== 'connected'}
				/>
			) : state.ui.view === 'events' ? (
				<EventsPane
					events={state.events}
					containers={state.containers}
					height={tableHeight + 1 - actionsUi.dialogLines}
					width={width}
					nowMs={nowMs}
					dim={state.connection.status !== 'connected'}
				/>
			) : state.resources.inspect ? (
				<InspectPane inspect={state.resources.inspect} height={tableHeight + 1 - actionsUi.dialogLines} width={width} />
			) : state.ui.overlay === 'details' ? (
				<DetailsPane
					container={view.selected}
					figures={view.selected && state.stats.current.get(view.selected.id)}
					history={view.selected && state.stats.history.get(view.selected.id)}
					hostMemory={state.engine?.memoryBytes ?? 0}
					width={width}
					height={tableHeight + 1 - actionsUi.dialogLines}
				/>
			) : logsPlace?.full ? (
				<LogsPane feed={logs} ui={logsPlace.ui} width={width} height={logsPlace.height} />
			) : (
				<>
				<ContainersPane
					view={view}
					columns={columns}
					height={(logsPlace ? logsPlace.tableRows : tableHeight) - actionsUi.dialogLines}
					markers={actionsUi.markers}
					width={width}
					nowMs={nowMs}
					dim={state.connection.status !== 'connected'}
					emptyText={emptyText(state.connection.status, state.ui.filter, state.ui.showAll, state.ui.editingFilter)}
					stats={state.stats.current}
				/>
				{logsPlace ? <LogsPane feed={logs} ui={logsPlace.ui} width={width} height={logsPlace.height} /> : null}
				</>
			)}
			{state.ui.overlay === 'help' ? null : actionsUi.dialog}
			{state.ui.overlay !== 'help' && state.resources.dialog && isResourceView(state.ui.view) ? <ResourceDialog dialog={state.resources.dialog} width={width} /> : null}
			<Box width={width} height={1}>
				{actionsUi.lead.width > 0 ? <ActionStatus lead={actionsUi.lead} /> : null}
				{state.shell.prompt ? (
					<CommandPrompt prompt={state.shell.prompt} width={width - actionsUi.lead.width} />
				) : logsPlace?.ui.input ? (
					<LogsPrompt input={logsPlace.ui.input} width={width - actionsUi.lead.width} />
				) : isResourceView(state.ui.view) ? (
					<ResourcesStatus notice={state.ui.notice} width={width - actionsUi.lead.width} />
				) : state.ui.view === 'events' ? (
					<EventsStatus events={state.events} notice={state.ui.notice} width={width - actionsUi.lead.width} nowMs={nowMs} />
				) : (
					<StatusLine ui={state.ui} width={width - actionsUi.lead.width} count={view.ids.length} total={state.containers.size} />
				)}
			</Box>
			<HelpBar table={actionsUi.table} scope={scope} width={width} />
		</Box>
	);
}

function emptyText(status: string, filter: string, showAll: boolean, editing: boolean): string {
	if (status === 'connecting') return 'Connecting to the engine…';
	if (filter !== '') return `No container matches "${sanitizeText(filter)}" (${editing ? 'Esc' : '/ then Esc'} clears the filter)`;
	return showAll ? 'No containers on this engine' : 'No running containers (a shows all)';
}

/** The time, refreshed every `ms`: for relative times ("2 minutes ago") and countdowns. */
function useClock(ms: number): number {
	const [, setTick] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setTick((tick) => tick + 1), ms);
		return () => clearInterval(timer);
	}, [ms]);
	// The time of this render, not of the last tick: a render caused by new data must not show it as younger than it is.
	return Date.now();
}

/**
 * Keeps the remembered cursor row in step with where the selected container is
 * drawn (events and re-sorts move it), so that when it goes away the cursor
 * stays on the same row rather than jumping back to an old one.
 */
function useCursorFollowsSelection(store: Store, view: ContainerView, ui: UiState): void {
	useEffect(() => {
		// Effects can run late: if a key moved the selection since this render, let the next render decide.
		if (store.getState().ui !== ui) return;
		const shownId = view.ids[view.cursor];
		if (shownId !== undefined && (shownId !== ui.selectedId || view.cursor !== ui.cursor)) {
			store.dispatch({type: 'ui/select', id: shownId, visibleIds: view.ids});
		}
	}, [store, view, ui]);
}

/** A status younger than a minute reads in seconds ("Up 12 seconds"): the clock must tick every second then. */
function hasFreshStatus(containers: ReadonlyMap<string, Container>): boolean {
	const now = Date.now();
	for (const container of containers.values()) {
		if (container.statusSinceMs !== undefined && now - container.statusSinceMs < 60_000) return true;
	}

	return false;
}
