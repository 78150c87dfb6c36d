import {useApp, useStdin, useStdout} from 'ink';
import {useEffect} from 'react';
import type {Engine} from '../engine/engine.js';
import type {Store} from '../store/create-store.js';
import type {Notice} from '../store/state.js';
import type {DetachKeys} from '../terminal/detach-keys.js';
import {runSession} from '../terminal/run-session.js';

/** What berth's terminal sessions (e, E, A) need besides the terminal: from main.tsx. */
export type SessionOptions = {
	engine: Pick<Engine, 'exec' | 'attach'>;
	/** --shell, split into argv; unset: /bin/bash, else /bin/sh. */
	shell?: string[];
	detachKeys: DetachKeys;
	probeMs?: number;
	/** How long a session's closing line stays in the status line, in ms; errors stay longer. */
	noticeMs?: {info: number; error: number};
};

/**
 * Runs the session the keys ask for (shell-slice.ts): one at a time, with Ink's rendering
 * and input suspended while it has the terminal; its outcome goes to the status line.
 */
export function useShell(store: Store, options: SessionOptions | undefined): void {
	const {suspendTerminal} = useApp();
	const {stdin} = useStdin();
	const {stdout} = useStdout();
	useEffect(() => {
		let unmounted = false;
		const timers = new Set<NodeJS.Timeout>();
		const {info: infoMs, error: errorMs} = options?.noticeMs ?? {info: 10_000, error: 30_000};
		const notify = (notice: Notice) => {
			if (unmounted) return;
			store.dispatch({type: 'ui/notice', notice});
			const timer = setTimeout(() => {
				timers.delete(timer);
				if (store.getState().ui.notice === notice) store.dispatch({type: 'ui/notice'});
			}, notice.level === 'info' ? infoMs : errorMs);
			timer.unref?.();
			timers.add(timer);
		};

		const take = () => {
			const {request, active} = store.getState().shell;
			if (!request || active || unmounted) return;
			store.dispatch({type: 'shell/started', seq: request.seq});
			const done = (notice: Notice) => {
				store.dispatch({type: 'shell/ended', seq: request.seq});
				notify(notice);
			};

			if (!options) {
				done({level: 'error', text: 'Terminal sessions are not available here'});
				return;
			}

			void runSession(request, {
				engine: options.engine,
				suspend: (run) => suspendTerminal(run),
				input: stdin,
				output: stdout,
				...(options.shell ? {shell: options.shell} : {}),
				detachKeys: options.detachKeys,
				...(options.probeMs === undefined ? {} : {probeMs: options.probeMs}),
			}).then(done);
		};

		take();
		const unsubscribe = store.subscribe(take);
		return () => {
			unmounted = true;
			unsubscribe();
			for (const timer of timers) clearTimeout(timer);
		};
	}, [store, options, suspendTerminal, stdin, stdout]);
}
