#!/usr/bin/env node
import {homedir} from 'node:os';
import process from 'node:process';
import {compileCacheDir, enableCompileCache} from './source/compile-cache.js';

// chalk decides colour support when it loads, and turns colour off whenever CI is
// set, even on a terminal. Decide from the terminal itself, before loading the app.
if (process.stdout.isTTY && process.env['FORCE_COLOR'] === undefined && process.env['NO_COLOR'] === undefined) {
	process.env['FORCE_COLOR'] = /256|truecolor|24bit/.test(`${process.env['TERM'] ?? ''} ${process.env['COLORTERM'] ?? ''}`) ? '2' : '1';
}

// This entry stays tiny and imports the app only once the cache is on (bench/README.md, start-up).
enableCompileCache(compileCacheDir(process.env, process.platform, homedir()));
await import('./source/main.js');
