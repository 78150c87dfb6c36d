/**
 * The disk usage view's -v lines: each section of disk-detail.ts as a titled
 * table, every engine-supplied cell sanitized, each line exactly `width` columns.
 */
import type {DiskSection} from '../store/disk-detail.js';
import type {DetailLine} from '../store/resource-details.js';
import {layoutTable} from './resource-lines.js';
import {sanitizeText} from './sanitize.js';
import {fit} from './text-width.js';

export type DiskLine = {text: string; kind: 'title' | 'header' | 'row'};

/** Titles, column titles and rows of every section (diskDetailLines counts them). */
export function diskDetailTable(sections: readonly DiskSection[], width: number): DiskLine[] {
	const lines: DiskLine[] = [];
	sections.forEach((section) => {
		const table = layoutTable(section.headers, section.rows.map((row) => row.map(sanitizeText)), width, section.flex);
		lines.push({text: fit(section.title, width), kind: 'title'}, {text: table.header, kind: 'header'});
		for (const line of table.lines) lines.push({text: line, kind: 'row'});
	});
	return lines;
}

/** A details line: the label in its column, the value sanitized, `width` columns. */
export function detailText(line: DetailLine, labelWidth: number, width: number): {label: string; value: string} {
	const label = fit(line.label, labelWidth);
	return {label, value: fit(sanitizeText(line.value), Math.max(0, width - labelWidth - 2))};
}
