import {Box, Text} from 'ink';
import {useEffect, useLayoutEffect} from 'react';
import type {LogSession} from '../../store/log-session.js';
import type {LogsFeed} from '../../store/logs-feed.js';
import type {LogsUi} from '../../store/logs-ui.js';
import {layoutLogRows, type LogLayout, type LogRow} from '../log-rows.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';
import {useLogBuffer, useLogSession} from '../use-logs.js';

type Props = {
	feed: LogsFeed | undefined;
	ui: LogsUi;
	width: number;
	/** Lines the pane takes, its title included; it never draws more. */
	height: number;
};

/**
 * The logs of one container or a compose project: a title line (what, whether
 * following, how many lines, the search), then as many rows of lines as fit.
 * It re-renders on its own when lines arrive (batched by the buffer), without
 * the rest of the screen.
 */
export function LogsPane({feed, ui, width, height}: Props) {
	const session = useLogSession(feed);
	const snapshot = useLogBuffer(session);
	const rows = Math.max(0, height - 1);
	useEffect(() => {
		if (!feed) return;
		feed.viewport.rows = rows;
		feed.viewport.columns = width;
	}, [feed, rows, width]);
	// Whatever made this render (a key, a publish), the lines drawn are the newest: a pending
	// publish waits its whole interval again instead of redrawing the same screen.
	useLayoutEffect(() => {
		session?.buffer.drawn();
	});

	// While a search is typed, its matches show already.
	const shown = ui.input?.kind === 'search' ? {...ui, query: ui.input.text} : ui;
	const layout = session ? layoutLogRows({buffer: session.buffer, sources: session.sources, ui: shown, width, rows, tty: session.status().tty, project: session.target.kind === 'project'}) : undefined;
	const empty = !session ? 'Opening the logs…' : layout?.rows.length === 0 ? emptyText(session, shown) : undefined;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Title session={session} ui={shown} layout={layout} received={session && snapshot ? session.buffer.received : 0} width={width} />
			{empty === undefined ? layout?.rows.map((row, index) => <Row key={index} row={row} width={width} />) : <Text dimColor>{fit(empty, width)}</Text>}
		</Box>
	);
}

function emptyText(session: LogSession, ui: LogsUi): string {
	if (ui.filter && ui.query !== '') return `No line matches "${sanitizeText(ui.query)}" (F shows every line)`;
	const status = session.status();
	if (status.waiting) return `Waiting for the engine: ${sanitizeText(status.waiting)}`;
	return status.ended ? 'No log lines' : 'No log lines yet';
}

function Title({session, ui, layout, received, width}: {session: LogSession | undefined; ui: LogsUi; layout: LogLayout | undefined; received: number; width: number}) {
	const target = ui.target;
	const what = !target ? 'logs' : target.kind === 'container' ? `logs ${sanitizeText(target.name)}` : `logs of project ${sanitizeText(target.project)}`;
	const parts: string[] = [];
	const status = session?.status();
	if (!status) parts.push('opening');
	else if (!ui.follow) parts.push(`paused${layout && layout.below > 0 ? ` · ${layout.below.toLocaleString('en-US')} new lines (f follows)` : ''}`);
	else if (status.waiting) parts.push(`waiting: ${sanitizeText(status.waiting)}`);
	else if (status.ended) parts.push(status.total > 1 ? 'all stopped' : 'stopped');
	else parts.push(status.total > 1 ? `following ${status.following} of ${status.total}` : status.following > 0 ? 'following' : 'opening');
	const kept = layout?.count ?? 0;
	parts.push(`${received.toLocaleString('en-US')} lines${session && received > session.buffer.size ? ` (last ${session.buffer.size.toLocaleString('en-US')} kept)` : ''}`);
	if (ui.query !== '' && layout?.matches !== undefined) {
		const at = layout.matchNumber === undefined ? '' : `${layout.matchNumber}/`;
		parts.push(`/${sanitizeText(ui.query)} ${at}${layout.matches.toLocaleString('en-US')} match${layout.matches === 1 ? '' : 'es'}${ui.filter ? ` · filter (${kept.toLocaleString('en-US')} shown)` : ''}`);
	}

	const flags = [ui.timestamps ? 'time' : '', ui.wrap ? 'wrap' : ui.hscroll > 0 ? `→${ui.hscroll}` : '', ui.colors ? '' : 'no colours', ui.full ? 'full' : ''].filter(Boolean);
	if (flags.length > 0) parts.push(flags.join(' '));
	const head = `── ${what} `;
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				{fit(head, Math.min(width, head.length))}
			</Text>
			<Text dimColor>{fit(`${parts.join(' · ')} `, Math.max(0, width - head.length))}</Text>
		</Text>
	);
}

function Row({row, width}: {row: LogRow; width: number}) {
	// Markers are few and drawn across the width.
	if (row.marker) {
		return (
			<Text color="yellow" dimColor wrap="truncate">
				{fit(row.body, width)}
			</Text>
		);
	}

	// One Text per row; the marks are nested spans, the body carries its own (sanitized) colours.
	// Not padded to the width: Ink erases the rest of a changed line itself, and in a flood every
	// row is new text, which Ink measures character by character.
	return (
		<Text wrap="truncate">
			{row.gutter === '▌' ? <Text color="red">▌</Text> : row.gutter}
			{row.stamp === '' ? null : <Text dimColor>{row.stamp}</Text>}
			{row.prefix === '' ? null : <Text color={row.prefixColor}>{row.prefix}</Text>}
			{row.body}
		</Text>
	);
}
