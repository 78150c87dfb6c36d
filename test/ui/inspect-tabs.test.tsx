import {afterEach, describe, expect, test} from 'vitest';
import {containerFixture, idFor} from '../support/fake-engine.js';
import {FakeResources, inspectFixture} from '../support/fake-resources.js';
import {keys, plain, selectedLine, startApp, widestLine, type Harness} from '../support/render-app.js';

let app: Harness | undefined;
afterEach(() => {
	app?.stop();
	app = undefined;
});

const shiftTab = '\u001B[Z';

/** An app with one container whose inspect is the fixture (maybe changed), the detail view (I) open on it. */
async function openDetails(change: (raw: Record<string, unknown>) => void = () => undefined, size: {columns?: number; rows?: number} = {}): Promise<{app: Harness; api: FakeResources}> {
	const api = new FakeResources();
	const raw = inspectFixture();
	change(raw);
	api.inspects.set(idFor('web'), raw);
	api.changes = [{kind: 'A', path: '/made'}, {kind: 'D', path: '/bin/yes'}, {kind: 'C', path: '/etc'}];
	const harness = startApp({containers: [containerFixture({name: 'web'})], resources: api, columns: size.columns ?? 100, rows: size.rows ?? 30});
	await harness.waitForText('web');
	await harness.press('I');
	await harness.waitForText('"HostConfig": {…');
	return {app: harness, api};
}

