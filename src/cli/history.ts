import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, kindOf, type Finding } from '../engine';
import { gitLines, gitWithInput } from '../shared/git';
import { readBatch, type BatchAnswer } from '../shared/gitBlobs';
import { relativeUnder } from '../shared/paths';
import { IoError } from './io';
import { gitReason, repositoryTop } from './repository';
import { COMMIT_FORMAT, PatchReader, textOfAdded, type AddedLines } from '../shared/patches';
import { OutcomeTally, scanText, type FileReport, type ScanOneOptions, type ScanOutcome } from './scanOne';

// `scan --history` and `scan --diff REV`: the lines that commits added, read from git's patches as
// they stream out (`git log -p --unified=0`), never from the working tree. A secret committed and
// deleted later is still in the repository, still leaked, and still has to be rotated: history
// finds it, once per secret (by fingerprint: rule, value, file), with the commit that first added
// it and whether HEAD still holds it.

export interface HistoryScanOptions extends ScanOneOptions {
  /** Absolute scan root: reported paths and excludes are relative to it; files outside it are left out. */
  root: string;
  /** `git log` revision arguments: `['--all']` by default, a branch, `^REV` to stop at a commit. */
  revisions: readonly string[];
  /** Called now and then with the commits and patch bytes read so far (a TTY shows progress). */
  onProgress?: (commits: number, bytes: number) => void;
}

export interface DiffScanOptions extends ScanOneOptions {
  root: string;
  /** Lines added since the merge base of this revision and HEAD, working tree included. */
  base: string;
}

/** The commit facts a history finding carries in its `data` (and so in JSON and SARIF). */
export interface HistoryData {
  commit: string;
  commitDate: string;
  /** Whether HEAD's version of the file still holds the same secret (same fingerprint). */
  presentAtHead: boolean;
}

/** Feeds `git <args>`'s patch lines to the reader as they stream out; git waits while the engine scans. */
async function streamPatches(top: string, args: string[], reader: LineSink, onChunk?: () => void): Promise<void> {
  let lines = 0;
  try {
    for await (const line of gitLines(['-c', 'core.quotepath=off', ...args], top)) {
      await reader.pushAsync(line);
      lines += 1;
      if (lines % 1000 === 0) onChunk?.();
    }
  } catch (error) {
    throw new IoError(`git ${args[0]} failed: ${gitReason(error)}`);
  }
  await reader.endAsync();
}

interface LineSink {
  pushAsync(line: string): Promise<void>;
  endAsync(): Promise<void>;
}

/** A PatchReader whose files are scanned in order, one at a time, before the next line is read. */
class ScanningReader implements LineSink {
  private readonly queue: AddedLines[] = [];
  private readonly reader = new PatchReader((added) => this.queue.push(added));

  constructor(private readonly scanFile: (added: AddedLines) => Promise<void>) {}

  get commits(): number { return this.reader.commits; }
  get bytes(): number { return this.reader.bytes; }

  async pushAsync(line: string): Promise<void> {
    this.reader.push(line);
    await this.drain();
  }

  async endAsync(): Promise<void> {
    this.reader.end();
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.scanFile(this.queue.shift()!);
  }
}

/** Scans one file's added lines and returns its findings with their real line numbers. */
async function scanAdded(added: AddedLines, relative: string, options: ScanOneOptions, tally: OutcomeTally): Promise<Finding[]> {
  if (isExcluded(relative, options.config)) {
    tally.stats.excluded += 1;
    return [];
  }
  if (kindOf(relative) === 'skip') {
    tally.stats.generated += 1;
    return [];
  }
  const { text, lineMap } = textOfAdded(added);
  const result = await scanText(text, Buffer.byteLength(text), { relative, gitState: 'tracked' }, options);
  tally.add(result.kind === 'scanned' ? { ...result, report: undefined } : result);
  if (result.kind !== 'scanned' || !result.report) return [];
  return result.report.findings.flatMap((finding) => {
    const startLine = lineMap[finding.range.start.line];
    const endLine = lineMap[finding.range.end.line] ?? startLine;
    if (startLine === undefined || startLine < 0) return [];
    const range = {
      start: { line: startLine - 1, character: finding.range.start.character },
      end: { line: (endLine < 0 ? startLine : endLine) - 1, character: finding.range.end.character },
    };
    return [{ ...finding, range, related: undefined, fixes: undefined }];
  });
}

/** Where a patch path (from the repository's top) lands under the scan root, or undefined when outside it. */
function underRoot(top: string, root: string, gitPath: string): string | undefined {
  const relative = relativeUnder(root, path.join(top, gitPath));
  return relative.startsWith('../') || relative === '..' || path.isAbsolute(relative) ? undefined : relative;
}

