import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';

// Issue 14's reference: the CLI as it was before that issue's rules (commit b9585ec, whose README
// recorded 44.4 MB/s on the synthetic tree), built from the repository's own history into the
// bench's cache, so that the bench races it against today's CLI in the same run instead of
// comparing with a figure taken on another day on a machine whose speed drifts.

export const REFERENCE_COMMIT = 'b9585ec6dd593d322853e4b43b148916fa86ada4';

/** The reference CLI's bundle, built on first use; undefined (with the reason) when the history lacks the commit. */
export function referenceCli(repoRoot: string, cacheDir: string): { cliJs?: string; reason?: string } {
  const dir = path.join(cacheDir, `reference-cli-${REFERENCE_COMMIT.slice(0, 7)}`);
  const cliJs = path.join(dir, 'dist', 'cli.js');
  if (existsSync(cliJs)) return { cliJs };
  try {
    execFileSync('git', ['cat-file', '-e', `${REFERENCE_COMMIT}^{commit}`], { cwd: repoRoot, stdio: 'ignore' });
  } catch {
    return { reason: `commit ${REFERENCE_COMMIT.slice(0, 7)} is not in this clone's history (a shallow clone?)` };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The commit's files only (no worktree to register), built with today's installed packages.
  const archive = execFileSync('git', ['archive', '--format=tar', REFERENCE_COMMIT], { cwd: repoRoot, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['esbuild.js'], { cwd: dir, stdio: 'ignore' });
  return existsSync(cliJs) ? { cliJs } : { reason: `building ${REFERENCE_COMMIT.slice(0, 7)} wrote no dist/cli.js` };
}

/** The reference CLI's scan of a tree, as the bench runs ours (it predates --time-budget). */
export function referenceScanArgs(cliJs: string, tree: string, output: string): string[] {
  return [cliJs, 'scan', tree, '--no-git', '--no-gitignore', '--format', 'json', '--output', output, '--quiet', '--fail-on', 'none'];
}
