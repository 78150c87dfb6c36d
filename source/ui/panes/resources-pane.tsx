import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {diskSections} from '../../store/disk-detail.js';
import {diskSummary} from '../../store/disk-summary.js';
import {imageDetail, networkDetail, volumeDetail, type DetailLine} from '../../store/resource-details.js';
import {shownImages, shownNetworks, shownVolumes} from '../../store/resource-rows.js';
import type {ResourcesState, ResourceView} from '../../store/resources-slice.js';
import {detailText, diskDetailTable} from '../disk-lines.js';
import {diskTable, imageTable, networkTable, volumeTable, type Table} from '../resource-lines.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';
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
const singular: Record<ResourceView, string> = {images: 'Image', volumes: 'Volume', networks: 'Network', disk: ''};
const filterNames = {all: '', dangling: 'dangling', inUse: 'in use', unused: 'unused'} as const;

/**
 * One of the views 3-6: a title, the last remove or prune's result, the column
 * titles, then only the rows that fit; or the selected row's details (Enter), or
 * docker system df -v (v in the disk usage view).
 */
export function ResourcesPane({view, resources, height, width, nowMs, dim}: Props) {
	const table = useMemo(() => tableFor(view, resources, width, nowMs), [view, resources, width, nowMs]);
	const loaded = resources.loaded[view] !== -1;
	const error = resources.errors[view];
	const cursor = Math.min(resources.cursor[view], table.lines.length - 1);
	const report = resources.report ? [`${resources.report.title}${resources.report.items.length > 0 ? `: ${resources.report.items.join(', ')}` : ''}`] : [];
	const title = titleParts(view, resources, loaded, table.lines.length);
	if (resources.details === view && loaded && !error) {
		const lines = detailsOf(view, resources, cursor, nowMs);
		if (lines) {
			title.push(`${singular[view]} ${cursor + 1} of ${table.lines.length} · ↑/↓ the others · Enter/Esc back to the list`);
			return <Details title={title.join(' · ')} lines={lines} height={height} width={width} dim={dim} />;
		}
	}

	// df -v: every section has its own column titles, so there is no header line.
	const verbose = view === 'disk' && resources.diskVerbose && resources.disk !== undefined;
	const rows = Math.max(0, height - (verbose ? 1 : 2) - report.length);
	const start = windowStart(cursor, table.lines.length, rows);
	const visible = table.lines.slice(start, start + rows);
	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text bold wrap="truncate">
				{fit(sanitizeText(title.join(' · ')), width)}
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
			) : verbose ? null : (
				<Text dimColor wrap="truncate">{table.header}</Text>
			)}
			{visible.map((line, index) => (
				<Text
					key={start + index}
					inverse={start + index === cursor && (view !== 'disk' || verbose)}
					bold={verbose && table.kinds?.[start + index] === 'title'}
					dimColor={dim || (verbose && table.kinds?.[start + index] === 'header')}
					wrap="truncate"
				>
					{line}
				</Text>
			))}
		</Box>
	);
}

function titleParts(view: ResourceView, resources: ResourcesState, loaded: boolean, count: number): string[] {
	const title = [titles[view]];
	if (view === 'images' && resources.imageFilter !== 'all') title.push(`filter: ${filterNames[resources.imageFilter]} (f)`);
	const query = resources.query[view] ?? '';
	if (resources.editing === view) title.push(`/${query}▏ label=key[=value] dangling= driver= or words · Enter keeps, Esc clears`);
	else if (query !== '') title.push(`/${query} (Esc clears)`);
	if (view === 'disk') title.push(resources.diskVerbose ? 'docker system df -v (v: the summary)' : 'v: every image, container, volume');
	else if (loaded) title.push(`${count}`);
	if (resources.running) title.push('working…');
	else if (loaded && resources.loaded[view] !== resources.generation[view]) title.push('updating…');
	return title;
}

function detailsOf(view: ResourceView, resources: ResourcesState, cursor: number, nowMs: number): DetailLine[] | undefined {
	switch (view) {
		case 'images': {
			const row = shownImages(resources)[cursor];
			return row && imageDetail(row, nowMs);
		}

		case 'volumes': {
			const volume = shownVolumes(resources)[cursor];
			return volume && volumeDetail(volume, nowMs);
		}

		case 'networks': {
			const network = shownNetworks(resources)[cursor];
			return network && networkDetail(network, nowMs);
		}

		case 'disk':
			return undefined;
	}
}

/** The details: labelled lines; what does not fit ends in a line saying how much is left out. */
function Details({title, lines, height, width, dim}: {title: string; lines: DetailLine[]; height: number; width: number; dim: boolean}) {
	const labelWidth = Math.min(Math.max(...lines.map((line) => line.label.length)), Math.floor(width / 3));
	const room = Math.max(0, height - 1);
	const cut = lines.length > room;
	const shown = cut ? lines.slice(0, Math.max(0, room - 1)) : lines;
	return (
		<Box flexDirection="column" height={height} width={width}>
			<Text bold wrap="truncate">
				{fit(sanitizeText(title), width)}
			</Text>
			{shown.map((line, index) => {
				const {label, value} = detailText(line, labelWidth, width);
				return (
					<Text key={index} wrap="truncate" dimColor={dim}>
						<Text bold>{label}</Text>
						{'  '}
						{value}
					</Text>
				);
			})}
			{cut ? <Text dimColor wrap="truncate">{fit(`… ${lines.length - shown.length} more lines (a taller terminal shows them)`, width)}</Text> : null}
		</Box>
	);
}

type ShownTable = Table & {kinds?: Array<'title' | 'header' | 'row'>};

function tableFor(view: ResourceView, resources: ResourcesState, width: number, nowMs: number): ShownTable {
	switch (view) {
		case 'images':
			return imageTable(shownImages(resources), width, nowMs);
		case 'volumes':
			return volumeTable(shownVolumes(resources), width);
		case 'networks':
			return networkTable(shownNetworks(resources), width);
		case 'disk': {
			if (resources.diskVerbose && resources.disk) {
				const lines = diskDetailTable(diskSections(resources.disk, nowMs), width);
				return {header: fit('', width), lines: lines.map((line) => line.text), kinds: lines.map((line) => line.kind)};
			}

			return diskTable(resources.disk ? diskSummary(resources.disk) : [], width);
		}
	}
}
