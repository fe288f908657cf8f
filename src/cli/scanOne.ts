import { readFileSync, statSync } from 'node:fs';
import { kindOf, looksBinary, scan, type CommittedVersions, type Config, type Finding, type GitState } from '../engine';
import { keyStoreFileResult } from './keyStores';
import { decodeBytes, mayBeUtf16 } from './decode';
import { describeIoError, VANISHED_CODES } from './io';

// One file at a time: read it (or be handed its text), run the engine, and count what happened.
// Shared by every way the CLI scans: the main thread and the workers over a walked tree, and the
// staged scan over blobs read from git's index.

export interface FileReport {
  /** Relative to the scan root, forward slashes. */
  path: string;
  gitState: GitState;
  findings: Finding[];
}

export interface ScanStats {
  /** Files whose text the engine looked at. */
  scanned: number;
  bytes: number;
  binary: number;
  tooLarge: number;
  /** Lock files, source maps, minified bundles: generated text the engine never scans. */
  generated: number;
  unreadable: number;
  excluded: number;
  gitignored: number;
  /** Files deleted (or moved) between the walk finding them and the scan reading them: skipped quietly. */
  vanished?: number;
  /** Symbolic links not followed (--follow-symlinks) because their target is outside the folders scanned. */
  linksOutside?: number;
  elapsedMs: number;
  /** Commits read by `scan --history`. */
  commits?: number;
  /** Files whose scan ran over the time budget and was stopped (their findings are unknown). */
  notFullyScanned?: number;
}

export interface ScanOutcome {
  /** Every file with at least one finding, in path order. */
  files: FileReport[];
  stats: ScanStats;
  /** One line per problem: unreadable files, detectors that threw. Never holds a secret. */
  problems: string[];
}

export function emptyStats(): ScanStats {
  return { scanned: 0, bytes: 0, binary: 0, tooLarge: 0, generated: 0, unreadable: 0, excluded: 0, gitignored: 0, elapsedMs: 0 };
}

type Read = { kind: 'text'; text: string; size: number } | { kind: 'binary' | 'tooLarge' | 'vanished' } | { kind: 'error'; code: string };

/**
 * Synchronous on purpose: source files are small and the CLI has nothing else to do meanwhile.
 * One stat (to leave huge files unread; done by the walk when it can), then readFileSync with an encoding, which opens, reads,
 * decodes and closes in one call into Node: measured on a 55 MB tree, promise-based reads cost
 * more than the scan itself, and opening, reading and closing from here twice what this does.
 */
