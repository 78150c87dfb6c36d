import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {presentTense} from '../../store/action-report.js';
import type {ActionsState} from '../../store/actions-slice.js';
import type {Container} from '../../store/state.js';
import {sanitizeText} from '../sanitize.js';
import {columns, fit} from '../text-width.js';

const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
// 8 frames a second, and only while something runs: each frame is a commit of the whole app.
const frameMs = 125;

export type ActionLead = {spinning: boolean; text: string; width: number};

/** What goes before the status line: "⠋ stopping web-1 · ", "3 marked · ", or nothing. */
export function actionLead(actions: ActionsState, containers: ReadonlyMap<string, Container>, maxWidth: number): ActionLead {
	const parts: string[] = [];
	const {running} = actions;
	if (running.size > 0) {
		const kinds = new Set([...running.values()].map((entry) => entry.action));
		const [id, first] = [...running.entries()][0]!;
		if (running.size === 1) parts.push(`${presentTense(first.action)} ${sanitizeText(containers.get(id)?.name ?? id.slice(0, 12))}`);
		else if (kinds.size === 1) parts.push(`${presentTense(first.action)} ${running.size} containers`);
		else parts.push(`${running.size} actions running`);
	}

	let marked = 0;
	for (const id of actions.marked) if (containers.has(id)) marked += 1;
	if (marked > 0) parts.push(`${marked} marked`);
	if (parts.length === 0) return {spinning: false, text: '', width: 0};
	const spinning = running.size > 0;
	const room = Math.max(0, maxWidth - (spinning ? 2 : 0));
	const full = `${parts.join(' · ')} · `;
	const text = columns(full) <= room ? full : fit(full, room);
	return {spinning, text, width: (spinning ? 2 : 0) + columns(text)};
}

/** The lead of the status line, with a spinner that animates only while actions run. */
export function ActionStatus({lead}: {lead: ActionLead}) {
	const frame = useFrame(lead.spinning);
	return (
		<Text wrap="truncate">
			{lead.spinning ? <Text color="cyan">{`${frames[frame % frames.length]} `}</Text> : null}
			<Text color="cyan">{lead.text}</Text>
		</Text>
	);
}

function useFrame(active: boolean): number {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setFrame((value) => value + 1), frameMs);
		return () => clearInterval(timer);
	}, [active]);
	return frame;
}
