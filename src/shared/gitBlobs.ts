import type { CommittedVersions } from '../engine';

// A file's text as committed (HEAD) and as staged (the index), asked of git per file and kept:
// blobs by object id (a blob never changes), each file's object ids until git's facts are
// refreshed. Answers never wait on git: what is known is returned at once (the last known answer
// while a refresh runs), and a caller is told when a newer answer differs.

/** Runs git in a folder and resolves with its output (the one runner, from git.ts). */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;

/** Blob text kept in memory at most; the oldest blobs go first. Only files the user has open are asked for. */
const MAX_BLOB_BYTES = 64 * 1024 * 1024;

interface PathEntry {
  /** The last answer, with the object ids it came from. */
  versions?: CommittedVersions;
  objects?: string;
  /** Git's facts changed since the answer: ask again, keep using it meanwhile. */
  stale: boolean;
  loading?: Promise<void>;
  /** Git could not answer: the file-level fact stands. */
  failed: boolean;
  waiting: Set<() => void>;
}

export class CommittedTexts {
  private readonly blobs = new Map<string, string>();
  private blobBytes = 0;
  private readonly byPath = new Map<string, PathEntry>();

  constructor(private readonly root: string, private readonly run: GitRunner) {}

  /**
   * The texts of `relative` (from the repository's top, forward slashes) in HEAD and the index:
   * `pending` when git is being asked for the first time, undefined when git cannot say.
   * `onChanged` is called once a background answer differs from the one returned.
   */
  get(relative: string, onChanged?: () => void): CommittedVersions | 'pending' | undefined {
    let entry = this.byPath.get(relative);
    if (!entry) {
      entry = { stale: true, failed: false, waiting: new Set() };
      this.byPath.set(relative, entry);
    }
    if (onChanged && (entry.stale || entry.loading)) entry.waiting.add(onChanged);
    if (entry.stale && !entry.loading) this.load(relative, entry);
    if (entry.versions) return entry.versions;
    return entry.failed ? undefined : 'pending';
  }

  /** The answer for `relative` once git has given it (undefined when git cannot say). */
  async settled(relative: string): Promise<CommittedVersions | undefined> {
    this.get(relative);
    await this.byPath.get(relative)?.loading;
    const answer = this.get(relative);
    return answer === 'pending' ? undefined : answer;
  }

  /** Git's facts changed (a commit, an add): every file's object ids are asked again on next use. */
  invalidate(): void {
    for (const entry of this.byPath.values()) {
      entry.stale = true;
      entry.failed = false;
    }
  }

  private load(relative: string, entry: PathEntry): void {
    const loading = this.objectsOf(relative)
      .then(async (objects) => {
        const key = objects.join(' ');
        const changed = key !== entry.objects || entry.versions === undefined;
        if (changed) entry.versions = { texts: await Promise.all(objects.map((object) => this.blob(object))) };
        entry.objects = key;
        return changed;
      })
      .catch(() => {
        entry.failed = entry.versions === undefined;
        return entry.failed;
      })
      .then((changed) => {
        if (entry.loading === loading) entry.loading = undefined;
        entry.stale = false;
        const waiting = [...entry.waiting];
        entry.waiting.clear();
        if (changed) for (const callback of waiting) callback();
      });
    entry.loading = loading;
  }

  /** The object ids of the file in HEAD and in the index (any stage), without repeats. */
  private async objectsOf(relative: string): Promise<string[]> {
    const [head, index] = await Promise.all([
      // Before the first commit there is no HEAD: nothing is committed.
      this.run(['--literal-pathspecs', 'ls-tree', '-z', 'HEAD', '--', relative], this.root).catch(() => ''),
      this.run(['--literal-pathspecs', 'ls-files', '-s', '-z', '--', relative], this.root),
    ]);
    const objects = new Set<string>();
    // ls-tree: "<mode> blob <object>\t<path>"; ls-files -s: "<mode> <object> <stage>\t<path>".
    for (const entry of head.split('\0')) {
      const [mode, type, object] = entry.split('\t')[0].split(' ');
      if (mode && type === 'blob' && object) objects.add(object);
    }
    for (const entry of index.split('\0')) {
      const [mode, object] = entry.split('\t')[0].split(' ');
      if (mode && object && !mode.startsWith('16')) objects.add(object);
    }
    return [...objects].sort();
  }

  private async blob(object: string): Promise<string> {
    const known = this.blobs.get(object);
    if (known !== undefined) return known;
    const text = await this.run(['cat-file', 'blob', object], this.root);
    this.blobs.set(object, text);
    this.blobBytes += text.length;
    for (const [old, oldText] of this.blobs) {
      if (this.blobBytes <= MAX_BLOB_BYTES || old === object) break;
      this.blobs.delete(old);
      this.blobBytes -= oldText.length;
    }
    return text;
  }
}
