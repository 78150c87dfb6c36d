import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readmeBlocks, replaceBlocks} from '../../scripts/readme-blocks.js';
import {bindings} from '../../source/keymap/bindings.js';
import {options} from '../../source/cli-options.js';

const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');

describe('readme', () => {
	it('has the options and keys tables generated from the source tables (npx tsx scripts/update-readme.ts)', () => {
		expect(replaceBlocks(readme, readmeBlocks())).toBe(readme);
	});

	it('names every option and every binding id', () => {
		for (const option of options) expect(readme).toContain(`--${option.name}`);
		for (const binding of bindings) expect(readme).toContain(`\`${binding.id}\``);
	});

	it('gives the two set-up commands that .ci/run uses', () => {
		const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
		const testCommand = 'bash scripts/install-test-deps.sh && npm ci && npm test';
		expect(readme).toContain(testCommand);
		expect(ci).toContain(testCommand);
		expect(readme).toContain('npm ci && npm start');
	});
});
