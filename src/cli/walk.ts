import { promises as fs, readdirSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isExcluded, type Config } from '../engine';
import { limiter } from './pool';
import { relativeUnder, toPosix } from '../shared/paths';

// Finds the files to scan: explicit files as given, folders listed with synchronous readdir (on a
// 55 MB tree of 4,900 folders, promise-based readdir took twice the CPU: a core the scan threads
// need), other reads (.gitignore files, link targets) async with bounded concurrency, honouring .gitignore files (from the repository's top down) and the config's
// exclude globs. `.git`, `node_modules` and other tool folders are never entered; symbolic links
// are skipped unless asked for, and then a folder already visited (a loop) is not entered again.

const NEVER_ENTER = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Folders listed between two turns of the event loop: synchronous listings must not hold up the scan threads' messages. */
const LISTINGS_PER_TURN = 32;

export interface WalkOptions {
  /** Absolute scan root: relative paths, excludes and fingerprints are relative to it. */
  root: string;
  config: Config;
  /** Honour .gitignore files (default on; `--no-gitignore` turns it off). */
  gitignore: boolean;
  followSymlinks: boolean;
  /** Files read at once besides the listings (.gitignore files, link targets). */
  concurrency: number;
  /** Called once per file as soon as the walk finds it (before the walk ends), in no set order. */
  onFile?: (file: WalkedFile) => void;
  /** Called once per folder listed. */
  onFolder?: () => void;
}

export interface WalkedFile {
  absolute: string;
  /** Relative to the root, forward slashes. */
  relative: string;
  /**
   * The path with symbolic links resolved, built from one `realpath` of the folder named on the
   * command line (and, when following links, of each folder entered); undefined when unknown.
   */
  resolved?: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Files and folders left out by the config's exclude globs. */
  excluded: number;
  /** Files and folders left out by .gitignore. */
  gitignored: number;
  /** Paths that could not be listed, one message each. */
  errors: string[];
}

export class MissingPathError extends Error {}

/** The .gitignore rules in force in one folder: its own file's and every ancestor's. */
class IgnoreChain {
  constructor(private readonly levels: readonly { dir: string; rules: Ignore }[]) {}

  with(dir: string, text: string | undefined): IgnoreChain {
    return text === undefined ? this : new IgnoreChain([...this.levels, { dir, rules: ignore().add(text) }]);
  }

  without(drop: (level: { dir: string; rules: Ignore }) => boolean): IgnoreChain {
    return new IgnoreChain(this.levels.filter((level) => !drop(level)));
  }

  ignores(absolute: string, isDir: boolean): boolean {
    for (const { dir, rules } of this.levels) {
      const relative = relativeUnder(dir, absolute);
      if (!relative || relative.startsWith('..')) continue;
      if (rules.ignores(isDir ? `${relative}/` : relative)) return true;
    }
    return false;
  }
}


