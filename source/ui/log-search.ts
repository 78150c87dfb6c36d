/**
 * Which lines a logs view shows, and where the search matches are. The match
 * list is kept per buffer and extended as lines arrive (only new lines, and a
 * partial line that may have grown, are looked at again), so a filtered view
 * of a flood costs the new lines, not the whole buffer, per redraw.
 */
import type {LogBuffer} from '../store/log-buffer.js';
import type {LogsUi} from '../store/logs-ui.js';
import {makeMatcher, plainText, type Matcher} from './log-text.js';

export class SearchIndex {
	private matcher: Matcher | undefined;
	private matches: number[] = [];
	/** Lines below this were looked at. */
	private scanned = 0;
	/** The first line that was partial when looked at: looked at again. */
	private unsettled = Number.POSITIVE_INFINITY;

	constructor(private readonly buffer: LogBuffer) {}

	/** Sequence numbers of the lines matching `query`, oldest first. */
	find(query: string): readonly number[] {
		const {buffer} = this;
		if (this.matcher?.query !== query) {
			this.matcher = makeMatcher(query);
			this.matches = [];
			this.scanned = buffer.first;
			this.unsettled = Number.POSITIVE_INFINITY;
		}

		if (query === '') return this.matches;
		const from = Math.max(buffer.first, Math.min(this.scanned, this.unsettled));
		let keepFrom = 0;
		while (keepFrom < this.matches.length && this.matches[keepFrom]! < buffer.first) keepFrom++;
		let keepTo = this.matches.length;
		while (keepTo > keepFrom && this.matches[keepTo - 1]! >= from) keepTo--;
		if (keepFrom > 0 || keepTo < this.matches.length) this.matches = this.matches.slice(keepFrom, keepTo);
		this.unsettled = Number.POSITIVE_INFINITY;
		for (let seq = from; seq < buffer.next; seq++) {
			if (buffer.partialAt(seq) && this.unsettled === Number.POSITIVE_INFINITY) this.unsettled = seq;
			if (buffer.kindOf(seq) !== 'marker' && this.matcher.test(plainText(buffer.textOf(seq)!))) this.matches.push(seq);
		}

		this.scanned = buffer.next;
		return this.matches;
	}
}

const indexes = new WeakMap<LogBuffer, SearchIndex>();

/** The search index of a buffer, shared by the pane and the keys. */
export function searchIndex(buffer: LogBuffer): SearchIndex {
	let index = indexes.get(buffer);
	if (!index) {
		index = new SearchIndex(buffer);
		indexes.set(buffer, index);
	}

	return index;
}

/** The lines a view goes through: all of them, or in filter mode the matching ones. */
export type LineList = {
	count: number;
	/** The sequence number of the i-th line. */
	at(index: number): number;
	/** The index of the last line at or before `seq` (-1 when none). */
	indexAtOrBefore(seq: number): number;
};

export function lineList(buffer: LogBuffer, ui: Pick<LogsUi, 'filter' | 'query'>): LineList {
	if (ui.filter && ui.query !== '') return listOf(searchIndex(buffer).find(ui.query));
	const {first} = buffer;
	const count = buffer.size;
	return {
		count,
		at: (index) => first + index,
		indexAtOrBefore: (seq) => Math.max(-1, Math.min(count - 1, seq - first)),
	};
}

/** A sorted list of sequence numbers as a LineList. */
export function listOf(seqs: readonly number[]): LineList {
	return {
		count: seqs.length,
		at: (index) => seqs[index]!,
		indexAtOrBefore(seq) {
			let low = 0;
			let high = seqs.length - 1;
			let found = -1;
			while (low <= high) {
				const middle = (low + high) >> 1;
				if (seqs[middle]! <= seq) {
					found = middle;
					low = middle + 1;
				} else {
					high = middle - 1;
				}
			}

			return found;
		},
	};
}

/** Index of the line at the bottom of the view: the last when following, else the one scrolled to. */
export function bottomIndex(list: LineList, ui: Pick<LogsUi, 'follow' | 'bottom'>): number {
	if (list.count === 0) return -1;
	if (ui.follow) return list.count - 1;
	return Math.max(0, list.indexAtOrBefore(ui.bottom));
}
