import {Box, Text} from 'ink';
import type {ActionDialog} from '../../store/actions-slice.js';
import type {Container} from '../../store/state.js';
import {targetNames} from '../target-names.js';
import {fit} from '../text-width.js';

type ConfirmDialogState = Extract<ActionDialog, {kind: 'confirm'}>;

/** Lines the dialog takes: a border around a question, what it will do, and the keys. */
export const confirmDialogHeight = 5;

const verbs = {stop: 'Stop', restart: 'Restart', remove: 'Remove'} as const;

/**
 * Asks before stop, restart and remove, naming the containers. Drawn in place
 * of the last table rows: it never makes the frame taller.
 */
export function ConfirmDialog({
	dialog,
	width,
	stopTimeoutSeconds,
	containers,
}: {
	dialog: ConfirmDialogState;
	width: number;
	stopTimeoutSeconds: number;
	containers: ReadonlyMap<string, Container>;
}) {
	const inner = Math.max(1, width - 4);
	const {action, targets} = dialog;
	const count = targets.length;
	const head = `${verbs[action]} ${count === 1 ? '' : `${count} containers: `}`;
	const names = targetNames(targets, Math.max(8, inner - head.length - 1));
	const running = targets.filter((target) => {
		const state = containers.get(target.id)?.state;
		return state === 'running' || state === 'paused' || state === 'restarting';
	}).length;
	const detail = (() => {
		switch (action) {
			case 'stop':
				return `SIGTERM, then SIGKILL after ${stopTimeoutSeconds} s if ${count === 1 ? 'it is' : 'they are'} still running`;
			case 'restart':
				return `Stop (SIGKILL after ${stopTimeoutSeconds} s), then start again`;
			case 'remove': {
				const box = (on: boolean) => (on ? '[x]' : '[ ]');
				const runningNote = running === 0 ? '' : count === 1 ? ', it is running' : `, ${running} running`;
				return `${box(dialog.force)} f force${runningNote}   ${box(dialog.removeVolumes)} v anonymous volumes too`;
			}
		}
	})();
	return (
		<Box borderStyle="round" borderColor={action === 'remove' ? 'red' : 'yellow'} flexDirection="column" paddingX={1} width={width} height={confirmDialogHeight}>
			<Text wrap="truncate">
				<Text bold>{head}</Text>
				{fit(`${names}?`, Math.max(0, inner - head.length))}
			</Text>
			<Text wrap="truncate">{fit(detail, inner)}</Text>
			<Text wrap="truncate" dimColor>
				{fit(`y/Enter ${action}   n/Esc cancel`, inner)}
			</Text>
		</Box>
	);
}
