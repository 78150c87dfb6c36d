import {Text} from 'ink';
import type {UiState} from '../../store/state.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';

/** One line: the filter being typed, else the last notice, else what the list shows. */
export function StatusLine({ui, width, count, total}: {ui: UiState; width: number; count: number; total: number}) {
	if (ui.editingFilter) {
		return (
			<Text wrap="truncate">
				<Text color="cyan">/</Text>
				{fit(`${sanitizeText(ui.filter)}▏  (${count} of ${total})`, width - 1)}
			</Text>
		);
	}

	if (ui.notice) {
		const color = ui.notice.level === 'error' ? 'red' : ui.notice.level === 'warn' ? 'yellow' : undefined;
		return (
			<Text color={color} wrap="truncate">
				{fit(sanitizeText(ui.notice.text), width)}
			</Text>
		);
	}

	const parts = [`${count} of ${total} containers`, ui.showAll ? 'all' : 'running only', `sort: ${ui.sort}`];
	if (ui.grouped) parts.push('grouped by project');
	if (ui.filter !== '') parts.push(`filter: ${sanitizeText(ui.filter)}`);
	return (
		<Text dimColor wrap="truncate">
			{fit(parts.join(' · '), width)}
		</Text>
	);
}
