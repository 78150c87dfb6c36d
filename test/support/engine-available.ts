/**
 * What engine and terminal test files use: the run's shared private engine (started by
 * global-engine.ts and passed through vitest's provide/inject) and `describe` wrappers that
 * skip when it, or tmux, is unavailable. Skipping only happens outside CI: with CI set,
 * global-engine.ts fails the run instead.
 */
import { afterAll, describe, inject } from 'vitest';
import { engineClient } from './private-engine.js';
import type { EngineClient } from './private-engine.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** DOCKER_HOST of the run's shared private engine, `''` when the suites are skipped. */
		engineHost: string;
		/** Why engineHost is empty. */
		engineSkipReason: string;
		/** Why tmux cannot be used, `''` when it can. */
		tmuxSkipReason: string;
	}
}

/** The shared private engine of this run, or undefined when the engine suites are skipped. */
export function sharedEngine(): EngineClient | undefined {
	const host = inject('engineHost');
	return host ? engineClient(host) : undefined;
}

/**
 * `describe` that runs only when the run's private engine is up (else `describe.skip`).
 * `fn` gets a client for that engine; containers labelled berth.test=1 are removed after the block.
 */
export function describeWithEngine(name: string, fn: (engine: EngineClient) => void): void {
	const engine = sharedEngine();
	if (!engine) {
		describe.skip(`${name} (${inject('engineSkipReason') || 'no engine'})`, () => {
			fn(engineClient('unix:///nonexistent'));
		});
		return;
	}
	describe(name, () => {
		afterAll(async () => {
			await engine.cleanupContainers();
		});
		fn(engine);
	});
}

/** `describe` that runs only when tmux is available (else `describe.skip`). */
export function describeWithTmux(name: string, fn: () => void): void {
	const reason = inject('tmuxSkipReason');
	if (reason) describe.skip(`${name} (${reason})`, fn);
	else describe(name, fn);
}

/** `describe` for the built binary against the engine: needs both the engine and tmux. */
export function describeWithTerminal(name: string, fn: (engine: EngineClient) => void): void {
	const reason = inject('tmuxSkipReason');
	if (reason) {
		describe.skip(`${name} (${reason})`, () => {
			fn(engineClient('unix:///nonexistent'));
		});
		return;
	}
	describeWithEngine(name, fn);
}
