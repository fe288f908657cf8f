import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileInfo } from '../engine';
import { loadGitFacts, type GitFacts } from '../shared/git';
import type { WorkspaceFolderInfo } from './features';
import type { Folders } from './folders';

// From a document uri to what the engine needs to know of the file: its path relative to its
// workspace folder, and what git says of it.

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last path segment of a non-file uri (`untitled:Untitled-1` -> `Untitled-1`). */
function nameOf(uri: string): string {
  const query = uri.search(/[?#]/); // not `[?#].*$`, which reads the rest from each `?`/`#` (issue 13)
  const withoutQuery = query === -1 ? uri : uri.slice(0, query);
  const segment = withoutQuery.slice(Math.max(withoutQuery.lastIndexOf('/'), withoutQuery.indexOf(':')) + 1);
  try {
    return decodeURIComponent(segment) || 'untitled';
  } catch {
    return segment || 'untitled';
  }
}

export function relativePathIn(folder: WorkspaceFolderInfo | undefined, uri: string): string {
  const fsPath = fsPathOf(uri);
  if (fsPath === undefined) return nameOf(uri);
  if (!folder) return path.basename(fsPath);
  return path.relative(folder.fsPath, fsPath).split(path.sep).join('/');
}

export class FileFacts {
  /** Git facts for files outside every workspace folder, by their folder on disk. */
  private readonly outside = new Map<string, Promise<GitFacts | undefined>>();
  /** Documents for which git was asked again because the last listing did not know them. */
  private readonly refreshedFor = new Set<string>();

  /** `onLateFacts(uri)`: git answered something that changes what a scan of the document said; scan it again. */
  constructor(private readonly folders: Folders, private readonly onLateFacts?: (uri: string) => void) {}

  async gitFactsFor(uri: string): Promise<GitFacts | undefined> {
    const fsPath = fsPathOf(uri);
    if (fsPath === undefined) return undefined;
    if (this.folders.folderFor(uri)) return (await this.folders.stateFor(uri)).git;
    const dir = path.dirname(fsPath);
    let facts = this.outside.get(dir);
    if (!facts) {
      facts = loadGitFacts(dir);
      this.outside.set(dir, facts);
    }
    return facts;
  }

  async fileInfoFor(uri: string, languageId: string | undefined): Promise<FileInfo> {
    const relative = relativePathIn(this.folders.folderFor(uri), uri);
    const fsPath = fsPathOf(uri);
    const facts = fsPath === undefined ? undefined : await this.gitFactsFor(uri);
    if (!facts || fsPath === undefined) return { path: relative, languageId, gitState: 'unknown' };
    if (!facts.isKnown(fsPath) && !this.refreshedFor.has(uri)) {
      // A file created since git was last asked: ask again (once), to learn whether it is ignored.
      this.refreshedFor.add(uri);
      await facts.refresh();
    }
    const gitState = facts.stateOf(fsPath);
    if (gitState !== 'tracked' && gitState !== 'staged') return { path: relative, languageId, gitState };
    // Never waits on git: what is cached now, and a fresh scan once git has answered.
    const committed = facts.committedVersions(fsPath, () => this.onLateFacts?.(uri));
    return { path: relative, languageId, gitState, ...(committed ? { committed } : {}) };
  }

  /** Git changed: files outside the folders are asked again, and every document may refresh once more. */
  async gitChanged(): Promise<void> {
    this.refreshedFor.clear();
    await Promise.all([...this.outside.values()].map(async (facts) => (await facts)?.refresh()));
  }
}