/** Groups findings into one report per file, in path order, each file's findings by line. */
function reportsOf(findings: Iterable<{ path: string; finding: Finding }>): FileReport[] {
  const byPath = new Map<string, Finding[]>();
  for (const { path: file, finding } of findings) {
    const list = byPath.get(file) ?? [];
    list.push(finding);
    byPath.set(file, list);
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, list]) => ({
      path: file,
      gitState: 'tracked' as const,
      findings: list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
    }));
}

/** Fingerprints of what HEAD's version of each file holds, for the files asked about: one `cat-file --batch` for all. */
async function fingerprintsAtHead(top: string, root: string, files: Iterable<string>, options: ScanOneOptions): Promise<Set<string>> {
  const prints = new Set<string>();
  const relatives = [...files];
  if (relatives.length === 0) return prints;
  const asked = relatives.map((relative) => `HEAD:${relativeUnder(top, path.join(root, relative))}\n`).join('');
  let answers: BatchAnswer[];
  try {
    answers = readBatch(await gitWithInput(['cat-file', '--batch'], top, asked), relatives.length);
  } catch {
    return prints; // no HEAD at all
  }
  for (const [index, answer] of answers.entries()) {
    // Gone at HEAD (deleted, renamed): nothing of it is present.
    if (answer.text === undefined) continue;
    const relative = relatives[index];
    const result = await scanText(answer.text, Buffer.byteLength(answer.text), { relative, gitState: 'tracked' }, options);
    if (result.kind === 'scanned') for (const finding of result.report?.findings ?? []) prints.add(finding.fingerprint);
  }
  return prints;
}

function historyMessage(finding: Finding, data: HistoryData): string {
  const added = `Added in commit ${data.commit.slice(0, 12)} (${data.commitDate.slice(0, 10)})`;
  if (data.presentAtHead) return `${finding.message} ${added}; still at HEAD.`;
  return `${finding.message} ${added} and removed since: still in the history, so still leaked.`;
}

/** `scan --history`: every line any selected commit added; one finding per fingerprint, the oldest commit first. */
export async function scanHistory(options: HistoryScanOptions): Promise<ScanOutcome> {
  const top = await repositoryTop(options.root, '--history reads git');
  const root = realpathSync.native(options.root);
  const tally = new OutcomeTally();
  const first = new Map<string, { path: string; finding: Finding; commit: string; date: string }>();
  const reader = new ScanningReader(async (added) => {
    const relative = underRoot(top, root, added.path);
    if (relative === undefined) return;
    for (const finding of await scanAdded(added, relative, options, tally)) {
      if (!first.has(finding.fingerprint)) {
        first.set(finding.fingerprint, { path: relative, finding, commit: added.commit?.sha ?? '', date: added.commit?.date ?? '' });
      }
    }
  });
  // Oldest first, so that the first commit seen to add a secret is the one that introduced it.
  const args = ['log', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--reverse', '--date-order', COMMIT_FORMAT, ...options.revisions, '--'];
  let lastReport = 0;
  await streamPatches(top, args, reader, () => {
    const now = performance.now();
    if (options.onProgress && now - lastReport > 200) {
      lastReport = now;
      options.onProgress(reader.commits, reader.bytes);
    }
  });
  options.onProgress?.(reader.commits, reader.bytes);

  const atHead = await fingerprintsAtHead(top, root, new Set([...first.values()].map((entry) => entry.path)), options);
  const findings = [...first.values()].map(({ path: file, finding, commit, date }) => {
    const data: HistoryData = { commit, commitDate: date, presentAtHead: atHead.has(finding.fingerprint) };
    return { path: file, finding: { ...finding, message: historyMessage(finding, data), data: { ...finding.data, ...data } } };
  });
  const outcome = tally.outcome();
  outcome.files = reportsOf(findings);
  outcome.stats.commits = reader.commits;
  return outcome;
}

/** `scan --diff REV`: the lines added since REV's merge base with HEAD, uncommitted changes included (a pull request's lines). */
export async function scanDiff(options: DiffScanOptions): Promise<ScanOutcome> {
  const top = await repositoryTop(options.root, '--diff reads git');
  const root = realpathSync.native(options.root);
  const tally = new OutcomeTally();
  const found: { path: string; finding: Finding }[] = [];
  const reader = new ScanningReader(async (added) => {
    const relative = underRoot(top, root, added.path);
    if (relative === undefined) return;
    for (const finding of await scanAdded(added, relative, options, tally)) found.push({ path: relative, finding });
  });
  const args = ['diff', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--merge-base', options.base, '--'];
  await streamPatches(top, args, reader);
  const outcome = tally.outcome();
  outcome.files = reportsOf(found);
  return outcome;
}
