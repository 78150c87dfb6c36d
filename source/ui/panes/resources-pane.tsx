import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {diskSummary} from '../../store/disk-summary.js';
import {imageRows, networkRows, volumeRows} from '../../store/resource-rows.js';
import type {ResourcesState, ResourceView} from '../../store/resources-slice.js';
import {fit} from '../format.js';
import {diskTable, imageTable, networkTable, volumeTable, type Table} from '../resource-lines.js';
import {sanitizeText} from '../sanitize.js';
import {windowStart} from './containers-pane.js';

type Props = {
	view: ResourceView;
	resources: ResourcesState;
	/** Lines for the title, the report, the column titles and the rows. */
	height: number;
	width: number;
	nowMs: number;
	dim: boolean;
};

const titles: Record<ResourceView, string> = {images: 'Images', volumes: 'Volumes', networks: 'Networks', disk: 'Disk usage'};
const filterNames = {all: '', dangling: 'dangling', inUse: 'in use', unused: 'unused'} as const;

/** One of the views 3-6: a title, the last remove or prune's result, the column titles, then only the rows that fit. */
export function ResourcesPane({view, resources, height, width, nowMs, dim}: Props) {
	const table = useMemo(() => tableFor(view, resources, width, nowMs), [view, resources, width, nowMs]);
	const loaded = resources.loaded[view] !== -1;
	const error = resources.errors[view];
	const title = [titles[view]];
	if (view === 'images' && resources.imageFilter !== 'all') title.push(`filter: ${filterNames[resources.imageFilter]} (f)`);
	if (loaded && view !== 'disk') title.push(`${table.lines.length}`);
	if (resources.running) title.push('working…');
	else if (loaded && resources.loaded[view] !== resources.generation[view]) title.push('updating…');
	const report = resources.report ? [`${resources.report.title}${resources.report.items.length > 0 ? `: ${resources.report.items.join(', ')}` : ''}`] : [];
	const rows = Math.max(0, height - 2 - report.length);
	const cursor = Math.min(resources.cursor[view], table.lines.length - 1);
	const start = windowStart(cursor, table.lines.length, rows);
	const visible = table.lines.slice(start, start + rows);
	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text bold wrap="truncate">
				{fit(title.join(' · '), width)}
			</Text>
			{report.map((line) => (
				<Text key="report" color={resources.report?.ok ? 'green' : 'red'} wrap="truncate">
					{fit(sanitizeText(line), width)}
				</Text>
			))}
			{error ? (
				<Text color="red" wrap="truncate">{fit(sanitizeText(error), width)}</Text>
			) : !loaded ? (
				<Text dimColor wrap="truncate">{fit('Loading…', width)}</Text>
			) : (
				<Text dimColor wrap="truncate">{table.header}</Text>
			)}
			{visible.map((line, index) => (
				<Text key={start + index} inverse={start + index === cursor && view !== 'disk'} dimColor={dim} wrap="truncate">
					{line}
				</Text>
			))}
		</Box>
	);
}

function tableFor(view: ResourceView, resources: ResourcesState, width: number, nowMs: number): Table {
	switch (view) {
		case 'images':
			return imageTable(imageRows(resources.images, resources.imageFilter), width, nowMs);
		case 'volumes':
			return volumeTable(volumeRows(resources.volumes), width);
		case 'networks':
			return networkTable(networkRows(resources.networks), width);
		case 'disk':
			return diskTable(resources.disk ? diskSummary(resources.disk) : [], width);
	}
}
