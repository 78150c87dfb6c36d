import type {ContainerSummary} from './engine/engine.js';
import {timeAgo} from './ui/durations.js';
import {formatPorts} from './ui/ports.js';
import {sanitizeText} from './ui/sanitize.js';

/** The containers as plain text (for a pipe or `--once`), like `docker ps -a`. */
export function formatContainersText(containers: ContainerSummary[], nowMs: number): string {
	const rows = [['CONTAINER ID', 'NAME', 'IMAGE', 'STATE', 'STATUS', 'PORTS', 'CREATED']];
	for (const c of [...containers].sort((a, b) => a.name.localeCompare(b.name))) {
		rows.push([
			c.id.slice(0, 12),
			sanitizeText(c.name),
			sanitizeText(c.image),
			c.state,
			sanitizeText(c.status),
			sanitizeText(formatPorts(c.ports)),
			timeAgo(c.created, nowMs),
		]);
	}

	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()).join('\n');
}
