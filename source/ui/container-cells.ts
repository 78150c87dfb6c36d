import type {ContainerStats} from '../engine/engine.js';
import type {Container} from '../store/state.js';
import {projectLabel, serviceLabel} from '../store/selectors.js';
import {liveStatus} from '../store/status-clock.js';
import {timeAgo} from './durations.js';
import {formatPorts} from './ports.js';
import {sanitizeText} from './sanitize.js';
import type {ColumnKey, ContentWidths} from './columns.js';
import {statsCellText} from './stats-cells.js';
import {columns} from './text-width.js';

type SafeText = {name: string; image: string; status: string; ports: string; project: string};

// Containers keep their object identity while unchanged (see reducer), so the
// sanitized text is computed once per change, not once per frame.
const cache = new WeakMap<Container, SafeText>();

function safeText(container: Container): SafeText {
	let text = cache.get(container);
	if (!text) {
		const project = container.labels[projectLabel];
		const service = container.labels[serviceLabel];
		text = {
			name: sanitizeText(container.name),
			image: sanitizeText(container.image),
			status: sanitizeText(container.status),
			ports: sanitizeText(formatPorts(container.ports)),
			project: project === undefined ? '' : sanitizeText(service === undefined ? project : `${project}/${service}`),
		};
		cache.set(container, text);
	}

	return text;
}

/** The text of one cell, safe to draw. Stats cells come out exactly `width` wide and right-aligned. */
export function cellText(container: Container, key: ColumnKey, nowMs: number, figures?: ContainerStats, width = 0): string {
	switch (key) {
		case 'state':
			return container.oomKilled ? `${container.state} OOM` : container.state;
		case 'created':
			return timeAgo(container.created, nowMs);
		case 'status':
			// Built from numbers and berth's own words when berth knows the moment; else the engine's text, sanitized.
			return container.statusSinceMs === undefined ? safeText(container).status : liveStatus(container, nowMs);
		case 'cpu':
		case 'memory':
		case 'memoryPercent':
		case 'network':
		case 'block':
		case 'pids':
			return statsCellText(key, container, figures, width);
		default:
			return safeText(container)[key];
	}
}

/** Ink colour names for a container's state. */
export function stateColor(container: Container): string | undefined {
	if (container.health === 'unhealthy' || container.oomKilled) return 'red';
	switch (container.state) {
		case 'running':
			return 'green';
		case 'paused':
			return 'yellow';
		case 'restarting':
			return 'magenta';
		case 'exited':
			return container.exitCode === undefined || container.exitCode === 0 ? 'gray' : 'red';
		case 'dead':
			return 'red';
		default:
			return 'cyan';
	}
}

const measured: ColumnKey[] = ['name', 'image', 'status', 'ports', 'project'];

/** The widest cell of each content-sized column, for the table layout. */
export function contentWidths(containers: Iterable<Container>): ContentWidths {
	const widths: ContentWidths = {created: 'Less than a second ago'.length};
	for (const container of containers) {
		const text = safeText(container);
		for (const key of measured) widths[key] = Math.max(widths[key] ?? 0, columns(text[key as keyof SafeText]));
	}

	return widths;
}
