import {Box, Text} from 'ink';
import {inspectTabs, type InspectState} from '../../store/resources-slice.js';
import {topRefreshMs} from '../../store/inspect-feed.js';
import {fit} from '../format.js';
import {sanitizeText} from '../sanitize.js';

const tabNames = {inspect: 'Inspect', top: 'Processes', diff: 'Diff'} as const;

/** The container inspect view: the tabs, then only the lines that fit from the scroll offset. */
export function InspectPane({inspect, height, width}: {inspect: InspectState; height: number; width: number}) {
	const lines = inspect.lines[inspect.tab];
	const rows = Math.max(0, height - 1);
	const offset = Math.min(inspect.offset, Math.max(0, (lines?.length ?? 0) - rows));
	const tabs = inspectTabs.map((tab) => (tab === inspect.tab ? `[${tabNames[tab]}]` : tabNames[tab])).join(' ');
	const where = lines ? ` · ${Math.min(lines.length, offset + 1)}-${Math.min(lines.length, offset + rows)} of ${lines.length}` : '';
	const refresh = inspect.tab === 'top' ? ` · every ${topRefreshMs / 1000} s` : '';
	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text bold wrap="truncate">
				{fit(`${sanitizeText(inspect.name)} · ${tabs}${where}${refresh}`, width)}
			</Text>
			{inspect.error ? (
				<Text color="red" wrap="truncate">{fit(sanitizeText(inspect.error), width)}</Text>
			) : lines ? (
				lines.slice(offset, offset + rows).map((line, index) => (
					<Text key={offset + index} color={diffColor(inspect.tab, line)} wrap="truncate">
						{fit(sanitizeText(line.replaceAll('\t', '    ')), width)}
					</Text>
				))
			) : (
				<Text dimColor wrap="truncate">{fit('Loading…', width)}</Text>
			)}
		</Box>
	);
}

function diffColor(tab: string, line: string): string | undefined {
	if (tab !== 'diff') return undefined;
	return line.startsWith('A ') ? 'green' : line.startsWith('D ') ? 'red' : line.startsWith('C ') ? 'yellow' : undefined;
}
