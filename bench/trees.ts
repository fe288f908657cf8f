import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ensureRealTree } from './realTree';
import { ensureTree, GENERATOR_VERSION } from './tree';

// The bench's two inputs, built on first use and reused: the synthetic tree (.bench/tree, made by
// tree.ts, with planted secrets) and the real tree (realTree.ts, third-party code in a cache
// folder outside the source tree). `SH_BENCH_TREE=real` or `=synthetic` keeps one of them.

export interface BenchTree {
  name: 'synthetic' | 'real';
  dir: string;
  /** What identifies the input for the findings baseline. */
  input: string;
  files: number;
  bytes: number;
  /** Relative paths of files with a planted secret (synthetic tree only). */
  planted?: string[];
}

function filesUnder(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

/** The trees `SH_BENCH_TREE` selects (default both), among `wanted`. */
export function selectedTrees(wanted: readonly ('synthetic' | 'real')[] = ['synthetic', 'real']): ('synthetic' | 'real')[] {
  const only = process.env.SH_BENCH_TREE;
  return wanted.filter((name) => !only || only === name);
}

export async function benchTrees(repoRoot: string, log: (line: string) => void, wanted: readonly ('synthetic' | 'real')[]): Promise<BenchTree[]> {
  const trees: BenchTree[] = [];
  if (wanted.includes('synthetic')) {
    const dir = path.join(repoRoot, '.bench', 'tree');
    const manifest = ensureTree(dir, log);
    trees.push({ name: 'synthetic', dir, input: `synthetic generator v${GENERATOR_VERSION}`, ...filesUnder(dir), planted: manifest.planted });
  }
  if (wanted.includes('real')) {
    const { tree, manifest } = ensureRealTree(repoRoot, log);
    trees.push({ name: 'real', dir: tree, input: `real tree v${manifest.version} ${manifest.fingerprint}`, ...filesUnder(tree) });
  }
  return trees;
}
