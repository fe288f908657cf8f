import { readFileSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, type Config } from '../engine';
import { decodeBytes, mayBeUtf16 } from '../cli/decode';
import { textOf } from '../cli/scanOne';
import { walk } from '../cli/walk';
import { git, splitZ } from '../shared/git';
import { WORKSPACE_MAX_FILE_SIZE } from './workspaceSettings';

// Which files of a workspace folder the workspace scan reads, and how: the CLI's walk (src/cli/walk.ts,
// called as it is: .gitignore from the repository's top down, `.git` and `node_modules` never
// entered, the config's excludes), with the editor's `files.exclude` added to the excludes, then
// one stat per file for the size limits. Stops early, without listing the rest, once the folder
// is over its file limit or the scan is cancelled.

/** Files stat'ed between two turns of the event loop. */
const STATS_PER_TURN = 512;

export interface ListedFile {
  absolute: string;
  /** Relative to the workspace folder, forward slashes (as the server's open-file path has it). */
  relative: string;
  size: number;
}

export interface FolderListing {
  files: ListedFile[];
  bytes: number;
  /** Left out because they are larger than WORKSPACE_MAX_FILE_SIZE. */
  tooLarge: number;
  excluded: number;
  gitignored: number;
}

export type ListingOutcome =
  | { kind: 'listed'; listing: FolderListing }
  /** More files than the limit: the listing stopped at `files` (so, at least that many). */
  | { kind: 'tooManyFiles'; files: number }
  | { kind: 'tooManyBytes'; files: number; bytes: number }
  | { kind: 'cancelled' };

/** Thrown from the walk's callbacks to stop it; never escapes listFolder. */
class StopWalk extends Error {
  constructor(readonly reason: 'tooManyFiles' | 'cancelled') {
    super(reason);
  }
}

/** The config's excludes plus `files.exclude`: one list, matched the same way (minimatch, relative paths). */
export function withFilesExclude(config: Config, filesExclude: readonly string[]): Config {
  return filesExclude.length === 0 ? config : { ...config, exclude: [...config.exclude, ...filesExclude] };
}

/** Whether one file (relative to its folder) is left out by the config's excludes or `files.exclude`. */
export function excludedFromWorkspace(relative: string, config: Config, filesExclude: readonly string[]): boolean {
  return isExcluded(relative, withFilesExclude(config, filesExclude));
}

/**
 * Files git tracks although a .gitignore now matches them (a `.env` committed before it was
 * ignored): the walk leaves them out by the rules, but they are in the repository and must be
 * scanned. Paths from `git ls-files` run in the folder, so relative to it; none outside a repository.
 */
export async function trackedButIgnored(folder: string, options: Pick<ListOptions, 'config' | 'filesExclude'>): Promise<ListedFile[]> {
  let output: string;
  try {
    output = await git(['ls-files', '-z', '--cached', '--ignored', '--exclude-standard', '--', '.'], folder);
  } catch {
    return [];
  }
  const files: ListedFile[] = [];
  for (const relative of splitZ(output)) {
    if (inNeverEnteredFolder(relative) || excludedFromWorkspace(relative, options.config, options.filesExclude)) continue;
    const absolute = path.join(folder, ...relative.split('/'));
    const stat = statOrUndefined(absolute);
    if (stat?.isFile() && stat.size <= WORKSPACE_MAX_FILE_SIZE) files.push({ absolute, relative, size: stat.size });
  }
  return files;
}

/**
 * The uri of a file of a workspace folder, spelled as editors spell it: the folder's uri as the
 * client sent it, then each path segment with every character but A-Z a-z 0-9 - . _ ~ escaped (as
 * VS Code's and Neovim's uris are), so that a published uri is the one the editor opens the file
 * with (Node's pathToFileURL leaves `@`, `(`, `!` ... as they are, and would make a second entry).
 */
export function fileUriIn(folderUri: string, relative: string): string {
  const escape = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${folderUri.replace(/\/$/, '')}/${relative.split('/').map(escape).join('/')}`;
}

/** The folders the CLI's walk never enters (its NEVER_ENTER): a file event from inside one is not ours. */
const NEVER_ENTERED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export function inNeverEnteredFolder(relative: string): boolean {
  return relative.split('/').slice(0, -1).some((segment) => NEVER_ENTERED.has(segment));
}

export interface ListOptions {
  /** What relative paths (and so excludes) are relative to: the workspace folder; default the folder listed. */
  root?: string;
  config: Config;
  filesExclude: readonly string[];
  maxFiles: number;
  maxBytes: number;
  isCancelled(): boolean;
}

export async function listFolder(folder: string, options: ListOptions): Promise<ListingOutcome> {
  let found = 0;
  let result;
  try {
    result = await walk([folder], {
      root: options.root ?? folder,
      config: withFilesExclude(options.config, options.filesExclude),
      gitignore: true,
      followSymlinks: false,
      onFile: () => {
        found += 1;
        if (found > options.maxFiles) throw new StopWalk('tooManyFiles');
      },
      onFolder: () => {
        if (options.isCancelled()) throw new StopWalk('cancelled');
      },
    });
  } catch (error) {
    if (error instanceof StopWalk) return error.reason === 'cancelled' ? { kind: 'cancelled' } : { kind: 'tooManyFiles', files: found };
    throw error;
  }
  const listing: FolderListing = { files: [], bytes: 0, tooLarge: 0, excluded: result.excluded, gitignored: result.gitignored };
  for (const [index, file] of result.files.entries()) {
    // Between two batches of stats, the server answers its messages.
    if (index > 0 && index % STATS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    let size: number;
    try {
      size = statSync(file.absolute).size;
    } catch {
      // Gone since the walk saw it.
      continue;
    }
    if (size > WORKSPACE_MAX_FILE_SIZE) {
      listing.tooLarge += 1;
      continue;
    }
    listing.files.push({ absolute: file.absolute, relative: file.relative, size });
    listing.bytes += size;
  }
  if (listing.bytes > options.maxBytes) return { kind: 'tooManyBytes', files: listing.files.length, bytes: listing.bytes };
  return { kind: 'listed', listing };
}

export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The file's text as the CLI reads it (UTF-8, or UTF-16 with its byte-order mark); undefined when gone, unreadable or binary. */
export function readText(absolute: string): string | undefined {
  try {
    const stat = statSync(absolute);
    if (!stat.isFile() || stat.size > WORKSPACE_MAX_FILE_SIZE) return undefined;
    const utf8 = readFileSync(absolute, 'utf8');
    const content = textOf(mayBeUtf16(utf8) ? decodeBytes(readFileSync(absolute)) : utf8);
    return content.kind === 'text' ? content.text : undefined;
  } catch {
    return undefined;
  }
}
