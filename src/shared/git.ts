import { execFile, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { relativeUnder } from './paths';
import type { CommittedVersions, GitState } from '../engine';
import { CommittedTexts } from './gitBlobs';

// What git says of the files under a folder, asked once and then refreshed on demand. Used by the
// language server (one per workspace folder) and by the CLI. Never throws: no git binary, a folder
// outside any repository or a repository git refuses to read all mean "no facts" (undefined).

export interface GitFacts {
  /** The repository's top-level folder, as git reports it (symlinks resolved). */
  readonly root: string;
  /**
   * `tracked` (in the index and unchanged in it), `staged` (tracked-and-staged or newly added),
   * `ignored`, `untracked`, or `unknown` for a path outside this repository.
   */
  stateOf(absolutePath: string): GitState;
  /**
   * `stateOf` for a path that is already absolute, normalized and free of symbolic links (as
   * `realpath` returns it): the same answer without a `realpath` call per file, for callers that
   * resolved a folder once and built the paths below it themselves.
   */
  stateOfResolved(resolvedPath: string): GitState;
  isIgnored(absolutePath: string): boolean;
  /**
   * True when the last listing mentioned the path (or a folder holding it). A file created since
   * then is not known; callers can `refresh()` to learn whether git ignores it.
   */
  isKnown(absolutePath: string): boolean;
  /**
   * The file's texts in HEAD and in the index, to tell whether a secret's value is committed:
   * answered at once from what is cached (`pending` the first time, undefined when git cannot
   * say), while git is asked in the background; `onChanged` runs when that answer differs.
   */
  committedVersions(absolutePath: string, onChanged?: () => void): CommittedVersions | 'pending' | undefined;
  /** The same for many files, once git has answered (files it cannot say are left out): for the CLI, which may wait. */
  loadCommittedVersions(absolutePaths: readonly string[]): Promise<Map<string, CommittedVersions>>;
  /** Asks git again. Concurrent calls share one run. Keeps the old facts if git fails. */
  refresh(): Promise<void>;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** The environment git runs in: optional locks off, so that nothing here rewrites .git/index (the server watches it). */
export function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
}

/** Runs git and resolves with its output; rejects when it cannot start or exits non-zero. */
export function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true, env: gitEnvironment() },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** What git answered: its exit code (1 when it could not start or ran out of time) and its output. */
export interface GitOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs git for a question it answers with its exit code (`check-ignore`) or an action whose
 * failure the caller reports (`rm --cached`): never rejects, never prompts, gives up after 10 s.
 */
