// Bundles cli.tsx into one ESM file: berth starts without compiling TypeScript.
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
	absWorkingDir: root,
	entryPoints: ['cli.tsx'],
	outfile: 'dist/berth.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	jsx: 'automatic',
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
