import {Text, Box} from 'ink';
import type {State} from '../../store/state.js';
import {countByState} from '../../store/selectors.js';
import {sanitizeText} from '../sanitize.js';
import {statsTotalsText} from '../stats-totals.js';
import {fit} from '../text-width.js';

const stateOrder = ['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'];

/** Two lines: where berth is connected and to what; the connection state, counts and stats totals. */
export function Header({state, width, endpointLabel, nowMs}: {state: State; width: number; endpointLabel: string; nowMs: number}) {
	const {engine, connection} = state;
	const where = engine
		? `${sanitizeText(engine.hostName)} · ${sanitizeText(engine.product)} ${sanitizeText(engine.engineVersion)} · API ${sanitizeText(engine.apiVersion)}`
		: 'connecting…';
	const counts = countByState(state);
	const summary = stateOrder
		.filter((key) => (counts[key] ?? 0) > 0)
		.map((key) => `${counts[key]} ${key}`)
		.join(' · ');
	const badge = fit(badgeText(state, nowMs), width);
	const mode = state.actions.settings.readOnly ? ' read-only' : '';
	// Events needing attention (non-zero exit, OOM, kill, unhealthy) not seen yet: the events view (2) clears it.
	const attention = state.events.unseen > 0 ? ` ⚠ ${state.events.unseen} new event${state.events.unseen === 1 ? '' : 's'} ·` : '';
	const totals = statsTotalsText(state);
	// Last on the line: the totals change every tick, the rest seldom.
	const rest = ` ${summary === '' ? 'no containers' : summary}${connection.status === 'connected' ? '' : ' (as last seen)'}${totals === '' ? '' : ` │ ${totals}`}`;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold color="cyan">
					berth
				</Text>
				{fit(` ${where} · ${endpointLabel}`, width - 5)}
			</Text>
			<Text wrap="truncate">
				<Text color={connection.status === 'connected' ? 'green' : 'yellow'}>{badge.trimEnd()}</Text>
				{mode === '' ? null : (
					<Text bold color="magenta">
						{mode}
					</Text>
				)}
				{attention === '' ? null : (
					<Text bold color="red">
						{attention}
					</Text>
				)}
				{fit(rest, Math.max(0, width - badge.trimEnd().length - mode.length - attention.length))}
			</Text>
		</Box>
	);
}

/** What the connection is doing, in a few words. */
export function badgeText(state: State, nowMs: number): string {
	const {connection} = state;
	switch (connection.status) {
		case 'connected':
			return '● live';
		case 'connecting':
			return '◌ connecting';
		case 'reconnecting': {
			const seconds = Math.max(0, Math.ceil((connection.retryAt - nowMs) / 1000));
			const when = seconds > 0 ? `retry in ${seconds}s` : 'retrying';
			return `◌ reconnecting (attempt ${connection.attempt}, ${when}): ${sanitizeText(connection.problem.title)}`;
		}
	}
}
