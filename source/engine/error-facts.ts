/** What explainFailure needs from an error, gathered across causes and AggregateError members. */
export type ErrorFacts = {
	/** Every `code` found: Node's (ENOENT, ERR_TLS_...) and OpenSSL's (DEPTH_ZERO_SELF_SIGNED_CERT). */
	codes: string[];
	/** The outer error's message, one clean line. */
	message: string;
	/** All messages, lower-cased, for substring checks. */
	text: string;
	/** Every `name` found, e.g. AbortError wrapping a TimeoutError. */
	names: string[];
	/** ssh2 sets this: 'client-authentication', 'client-socket', 'client-timeout', 'protocol'... */
	level?: string;
	syscall?: string;
	path?: string;
	/** docker-modem sets statusCode and json on HTTP errors. */
	statusCode?: number;
	engineMessage?: string;
};

/** Collects codes and messages from an error without ever keeping its stack. */
export function errorFacts(error: unknown): ErrorFacts {
	const facts: ErrorFacts = {codes: [], names: [], message: '', text: ''};
	const texts: string[] = [];
	const seen = new Set<unknown>();
	const visit = (value: unknown, depth: number) => {
		if (depth > 4 || seen.has(value)) return;
		seen.add(value);
		if (typeof value !== 'object' || value === null) {
			if (value !== undefined) texts.push(String(value));
			return;
		}

		const record = value as Record<string, unknown>;
		const text = (key: string) => (typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined);
		if (text('message')) texts.push(text('message')!);
		const code = text('code');
		if (code && !facts.codes.includes(code)) facts.codes.push(code);
		const name = text('name');
		if (name && !facts.names.includes(name)) facts.names.push(name);
		facts.level ??= text('level');
		facts.syscall ??= text('syscall');
		facts.path ??= text('path');
		if (typeof record['statusCode'] === 'number') facts.statusCode ??= record['statusCode'];
		if (facts.statusCode !== undefined) facts.engineMessage ??= engineMessage(record);
		// Node's happy-eyeballs connect reports an AggregateError, one member per address.
		if (Array.isArray(record['errors'])) for (const member of record['errors']) visit(member, depth + 1);
		visit(record['cause'], depth + 1);
	};

	visit(error, 0);
	facts.message = clean(texts[0] ?? '') || facts.codes[0] || 'unknown error';
	facts.text = texts.join('\n').toLowerCase();
	return facts;
}

/** One line without control characters: engine and network text must not drive the terminal. */
export function clean(text: string, max = 300): string {
	const line = (text.split('\n').find(part => part.trim() !== '') ?? '').replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function engineMessage(record: Record<string, unknown>): string | undefined {
	const json = record['json'];
	if (typeof json === 'object' && json !== null && typeof (json as {message?: unknown}).message === 'string') {
		return clean((json as {message: string}).message);
	}

	if (typeof json === 'string') return clean(json) || undefined;
	if (json instanceof Uint8Array) return clean(Buffer.from(json).toString('utf8')) || undefined;
	// docker-modem's own text: "(HTTP code 404) no such container - <engine message> ".
	const message = typeof record['message'] === 'string' ? record['message'] : '';
	return clean(message.replace(/^\(HTTP code \d+\)[^-]*- /, '')) || undefined;
}