describe('the container detail tabs (I)', () => {
	test('the inspect JSON starts folded to the top level; Enter unfolds and folds the object on the cursor', async () => {
		const opened = await openDetails();
		app = opened.app;
		const frame = plain(app.frame());
		expect(frame).toMatch(/^web \[Inspect\] Processes {2}Ports {2}Diff {2}Env & mounts {2}Restart {2}Limits/m);
		expect(frame).toMatch(/line 1 of 2\d · Enter folds\/unfolds, \+ all, - none · \/ searches/);
		expect(frame).toMatch(/▸ {5}"State": \{… 11 keys\},/);
		expect(frame).toContain('"Id": "8c8b5a8948a7');
		expect(frame).not.toContain('"Pid":');
		// Down to "State" and open it.
		while (!selectedLine(app.frame())?.includes('"State"')) await app.press('j');
		await app.press(keys.enter);
		let shown = await app.waitForText('"Pid":');
		expect(plain(shown)).toMatch(/▾ {5}"State": \{/);
		// Enter inside the open object folds it and puts the cursor back on it.
		await app.press('j', 'j', keys.enter);
		shown = await app.waitForFrame((f) => !plain(f).includes('"Pid":'));
		expect(selectedLine(shown)).toContain('"State": {… 11 keys},');
		// + opens everything, - folds it all again.
		await app.press('+');
		await app.waitForText('"Pid":');
		await app.press('-');
		await app.waitForFrame((f) => !plain(f).includes('"Pid":'));
	});

	test('/ searches the JSON: matches are counted and highlighted, n unfolds what hides the next one', async () => {
		const opened = await openDetails();
		app = opened.app;
		await app.press('/');
		await app.type('PidsLimit');
		let frame = await app.waitForText('/PidsLimit');
		expect(plain(frame)).toContain('1 match');
		await app.press(keys.enter);
		frame = await app.waitForText('match 1 of 1');
		expect(selectedLine(frame)).toContain('"PidsLimit": 100,');
		// The match is drawn on a yellow background (SGR 43).
		expect(frame).toMatch(/\u001B\[43m[^\n]*PidsLimit/);
		// A search with several matches: n goes to the next, unfolding the object that hides it; N back.
		await app.press('/');
		await app.type('Memory');
		await app.press(keys.enter);
		frame = await app.waitForText('match 1 of ');
		const count = Number(/match 1 of (\d+)/.exec(plain(frame))![1]);
		expect(count).toBeGreaterThan(3);
		await app.press('n');
		frame = await app.waitForText(`match 2 of ${count}`);
		expect(selectedLine(frame)).toMatch(/Memory/);
		await app.press('N', 'N');
		await app.waitForText(`match ${count} of ${count}`);
		// Esc clears the search first, then closes the view.
		await app.press(keys.escape);
		await app.waitForText('/ searches');
		await app.press(keys.escape);
		await app.waitForFrame((f) => plain(f).includes('NAME') && !plain(f).includes('Processes'));
	});

	test('Tab walks the tabs: processes, ports as docker port prints them, diff, env and mounts, restart, limits', async () => {
		const opened = await openDetails();
		app = opened.app;
		await app.press('\t');
		await app.waitForText('sleep 1000');
		expect(plain(app.frame())).toContain('every 2 s');
		await app.press('\t');
		let frame = plain(await app.waitForText('80/tcp -> 0.0.0.0:32768'));
		// Natural order, as docker port sorts: 53 before 80; IPv6 in brackets.
		expect(frame.indexOf('53/udp -> 127.0.0.1:32768')).toBeLessThan(frame.indexOf('80/tcp -> 0.0.0.0:32768'));
		expect(frame).toContain('80/tcp -> [::]:32768');
		await app.press('l');
		frame = plain(await app.waitForText('A /made'));
		expect(frame).toContain('D /bin/yes');
		await app.press(keys.right);
		frame = plain(await app.waitForText('FOO=bar'));
		expect(frame).toContain('EMPTY=');
		expect(frame).toMatch(/volume\s+pvol → \/data\s+rw\s+mode z, at \/tmp\/h9e\/data\/volumes\/pvol\/_data/);
		expect(frame).toMatch(/bind\s+\/tmp\/h9e → \/host\s+ro\s+mode ro, propagation rslave/);
		await app.press('\t');
		frame = plain(await app.waitForText('Restart policy'));
		expect(frame).toMatch(/Restart policy\s+on-failure:3 \(at most 3 restarts after a non-zero exit\)/);
		expect(frame).toMatch(/Restart count\s+0/);
		expect(frame).toMatch(/Finished at\s+never/);
		expect(frame).toMatch(/OOM killed\s+no/);
		await app.press('\t');
		frame = plain(await app.waitForText('Memory (--memory)'));
		expect(frame).toMatch(/Memory \(--memory\)\s+64MiB \(67108864 bytes\)/);
		expect(frame).toMatch(/CPUs \(--cpus\)\s+0\.5 \(NanoCpus 500000000\)/);
		expect(frame).toMatch(/PIDs \(--pids-limit\)\s+100/);
		expect(frame).toMatch(/Memory reservation \(--memory-reservation\)\s+unlimited/);
		expect(frame).toMatch(/Ulimits \(--ulimit\)\s+nofile=1024:2048/);
		// Round to the JSON, and back with Shift-Tab and h.
		await app.press('\t');
		await app.waitForText('"HostConfig": {…');
		await app.press(shiftTab);
		await app.waitForText('Memory (--memory)');
		await app.press('h');
		await app.waitForText('Restart policy');
	});

	test('a container without limits or ports reads "unlimited" and says nothing is published', async () => {
		const opened = await openDetails((raw) => {
			const host = raw['HostConfig'] as Record<string, unknown>;
			Object.assign(host, {Memory: 0, MemorySwap: 0, NanoCpus: 0, PidsLimit: null, Ulimits: null, RestartPolicy: {Name: 'no', MaximumRetryCount: 0}});
			(raw['NetworkSettings'] as Record<string, unknown>)['Ports'] = {};
		});
		app = opened.app;
		await app.press('\t', '\t');
		await app.waitForText('No published ports');
		await app.press('\t', '\t', '\t');
		let frame = plain(await app.waitForText('Restart policy'));
		expect(frame).toMatch(/Restart policy\s+no \(the engine never restarts it\)/);
		await app.press('\t');
		frame = plain(await app.waitForText('Memory (--memory)'));
		expect(frame).toMatch(/Memory \(--memory\)\s+unlimited/);
		expect(frame).toMatch(/CPUs \(--cpus\)\s+unlimited/);
		expect(frame).toMatch(/PIDs \(--pids-limit\)\s+unlimited/);
		expect(frame).toMatch(/Ulimits \(--ulimit\)\s+the engine's defaults/);
	});

	test('escape sequences in env values, mount paths and JSON strings never reach the frame', async () => {
		const evil = '\u001B]0;pwned\u0007\u001B[2J\u009B31m';
		const opened = await openDetails((raw) => {
			(raw['Config'] as Record<string, unknown>)['Env'] = [`EVIL=${evil}x`, 'PATH=/bin'];
			(raw['Config'] as Record<string, unknown>)['Labels'] = {[`k${evil}`]: `v${evil}`};
		});
		app = opened.app;
		await app.press('/');
		await app.type('EVIL');
		await app.press(keys.enter);
		let frame = await app.waitForText('"EVIL=');
		expect(frame).not.toContain('\u001B]0;');
		expect(frame).not.toContain('\u001B[2J');
		expect(frame).not.toContain('\u009B');
		await app.press('\t', '\t', '\t', '\t');
		frame = await app.waitForText('EVIL=');
		expect(frame).not.toContain('\u001B]0;');
		expect(frame).not.toContain('\u009B');
		expect(widestLine(frame)).toBeLessThanOrEqual(100);
	});

	test('the engine\'s refusal shows in place of the lines', async () => {
		const api = new FakeResources();
		app = startApp({containers: [containerFixture({name: 'gone'})], resources: api});
		await app.waitForText('gone');
		await app.press('I');
		await app.waitForText('No such container');
	});
});
