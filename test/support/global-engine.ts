/**
 * vitest globalSetup of the engine and terminal projects: starts ONE private dockerd for
 * the whole run (shared by both projects, stopped when the last one tears down), imports
 * the busybox test image, and provides the engine's DOCKER_HOST to tests as `engineHost`.
 *
 * Policy when a prerequisite is missing or the engine fails to start: with CI set the run
 * fails here, loudly; elsewhere one line says why and the suites skip (engineHost '').
 * BERTH_REQUIRE_ENGINE=1 applies the CI policy locally.
 */
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildBusyboxImage, startPrivateEngine } from './private-engine.js';
import type { PrivateEngine } from './private-engine.js';

interface Prepared {
	engine: PrivateEngine | undefined;
	engineSkipReason: string;
	tmuxSkipReason: string;
}

interface Shared {
	refs: number;
	prepared: Promise<Prepared>;
	warned: Set<string>;
}

// Each project loads this file through its own module runner, so module state is not
// shared between them; the main process's globalThis is.
const SHARED = Symbol.for('berth.test.global-engine');
type WithShared = typeof globalThis & { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const g = globalThis as WithShared;
	const shared = g[SHARED] ??= { refs: 0, prepared: prepare(), warned: new Set() };
	const prepared = await shared.prepared;
	const strict = requireSuites();
	const fail = async (message: string): Promise<never> => {
		// No project holds the engine yet, so no teardown would stop it.
		if (shared.refs === 0) {
			delete g[SHARED];
			await prepared.engine?.stop();
		}
		throw new Error(message);
	};
	if (prepared.engineSkipReason) {
		if (strict) await fail(`berth: CI is set, so the engine and terminal suites must run, but ${prepared.engineSkipReason}`);
		warnOnce(shared, `berth: engine and terminal suites skipped: ${prepared.engineSkipReason}`);
	}
	if (project.name === 'terminal' && prepared.tmuxSkipReason) {
		if (strict) await fail(`berth: CI is set, so the terminal suite must run, but ${prepared.tmuxSkipReason}`);
		warnOnce(shared, `berth: terminal suite skipped: ${prepared.tmuxSkipReason}`);
	}
	shared.refs++;
	project.provide('engineHost', prepared.engine?.host ?? '');
	project.provide('engineSkipReason', prepared.engineSkipReason);
	project.provide('tmuxSkipReason', prepared.tmuxSkipReason);
	return async () => {
		if (--shared.refs > 0) return;
		delete g[SHARED];
		await prepared.engine?.stop();
	};
}

async function prepare(): Promise<Prepared> {
	const tmuxSkipReason = tmuxMissing();
	const missing = engineMissing();
	if (missing) return { engine: undefined, engineSkipReason: missing, tmuxSkipReason };
	let engine: PrivateEngine | undefined;
	try {
		const started = Date.now();
		engine = await startPrivateEngine();
		const up = Date.now();
		await buildBusyboxImage(engine);
		if (process.env['BERTH_TEST_DEBUG']) {
			process.stderr.write(`berth: private engine ${engine.host} pid ${engine.pid} up in ${up - started} ms, image in ${Date.now() - up} ms\n`);
		}
		return { engine, engineSkipReason: '', tmuxSkipReason };
	} catch (error) {
		await engine?.stop().catch(() => undefined);
		const message = error instanceof Error ? error.message : String(error);
		// In CI the whole message (with dockerd's log tail) is the error; locally, one line.
		if (requireSuites()) throw new Error(`berth: the private engine failed to start: ${message}`, { cause: error });
		const lines = message.split('\n').filter((line) => line.trim() !== '');
		const summary = lines.length > 1 ? `${lines[0]}: ${lines.at(-1)?.trim()}` : lines[0];
		return { engine: undefined, engineSkipReason: `the private engine failed to start: ${summary}`, tmuxSkipReason };
	}
}

function warnOnce(shared: Shared, line: string): void {
	if (shared.warned.has(line)) return;
	shared.warned.add(line);
	process.stderr.write(`${line}\n`);
}

const INSTALL_HINT = 'install docker.io and busybox-static, or run scripts/install-test-deps.sh';

/**
 * True in CI, judged as Ink does (is-in-ci: CI or CONTINUOUS_INTEGRATION set to anything but
 * '0' or 'false'), or with BERTH_REQUIRE_ENGINE=1: prerequisites are then mandatory.
 */
export function requireSuites(env: NodeJS.ProcessEnv = process.env): boolean {
	if (env['BERTH_REQUIRE_ENGINE'] === '1') return true;
	const set = (key: string) => key in env && env[key] !== '0' && env[key] !== 'false';
	return set('CI') || set('CONTINUOUS_INTEGRATION');
}

/** Why a private engine cannot be started here, or '' when it can be tried. */
export function engineMissing(busybox = '/bin/busybox'): string {
	if (!findOnPath('dockerd', ['/usr/sbin', '/sbin'])) return `dockerd not found (${INSTALL_HINT})`;
	if (!findOnPath('docker')) return `docker CLI not found (${INSTALL_HINT})`;
	if (!findOnPath('tar')) return 'tar not found';
	if (process.getuid?.() !== 0) return 'dockerd needs root (the private engine is not rootless)';
	try {
		accessSync(busybox, constants.X_OK);
	} catch {
		return `${busybox} not found (${INSTALL_HINT})`;
	}
	if (hasElfInterpreter(busybox)) return `${busybox} is dynamically linked: the test image needs busybox-static (${INSTALL_HINT})`;
	return '';
}

/** Why tmux cannot be used here, or '' when it can. */
export function tmuxMissing(): string {
	return findOnPath('tmux') ? '' : 'tmux not found (install tmux, or run scripts/install-test-deps.sh)';
}

function findOnPath(command: string, extra: string[] = []): string | undefined {
	const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...extra].filter(Boolean);
	for (const dir of dirs) {
		const candidate = join(dir, command);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not in this dir
		}
	}
	return undefined;
}

/** True if the ELF file has a PT_INTERP program header, i.e. is dynamically linked. */
function hasElfInterpreter(file: string): boolean {
	const fd = openSync(file, 'r');
	try {
		const header = Buffer.alloc(64);
		readSync(fd, header, 0, 64, 0);
		if (header.readUInt32BE(0) !== 0x7f454c46) return false;
		const is64 = header[4] === 2;
		const little = header[5] === 1;
		const u16 = (buf: Buffer, at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
		const u32 = (buf: Buffer, at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
		const phoff = is64 ? Number(little ? header.readBigUInt64LE(32) : header.readBigUInt64BE(32)) : u32(header, 28);
		const phentsize = u16(header, is64 ? 54 : 42);
		const phnum = u16(header, is64 ? 56 : 44);
		const entry = Buffer.alloc(phentsize);
		for (let i = 0; i < phnum; i++) {
			readSync(fd, entry, 0, phentsize, phoff + i * phentsize);
			if (u32(entry, 0) === 3) return true;
		}
		return false;
	} finally {
		closeSync(fd);
	}
}
