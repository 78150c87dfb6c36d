#!/usr/bin/env node
/**
 * `npm test`: builds (terminal tests run dist/berth.js), runs vitest with the default
 * reporter on the console and the JSON reporter to .test-results/vitest.json, then prints
 * per-project counts and a last line `N passed, N failed[, N skipped]` from that report.
 * Extra arguments go to vitest: `npm test -- --project unit`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, '.test-results');
const reportPath = join(resultsDir, 'vitest.json');
const projectOrder = ['unit', 'ui', 'engine', 'terminal'];

// vitest 5 needs Node >= 22: use the Node 24 that `npm ci` installs even when this script
// was started with an older system node.
const localNode = join(root, 'node_modules', '.bin', 'node');
const node = existsSync(localNode) ? localNode : process.execPath;

/** Runs a command with inherited stdio; resolves to its exit code (signals forwarded). */
function run(command, args) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('error', (error) => {
			console.error(`berth test: could not run ${command}: ${error.message}`);
			resolve(127);
		});
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve(code ?? (signal ? 128 : 1));
		});
	});
}

function readReport() {
	try {
		return JSON.parse(readFileSync(reportPath, 'utf8'));
	} catch {
		return undefined;
	}
}

function projectOf(file) {
	const parts = relative(root, file).split(sep);
	return parts[0] === 'test' && parts.length > 2 ? parts[1] : 'other';
}

/** Counts tests (not files) per project; a file that failed without a failed test (load error, failing hook) counts as one failure. */
function count(report) {
	const projects = new Map();
	const failures = [];
	for (const file of report.testResults ?? []) {
		const name = projectOf(file.name);
		const tally = projects.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
		projects.set(name, tally);
		let failedHere = 0;
		for (const test of file.assertionResults ?? []) {
			if (test.status === 'passed') tally.passed++;
			else if (test.status === 'failed') {
				tally.failed++;
				failedHere++;
				failures.push(`${relative(root, file.name)} > ${test.fullName}`);
			} else tally.skipped++;
		}
		if (file.status === 'failed' && failedHere === 0) {
			tally.failed++;
			const why = (file.message ?? '').split('\n')[0];
			failures.push(`${relative(root, file.name)}${why ? `: ${why}` : ' (file failed)'}`);
		}
	}
	return { projects, failures };
}

function line({ passed, failed, skipped }) {
	return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

async function main() {
	const args = process.argv.slice(2);

	if (existsSync(join(root, 'scripts', 'build.js'))) {
		const built = await run('npm', ['run', 'build']);
		if (built !== 0) {
			console.error(`berth test: npm run build failed (exit ${built}); tests not run`);
			console.log('0 passed, 1 failed');
			return 1;
		}
	}

	mkdirSync(resultsDir, { recursive: true });
	rmSync(reportPath, { force: true });
	const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
	const code = await run(node, [
		vitest, 'run',
		'--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`,
		...args,
	]);

	const report = readReport();
	console.log('');
	if (!report) {
		console.error(`berth test: vitest exited with ${code} and wrote no report to ${relative(root, reportPath)}`);
		console.log('0 passed, 1 failed');
		return code || 1;
	}

	const { projects, failures } = count(report);
	const total = { passed: 0, failed: 0, skipped: 0 };
	const names = [...projectOrder.filter((name) => projects.has(name)), ...[...projects.keys()].filter((name) => !projectOrder.includes(name))];
	const width = Math.max(0, ...names.map((name) => name.length));
	for (const name of names) {
		const tally = projects.get(name);
		console.log(`  ${name.padEnd(width)}  ${line(tally)}`);
		total.passed += tally.passed;
		total.failed += tally.failed;
		total.skipped += tally.skipped;
	}
	if (failures.length > 0) {
		console.log('failed:');
		for (const failure of failures) console.log(`  ${failure}`);
	}
	if (code !== 0 && total.failed === 0) {
		// Every test passed but vitest still failed the run (unhandled error, teardown failure...).
		console.log(`vitest exited with ${code} although no test failed: see its output above`);
		total.failed = 1;
	}
	console.log(line(total));
	return total.failed > 0 ? (code || 1) : code;
}

process.exitCode = await main();