function readCandidate(absolute: string, maxFileSize: number, knownSize: number | undefined, bytes: Uint8Array | undefined): Read {
  if (bytes) {
    const content = textOf(decodeBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    return content.kind === 'text' ? { ...content, size: bytes.byteLength } : content;
  }
  try {
    // The walk stats the files it finds (on its own thread): a known size needs no stat here.
    let size = knownSize;
    if (size === undefined) {
      const stats = statSync(absolute);
      if (!stats.isFile()) return { kind: 'error', code: 'not a regular file' };
      size = stats.size;
    }
    if (size > maxFileSize) return { kind: 'tooLarge' };
    const utf8 = readFileSync(absolute, 'utf8');
    // A UTF-16 byte-order mark reads as two replacement characters: only then read the bytes again.
    const content = textOf(mayBeUtf16(utf8) ? decodeBytes(readFileSync(absolute)) : utf8);
    return content.kind === 'text' ? { ...content, size } : content;
  } catch (error) {
    if (VANISHED_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return { kind: 'vanished' };
    return { kind: 'error', code: describeIoError(error) };
  }
}

/** One file to scan, with what git says of it (asked on the main thread, which holds the facts). */
export interface ScanJob {
  absolute: string;
  relative: string;
  gitState: GitState;
  /** Its size in bytes as the walk found it (a regular file then); undefined: stat it before reading. */
  size?: number;
  /** Its bytes, read ahead by the thread that handed the job to a worker (readAhead.ts): not read again. */
  bytes?: Uint8Array;
  /** The file's text in HEAD and the index, when asked (commitFacts.ts): whether each secret is committed. */
  committed?: CommittedVersions;
}

export interface ScanOneOptions {
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  now?: Date;
  /** Sees each text just before the engine does (the workers' test hook, see src/shared/timeBudget.ts). */
  beforeScan?: (text: string) => void;
}

/** What happened to one file; plain data, so that a worker thread can post it back. */
export type FileResult =
  | { kind: 'generated' | 'binary' | 'tooLarge' }
  /** Gone between the walk and the read: counted, not a problem (a build or a checkout ran beside the scan). */
  | { kind: 'vanished' }
  | { kind: 'unreadable'; problem: string }
  /** Abandoned by the time budget (a worker's watchdog, never the file's own scan). */
  | { kind: 'overBudget'; problem: string }
  | { kind: 'scanned'; bytes: number; report?: FileReport; problems: string[] };

export async function scanOne(job: ScanJob, options: ScanOneOptions): Promise<FileResult> {
  // Lock files and source maps are known by name: not even read.
  if (kindOf(job.relative) === 'skip') return { kind: 'generated' };
  const read = readCandidate(job.absolute, options.maxFileSize, job.size, job.bytes);
  if (read.kind === 'error') return { kind: 'unreadable', problem: `cannot read ${job.relative}: ${read.code}` };
  if (read.kind === 'binary') return keyStoreFileResult(job, options) ?? { kind: 'binary' };
  if (read.kind !== 'text') return { kind: read.kind };
  return scanText(read.text, read.size, job, options);
}

/**
 * Decoded file content as the engine wants it, or why it will not be scanned: binary content (a
 * NUL early on) is skipped, and a byte-order mark dropped, as editors drop it, so that columns
 * agree with what the user sees.
 */
export function textOf(decoded: string): { kind: 'text'; text: string } | { kind: 'binary' } {
  if (looksBinary(decoded)) return { kind: 'binary' };
  return { kind: 'text', text: decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded };
}

/** Runs the engine on one file's text (already read, decoded and found not to be binary). */
export async function scanText(text: string, bytes: number, job: Omit<ScanJob, 'absolute'>, options: ScanOneOptions): Promise<FileResult> {
  if (kindOf(job.relative, text) === 'skip') return { kind: 'generated' };
  const problems: string[] = [];
  options.beforeScan?.(text);
  const findings = await scan(text, { path: job.relative, gitState: job.gitState, ...(job.committed ? { committed: job.committed } : {}) }, options.config, {
    baseline: options.baseline,
    now: options.now,
    onDetectorError: (detector, error) => {
      const reason = String((error as Error)?.message ?? error).split('\n')[0].slice(0, 160);
      problems.push(`the ${detector} detector failed on ${job.relative}: ${reason}`);
    },
  });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const report = findings.length > 0 ? { path: job.relative, gitState: job.gitState, findings } : undefined;
  return { kind: 'scanned', bytes, report, problems };
}

/** Counts what happened to each file into one outcome; the outcome does not depend on the order results arrive in. */
export class OutcomeTally {
  private readonly started = performance.now();
  readonly stats = emptyStats();
  private readonly problems: string[] = [];
  private readonly reports: FileReport[] = [];

  add(result: FileResult): void {
    const { stats } = this;
    if (result.kind === 'scanned') {
      stats.scanned += 1;
      stats.bytes += result.bytes;
      if (result.report) this.reports.push(result.report);
      this.problems.push(...result.problems);
    } else if (result.kind === 'vanished') {
      stats.vanished = (stats.vanished ?? 0) + 1;
    } else if (result.kind === 'unreadable') {
      stats.unreadable += 1;
      this.problems.push(result.problem);
    } else if (result.kind === 'overBudget') {
      stats.notFullyScanned = (stats.notFullyScanned ?? 0) + 1;
      this.problems.push(result.problem);
    } else {
      stats[result.kind] += 1;
    }
  }

  outcome(): ScanOutcome {
    this.reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.problems.sort();
    this.stats.elapsedMs = performance.now() - this.started;
    return { files: this.reports, stats: this.stats, problems: this.problems };
  }
}
