import {EngineError, type Engine, type LogRecord} from '../engine/engine.js';
import {sinceAt, timeKey} from '../engine/since.js';
import {CarriedLines} from './carried-lines.js';
import {runBoundary} from './run-boundary.js';

/** What a follower tells its session. */
export type FollowerSink = {
	records(records: LogRecord[]): void;
	/**
	 * A line of berth's own: the container started again, or stopped, or went away. A restart
	 * marker belongs above the first line logged after `from` (the previous run's end).
	 */
	marker(what: 'restarted' | 'exited' | 'removed', time: string | undefined, exitCode?: number, from?: string): void;
	/** The follower's state or message changed. */
	changed(): void;
};

/**
 * following: a stream is open on a running container. stopped: the container
 * is not running (its log was read to the end). waiting: the stream broke (the
 * engine went away); tried again when the store says something changed.
 * gone: the container was removed.
 */
export type FollowerState = 'opening' | 'following' | 'stopped' | 'waiting' | 'gone';

export type FollowOptions = {
	/** Lines from the end when first opened (--tail). */
	tail?: number | 'all';
	/** The API's since when first opened (--since). */
	since?: string;
};

/** Least time between two tries after a container stopped or a stream broke. */
const retryGapMs = 1000;
/** A restart marker waits this long for the old run's last lines before it is drawn anyway. */
const markerWaitMs = 300;

/**
 * Follows one container's log for as long as the view is open: `docker logs
 * -f`, then, when that ends (the container stopped), looks again: a container
 * that started meanwhile is followed on from the last line seen, with a
 * "restarted" marker where its new run begins; a stopped one gets an "exited"
 * marker and is looked at again only when the store reports a change of it
 * (poke), so a container that stays stopped costs nothing.
 *
 * Resuming asks for the lines since the last line's own timestamp (since is
 * inclusive) and drops the ones already shown: dockerd gives every piece of a
 * long line the timestamp of its first, and can end a follow stream before it
 * wrote the last piece, so "just after the last line" would lose that piece.
 */
export class LogFollower {
	state: FollowerState = 'opening';
	/** Why the follower is waiting. */
	message: string | undefined;
	/** The container has a TTY (one stream, no stderr). */
	tty = false;
	/** Exit code and time of the container when it was last seen stopped. */
	exitCode: number | undefined;
	finishedAt: string | undefined;
	/** Timestamp of the newest complete line, and how many complete lines had exactly it. */
	private lastTime: string | undefined;
	private atLastTime = 0;
	/** A line a stream ended inside of (no newline yet): the next stream reads it again, whole. */
	private readonly carry = new CarriedLines();
	private startedAt: string | undefined;
	private exitMarkedFor: string | undefined;
	private readonly stopped = new AbortController();
	private running = false;
	private lastAttemptMs = 0;
	private retryTimer: NodeJS.Timeout | undefined;
	private quickEnds = 0;

	constructor(
		private readonly engine: Engine,
		readonly id: string,
		private readonly sink: FollowerSink,
		private readonly initial: FollowOptions,
	) {}

	/**
	 * The log up to now (follow=false), for a view that merges several
	 * containers in time order before following them. Complete lines only.
	 */
	async backlog(): Promise<LogRecord[]> {
		const records: LogRecord[] = [];
		try {
			for await (const chunk of this.engine.streamLogs(this.id, {follow: false, ...this.initial, signal: this.stopped.signal})) {
				if (chunk.kind === 'opened') {
					this.tty = chunk.tty;
					this.startedAt = chunk.startedAt;
				} else {
					for (const record of chunk.records) if (!record.partial) records.push(record);
				}
			}
		} catch (error) {
			this.fail(error);
		}

		this.noteTimes(records);
		return records;
	}

	/** Starts following: from the last line seen, else as first asked. */
	follow(): void {
		if (this.running || this.stopped.signal.aborted || this.state === 'gone') return;
		this.running = true;
		void this.loop().finally(() => {
			this.running = false;
		});
	}

