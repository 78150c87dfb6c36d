/**
 * --stats-source and when a Docker engine gets a local (cgroup) stats reader:
 * auto only for a unix socket on a Linux host whose /proc and cgroups berth
 * can read, cgroup always, api never.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {options} from '../../source/cli-options.js';
import {createDockerEngine} from '../../source/engine/docker-engine.js';
import {parseHost} from '../../source/engine/endpoint.js';
import {localStatsProblem, parseStatsSourceMode} from '../../source/engine/local-stats-mode.js';

const unix = parseHost('unix:///tmp/berth-no-such.sock', {kind: 'flag-host'});
const tcp = parseHost('tcp://127.0.0.1:1', {kind: 'flag-host'});
const ssh = parseHost('ssh://me@example.invalid', {kind: 'flag-host'});
let root: string;
let empty: string;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'berth-mode-'));
	mkdirSync(join(root, 'proc/self'), {recursive: true});
	const fixture = (path: string) => readFileSync(new URL(`../fixtures/cgroup/${path}`, import.meta.url), 'utf8');
	writeFileSync(join(root, 'proc/stat'), fixture('proc/stat'));
	writeFileSync(join(root, 'proc/self/mountinfo'), fixture('proc/mountinfo-v2'));
	empty = mkdtempSync(join(tmpdir(), 'berth-mode-empty-'));
});

afterAll(() => {
	rmSync(root, {recursive: true, force: true});
	rmSync(empty, {recursive: true, force: true});
});

describe('--stats-source', () => {
	test('auto, cgroup or api; unset is auto; anything else names the values', () => {
		expect(parseStatsSourceMode(undefined)).toBe('auto');
		expect(parseStatsSourceMode('')).toBe('auto');
		expect(parseStatsSourceMode('API')).toBe('api');
		expect(parseStatsSourceMode('cgroup')).toBe('cgroup');
		expect(() => parseStatsSourceMode('kernel')).toThrow('--stats-source must be one of auto, cgroup, api, not "kernel"');
	});

	test('is in the options table (help, meow flags and readme come from it)', () => {
		expect(options.find((option) => option.name === 'stats-source')).toMatchObject({type: 'string', value: '<auto|cgroup|api>'});
	});
});

describe('whether the kernel can be read', () => {
	test('a unix socket on a Linux host with /proc/stat and cgroup mounts: yes', () => {
		expect(localStatsProblem({endpoint: unix, platform: 'linux', root})).toBeUndefined();
	});

	test('tcp and ssh engines may be elsewhere', () => {
		expect(localStatsProblem({endpoint: tcp, platform: 'linux', root})).toBe('the engine is reached over tcp:// and may not run on this host');
		expect(localStatsProblem({endpoint: ssh, platform: 'linux', root})).toMatch(/over ssh:\/\//);
	});

	test('not Linux, no /proc, no cgroup mounts: no', () => {
		expect(localStatsProblem({endpoint: unix, platform: 'darwin', root})).toBe('berth runs on darwin, which has no cgroups to read');
		expect(localStatsProblem({endpoint: unix, platform: 'linux', root: empty})).toMatch(/\/proc\/stat cannot be read here$/);
		mkdirSync(join(empty, 'proc/self'), {recursive: true});
		writeFileSync(join(empty, 'proc/stat'), readFileSync(join(root, 'proc/stat')));
		writeFileSync(join(empty, 'proc/self/mountinfo'), '23 28 0:21 / /proc rw - proc proc rw\n');
		expect(localStatsProblem({endpoint: unix, platform: 'linux', root: empty})).toBe('no cgroup file system is mounted here');
	});
});

describe('a Docker engine\'s localStats', () => {
	const reader = (endpoint: typeof unix, statsSource?: 'auto' | 'cgroup' | 'api', localRoot = root) => {
		const engine = createDockerEngine(endpoint, {statsSource, localRoot});
		const present = engine.localStats !== undefined;
		engine.close();
		return present;
	};

	test('auto: a local unix socket gets one, a tcp engine does not', () => {
		expect(reader(unix, undefined)).toBe(process.platform === 'linux');
		expect(reader(unix, 'auto', empty)).toBe(false);
		expect(reader(tcp, 'auto')).toBe(false);
	});

	test('cgroup: always, even where the check says no', () => {
		expect(reader(tcp, 'cgroup')).toBe(true);
		expect(reader(unix, 'cgroup', empty)).toBe(true);
	});

	test('api: never', () => {
		expect(reader(unix, 'api')).toBe(false);
	});
});
