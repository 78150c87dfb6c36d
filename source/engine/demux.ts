/**
 * The Engine API multiplexes a non-TTY container's stdout and stderr into one
 * stream of frames, each an 8-byte header (stream type, three zero bytes, the
 * payload size as a big-endian uint32) and the payload
 * (https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerAttach).
 * dockerd writes one log message per frame, so a frame's payload starts with
 * the message's timestamp. Chunks from the socket cut frames anywhere,
 * headers included: this reassembles them.
 */

/** 0 stdin, 1 stdout, 2 stderr, 3 an error from the engine itself (stdcopy's Systemerr). */
export type FrameStream = 0 | 1 | 2 | 3;

/**
 * The payload is bytes[start, end), a view the handler must not keep (it is the socket's chunk:
 * no Buffer is made per frame). `continued`: this payload goes on from the previous one (a
 * frame bigger than maxFramePiece).
 */
export type FrameHandler = (stream: FrameStream, bytes: Buffer, start: number, end: number, continued: boolean) => void;

/** A frame bigger than this is handed on in pieces of this size (dockerd's are ~16 KiB). */
export const maxFramePiece = 1 << 20;

const headerSize = 8;

/** Push chunks in; whole frames come out through the handler, in order. */
export class FrameDemuxer {
	private readonly header = Buffer.alloc(headerSize);
	private headerFill = 0;
	/** Payload bytes of the current frame not yet received. */
	private remaining = 0;
	private stream: FrameStream = 1;
	/** Pieces of the current payload when it spans chunks. */
	private pieces: Buffer[] = [];
	private piecesLength = 0;
	/** Part of the current frame was handed on already. */
	private continued = false;

	constructor(private readonly onFrame: FrameHandler) {}

	push(chunk: Buffer): void {
		let at = 0;
		const n = chunk.length;
		while (at < n) {
			if (this.remaining === 0) {
				// Fast path: a whole header and payload inside this chunk, nothing pending.
				if (this.headerFill === 0 && n - at >= headerSize) {
					const size = chunk.readUInt32BE(at + 4);
					const stream = toStream(chunk[at]!);
					if (n - at - headerSize >= size && size <= maxFramePiece) {
						if (size > 0) this.onFrame(stream, chunk, at + headerSize, at + headerSize + size, false);
						at += headerSize + size;
						continue;
					}
				}

				const take = Math.min(headerSize - this.headerFill, n - at);
				chunk.copy(this.header, this.headerFill, at, at + take);
				this.headerFill += take;
				at += take;
				if (this.headerFill < headerSize) return;
				this.headerFill = 0;
				this.stream = toStream(this.header[0]!);
				this.remaining = this.header.readUInt32BE(4);
				continue;
			}

			const take = Math.min(this.remaining, n - at, maxFramePiece - this.piecesLength);
			this.pieces.push(chunk.subarray(at, at + take));
			this.piecesLength += take;
			this.remaining -= take;
			at += take;
			if (this.remaining === 0 || this.piecesLength >= maxFramePiece) this.emit();
		}
	}

	/** Hands on what a stream that ended mid-frame delivered of it. */
	end(): void {
		if (this.piecesLength > 0) this.emit();
		this.remaining = 0;
		this.headerFill = 0;
		this.continued = false;
	}

	private emit(): void {
		const payload = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.piecesLength);
		this.pieces = [];
		this.piecesLength = 0;
		const continued = this.continued;
		this.continued = this.remaining > 0;
		this.onFrame(this.stream, payload, 0, payload.length, continued);
	}
}

function toStream(byte: number): FrameStream {
	return byte <= 3 ? (byte as FrameStream) : 1;
}
