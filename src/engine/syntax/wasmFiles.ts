// The one place in the engine that touches the file system. The engine is otherwise pure (text
// in, findings out), but the Tree-sitter runtime and its grammars are WebAssembly binaries that
// must be read from disk before anything can be parsed. Keeping the read here, behind one small
// function, keeps that exception visible and easy to replace (a browser build would fetch them).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Folder name, next to the bundle, that esbuild.js copies the runtime and the grammars into. */
export const BUNDLED_WASM_FOLDER = 'tree-sitter';

let located: string | undefined;

/**
 * Where the `.wasm` files are: `dist/tree-sitter/` when running from the bundle (esbuild.js copies
 * them there, and the packaged extension has no node_modules), else the npm package's own folder
 * (tests and tools running from source).
 */
export function wasmDirectory(): string {
  if (located) return located;
  const candidates = [join(__dirname, BUNDLED_WASM_FOLDER)];
  try {
    candidates.push(join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm'));
  } catch {
    // Not installed next to us: only the bundled folder can serve.
  }
  const found = candidates.find((folder) => existsSync(join(folder, 'tree-sitter.wasm')));
  if (!found) throw new Error(`Tree-sitter WebAssembly files not found; looked in ${candidates.join(', ')}`);
  located = found;
  return found;
}

/** Bytes of `tree-sitter.wasm` (the runtime) or `tree-sitter-<grammar>.wasm`. */
export async function readWasm(fileName: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(wasmDirectory(), fileName)));
}
