import {Box, Text, useWindowSize} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import {bindings} from '../keymap/bindings.js';
import {activeScope} from '../keymap/match.js';
import {useKeymap} from '../keymap/use-keymap.js';
import type {Store} from '../store/create-store.js';
import {selectContainerView} from '../store/selectors.js';
import {layoutColumns} from './columns.js';
import {contentWidths} from './container-cells.js';
import {Header} from './components/header.js';
import {HelpBar} from './components/help-bar.js';
import {HelpScreen} from './components/help-screen.js';
import {ProblemScreen} from './components/problem-screen.js';
import {StatusLine} from './components/status-line.js';
import {fit} from './format.js';
import {ContainersPane} from './panes/containers-pane.js';
import {StoreContext, useStoreState} from './use-store.js';

export const minimumSize = {columns: 60, rows: 15};

type Props = {store: Store; endpointLabel: string; quit: () => void};

/** berth's screen. Reads the store, renders, and sends keys to the keymap. */
export function App(props: Props) {
	return (
		<StoreContext.Provider value={props.store}>
			<Screen {...props} />
		</StoreContext.Provider>
	);
}

function Screen({store, endpointLabel, quit}: Props) {
	const state = useStoreState();
	const {columns: width, rows: height} = useWindowSize();
	const nowMs = useClock(state.connection.status === 'reconnecting' ? 1000 : 30_000);
	const view = useMemo(() => selectContainerView(state.containers, state.ui), [state.containers, state.ui]);
	// Header 2 + column titles 1 + status 1 + help bar 1.
	const tableHeight = Math.max(1, height - 5);
	useKeymap(store, view, tableHeight, quit);
	const content = useMemo(() => contentWidths(state.containers.values()), [state.containers]);
	const columns = useMemo(() => layoutColumns(width, content, {project: (content.project ?? 0) > 0}), [width, content]);

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
				<HelpScreen table={bindings} width={width} height={height - 4} />
			) : (
				<ContainersPane
					view={view}
					columns={columns}
					height={tableHeight}
					width={width}
					nowMs={nowMs}
					dim={state.connection.status !== 'connected'}
					emptyText={emptyText(state.connection.status, state.ui.filter, state.ui.showAll)}
				/>
			)}
			<StatusLine ui={state.ui} width={width} count={view.ids.length} total={state.containers.size} />
			<HelpBar table={bindings} scope={scope} width={width} />
		</Box>
	);
}

function emptyText(status: string, filter: string, showAll: boolean): string {
	if (status === 'connecting') return 'Connecting to the engine…';
	if (filter !== '') return `No container matches "${filter}" (Esc clears the filter)`;
	return showAll ? 'No containers on this engine' : 'No running containers (a shows all)';
}

/** The time, refreshed every `ms`: for relative times ("2 minutes ago") and countdowns. */
function useClock(ms: number): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), ms);
		return () => clearInterval(timer);
	}, [ms]);
	return now;
}