async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** The repository's top folder above `dir` (the one holding `.git`), or undefined outside one. */
async function repositoryTop(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = path.dirname(current)) {
    if (await exists(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Rules from .git/info/exclude and every .gitignore from the repository's top down to `dir`'s parent. */
async function ancestorChain(dir: string): Promise<IgnoreChain> {
  const top = await repositoryTop(dir);
  let chain = new IgnoreChain([]);
  if (!top) return chain;
  chain = chain.with(top, await readText(path.join(top, '.git', 'info', 'exclude')));
  const between: string[] = [];
  if (top !== dir) {
    for (let current = path.dirname(dir); ; current = path.dirname(current)) {
      between.unshift(current);
      if (current === top || path.dirname(current) === current) break;
    }
  }
  for (const folder of between) chain = chain.with(folder, await readText(path.join(folder, '.gitignore')));
  // A folder named on the command line is scanned even when an ancestor's rules ignore it (as
  // ripgrep does); those rules would otherwise hide everything below it.
  return chain.without((level) => {
    const relative = toPosix(path.relative(level.dir, dir));
    return relative !== '' && level.rules.ignores(`${relative}/`);
  });
}

export async function walk(startPaths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const limit = limiter(options.concurrency);
  const files = new Map<string, WalkedFile>();
  const errors: string[] = [];
  const visited = new Set<string>();
  let excluded = 0;
  let gitignored = 0;
  // Every folder being visited waits for its turn to be listed: at most LISTINGS_PER_TURN listings
  // between two turns of the event loop, however many folders are waiting, so that the scan
  // threads' answers (and this thread's own scanning) are never held up for long.
  let listedThisTurn = 0;
  let nextTurn: Promise<void> | undefined;
  const turnToList = async () => {
    while (listedThisTurn >= LISTINGS_PER_TURN) {
      nextTurn ??= new Promise<void>((resolve) => setImmediate(() => {
        listedThisTurn = 0;
        nextTurn = undefined;
        resolve();
      }));
      await nextTurn;
    }
    listedThisTurn += 1;
  };
  const relativeOf = (absolute: string) => relativeUnder(options.root, absolute) || '.';

  const addFile = (absolute: string, resolved: string | undefined) => {
    if (files.has(absolute)) return;
    const file: WalkedFile = { absolute, relative: relativeOf(absolute), resolved };
    files.set(absolute, file);
    options.onFile?.(file);
  };

  /** `resolvedDir`: `dir` with links resolved, when the caller knows it (no link on the way down). */
  const visitDir = async (dir: string, parentChain: IgnoreChain, resolvedDir: string | undefined): Promise<void> => {
    if (options.followSymlinks) {
      const real = await fs.realpath(dir).catch(() => undefined);
      if (visited.has(real ?? dir)) return;
      visited.add(real ?? dir);
      resolvedDir = real;
    }
    let entries: Dirent[];
    try {
      await turnToList();
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push(`cannot list ${relativeOf(dir)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    options.onFolder?.();
    const hasGitignore = options.gitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory());
    const chain = hasGitignore ? parentChain.with(dir, await limit(() => readText(path.join(dir, '.gitignore')))) : parentChain;

    const subdirs: string[] = [];
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const link = entry.isSymbolicLink();
      if (link) {
        if (!options.followSymlinks) continue;
        const target = await limit(() => fs.stat(absolute)).catch(() => undefined);
        if (!target) continue;
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir && NEVER_ENTER.has(entry.name)) continue;
      if (!isDir && !isFile) continue;
      const relative = relativeOf(absolute);
      if (isExcluded(relative, options.config) || (isDir && isExcluded(`${relative}/`, options.config))) {
        excluded += 1;
        continue;
      }
      if (options.gitignore && chain.ignores(absolute, isDir)) {
        gitignored += 1;
        continue;
      }
      if (isDir) subdirs.push(absolute);
      else addFile(absolute, resolvedDir !== undefined && !link ? path.join(resolvedDir, entry.name) : undefined);
    }
    await Promise.all(subdirs.map((subdir) => visitDir(subdir, chain, resolvedDir === undefined ? undefined : path.join(resolvedDir, path.basename(subdir)))));
  };

  for (const start of startPaths) {
    const stat = await fs.stat(start).catch(() => undefined);
    if (!stat) throw new MissingPathError(`no such file or directory: ${start}`);
    if (stat.isDirectory()) {
      const resolved = await fs.realpath(start).catch(() => undefined);
      await visitDir(start, options.gitignore ? await ancestorChain(start) : new IgnoreChain([]), resolved);
    } else if (stat.isFile()) {
      // A file named on the command line is scanned even if git ignores it; excludes still apply.
      if (isExcluded(relativeOf(start), options.config)) excluded += 1;
      else addFile(start, await fs.realpath(start).catch(() => undefined));
    }
  }
  const sorted = [...files.values()].sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { files: sorted, excluded, gitignored, errors };
}
