import { spawn } from 'node:child_process';
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

// The one way this project runs git (the server, the CLI, the fixes, the policy facts): one
// environment (no prompt ever, no optional lock that would rewrite .git/index under a watcher) and
// one time-out policy (a question gets QUESTION_TIMEOUT_MS, a listing or a read LISTING_TIMEOUT_MS;
// only a stream the caller consumes, like `log -p` over a long history, runs as long as it must).

/** A yes/no or small question: check-ignore, rev-parse, remote, tag, rm --cached. */
export const QUESTION_TIMEOUT_MS = 10_000;
/** A listing or a batch read: ls-files over a large tree, cat-file of many blobs. */
export const LISTING_TIMEOUT_MS = 120_000;
const MAX_BUFFER = 512 * 1024 * 1024;

/** The environment git runs in: no prompts, and optional locks off (the server watches .git/index). */
export function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
}

/** What git answered: its exit code (1 when it could not start or ran out of time) and its output. */
export interface GitOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  timeoutMs?: number;
}

/** Runs git to completion; resolves with its exit code and raw output, never rejects. */
function runGit(args: readonly string[], cwd: string, options: RunOptions = {}): Promise<{ code: number; stdout: Buffer; stderr: string; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, windowsHide: true, env: gitEnvironment(), timeout: options.timeoutMs ?? LISTING_TIMEOUT_MS, killSignal: 'SIGKILL' });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let error: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUFFER) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (cause) => { error = cause; });
    child.on('close', (code, signal) => {
      const failed = error ?? (signal ? new Error(`git ${args[0]} was stopped (${signal}): over its time or output limit`) : undefined);
      resolve({ code: code ?? 1, stdout: Buffer.concat(chunks), stderr: stderr || failed?.message || '', error: failed });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** An error whose message starts with git's own words ("fatal: ..."), as callers report them. */
function gitError(args: readonly string[], code: number, stderr: string): Error {
  return new Error(stderr.trim() || `git ${args[0]} exited with ${code}`);
}

/** Runs git and resolves with its output; rejects when it cannot start, runs out of time or exits non-zero. */
export async function git(args: string[], cwd: string, timeoutMs = LISTING_TIMEOUT_MS): Promise<string> {
  const result = await runGit(args, cwd, { timeoutMs });
  if (result.code !== 0 || result.error) throw gitError(args, result.code, result.stderr);
  return result.stdout.toString('utf8');
}

/**
 * Runs git for a question it answers with its exit code (`check-ignore`) or an action whose
 * failure the caller reports (`rm --cached`): never rejects, gives up after QUESTION_TIMEOUT_MS.
 */
export async function gitOutcome(args: string[], cwd: string): Promise<GitOutcome> {
  const result = await runGit(args, cwd, { timeoutMs: QUESTION_TIMEOUT_MS });
  return { code: result.error ? (result.code || 1) : result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr };
}

/** Runs git with `input` on its stdin and resolves with its raw output; rejects when it cannot start or exits non-zero. */
export async function gitWithInput(args: string[], cwd: string, input: string): Promise<Buffer> {
  const result = await runGit(args, cwd, { input });
  if (result.code !== 0 || result.error) throw gitError(args, result.code, result.stderr);
  return result.stdout;
}

/**
 * Streams git's output line by line (without the `\n`): for `log -p` over a long history, read as
 * it comes, with backpressure (git waits while the caller works on a line). Rejects after the last
 * line when git failed.
 */
export async function* gitLines(args: string[], cwd: string): AsyncGenerator<string> {
  const child = spawn('git', args, { cwd, windowsHide: true, env: gitEnvironment() });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => { stderr ||= error.message; resolve(1); });
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdout.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) yield line;
    }
    if (pending) yield pending;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw gitError(args, code, stderr);
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
