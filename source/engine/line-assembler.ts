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
		this.pushRange(bytes, 0, bytes.length, time, out);
	}

	/**
	 * The same for bytes[start, end). The common message, one whole line ending in its newline
	 * with nothing pending, becomes its record with one string made straight from the bytes.
	 */
	pushRange(bytes: Buffer, start: number, end: number, time: string | undefined, out: LogRecord[]): void {
		if (end > start && bytes[end - 1] === 0x0a && this.pending === '' && this.decoderIdle() && !hasNewline(bytes, start, end - 1)) {
			const last = end > start + 1 && bytes[end - 2] === 0x0d ? end - 2 : end - 1;
			out.push(record(this.stream, utf8Text(bytes, start, last), time, false));
			return;
		}

		this.pushText(this.decoder.write(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)), time, out);
	}

	/** No bytes of a character cut by the previous message are waiting (StringDecoder's lastNeed). */
	private decoderIdle(): boolean {
		return (this.decoder as unknown as {lastNeed?: number}).lastNeed === 0;
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

type Slicing = {utf8Slice?: (start: number, end: number) => string; latin1Slice?: (start: number, end: number) => string};

/**
 * bytes[start, end) as UTF-8 text: Node's own utf8Slice, what toString('utf8', start, end) ends
 * in after checking its arguments (a third of the cost of a short line), when it is there.
 */
export function utf8Text(bytes: Buffer, start: number, end: number): string {
	const slicing = bytes as Slicing;
	return slicing.utf8Slice ? slicing.utf8Slice(start, end) : bytes.toString('utf8', start, end);
}

/** bytes[start, end) as Latin-1 (a timestamp). */
export function latin1Text(bytes: Buffer, start: number, end: number): string {
	const slicing = bytes as Slicing;
	return slicing.latin1Slice ? slicing.latin1Slice(start, end) : bytes.toString('latin1', start, end);
}

/** A newline in bytes[start, end)? Short messages are looked at in a loop, long ones natively. */
function hasNewline(bytes: Buffer, start: number, end: number): boolean {
	if (end - start > 64) {
		const at = bytes.indexOf(0x0a, start);
		return at !== -1 && at < end;
	}

	for (let i = start; i < end; i++) if (bytes[i] === 0x0a) return true;
	return false;
}

function record(stream: LogStreamName, text: string, time: string | undefined, partial: boolean): LogRecord {
	const result: LogRecord = {stream, text};
	if (time !== undefined) result.time = time;
	if (partial) result.partial = true;
	return result;
}
