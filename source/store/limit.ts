/** Wraps tasks so that at most `concurrency` of them run at once; the others wait, in order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A limiter for `concurrency` (at least 1) tasks at a time. */
export function createLimiter(concurrency: number): Limiter {
	const limit = Math.max(1, Math.floor(concurrency));
	let active = 0;
	const waiting: Array<() => void> = [];
	const next = () => {
		while (active < limit && waiting.length > 0) {
			active += 1;
			waiting.shift()!();
		}
	};

	return <T>(task: () => Promise<T>) =>
		new Promise<T>((resolve, reject) => {
			waiting.push(() => {
				Promise.resolve()
					.then(task)
					.then(resolve, reject)
					.finally(() => {
						active -= 1;
						next();
					});
			});
			next();
		});
}
