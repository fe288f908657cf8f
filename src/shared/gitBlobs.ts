import type { CommittedVersions } from '../engine';

// A file's text as committed (HEAD) and as staged (the index), asked of git per file and kept:
// blobs by object id (a blob never changes), each file's object ids until git's facts are
// refreshed. Answers never wait on git: what is known is returned at once (the last known answer
// while a refresh runs), and a caller is told when a newer answer differs.

/** Runs git in a folder and resolves with its output (the one runner, from git.ts). */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;
/** The same with input on stdin and raw output (`cat-file --batch`). */
export type GitBatchRunner = (args: string[], cwd: string, input: string) => Promise<Buffer>;

/** Paths per `ls-tree`/`ls-files` call: well under any command-line limit. */
const PATHS_PER_CALL = 500;

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

  constructor(private readonly root: string, private readonly run: GitRunner, private readonly runBatch: GitBatchRunner) {}

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

  /**
   * The answers for many files at once, for the CLI: two listings per 500 paths and one
   * `cat-file --batch`, not three git runs per file (200 files took 90 s that way on a busy
   * machine). Rejects when git cannot list them.
   */
  async settledMany(relatives: readonly string[]): Promise<Map<string, CommittedVersions>> {
    const objects = new Map<string, Set<string>>(relatives.map((relative) => [relative, new Set()]));
    for (let at = 0; at < relatives.length; at += PATHS_PER_CALL) {
      const chunk = relatives.slice(at, at + PATHS_PER_CALL);
      const [head, index] = await Promise.all([
        this.run(['--literal-pathspecs', 'ls-tree', '-z', 'HEAD', '--', ...chunk], this.root).catch(() => ''),
        this.run(['--literal-pathspecs', 'ls-files', '-s', '-z', '--', ...chunk], this.root),
      ]);
      for (const { path, object } of [...headObjects(head), ...indexObjects(index)]) objects.get(path)?.add(object);
    }
    const wanted = [...new Set([...objects.values()].flatMap((set) => [...set]))];
    const texts = new Map<string, string>();
    for (const object of wanted) {
      const known = this.blobs.get(object);
      if (known !== undefined) texts.set(object, known);
    }
    const missing = wanted.filter((object) => !texts.has(object));
    if (missing.length > 0) {
      const output = await this.runBatch(['cat-file', '--batch'], this.root, missing.map((object) => `${object}\n`).join(''));
      for (const [object, text] of parseBatch(output, missing)) {
        texts.set(object, text);
        this.keep(object, text);
      }
    }
    const answers = new Map<string, CommittedVersions>();
    for (const [relative, set] of objects) {
      const list = [...set].sort();
      if (list.every((object) => texts.has(object))) answers.set(relative, { texts: list.map((object) => texts.get(object)!) });
    }
    return answers;
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
    const objects = new Set([...headObjects(head), ...indexObjects(index)].map((entry) => entry.object));
    return [...objects].sort();
  }

  private async blob(object: string): Promise<string> {
    const known = this.blobs.get(object);
    if (known !== undefined) return known;
    const text = await this.run(['cat-file', 'blob', object], this.root);
    this.keep(object, text);
    return text;
  }

  private keep(object: string, text: string): void {
    if (this.blobs.has(object)) return;
    this.blobs.set(object, text);
    this.blobBytes += text.length;
    for (const [old, oldText] of this.blobs) {
      if (this.blobBytes <= MAX_BLOB_BYTES || old === object) break;
      this.blobs.delete(old);
      this.blobBytes -= oldText.length;
    }
  }
}

/** `ls-tree` entries: "<mode> blob <object>\t<path>". */
function headObjects(output: string): { path: string; object: string }[] {
  const entries: { path: string; object: string }[] = [];
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    if (tab > 0 && mode && type === 'blob' && object) entries.push({ path: entry.slice(tab + 1), object });
  }
  return entries;
}

/** `ls-files -s` entries: "<mode> <object> <stage>\t<path>" (submodules, mode 160000, hold no text). */
function indexObjects(output: string): { path: string; object: string }[] {
  const entries: { path: string; object: string }[] = [];
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    const [mode, object] = entry.slice(0, tab).split(' ');
    if (tab > 0 && mode && object && !mode.startsWith('16')) entries.push({ path: entry.slice(tab + 1), object });
  }
  return entries;
}

/** One answer of `cat-file --batch`: the object's name and type, and its text when it is a blob. */
export interface BatchAnswer {
  object: string;
  type: string;
  text?: string;
}

/**
 * `cat-file --batch` answers "<object> <type> <size>\n<bytes>\n" per line asked (a sha or a
 * `REV:path`), or "<asked> missing\n": the answers in the order asked.
 */
export function readBatch(output: Buffer, asked: number): BatchAnswer[] {
  const answers: BatchAnswer[] = [];
  let offset = 0;
  for (let index = 0; index < asked; index++) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd === -1) break;
    const [object = '', type = '', size] = output.toString('utf8', offset, headerEnd).split(' ');
    offset = headerEnd + 1;
    if (type === 'missing' || size === undefined) {
      answers.push({ object, type: 'missing' });
      continue;
    }
    const bytes = output.subarray(offset, offset + Number(size));
    offset += Number(size) + 1;
    answers.push({ object, type, ...(type === 'blob' ? { text: decodeBlob(bytes) } : {}) });
  }
  return answers;
}

/** The blobs' texts by object id, for the objects asked. */
function parseBatch(output: Buffer, objects: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  readBatch(output, objects.length).forEach((answer, index) => {
    if (answer.text !== undefined && answer.object === objects[index]) texts.set(answer.object, answer.text);
  });
  return texts;
}

/** UTF-8, or UTF-16 with its byte-order mark (as the CLI reads such files). */
function decodeBlob(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2, bytes.length - (bytes.length % 2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');
  return bytes.toString('utf8');
}
