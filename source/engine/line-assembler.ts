import {StringDecoder} from 'node:string_decoder';
import type {LogRecord, LogStreamName} from './engine.js';

/**
 * Characters kept in one line. A longer run without a newline is cut into
 * lines of this length, so a container that never writes one cannot grow
 * berth's memory without bound (the drawn part is capped far lower).
 */
export const maxLineLength = 1 << 20;

/**
 * Turns one stream's bytes into lines: UTF-8 decoded across chunk boundaries,
 * a line split over chunks (or over dockerd's 16 KiB partial messages) joined,
 * CRLF ended like LF. A lone CR stays in the text: drawing treats it as a
 * terminal would (the line starts over), saving keeps it as the engine sent it.
 */
export class LineAssembler {
	private readonly decoder = new StringDecoder('utf8');
	private pending = '';
	private pendingTime: string | undefined;

	constructor(private readonly stream: LogStreamName) {}

	/** Adds the bytes of one message (logged at `time`); complete lines are pushed onto `out`. */
	push(bytes: Buffer, time: string | undefined, out: LogRecord[]): void {
		this.pushText(this.decoder.write(bytes), time, out);
	}

	pushText(text: string, time: string | undefined, out: LogRecord[]): void {
		if (text === '') return;
		let start = 0;
		let newline = text.indexOf('\n');
		while (newline !== -1) {
			let line = this.pending === '' ? text.slice(start, newline) : this.pending + text.slice(start, newline);
			const lineTime = this.pending === '' ? time : this.pendingTime;
			if (line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1);
			out.push(record(this.stream, line, lineTime, false));
			this.pending = '';
			this.pendingTime = undefined;
			start = newline + 1;
			newline = text.indexOf('\n', start);
		}

		if (start >= text.length) return;
		if (this.pending === '') this.pendingTime = time;
		this.pending += start === 0 ? text : text.slice(start);
		while (this.pending.length >= maxLineLength) {
			out.push(record(this.stream, this.pending.slice(0, maxLineLength), this.pendingTime, false));
			this.pending = this.pending.slice(maxLineLength);
			if (this.pending === '') this.pendingTime = undefined;
		}
	}

	/** The line still waiting for its newline, as a partial record (nothing when there is none). */
	partial(out: LogRecord[]): void {
		if (this.pending !== '') out.push(record(this.stream, this.pending, this.pendingTime, true));
	}

	/** The stream ended: what is pending becomes a line of its own. */
	end(out: LogRecord[]): void {
		this.pending += this.decoder.end();
		if (this.pending === '') return;
		let line = this.pending;
		if (line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1);
		out.push({...record(this.stream, line, this.pendingTime, false), unterminated: true});
		this.pending = '';
		this.pendingTime = undefined;
	}
}

function record(stream: LogStreamName, text: string, time: string | undefined, partial: boolean): LogRecord {
	const result: LogRecord = {stream, text};
	if (time !== undefined) result.time = time;
	if (partial) result.partial = true;
	return result;
}
