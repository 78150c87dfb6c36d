import {describe, expect, it} from 'vitest';
import {toContainerDetail, type ContainerDetail} from '../../source/engine/container-detail.js';
import {inspectReducer, type InspectState} from '../../source/store/inspect-slice.js';
import {detailTabs, envLines, limitLines, naturalCompare, portLines, restartLines} from '../../source/store/inspect-lines.js';
import {foldAll, inspectView, nextMatch, toggleFold} from '../../source/store/inspect-view.js';
import {foldablePaths, jsonLines, shownJsonLines} from '../../source/store/json-fold.js';
import {FakeResources, inspectFixture} from '../support/fake-resources.js';
import {containerFixture, eventFixture, idFor} from '../support/fake-engine.js';
import type {Engine} from '../../source/engine/engine.js';
import {createStore} from '../../source/store/create-store.js';
import {startResourcesFeed} from '../../source/store/resources-feed.js';
import {initialState} from '../../source/store/state.js';

const detail = () => toContainerDetail(inspectFixture());

describe('folding JSON', () => {
	it('prints exactly what JSON.stringify(value, null, 4) prints, for docker inspect and the edge cases', () => {
		const values = [inspectFixture(), {a: {}, b: [], c: [[1, [2]], {d: null}], 'e/f~g': {h: 'i'}, '': 0}, [], {}, 'text', null, [{x: 1}]];
		for (const value of values) expect(jsonLines(value).map((line) => line.text).join('\n')).toBe(JSON.stringify(value, null, 4));
	});

	it('shows the top level with everything below folded; a folded line stands for its object with its key count', () => {
		const lines = jsonLines({a: 1, b: {c: {d: 2}}, e: [1, 2]});
		const shown = shownJsonLines(lines, new Set());
		expect(shown.map((index) => lines[index]!.folded ?? lines[index]!.text)).toEqual(['{', '    "a": 1,', '    "b": {… 1 key},', '    "e": [… 2 items]', '}']);
		expect(foldablePaths(lines)).toEqual(['/b', '/b/c', '/e']);
		// Opening /b shows its lines; /b/c stays folded.
		const open = shownJsonLines(lines, new Set(['/b']));
		expect(open.map((index) => lines[index]!.text)).toContain('        "c": {');
		expect(open.map((index) => lines[index]!.text)).not.toContain('            "d": 2');
	});
});

const state = (partial: Partial<InspectState> = {}): InspectState => ({
	id: 'c1',
	name: 'web',
	tab: 'inspect',
	cursor: 0,
	offset: 0,
	lines: {inspect: JSON.stringify({Id: 'x', State: {Pid: 7, Status: 'running'}, HostConfig: {Memory: 64, NanoCpus: 5}, Config: {Env: ['A=1']}}, null, 4).split('\n')},
	unfolded: [],
	...partial,
});

