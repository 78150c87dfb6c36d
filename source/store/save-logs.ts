import {createWriteStream, type WriteStream} from 'node:fs';
import {homedir} from 'node:os';
import {resolve} from 'node:path';
import type {Engine, LogRecord} from '../engine/engine.js';
import {timeKey} from '../engine/since.js';
import type {LogLine} from './log-line.js';
import type {LogSession} from './log-session.js';

export type SaveResult = {path: string; lines: number; bytes: number};

export type SaveOptions = {
	/** The whole log from the engine instead of the lines in the buffer. */
	full: boolean;
	/** Start each line with the engine's timestamp, as `docker logs -t` does. */
	timestamps: boolean;
};

/**
 * Writes a view's lines to a new file (never over an existing one): as the
 * engine sent them, unsanitized, like `docker logs > file` (with
 * `service | ` before each line in a project view). berth's own marker lines
 * are left out. Full: every line the engine still has, read as a stream
 * (merged by time across a project's containers), not held in memory.
 */
export async function saveLogs(engine: Engine, session: LogSession, path: string, options: SaveOptions): Promise<SaveResult> {
	const target = expandPath(path);
	const out = await openNew(target);
	const project = session.target.kind === 'project';
	let lines = 0;
	const format = (text: string, time: string | undefined, source: number) => {
		const stamp = options.timestamps && time !== undefined ? `${time} ` : '';
		const prefix = project ? `${session.sources[source]?.label ?? ''} | ` : '';
		return `${stamp}${prefix}${text}\n`;
	};

	try {
		if (options.full) {
			const controller = new AbortController();
			try {
				const sources = session.sources.map((source) => records(engine, source.id, controller.signal));
				for await (const {record, source} of mergeByTime(sources)) {
					await write(out, format(record.text, record.time, source));
					lines++;
				}
			} finally {
				controller.abort();
			}
		} else {
			const {buffer} = session;
			// Copied first: lines arriving while the file is written do not move under the loop.
			const kept: LogLine[] = [...buffer.lines()];
			for (const line of kept) {
				if (line.kind === 'marker') continue;
				await write(out, format(line.text, line.time, line.source));
				lines++;
			}
		}

		await finish(out);
	} catch (error) {
		out.destroy();
		throw error;
	}

	return {path: target, lines, bytes: out.bytesWritten};
}

/** `~` and `~/…` are the home directory; relative paths are from where berth was started. */
export function expandPath(path: string): string {
	const trimmed = path.trim();
	if (trimmed === '') throw new Error('no file name given');
	if (trimmed === '~' || trimmed.startsWith('~/')) return resolve(homedir(), trimmed.slice(2));
	return resolve(trimmed);
}

/** A file name for a view's logs: its name and the time, in the current directory. */
export function defaultSavePath(name: string, nowMs: number = Date.now()): string {
	const date = new Date(nowMs);
	const two = (n: number) => String(n).padStart(2, '0');
	const stamp = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
	const safe = name.replace(/[^\w.-]+/g, '_').replace(/^[.-]+/, '') || 'logs';
	return `${safe}-${stamp}.log`;
}

function openNew(path: string): Promise<WriteStream> {
	return new Promise((resolvePromise, reject) => {
		const out = createWriteStream(path, {flags: 'wx'});
		out.once('open', () => resolvePromise(out));
		out.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EEXIST' ? new Error(`${path} already exists`) : error));
	});
}

function write(out: WriteStream, text: string): Promise<void> | undefined {
	if (out.write(text)) return undefined;
	return new Promise((resolvePromise, reject) => {
		const onError = (error: Error) => reject(error);
		out.once('error', onError);
		out.once('drain', () => {
			out.off('error', onError);
			resolvePromise();
		});
	});
}

function finish(out: WriteStream): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		out.once('error', reject);
		out.end(() => resolvePromise());
	});
}

/** A container's whole log, complete lines one by one. */
async function* records(engine: Engine, id: string, signal: AbortSignal): AsyncGenerator<LogRecord> {
	for await (const chunk of engine.streamLogs(id, {follow: false, tail: 'all', signal})) {
		if (chunk.kind === 'records') for (const record of chunk.records) if (!record.partial) yield record;
	}
}

/** Several time-ordered streams as one, oldest line first (ties: the earlier source). */
export async function* mergeByTime(sources: Array<AsyncIterator<LogRecord>>): AsyncGenerator<{record: LogRecord; source: number}> {
	const heads = await Promise.all(sources.map((source) => source.next()));
	for (;;) {
		let best = -1;
		let bestKey = '';
		heads.forEach((head, index) => {
			if (head.done) return;
			const key = head.value.time === undefined ? '' : timeKey(head.value.time);
			if (best === -1 || key < bestKey) {
				best = index;
				bestKey = key;
			}
		});
		if (best === -1) return;
		const head = heads[best]!;
		if (!head.done) yield {record: head.value, source: best};
		heads[best] = await sources[best]!.next();
	}
}