export function gitOutcome(args: string[], cwd: string): Promise<GitOutcome> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'utf8', windowsHide: true, timeout: 10_000, env: { ...gitEnvironment(), GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs git with `input` on its stdin and resolves with its raw output; rejects when it cannot start or exits non-zero. */
export function gitWithInput(args: string[], cwd: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, windowsHide: true, env: gitEnvironment() });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(stderr.trim() || `git ${args[0]} exited with ${code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Splits git's `-z` output into its entries. */
export function splitZ(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}

/** Resolves symlinks so that a path under /tmp compares equal to git's /private/tmp and the like. */
function canonical(absolutePath: string): string {
  const resolved = path.resolve(absolutePath);
  try {
    return realpathSync.native(resolved);
  } catch {
    // The file may not exist (yet): resolve its nearest existing parent instead.
    const parent = path.dirname(resolved);
    if (parent === resolved) return resolved;
    return path.join(canonical(parent), path.basename(resolved));
  }
}

interface Listing {
  tracked: Set<string>;
  staged: Set<string>;
  /** Ignored files, and ignored folders with a trailing slash. */
  ignored: Set<string>;
  ignoredDirs: string[];
  /** Untracked, not ignored files, and whole untracked folders with a trailing slash. */
  untracked: Set<string>;
  untrackedDirs: string[];
}

async function list(root: string): Promise<Listing> {
  const [tracked, staged, ignored, untracked] = await Promise.all([
    git(['ls-files', '-z', '--cached'], root),
    // In a repository without commits `diff --cached` still compares with the empty tree.
    git(['diff', '--cached', '--name-only', '--no-renames', '-z'], root).catch(() => ''),
    git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], root),
    git(['ls-files', '-z', '--others', '--exclude-standard', '--directory'], root),
  ]);
  const ignoredEntries = splitZ(ignored);
  const untrackedEntries = splitZ(untracked);
  return {
    tracked: new Set(splitZ(tracked)),
    staged: new Set(splitZ(staged)),
    ignored: new Set(ignoredEntries),
    ignoredDirs: ignoredEntries.filter((entry) => entry.endsWith('/')),
    untracked: new Set(untrackedEntries),
    untrackedDirs: untrackedEntries.filter((entry) => entry.endsWith('/')),
  };
}

class RepositoryFacts implements GitFacts {
  private pending: Promise<void> | undefined;
  private readonly committed: CommittedTexts;

  constructor(readonly root: string, private listing: Listing) {
    this.committed = new CommittedTexts(root, git, gitWithInput);
  }

  /** The path relative to the root with forward slashes, or undefined when outside the repository. */
  private relative(absolutePath: string): string | undefined {
    return this.relativeResolved(canonical(absolutePath));
  }

  private relativeResolved(resolvedPath: string): string | undefined {
    const posix = relativeUnder(this.root, resolvedPath);
    if (posix === '' || posix.startsWith('..') || path.isAbsolute(posix)) return undefined;
    // Nothing inside .git is a working-tree file.
    if (posix === '.git' || posix.startsWith('.git/')) return undefined;
    return posix;
  }

  stateOf(absolutePath: string): GitState {
    return this.stateOfRelative(this.relative(absolutePath));
  }

  stateOfResolved(resolvedPath: string): GitState {
    return this.stateOfRelative(this.relativeResolved(resolvedPath));
  }

  private stateOfRelative(relative: string | undefined): GitState {
    if (relative === undefined) return 'unknown';
    const { tracked, staged } = this.listing;
    if (staged.has(relative)) return 'staged';
    if (tracked.has(relative)) return 'tracked';
    if (this.ignoredRelative(relative)) return 'ignored';
    return 'untracked';
  }

  isIgnored(absolutePath: string): boolean {
    const relative = this.relative(absolutePath);
    return relative !== undefined && !this.listing.tracked.has(relative) && this.ignoredRelative(relative);
  }

  isKnown(absolutePath: string): boolean {
    const relative = this.relative(absolutePath);
    if (relative === undefined) return true;
    const { tracked, staged, untracked, untrackedDirs } = this.listing;
    return tracked.has(relative) || staged.has(relative) || untracked.has(relative) || this.ignoredRelative(relative)
      || untrackedDirs.some((dir) => relative.startsWith(dir));
  }

  private ignoredRelative(relative: string): boolean {
    return this.listing.ignored.has(relative) || this.listing.ignoredDirs.some((dir) => relative.startsWith(dir));
  }

  committedVersions(absolutePath: string, onChanged?: () => void): CommittedVersions | 'pending' | undefined {
    const relative = this.relative(absolutePath);
    return relative === undefined ? undefined : this.committed.get(relative, onChanged);
  }

  async loadCommittedVersions(absolutePaths: readonly string[]): Promise<Map<string, CommittedVersions>> {
    const byRelative = new Map<string, string>();
    for (const absolute of absolutePaths) {
      const relative = this.relative(absolute);
      if (relative !== undefined) byRelative.set(relative, absolute);
    }
    const answers = await this.committed.settledMany([...byRelative.keys()]);
    return new Map([...answers].map(([relative, versions]) => [byRelative.get(relative)!, versions]));
  }

  refresh(): Promise<void> {
    this.pending ??= list(this.root)
      .then((listing) => {
        this.listing = listing;
        // A commit, an add or a checkout may have changed what HEAD and the index hold.
        this.committed.invalidate();
      })
      .catch(() => undefined)
      .finally(() => { this.pending = undefined; });
    return this.pending;
  }
}

/** Git's facts for the repository holding `dir`, or undefined when there are none to have. */
export async function loadGitFacts(dir: string): Promise<GitFacts | undefined> {
  try {
    const top = (await git(['rev-parse', '--show-toplevel'], dir)).trim();
    if (!top) return undefined;
    const root = canonical(top);
    return new RepositoryFacts(root, await list(root));
  } catch {
    return undefined;
  }
}
