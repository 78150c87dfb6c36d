import { afterEach, expect, it } from 'vitest';
import { describeWithTmux } from '../support/engine-available.js';
import { startTmux } from '../support/tmux.js';
import type { TmuxSession } from '../support/tmux.js';

describeWithTmux('the tmux harness', () => {
	let session: TmuxSession | undefined;

	afterEach(async () => {
		await session?.kill();
		session = undefined;
	});

	it('shows what the command prints', async () => {
		session = await startTmux({ cols: 80, rows: 24, command: ['sh', '-c', 'printf hello; sleep 30'] });
		const screen = await session.waitFor('hello');
		expect(screen).toBe('hello');
		expect(await session.isAlive()).toBe(true);
	});

	it('runs the command on a real tty of the requested size, with the given env', async () => {
		session = await startTmux({
			cols: 80,
			rows: 24,
			command: ['sh', '-c', 'test -t 0 && test -t 1 && echo tty; stty size; tput cols; tput lines; echo "v=$BERTH_X"; sleep 30'],
			env: { BERTH_X: 'a b' },
		});
		const screen = await session.waitFor(/v=/);
		expect(screen.split('\n')).toEqual(['tty', '24 80', '80', '24', 'v=a b']);
	});

	it('types keys and text, follows a resize, and reports the exit status', async () => {
		session = await startTmux({ cols: 80, rows: 24, command: ['sh', '-c', 'read line; echo "got:$line"; read _; stty size; read _; exit 3'] });
		await session.sendKeys('x');
		await session.sendText('Enter');
		await session.sendKeys('Enter');
		await session.waitFor('got:xEnter');
		await session.resize(100, 30);
		await session.sendKeys('Enter');
		await session.waitFor('30 100');
		await session.sendKeys('Enter');
		await expect.poll(() => session!.exitStatus(), { timeout: 15_000 }).toBe(3);
		expect(await session.isAlive()).toBe(false);
	});

	it('fails waitFor with the last screen', async () => {
		session = await startTmux({ cols: 40, rows: 10, command: ['sh', '-c', 'echo nope; sleep 30'] });
		await session.waitFor('nope');
		await expect(session.waitFor('never', { timeout: 200 })).rejects.toThrow(/within 200 ms; last screen:\n.*\n\|nope/);
	});
});
