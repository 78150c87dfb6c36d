import {Text} from 'ink';
import type {Notice} from '../../store/state.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';

/** The status line of views 3-6: the last notice, else what the keys do. */
export function ResourcesStatus({notice, width}: {notice?: Notice; width: number}) {
	if (notice) {
		const color = notice.level === 'error' ? 'red' : notice.level === 'warn' ? 'yellow' : undefined;
		return (
			<Text color={color} wrap="truncate">
				{fit(sanitizeText(notice.text), width)}
			</Text>
		);
	}

	return (
		<Text dimColor wrap="truncate">
			{fit('3 images · 4 volumes · 5 networks · 6 disk usage · lists follow the engine\'s events (r reloads)', width)}
		</Text>
	);
}
