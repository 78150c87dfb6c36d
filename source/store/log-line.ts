/** One line of a log view as its readers get it (a LogBuffer makes one when asked). */

/** stdout, stderr, or a line berth adds (a restart separator, "container exited"). */
export type LineKind = 'out' | 'err' | 'marker';

export type LogLine = {
	/** As the engine sent it, unsanitized (markers: berth's own text). */
	text: string;
	kind: LineKind;
	/** The engine's RFC3339Nano timestamp. */
	time: string | undefined;
	/** Which container of the view (an index into the session's sources). */
	source: number;
	/** No newline yet: the text may still grow. */
	partial: boolean;
	/**
	 * A marker drawn just above this line: a restart learnt of after the new run's first
	 * lines had arrived (the line buffer is never inserted into).
	 */
	before?: {text: string; time: string | undefined};
};