	/** The store says the container (or the connection) changed: look again if not following. */
	poke(): void {
		if (this.running || this.retryTimer || this.stopped.signal.aborted || this.state === 'gone' || this.state === 'following') return;
		const wait = Math.max(0, this.lastAttemptMs + retryGapMs - Date.now());
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			this.follow();
		}, wait);
		this.retryTimer.unref?.();
	}

	stop(): void {
		this.stopped.abort();
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.retryTimer = undefined;
	}

	private async loop(): Promise<void> {
		for (;;) {
			const again = await this.attempt();
			if (!again || this.stopped.signal.aborted) return;
		}
	}

	/** One stream; true to look again at once (the container stopped while followed). */
	private async attempt(): Promise<boolean> {
		const started = Date.now();
		this.lastAttemptMs = started;
		const carried = this.carry.times();
		const from = [this.lastTime, ...carried].filter((time) => time !== undefined).sort((a, b) => (timeKey(a) < timeKey(b) ? -1 : 1))[0];
		const since = from === undefined ? undefined : sinceAt(from);
		const options = since === undefined ? this.initial : {since};
		// Lines at exactly `from` that were shown already come again: drop that many.
		let skip = from !== undefined && from === this.lastTime ? this.atLastTime : 0;
		let wasRunning = false;
		let received = 0;
		let restart: {time: string; from: string; fromKey: string; timer: NodeJS.Timeout} | undefined;
		const markRestart = () => {
			if (!restart) return;
			clearTimeout(restart.timer);
			this.flushCarry();
			this.sink.marker('restarted', restart.time, undefined, restart.from);
			restart = undefined;
		};

		try {
			for await (const chunk of this.engine.streamLogs(this.id, {follow: true, ...options, signal: this.stopped.signal})) {
				if (chunk.kind === 'opened') {
					this.tty = chunk.tty;
					wasRunning = chunk.running;
					if (this.startedAt !== undefined && chunk.startedAt !== undefined && chunk.startedAt !== this.startedAt) {
						// Drawn before the new run's first line (the old run's last ones may come first),
						// or after a moment when there is none yet.
						const time = chunk.startedAt;
						const from = runBoundary(this.startedAt, chunk.finishedAt, time);
						restart = {time, from, fromKey: timeKey(from), timer: setTimeout(markRestart, markerWaitMs)};
					}

					this.startedAt = chunk.startedAt ?? this.startedAt;
					this.setState(chunk.running ? 'following' : 'stopped');
					if (!chunk.running) this.exitCode = chunk.exitCode;
					this.finishedAt = chunk.finishedAt;
					continue;
				}

				const records: LogRecord[] = [];
				for (const record of chunk.records) {
					if (from !== undefined && record.time === from && !record.partial && skip > 0) {
						skip--;
						continue;
					}

					if (restart && record.time !== undefined && timeKey(record.time) >= restart.fromKey) {
						const before = records.splice(0);
						this.sink.records(before);
						this.noteTimes(before);
						markRestart();
					}

					if (this.carry.size === 0 && !record.unterminated) records.push(record);
					else records.push(...this.carry.settle(record, wasRunning));
				}

				received += records.length;
				if (records.length > 0) this.sink.records(records);
				this.noteTimes(records);
			}
		} catch (error) {
			markRestart();
			if (this.stopped.signal.aborted) return false;
			this.fail(error);
			return false;
		}

		markRestart();
		if (this.stopped.signal.aborted) return false;
		if (!wasRunning) {
			this.flushCarry();
			const run = this.startedAt ?? '';
			if (this.exitMarkedFor !== run) {
				this.exitMarkedFor = run;
				this.sink.marker('exited', this.finishedAt, this.exitCode);
			}

			this.setState('stopped');
			return false;
		}

		// It stopped while followed: the next look says how (and marks it). A stream that keeps
		// ending at once on a running container is not retried in a loop.
		this.quickEnds = received === 0 && Date.now() - started < retryGapMs ? this.quickEnds + 1 : 0;
		if (this.quickEnds >= 3) {
			this.setState('waiting', 'the engine keeps ending the log stream');
			return false;
		}

		await new Promise((resolve) => setTimeout(resolve, this.quickEnds === 0 ? 0 : 250));
		return true;
	}

	/** The lines left open by an ended stream are complete after all. */
	private flushCarry(): void {
		if (this.carry.size === 0) return;
		const records = this.carry.take();
		this.sink.records(records);
		this.noteTimes(records);
	}

	private fail(error: unknown): void {
		const message = error instanceof EngineError ? error.problem.title : error instanceof Error ? error.message : String(error);
		if (/no such container/i.test(message)) {
			if (this.state !== 'gone') this.sink.marker('removed', undefined);
			this.setState('gone');
			return;
		}

		this.setState('waiting', message);
	}

	private setState(state: FollowerState, message?: string): void {
		if (this.state === state && this.message === message) return;
		this.state = state;
		this.message = message;
		this.sink.changed();
	}

	/** Remembers where the shown lines end: the newest complete line's time, and how many share it. */
	private noteTimes(records: LogRecord[]): void {
		for (const record of records) {
			if (record.partial || record.time === undefined) continue;
			if (record.time === this.lastTime) this.atLastTime++;
			else if (this.lastTime === undefined || timeKey(record.time) > timeKey(this.lastTime)) {
				this.lastTime = record.time;
				this.atLastTime = 1;
			}
		}
	}
}
