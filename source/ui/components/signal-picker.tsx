import {Box, Text} from 'ink';
import {killSignals, type ActionDialog} from '../../store/actions-slice.js';
import {targetNames} from '../target-names.js';
import {windowStart} from '../panes/containers-pane.js';
import {fit} from '../text-width.js';

type SignalDialog = Extract<ActionDialog, {kind: 'signal'}>;

const meaning: Record<(typeof killSignals)[number], string> = {
	SIGKILL: 'end it at once; cannot be caught',
	SIGTERM: 'ask it to terminate',
	SIGINT: 'interrupt, as Ctrl-C does',
	SIGHUP: 'hang up; many daemons reload their configuration',
	SIGQUIT: 'quit, often with a core or thread dump',
	SIGUSR1: 'user-defined signal 1',
	SIGUSR2: 'user-defined signal 2',
};

/** Lines the picker wants: border, title, every signal, the keys; cut to what `available` allows. */
export function signalPickerHeight(available: number): number {
	return Math.max(5, Math.min(killSignals.length + 4, available));
}

/** The kill signal picker: j/k choose, Enter sends. Shows a window of the list when short of lines. */
export function SignalPicker({dialog, width, height}: {dialog: SignalDialog; width: number; height: number}) {
	const inner = Math.max(1, width - 4);
	const rows = Math.max(1, height - 4);
	const start = windowStart(dialog.cursor, killSignals.length, rows);
	const count = dialog.targets.length;
	const head = `Send a signal to ${count === 1 ? '' : `${count} containers: `}`;
	return (
		<Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1} width={width} height={height}>
			<Text wrap="truncate">
				<Text bold>{head}</Text>
				{fit(targetNames(dialog.targets, Math.max(8, inner - head.length)), Math.max(0, inner - head.length))}
			</Text>
			{killSignals.slice(start, start + rows).map((signal, index) => {
				const selected = start + index === dialog.cursor;
				return (
					<Text key={signal} inverse={selected} wrap="truncate">
						{fit(`${selected ? '▸' : ' '} ${signal.padEnd(8)} ${meaning[signal]}`, inner)}
					</Text>
				);
			})}
			<Text wrap="truncate" dimColor>
				{fit('j/k choose   Enter send   n/Esc cancel', inner)}
			</Text>
		</Box>
	);
}
