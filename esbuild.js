// One bundler, six entry points: the extension client, the language server and its scan worker, the CLI's launcher, its commands and its scan worker.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose dynamic require()s esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const entries = [
  // Only the client runs inside VS Code's extension host, where `vscode` is provided.
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  // The server's scan worker threads: the engine without the LSP wiring (src/server/scanPool.ts).
  { entryPoints: ['src/server/workerMain.ts'], outfile: 'dist/serverWorker.js' },
  // The CLI's launcher: starts the first scan worker, then loads the commands bundle (src/cli/launch.ts).
  { entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js' },
  // What the CLI's scan worker threads load: the engine without the commands (src/cli/workers.ts).
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/cliWorker.js' },
];

/**
 * The Tree-sitter runtime and the grammars the engine maps a language to (and only those) go to
 * dist/tree-sitter/, where src/engine/syntax/wasmFiles.ts looks first when running from a bundle.
 */
function copyTreeSitterWasm() {
  const from = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  const to = path.join(__dirname, 'dist', 'tree-sitter');
  const grammars = new Set(Object.values(require('./src/engine/syntax/grammars.json')));
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['tree-sitter.wasm', ...[...grammars].map((grammar) => `tree-sitter-${grammar}.wasm`)]) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/** A production build writes no source maps; stale ones from a dev build must not ship either. */
function removeStaleSourceMaps() {
  const dist = path.join(__dirname, 'dist');
  if (!fs.existsSync(dist)) return;
  for (const file of fs.readdirSync(dist)) if (file.endsWith('.map')) fs.rmSync(path.join(dist, file));
}

async function main() {
  if (production) removeStaleSourceMaps();
  copyTreeSitterWasm();
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...shared, ...entry })));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('esbuild: watching for changes');
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
