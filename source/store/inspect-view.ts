/**
 * What the container detail view shows of its current tab: the tab's lines
 * (sanitized once, here), which of them folding leaves visible (the JSON tab),
 * and which match the search. Shared by the pane and the keys, so the cursor
 * the keys move is the line the pane highlights. Pure; memoized per loaded lines.
 */
import {makeMatcher, type Matcher} from '../ui/log-text.js';
import {sanitizeText} from '../ui/sanitize.js';
import {foldablePaths, jsonLines, shownJsonLines, type JsonLine} from './json-fold.js';
import type {InspectState, InspectTab} from './resources-slice.js';

/** Lines the pane draws above the tab's text: the tabs, then where the cursor is and the search. */
export const inspectHeaderLines = 2;

/** A tab's full text: every line, unfolded. */
export type InspectDoc = {lines: readonly JsonLine[]; foldable: boolean};

/** One line on screen: its text (folded when it stands for a folded object) and where it is in the doc. */
export type ShownLine = {text: string; at: number; fold?: 'open' | 'folded'};

export type InspectView = {
	doc: InspectDoc;
	lines: ShownLine[];
	/** Doc indices of the lines that match the search (all of them, folded or not). */
	matches: number[];
	matcher?: Matcher;
};

const docs = new WeakMap<readonly string[], InspectDoc>();

/** The doc of a tab's loaded lines: the inspect tab's JSON folds, the others are plain lines. */
export function inspectDoc(tab: InspectTab, raw: readonly string[]): InspectDoc {
	const cached = docs.get(raw);
	if (cached) return cached;
	let doc: InspectDoc | undefined;
	if (tab === 'inspect') {
		try {
			doc = {lines: jsonLines(JSON.parse(raw.join('\n'))).map((line) => clean(line)), foldable: true};
		} catch {
			// Not JSON after all: shown as it came.
		}
	}

	doc ??= {lines: raw.map((text) => ({text: sanitizeText(text.replaceAll('\t', '    ')), within: []})), foldable: false};
	docs.set(raw, doc);
	return doc;
}

function clean(line: JsonLine): JsonLine {
	return {...line, text: sanitizeText(line.text), ...(line.folded === undefined ? {} : {folded: sanitizeText(line.folded)})};
}

const views = new WeakMap<InspectDoc, {unfolded: readonly string[]; query: string; view: InspectView}>();

/** The shown tab's lines, folded as the state says, with the search's matches; undefined until loaded. */
export function inspectView(inspect: InspectState): InspectView | undefined {
	const raw = inspect.lines[inspect.tab];
	if (!raw) return undefined;
	const doc = inspectDoc(inspect.tab, raw);
	const query = inspect.search?.text ?? '';
	const cached = views.get(doc);
	if (cached && cached.unfolded === inspect.unfolded && cached.query === query) return cached.view;
	const view = buildView(doc, inspect.unfolded, query);
	views.set(doc, {unfolded: inspect.unfolded, query, view});
	return view;
}

function buildView(doc: InspectDoc, unfolded: readonly string[], query: string): InspectView {
	const open = new Set(unfolded);
	const indices = doc.foldable ? shownJsonLines(doc.lines, open) : doc.lines.map((_, index) => index);
	const lines = indices.map((at): ShownLine => {
		const line = doc.lines[at]!;
		if (line.opens === undefined) return {text: line.text, at};
		return open.has(line.opens) ? {text: line.text, at, fold: 'open'} : {text: line.folded ?? line.text, at, fold: 'folded'};
	});
	if (query === '') return {doc, lines, matches: []};
	const matcher = makeMatcher(query);
	const matches: number[] = [];
	doc.lines.forEach((line, index) => {
		if (matcher.test(line.text)) matches.push(index);
	});
	return {doc, lines, matches, matcher};
}

/** Where the cursor goes for n (1) or N (-1): the next match after (before) the cursor's line, wrapping; with what must unfold to show it. */
export function nextMatch(inspect: InspectState, direction: 1 | -1, from?: number): {unfolded: string[]; cursor: number} | undefined {
	const view = inspectView(inspect);
	if (!view || view.matches.length === 0) return undefined;
	const here = from ?? view.lines[Math.min(inspect.cursor, view.lines.length - 1)]?.at ?? 0;
	const target =
		direction === 1
			? (view.matches.find((at) => at > here) ?? view.matches[0]!)
			: ([...view.matches].reverse().find((at) => at < here) ?? view.matches.at(-1)!);
	return reveal(inspect, view, target);
}

/** The first match at or after the cursor's line (Enter on a typed search). */
export function firstMatch(inspect: InspectState): {unfolded: string[]; cursor: number} | undefined {
	const view = inspectView(inspect);
	const here = view?.lines[Math.min(inspect.cursor, view.lines.length - 1)]?.at;
	return here === undefined ? nextMatch(inspect, 1) : nextMatch(inspect, 1, here - 1);
}

function reveal(inspect: InspectState, view: InspectView, at: number): {unfolded: string[]; cursor: number} {
	const line = view.doc.lines[at]!;
	const unfolded = line.within.every((path) => inspect.unfolded.includes(path)) ? inspect.unfolded : [...new Set([...inspect.unfolded, ...line.within])];
	const after = unfolded === inspect.unfolded ? view : buildView(view.doc, unfolded, '');
	return {unfolded: [...unfolded], cursor: Math.max(0, after.lines.findIndex((shown) => shown.at === at))};
}

/**
 * Enter on the JSON tab: folds or unfolds the object on the cursor's line; on a
 * line inside an open object, folds that object and puts the cursor on it.
 */
export function toggleFold(inspect: InspectState): {unfolded: string[]; cursor: number} | undefined {
	const view = inspectView(inspect);
	if (!view?.doc.foldable) return undefined;
	const shown = view.lines[Math.min(inspect.cursor, view.lines.length - 1)];
	if (!shown) return undefined;
	const line = view.doc.lines[shown.at]!;
	if (line.opens !== undefined) {
		const unfolded = shown.fold === 'open' ? inspect.unfolded.filter((path) => path !== line.opens) : [...inspect.unfolded, line.opens];
		return {unfolded, cursor: inspect.cursor};
	}

	const parent = line.within.at(-1);
	if (parent === undefined) return undefined;
	const unfolded = inspect.unfolded.filter((path) => path !== parent);
	const opener = view.doc.lines.findIndex((candidate) => candidate.opens === parent);
	const after = buildView(view.doc, unfolded, '');
	return {unfolded, cursor: Math.max(0, after.lines.findIndex((candidate) => candidate.at === opener))};
}

/** + and -: everything open, or everything folded with the cursor on the top-level line it was in. */
export function foldAll(inspect: InspectState, open: boolean): {unfolded: string[]; cursor: number} | undefined {
	const view = inspectView(inspect);
	if (!view?.doc.foldable) return undefined;
	const here = view.lines[Math.min(inspect.cursor, view.lines.length - 1)]?.at ?? 0;
	const unfolded = open ? foldablePaths(view.doc.lines) : [];
	const top = open ? undefined : view.doc.lines[here]?.within[0];
	const target = top === undefined ? here : view.doc.lines.findIndex((line) => line.opens === top);
	const after = buildView(view.doc, unfolded, '');
	return {unfolded, cursor: Math.max(0, after.lines.findIndex((line) => line.at === target))};
}