describe('the detail view model', () => {
	it('Enter on a folded line unfolds it; on a line inside, folds its object and puts the cursor on it', () => {
		let inspect = state({cursor: 2});
		expect(inspectView(inspect)!.lines.map((line) => line.text)).toEqual(['{', '    "Id": "x",', '    "State": {… 2 keys},', '    "HostConfig": {… 2 keys},', '    "Config": {… 1 key}', '}']);
		inspect = {...inspect, ...toggleFold(inspect)!};
		expect(inspect.unfolded).toEqual(['/State']);
		expect(inspectView(inspect)!.lines[3]!.text).toBe('        "Pid": 7,');
		inspect = {...inspect, cursor: 3};
		inspect = {...inspect, ...toggleFold(inspect)!};
		expect(inspect).toMatchObject({unfolded: [], cursor: 2});
		// The root cannot fold; a top-level scalar has nothing to fold.
		expect(toggleFold({...inspect, cursor: 1})).toBeUndefined();
		expect(foldAll(inspect, true)!.unfolded.sort()).toEqual(['/Config', '/Config/Env', '/HostConfig', '/State']);
	});

	it('search counts matching lines, folded or not; n unfolds what hides the next, wrapping round; N goes back', () => {
		let inspect = state({search: {text: 'memory', editing: false}});
		const view = inspectView(inspect)!;
		expect(view.matches).toHaveLength(1);
		const jump = nextMatch(inspect, 1)!;
		expect(jump.unfolded).toEqual(['/HostConfig']);
		inspect = {...inspect, ...jump};
		expect(inspectView(inspect)!.lines[inspect.cursor]!.text).toBe('        "Memory": 64,');
		// Smart case: a capital makes it exact.
		expect(inspectView({...inspect, search: {text: 'MEMORY', editing: false}})!.matches).toHaveLength(0);
		inspect = {...inspect, search: {text: '"', editing: false}};
		const all = inspectView(inspect)!.matches;
		expect(nextMatch({...inspect, cursor: 0}, -1)).toMatchObject({cursor: expect.any(Number)});
		expect(all.length).toBeGreaterThan(5);
	});

	it('the cursor moves within the lines shown and the window follows it; tabs wrap both ways', () => {
		let inspect: InspectState | undefined = state();
		inspect = inspectReducer(inspect, {type: 'resources/inspectMove', by: 10, count: 6, page: 3});
		expect(inspect).toMatchObject({cursor: 5, offset: 3});
		inspect = inspectReducer(inspect, {type: 'resources/inspectMove', by: -4, count: 6, page: 3});
		expect(inspect).toMatchObject({cursor: 1, offset: 1});
		inspect = inspectReducer(inspect, {type: 'resources/inspectTab', by: -1});
		expect(inspect).toMatchObject({tab: 'limits', cursor: 0, offset: 0});
		inspect = inspectReducer(inspect, {type: 'resources/inspectTab', by: 1});
		expect(inspect?.tab).toBe('inspect');
		inspect = inspectReducer(inspect, {type: 'resources/inspectLoaded', id: 'other', lines: {top: ['x']}, at: 1});
		expect(inspect?.lines.top).toBeUndefined();
		expect(inspectReducer(inspect, {type: 'resources/inspectClose'})).toBeUndefined();
	});
});

describe('the container detail mapper', () => {
	it('reads ports, env, mounts, restart policy and limits from docker inspect', () => {
		const mapped = detail();
		expect(mapped.ports).toEqual([
			{port: '53/udp', hostIp: '127.0.0.1', hostPort: '32768'},
			{port: '80/tcp', hostIp: '0.0.0.0', hostPort: '32768'},
			{port: '80/tcp', hostIp: '::', hostPort: '32768'},
		]);
		expect(mapped.exposed).toEqual([]);
		expect(mapped.env).toEqual(['FOO=bar', 'EMPTY=', 'PATH=/bin']);
		expect(mapped.mounts.map((mount) => [mount.type, mount.name, mount.destination, mount.rw, mount.mode])).toEqual([
			['volume', 'pvol', '/data', true, 'z'],
			['bind', '', '/host', false, 'ro'],
		]);
		expect(mapped.restart).toMatchObject({policy: 'on-failure', maxRetries: 3, restartCount: 0, status: 'running', exitCode: 0, oomKilled: false});
		expect(mapped.limits).toMatchObject({memory: 67_108_864, memorySwap: 134_217_728, nanoCpus: 500_000_000, pidsLimit: 100, ulimits: [{name: 'nofile', soft: 1024, hard: 2048}]});
	});

	it('tolerates what an engine leaves out (Podman, a created container): empty, 0, unlimited', () => {
		const mapped = toContainerDetail({Name: '/x', Config: {ExposedPorts: {'8080/tcp': {}}}, HostConfig: {PidsLimit: null}, NetworkSettings: {Ports: {'9090/tcp': null}}});
		expect(mapped).toMatchObject({name: 'x', ports: [], exposed: ['8080/tcp', '9090/tcp'], env: [], mounts: []});
		expect(mapped.limits.pidsLimit).toBeUndefined();
		expect(limitLines(mapped.limits).join('\n')).toMatch(/PIDs \(--pids-limit\)\s+unlimited/);
	});
});

