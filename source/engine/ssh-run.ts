/** Running the ssh program: its environment, and short commands run to completion. */
import {spawn} from 'node:child_process';

/** Kept of a child's stderr: the end is what explains a failure. */
export const stderrLimit = 16_384;

/**
 * ssh's environment: berth's, but never an askpass program (BatchMode already stops
 * terminal prompts; SSH_ASKPASS with DISPLAY set could still pop up a dialog).
 */
export function sshEnv(): NodeJS.ProcessEnv {
	return {...process.env, SSH_ASKPASS_REQUIRE: 'never'};
}

export type RunResult = {code: number | null; stdout: string; stderr: string};

/** Runs a short ssh command (no stdin, own session) to completion. */
export function runSsh(program: string, args: string[], signal: AbortSignal): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(program, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			env: sshEnv(),
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout = (stdout + chunk).slice(-65_536);
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-stderrLimit);
		});
		const onAbort = () => child.kill('SIGTERM');
		signal.addEventListener('abort', onAbort, {once: true});
		child.once('error', (error) => {
			signal.removeEventListener('abort', onAbort);
			reject(error);
		});
		child.once('close', (code) => {
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) reject(signal.reason);
			else resolve({code, stdout, stderr});
		});
	});
}
