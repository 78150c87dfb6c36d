// Bundles berth into dist/: berth starts without compiling TypeScript.
//
// dist/berth.js is a tiny entry (cli.tsx) that turns on Node's compile cache and
// imports dist/main.js; main.js starts the engine's requests and then imports the
// UI (Ink, React, Yoga, the panes) from dist/chunks/, so the engine answers while
// most of the code loads. bench/README.md (start-up) has the measurements.
import {build} from 'esbuild';
import {readFileSync, readdirSync, rmSync} from 'node:fs';
import {basename, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist');

/**
 * Node builtins imported from ESM are loaded through require instead. An ESM import
 * of node:http makes Node build the module's ESM facade, which reads every export,
 * and node:http's WebSocket/CloseEvent/MessageEvent getters load undici (~30 ms).
 */
const builtinsThroughRequire = {
	name: 'builtins-through-require',
	setup(esbuild) {
		esbuild.onResolve({filter: /^node:https?$/}, (args) =>
			args.namespace === 'builtin-require' ? {path: args.path, external: true} : {path: args.path, namespace: 'builtin-require'});
		esbuild.onLoad({filter: /.*/, namespace: 'builtin-require'}, (args) => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
};

/**
 * Yoga's Emscripten loader fetch()es its inlined WebAssembly from a data: URL when
 * fetch exists, which loads undici and percent-decodes ~100 kB; its other path
 * (atob) is synchronous and cheap. Fails the build if a new yoga-layout changed it.
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(esbuild) {
		esbuild.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const patched = source.replaceAll('"function"!=typeof fetch', '!0');
			if (patched === source) throw new Error(`${args.path}: the fetch() test to disable was not found (yoga-layout changed?)`);
			return {contents: patched, loader: 'js'};
		});
	},
};

/**
 * Ink's incremental renderer rewrites each changed line from its first change to its
 * end; source/ui/line-update.ts writes only the changed cells (same contract).
 */
const cellLineUpdate = {
	name: 'cell-line-update',
	setup(esbuild) {
		esbuild.onResolve({filter: /^\.\/line-update\.js$/}, (args) =>
			/[\\/]ink[\\/]build[\\/]log-update\.js$/.test(args.importer) ? {path: join(root, 'source', 'ui', 'line-update.ts')} : undefined);
	},
};

/**
 * Ink's compositor builds every cell of the screen anew each frame; source/ui/ink-output.ts
 * gives the same frames while keeping what did not change (test/unit/ink-output.test.ts).
 */
const cachedOutput = {
	name: 'cached-output',
	setup(esbuild) {
		esbuild.onResolve({filter: /^\.\/output\.js$/}, (args) =>
			/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer) ? {path: join(root, 'source', 'ui', 'ink-output.ts')} : undefined);
	},
};

const result = await build({
	absWorkingDir: root,
	entryPoints: [
		{in: 'cli.tsx', out: 'berth'},
		// Its own entry so its file name stays put across builds (the compile cache is per file).
		{in: 'source/main.tsx', out: 'main'},
	],
	outdir,
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	jsx: 'automatic',
	// Not minified: it halves the bytes but saved no measurable start-up time once the
	// compile cache is on, and readable names keep CPU profiles and stack traces useful.
	metafile: true,
	plugins: [builtinsThroughRequire, yogaWithoutFetch, cellLineUpdate, cachedOutput],
	alias: {
		'react-devtools-core': './scripts/devtools-stub.js',
		'@grpc/grpc-js': './scripts/unused-stub.cjs',
		'@grpc/proto-loader': './scripts/unused-stub.cjs',
		protobufjs: './scripts/unused-stub.cjs',
		ssh2: './scripts/ssh2-stub.cjs',
	},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; import {fileURLToPath as __fileURLToPath} from 'node:url'; import {dirname as __pathDirname} from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);",
	},
	legalComments: 'none',
	logLevel: 'warning',
});

if (!Object.keys(result.metafile.inputs).includes('source/ui/line-update.ts')) {
	throw new Error('Ink no longer imports ./line-update.js from log-update.js: source/ui/line-update.ts is not in the bundle');
}

if (!Object.keys(result.metafile.inputs).includes('source/ui/ink-output.ts') || Object.keys(result.metafile.inputs).some((path) => /ink[\\/]build[\\/]output\.js$/.test(path))) {
	throw new Error('Ink no longer imports ./output.js from renderer.js alone: source/ui/ink-output.ts does not replace it in the bundle');
}

// Chunks of earlier builds (their names carry a hash): removed after the new ones are
// written, so a berth started meanwhile from the old files still finds them.
const written = new Set(Object.keys(result.metafile.outputs).map((path) => basename(path)));
for (const name of readdirSync(join(outdir, 'chunks'))) {
	if (!written.has(name)) rmSync(join(outdir, 'chunks', name), {force: true});
}
