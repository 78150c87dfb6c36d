import {FrameDemuxer, type FrameStream} from './demux.js';
import type {LogRecord} from './engine.js';
import {LineAssembler, latin1Text} from './line-assembler.js';

/**
 * dockerd's log copier cuts a line longer than this into messages of this
 * many bytes, each with its own timestamp (daemon/logger/copier.go bufSize).
 */
export const partialMessageBytes = 16 * 1024;

/** A timestamp is at most this long ("2006-01-02T15:04:05.999999999+07:00" is 35). */
const maxTimestampBytes = 40;

export type LogDecoderOptions = {
	/** The container has a TTY: the stream is raw, stdout only, no frame headers. */
	tty: boolean;
	/** The stream was asked for with timestamps=true: every message starts with one and a space. */
	timestamps: boolean;
};

/**
 * Bytes of GET /containers/{id}/logs in, lines out. Non-TTY: frames are
 * demultiplexed, and each (one message) loses its timestamp prefix. TTY: the
 * raw stream is cut into messages at newlines and at dockerd's 16 KiB partial
 * messages, so that a long line's inner timestamps are not taken for text.
 */
export class LogDecoder {
	private readonly stdout = new LineAssembler('stdout');
	private readonly stderr = new LineAssembler('stderr');
	private readonly demuxer: FrameDemuxer | undefined;
	/** Where push and end put records: the caller's array (no array is made per chunk). */
	private out: LogRecord[] = [];
	// TTY message state: expecting a timestamp, the bytes of one read so far, content bytes of the message.
	private atMessageStart = true;
	private head: Buffer[] = [];
	private headLength = 0;
	private messageBytes = 0;
	private messageTime: string | undefined;
	/** The timestamp of the newest message read. */
	lastTime: string | undefined;

	constructor(private readonly options: LogDecoderOptions) {
		if (!options.tty) this.demuxer = new FrameDemuxer((stream, bytes, start, end, continued) => this.frame(stream, bytes, start, end, continued));
	}

	/**
	 * The lines completed by this chunk, then the partial lines still open (marked partial),
	 * added to `out` (a new array when none is given), which is returned.
	 */
	push(chunk: Buffer, out: LogRecord[] = []): LogRecord[] {
		this.out = out;
		if (this.demuxer) this.demuxer.push(chunk);
		else if (this.options.timestamps) this.raw(chunk);
		else this.stdout.push(chunk, undefined, out);
		this.stdout.partial(out);
		this.stderr.partial(out);
		return out;
	}

	/** The stream ended: everything still pending, as complete lines. */
	end(): LogRecord[] {
		this.out = [];
		this.demuxer?.end();
		if (this.headLength > 0) this.stdout.push(Buffer.concat(this.head), this.messageTime, this.out);
		this.head = [];
		this.headLength = 0;
		this.stdout.end(this.out);
		this.stderr.end(this.out);
		return this.out;
	}

	private frame(stream: FrameStream, bytes: Buffer, start: number, end: number, continued: boolean): void {
		const assembler = stream === 2 || stream === 3 ? this.stderr : this.stdout;
		if (!this.options.timestamps || continued) {
			assembler.pushRange(bytes, start, end, undefined, this.out);
			return;
		}

		let space = -1;
		for (let i = start, limit = Math.min(end, start + maxTimestampBytes + 1); i < limit; i++) {
			if (bytes[i] === 0x20) {
				space = i;
				break;
			}
		}

		if (space > start && looksLikeTimestamp(bytes, start, space)) {
			this.lastTime = latin1Text(bytes, start, space);
			assembler.pushRange(bytes, space + 1, end, this.lastTime, this.out);
		} else {
			assembler.pushRange(bytes, start, end, undefined, this.out);
		}
	}

	private raw(chunk: Buffer): void {
		let at = 0;
		const n = chunk.length;
		while (at < n) {
			if (this.atMessageStart) {
				const limit = Math.min(n, at + maxTimestampBytes + 1 - this.headLength);
				let space = -1;
				for (let j = at; j < limit; j++) {
					if (chunk[j] === 0x20) {
						space = j;
						break;
					}
				}

				if (space === -1 && limit === n && this.headLength + (n - at) <= maxTimestampBytes) {
					// The timestamp goes on in the next chunk.
					this.head.push(chunk.subarray(at));
					this.headLength += n - at;
					return;
				}

				const end = space === -1 ? limit : space;
				const head = this.headLength === 0 ? chunk.subarray(at, end) : Buffer.concat([...this.head, chunk.subarray(at, end)]);
				this.head = [];
				this.headLength = 0;
				this.atMessageStart = false;
				this.messageBytes = 0;
				if (space !== -1 && looksLikeTimestamp(head, 0, head.length)) {
					this.messageTime = head.toString('latin1');
					this.lastTime = this.messageTime;
					at = space + 1;
				} else {
					// Not a timestamp after all: it is text of the message that goes on.
					this.stdout.push(head, this.messageTime, this.out);
					this.messageBytes = head.length;
					at = end;
				}

				continue;
			}

			const room = partialMessageBytes - this.messageBytes;
			const newline = chunk.indexOf(0x0a, at);
			const end = newline !== -1 && newline - at < room ? newline + 1 : Math.min(n, at + room);
			this.stdout.pushRange(chunk, at, end, this.messageTime, this.out);
			this.messageBytes += end - at;
			at = end;
			if ((newline !== -1 && end === newline + 1) || this.messageBytes >= partialMessageBytes) this.atMessageStart = true;
		}
	}
}

/** `2006-01-02T15:04:05…` in bytes [from, to): enough to tell dockerd's prefix from text. */
export function looksLikeTimestamp(bytes: Buffer, from: number, to: number): boolean {
	const length = to - from;
	if (length < 20 || length > 35) return false;
	return (
		isDigit(bytes[from]!) && isDigit(bytes[from + 1]!) && isDigit(bytes[from + 2]!) && isDigit(bytes[from + 3]!) &&
		bytes[from + 4] === 0x2d && bytes[from + 7] === 0x2d && bytes[from + 10] === 0x54 && bytes[from + 13] === 0x3a && bytes[from + 16] === 0x3a
	);
}

function isDigit(byte: number): boolean {
	return byte >= 0x30 && byte <= 0x39;
}
