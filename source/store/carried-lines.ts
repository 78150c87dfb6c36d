import type {LogRecord, LogStreamName} from '../engine/engine.js';

/**
 * The lines a log stream ended inside of (no newline yet), one for each stream: the next
 * stream reads each again, whole.
 */
export class CarriedLines {
	private readonly carry = new Map<LogStreamName, LogRecord>();

	get size(): number {
		return this.carry.size;
	}

	/** The timestamps of the lines carried. */
	times(): string[] {
		return [...this.carry.values()].map((record) => record.time).filter((time) => time !== undefined);
	}

	/**
	 * A record as the session gets it. A line left open by the previous stream is read again
	 * from its start: its pieces replace it (shorter ones, still behind, are not shown). A line
	 * this stream ends inside of, while the container ran, stays open for the next stream.
	 */
	settle(record: LogRecord, following: boolean): LogRecord[] {
		const carried = this.carry.get(record.stream);
		const out: LogRecord[] = [];
		if (carried) {
			if (record.time !== carried.time) {
				// Not that line again: it was complete after all.
				this.carry.delete(record.stream);
				const {partial: _, ...done} = carried;
				out.push(done);
			} else if (record.partial) {
				if (record.text.length <= carried.text.length) return out;
			} else {
				this.carry.delete(record.stream);
			}
		}

		if (record.unterminated && following) {
			const {unterminated: _, ...rest} = record;
			const open: LogRecord = {...rest, partial: true};
			this.carry.set(record.stream, open);
			out.push(open);
			return out;
		}

		out.push(record);
		return out;
	}

	/** The lines carried, now complete after all (their stream ended); none are carried after. */
	take(): LogRecord[] {
		const records = [...this.carry.values()].map(({partial: _, ...rest}) => rest);
		this.carry.clear();
		return records;
	}
}
