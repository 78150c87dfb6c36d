/**
 * Yields `items`, read from a streamed engine response, until the signal
 * aborts (then it ends quietly) or the reader stops; the response is destroyed
 * either way. Any other error goes through `fail`, which throws the engine's
 * one-screen problem.
 */
export async function* guardedStream<T>(
	response: {destroy(): void},
	signal: AbortSignal,
	fail: (error: unknown) => never,
	items: AsyncIterable<T>,
): AsyncGenerator<T> {
	const abort = () => response.destroy();
	signal.addEventListener('abort', abort, {once: true});
	try {
		yield* items;
	} catch (error) {
		if (signal.aborted) return;
		fail(error);
	} finally {
		signal.removeEventListener('abort', abort);
		abort();
	}
}
