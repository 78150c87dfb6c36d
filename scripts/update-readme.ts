// Regenerates the readme's generated blocks (options, keys) from the tables in source/.
// Run: npx tsx scripts/update-readme.ts   (test/unit/readme.test.ts fails when they drift)
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {readmeBlocks, replaceBlocks} from './readme-blocks.js';

const path = fileURLToPath(new URL('../readme.md', import.meta.url));
const before = readFileSync(path, 'utf8');
const after = replaceBlocks(before, readmeBlocks());
if (after === before) {
	console.log('readme.md is up to date');
} else {
	writeFileSync(path, after);
	console.log('readme.md updated');
}
