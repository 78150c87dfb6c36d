import {useRef, useSyncExternalStore} from 'react';
import type {ContainerStats} from '../engine/engine.js';
import type {State} from '../store/state.js';
import {statsTotalsText} from './stats-totals.js';
import {bytesSize, formatPercent, formatRate} from './units.js';
import {useStore} from './use-store.js';

/**
 * The state to draw, re-rendering only when something on screen would change.
 *
 * Every Ink commit lays out and re-tokenizes the whole screen (~7,000 cells at
 * 160x45, tens of ms), whatever changed. Stats arrive every tick, but for idle
 * containers their figures rarely move at display resolution (0.00%, the same
 * MiB): a tick whose new figures all print the same as before keeps the previous
 * snapshot, so React does not commit at all. History points still go into the
 * store; the detail view, whose graphs move every tick, always gets them.
 */
export function useScreenState(): State {
	const store = useStore();
	const last = useRef<{source: State; shown: State; key: string} | undefined>(undefined);
	const snapshot = () => {
		const state = store.getState();
		const previous = last.current;
		if (previous?.source === state) return previous.shown;
		const key = state.ui.overlay === 'details' ? '' : displayKey(state);
		if (previous && key !== '' && key === previous.key && sameBesideStats(previous.shown, state)) {
			last.current = {source: state, shown: previous.shown, key};
			return previous.shown;
		}

		last.current = {source: state, shown: state, key};
		return state;
	};

	return useSyncExternalStore(store.subscribe, snapshot);
}

/** Every slice but stats is the same object (the viewport is what the screen reported, not what it draws). */
function sameBesideStats(shown: State, next: State): boolean {
	const keys = Object.keys(next) as Array<keyof State>;
	if (keys.length !== Object.keys(shown).length) return false;
	return keys.every((key) => key === 'stats' || key === 'viewport' || shown[key] === next[key]);
}

/** The stats as the screen prints them: every figure of every container, and the header's totals. */
function displayKey(state: State): string {
	const parts = [statsTotalsText(state)];
	for (const [id, figures] of state.stats.current) parts.push(`${id}:${figuresText(figures)}`);
	return parts.join('\n');
}

// Figures objects are replaced only when a new sample arrives: format each one once.
const texts = new WeakMap<ContainerStats, string>();

function figuresText(figures: ContainerStats): string {
	let text = texts.get(figures);
	if (text === undefined) {
		text = formatFigures(figures);
		texts.set(figures, text);
	}

	return text;
}

function formatFigures(figures: ContainerStats): string {
	return [
		formatPercent(figures.cpuPercent),
		bytesSize(figures.memoryUsage),
		bytesSize(figures.memoryLimit),
		formatPercent(figures.memoryPercent),
		formatRate(figures.networkRxRate ?? Number.NaN),
		formatRate(figures.networkTxRate ?? Number.NaN),
		formatRate(figures.blockReadRate ?? Number.NaN),
		formatRate(figures.blockWriteRate ?? Number.NaN),
		figures.pids,
	].join('|');
}
