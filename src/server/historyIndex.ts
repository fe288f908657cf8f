import { createHash } from 'node:crypto';
import { maskSecret, type Finding } from '../engine';
import { git, gitLines } from '../shared/git';
import { COMMIT_FORMAT, PatchReader, textOfAdded, type AddedLines } from '../shared/patches';
import type { HistoryLeakItem } from '../shared/protocol';

// Which secrets a repository's history holds, for the editor: a secret that was ever committed is
// leaked, even when the working copy no longer (or not yet) has it in a committed version. Built in
// the background from the lines every commit added (`git log -p --unified=0`, oldest first, the
// same reading as `scan --history`), kept by the set of branch tips it was built for, and brought
// up to date by reading only the commits added since. Never holds a secret: values are kept as
// hashes, and shown masked.

/** One secret the history holds, from the commit that first added it, known by the hash of its value (never the value). */
export type HistoryLeak = Omit<HistoryLeakItem, 'presentAtHead'> & { key: string };

/** Scans a file's added lines as the engine would scan that file (on a worker, never this thread). */
export type HistoryScan = (text: string, relative: string) => Promise<Finding[]>;

export interface HistoryIndexOptions {
  /** The repository's top folder, where git runs. */
  top: string;
  /** Maps a path from the repository's top to one relative to the workspace folder; undefined when outside it. */
  toFolderPath(fromTop: string): string | undefined;
  scan: HistoryScan;
  /** Newest commits read at most (git's `--max-count`); older ones are left out and said so. Asked at each reading: a setting. */
  maxCommits(): Promise<number>;
  /** Called when the index learnt something: open documents are scanned again to say so. */
  onUpdated(): void;
  onError(message: string, error: unknown): void;
}

export type HistoryState = 'idle' | 'scanning' | 'ready' | 'failed';

/** The hash a value is known by: never the value itself. */
export function valueKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Tips this many or fewer are passed as `--not` to read only new commits; beyond it, read again from scratch. */
const MAX_INCREMENTAL_TIPS = 200;

export class HistoryIndex {
  private leaksByValue = new Map<string, HistoryLeak>();
  private scannedTips: string[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  state: HistoryState = 'idle';
  /** Commits read so far, and whether `maxCommits` cut older ones off. */
  commits = 0;
  truncated = false;

  constructor(private readonly options: HistoryIndexOptions) {}

  /** The history's record of a value, or undefined (also while the first reading runs). */
  lookup(value: string): HistoryLeak | undefined {
    return this.leaksByValue.get(valueKey(value));
  }

  /** Every secret the history holds, oldest commit first. */
  all(): HistoryLeak[] {
    return [...this.leaksByValue.values()].sort((a, b) => a.commitDate.localeCompare(b.commitDate) || a.path.localeCompare(b.path) || a.line - b.line);
  }

  /** Reads what git has that the index has not (coalesced: one reading at a time, then once more if asked meanwhile). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.readNewCommits();
        } catch (error) {
          this.state = 'failed';
          this.options.onError(`Could not read the git history of ${this.options.top}`, error);
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no reading is running (for tests and the listing command). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async readNewCommits(): Promise<void> {
    const tips = await branchTips(this.options.top);
    if (sameList(tips, this.scannedTips) && this.state === 'ready') return;
    if (tips.length === 0) {
      // No commit yet: nothing is leaked.
      this.scannedTips = [];
      this.state = 'ready';
      return;
    }
    const incremental = this.state === 'ready' && this.scannedTips.length > 0 && this.scannedTips.length <= MAX_INCREMENTAL_TIPS;
    const found = incremental ? new Map(this.leaksByValue) : new Map<string, HistoryLeak>();
    this.state = 'scanning';
    let commits = 0;
    const reader = new PatchReader((added) => queue.push(added));
    const queue: AddedLines[] = [];
    const maxCommits = await this.options.maxCommits();
    const revisions = incremental ? ['--all', '--not', ...this.scannedTips] : ['--all'];
    const args = ['-c', 'core.quotepath=off', 'log', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv',
      `--max-count=${maxCommits}`, '--reverse', '--date-order', COMMIT_FORMAT, ...revisions, '--'];
    for await (const line of gitLines(args, this.options.top)) {
      reader.push(line);
      while (queue.length > 0) await this.record(queue.shift()!, found);
    }
    reader.end();
    while (queue.length > 0) await this.record(queue.shift()!, found);
    commits = reader.commits;
    this.commits = incremental ? this.commits + commits : commits;
    this.truncated = commits >= maxCommits;
    const changed = found.size !== this.leaksByValue.size || !incremental;
    this.leaksByValue = found;
    this.scannedTips = tips;
    this.state = 'ready';
    if (changed) this.options.onUpdated();
  }

  private async record(added: AddedLines, found: Map<string, HistoryLeak>): Promise<void> {
    const relative = this.options.toFolderPath(added.path);
    if (relative === undefined) return;
    const { text, lineMap } = textOfAdded(added);
    let findings: Finding[];
    try {
      findings = await this.options.scan(text, relative);
    } catch (error) {
      this.options.onError(`Could not scan the lines ${added.commit?.sha.slice(0, 12) ?? 'a commit'} added to ${relative}`, error);
      return;
    }
    for (const finding of findings) {
      if (finding.category !== 'secret' || !finding.secret) continue;
      const key = valueKey(finding.secret.value);
      // Oldest commit first: the first one seen added it.
      if (found.has(key)) continue;
      found.set(key, {
        key,
        ruleId: finding.ruleId,
        masked: maskSecret(finding.secret.value),
        commit: added.commit?.sha ?? '',
        commitDate: added.commit?.date ?? '',
        path: relative,
        line: lineMap[finding.range.start.line] ?? 0,
      });
    }
  }
}

/** Every branch, tag and remote tip, and HEAD (detached or not), sorted: what `--all` reads. */
async function branchTips(top: string): Promise<string[]> {
  const refs = await git(['for-each-ref', '--format=%(objectname)'], top);
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], top).catch(() => '');
  return [...new Set([...refs.split('\n'), head].map((line) => line.trim()).filter(Boolean))].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