describe('the tab texts', () => {
	it('ports as docker port: natural order, IPv6 in brackets, then what is exposed only', () => {
		const ports: ContainerDetail = {...detail(), ports: [{port: '8080/tcp', hostIp: '0.0.0.0', hostPort: '1'}, {port: '443/tcp', hostIp: '::1', hostPort: '2'}], exposed: ['9000/tcp']};
		expect(portLines(ports)).toEqual(['443/tcp -> [::1]:2', '8080/tcp -> 0.0.0.0:1', '', 'Exposed, not published: 9000/tcp']);
		expect(portLines({...ports, ports: [], exposed: [], networkMode: 'host'})[0]).toMatch(/^Network mode host/);
		expect(['10/tcp', '9/tcp', '100/udp'].sort(naturalCompare)).toEqual(['9/tcp', '10/tcp', '100/udp']);
	});

	it('environment with values and mounts as source → destination', () => {
		expect(envLines(detail())).toEqual([
			'Environment (3)',
			'  FOO=bar',
			'  EMPTY=',
			'  PATH=/bin',
			'',
			'Mounts (2)',
			'  volume  pvol → /data      rw  mode z, at /tmp/h9e/data/volumes/pvol/_data',
			'  bind    /tmp/h9e → /host  ro  mode ro, propagation rslave',
		]);
	});

	it('restart policies in words, "never" for Go\'s zero time', () => {
		const restart = detail().restart;
		expect(restartLines(restart)[0]).toBe('Restart policy  on-failure:3 (at most 3 restarts after a non-zero exit)');
		expect(restartLines({...restart, policy: 'always'})[0]).toMatch(/always \(restarts whenever it stops/);
		expect(restartLines({...restart, policy: 'on-failure', maxRetries: 0})[0]).toMatch(/on-failure \(restarts after every non-zero exit\)/);
		expect(restartLines(restart)).toContain('Finished at     never');
		expect(restartLines({...restart, health: {status: 'unhealthy', failingStreak: 3}, error: 'boom'}).slice(-2)).toEqual(['Error           boom', 'Health          unhealthy (failing streak 3)']);
	});

	it('limits: sizes as docker stats writes them, CPUs from NanoCpus or quota/period, 0 unlimited', () => {
		const lines = limitLines(detail().limits).join('\n');
		expect(lines).toMatch(/Memory \(--memory\)\s+64MiB \(67108864 bytes\)/);
		expect(lines).toMatch(/Memory \+ swap \(--memory-swap\)\s+128MiB/);
		expect(lines).toMatch(/CPU shares \(--cpu-shares\)\s+default \(1024\)/);
		const quota = limitLines({...detail().limits, nanoCpus: 0, cpuQuota: 150_000, cpuPeriod: 100_000, memorySwap: -1}).join('\n');
		expect(quota).toMatch(/CPUs \(--cpus\)\s+1\.5 \(quota \/ period\)/);
		expect(quota).toMatch(/Memory \+ swap \(--memory-swap\)\s+unlimited swap/);
	});

	it('one inspect fills the JSON, ports, env, restart and limits tabs', () => {
		const raw = inspectFixture();
		expect(Object.keys(detailTabs(JSON.stringify(raw, null, 4), toContainerDetail(raw))).sort()).toEqual(['env', 'inspect', 'limits', 'ports', 'restart']);
	});
});

describe('loading the detail tabs', () => {
	it('one inspect fills five tabs; a change of the container\'s state reads it again; top and diff load when shown', async () => {
		const api = new FakeResources();
		const id = idFor('web');
		api.inspects.set(id, inspectFixture());
		const store = createStore(initialState(), {batchMs: 0});
		store.dispatch({type: 'containers/listed', containers: [containerFixture({name: 'web'})], at: Date.now()});
		const feed = startResourcesFeed({resources: api} as unknown as Engine, store, {delayMs: 1});
		try {
			store.dispatch({type: 'resources/inspectOpen', id, name: 'web'});
			await expect.poll(() => store.getState().resources.inspect?.lines.limits).toBeDefined();
			expect(api.calls).toEqual([`inspect ${id}`]);
			store.dispatch({type: 'resources/inspectTab', by: 2});
			store.dispatch({type: 'resources/inspectTab', by: 2});
			expect(store.getState().resources.inspect?.tab).toBe('env');
			await feed.idle();
			expect(api.calls).toEqual([`inspect ${id}`]);
			// The container dies: its RestartCount, exit code and times may have moved.
			store.dispatch({type: 'engine/event', event: eventFixture('die', id, {exitCode: '1'})});
			await expect.poll(() => api.calls.length).toBe(2);
			store.dispatch({type: 'resources/inspectTab', by: -1});
			await expect.poll(() => store.getState().resources.inspect?.lines.diff).toBeDefined();
			expect(api.calls.at(-1)).toBe(`diff ${id}`);
		} finally {
			feed.stop();
		}
	});
});
