#!/usr/bin/env node
import process from 'node:process';

// chalk decides colour support when it loads, and turns colour off whenever CI is
// set, even on a terminal. Decide from the terminal itself, before loading the app.
if (process.stdout.isTTY && process.env['FORCE_COLOR'] === undefined && process.env['NO_COLOR'] === undefined) {
	process.env['FORCE_COLOR'] = /256|truecolor|24bit/.test(`${process.env['TERM'] ?? ''} ${process.env['COLORTERM'] ?? ''}`) ? '2' : '1';
}

await import('./source/main.js');
