import module from 'node:module';
import {join} from 'node:path';

/**
 * Where berth keeps V8's compiled code between runs: the per-user cache
 * directory of the platform (XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows). Pure.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
	if (platform === 'darwin') return join(home, 'Library', 'Caches', 'berth', 'compile-cache');
	if (platform === 'win32') return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'berth', 'compile-cache');
	// XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
	const xdg = env['XDG_CACHE_HOME'];
	return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.cache'), 'berth', 'compile-cache');
}

/**
 * Turns on Node's on-disk compile cache for the modules loaded from here on: the
 * second start of the same build reads V8's code instead of parsing ~1 MB of
 * JavaScript again. It has to run before the app's code is imported (an ESM graph
 * is compiled before any of it runs), so the entry point calls it and then imports
 * the rest. NODE_COMPILE_CACHE wins when set; NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off. A cache that cannot be written (read-only home) only costs the speed-up.
 */
export function enableCompileCache(dir: string): void {
	try {
		(module as {enableCompileCache?: (dir: string) => unknown}).enableCompileCache?.(dir);
	} catch {
		// Node older than 22.1 has no such function; a failure here only loses the cache.
	}
}
