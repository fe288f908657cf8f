import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { ensureTree } from '../tree';
import { median, timeCommand } from '../timing';
import type { BenchSection } from './types';

// What a pre-commit hook costs: `scan --staged` on a commit of a few dozen files, next to the
// floor every Node tool pays (starting Node and doing nothing) and git listing the same changes.

const RUNS = 10;
/** Files in the commit: one package of the benchmark tree, a large commit for a person to make. */
const PACKAGE = 'pkg-00';
const STAGED_FILES = 50;

export const preCommit: BenchSection = {
  name: 'pre-commit',
  description: `scan --staged on a commit of ${STAGED_FILES} files, against starting Node`,
  async run(ctx) {
    const tree = path.join(ctx.cacheDir, 'tree');
    ensureTree(tree, ctx.log);
    const repo = path.join(ctx.cacheDir, 'pre-commit');
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    cpSync(path.join(tree, PACKAGE), path.join(repo, PACKAGE), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    // A commit touching STAGED_FILES files (the yardstick), the rest of the package left unstaged.
    const all = readdirSync(path.join(repo, PACKAGE), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(repo, path.join(entry.parentPath, entry.name)))
      .sort();
    const staged = all.slice(0, STAGED_FILES);
    git('add', '--', ...staged);
    const files = staged.length;

    const times = (command: string, args: string[]) => median(Array.from({ length: RUNS }, () => timeCommand(command, args, { cwd: repo }).wallMs));
    const scan = times(process.execPath, [ctx.cliJs, 'scan', '--staged', '--quiet', '--fail-on', 'none']);
    const node = times(process.execPath, ['-e', '0']);
    const listing = times('git', ['diff', '--cached', '--name-only']);
    ctx.log(`${files} files staged; median of ${RUNS}: scan --staged ${scan.toFixed(0)} ms, node -e 0 ${node.toFixed(0)} ms, git diff --cached ${listing.toFixed(0)} ms`);
    ctx.report(`scan --staged, ${files} files staged`, `${scan.toFixed(0)} ms`, `${files} files; median of ${RUNS}; starting Node alone: ${node.toFixed(0)} ms (${(scan / node).toFixed(1)}x)`);
    rmSync(repo, { recursive: true, force: true });
  },
};
