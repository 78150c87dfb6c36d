import { defineConfig } from 'vitest/config';

// Engine and terminal files share one private dockerd (test/support/global-engine.ts) and
// clean up containers by label, so they run one file at a time, and in groups after
// unit/ui (groupOrder) so the two never overlap on that engine.
const realEngine = {
	globalSetup: ['test/support/global-engine.ts'],
	fileParallelism: false,
	testTimeout: 60_000,
	hookTimeout: 120_000,
};

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.{ts,tsx}'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'ui',
					include: ['test/ui/**/*.test.tsx'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'engine',
					include: ['test/engine/**/*.test.ts'],
					environment: 'node',
					...realEngine,
					sequence: { groupOrder: 1 },
				},
			},
			{
				test: {
					name: 'terminal',
					include: ['test/terminal/**/*.test.ts'],
					environment: 'node',
					...realEngine,
					sequence: { groupOrder: 2 },
				},
			},
		],
	},
});
