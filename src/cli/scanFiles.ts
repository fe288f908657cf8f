import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { kindOf, looksBinary, scan, type Config, type Finding, type GitState } from '../engine';
import type { GitFacts } from '../shared/git';
import { availableParallelism } from 'node:os';
import { scanInWorkers } from './workers';
import type { WalkedFile } from './walk';

// Reads the walked files and runs the engine on each, on worker threads for a big tree (one per
// core) or on this thread for a few files. Files it will not scan are counted, not reported one by one.

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
  elapsedMs: number;
}

export interface ScanOutcome {
  /** Every file with at least one finding, in path order. */
  files: FileReport[];
  stats: ScanStats;
  /** One line per problem: unreadable files, detectors that threw. Never holds a secret. */
  problems: string[];
}

export interface ScanFilesOptions {
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  /** Worker threads (1: scan on this thread). Defaults to defaultJobs(). */
  jobs?: number;
  git?: GitFacts;
  now?: Date;
}

export function emptyStats(): ScanStats {
  return { scanned: 0, bytes: 0, binary: 0, tooLarge: 0, generated: 0, unreadable: 0, excluded: 0, gitignored: 0, elapsedMs: 0 };
}

type Read = { kind: 'text'; text: string; size: number } | { kind: 'binary' | 'tooLarge' } | { kind: 'error'; code: string };

/**
 * Synchronous on purpose: source files are small and the CLI has nothing else to do meanwhile;
 * measured on a 55 MB tree, promise-based open/stat/read/close cost more than the scan itself.
 */
function readCandidate(absolute: string, maxFileSize: number): Read {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const { size } = fstatSync(fd);
    if (size > maxFileSize) return { kind: 'tooLarge' };
    const bytes = readFileSync(fd);
    if (looksBinary(bytes)) return { kind: 'binary' };
    const text = bytes.toString('utf8');
    // Editors drop a byte-order mark; so do we, so that columns agree with what the user sees.
    return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, size: bytes.length };
  } catch (error) {
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One file to scan, with what git says of it (asked on the main thread, which holds the facts). */
export interface ScanJob {
  absolute: string;
  relative: string;
  gitState: GitState;
}

export interface ScanOneOptions {
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  now?: Date;
}

/** What happened to one file; plain data, so that a worker thread can post it back. */
export type FileResult =
  | { kind: 'generated' | 'binary' | 'tooLarge' }
  | { kind: 'unreadable'; problem: string }
  | { kind: 'scanned'; bytes: number; report?: FileReport; problems: string[] };

export async function scanOne(job: ScanJob, options: ScanOneOptions): Promise<FileResult> {
  // Lock files and source maps are known by name: not even read.
  if (kindOf(job.relative) === 'skip') return { kind: 'generated' };
  const read = readCandidate(job.absolute, options.maxFileSize);
  if (read.kind === 'error') return { kind: 'unreadable', problem: `cannot read ${job.relative}: ${read.code}` };
  if (read.kind !== 'text') return { kind: read.kind };
  if (kindOf(job.relative, read.text) === 'skip') return { kind: 'generated' };
  const problems: string[] = [];
  const findings = await scan(read.text, { path: job.relative, gitState: job.gitState }, options.config, {
    baseline: options.baseline,
    now: options.now,
    onDetectorError: (detector, error) => {
      const reason = String((error as Error)?.message ?? error).split('\n')[0].slice(0, 160);
      problems.push(`the ${detector} detector failed on ${job.relative}: ${reason}`);
    },
  });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const report = findings.length > 0 ? { path: job.relative, gitState: job.gitState, findings } : undefined;
  return { kind: 'scanned', bytes: read.size, report, problems };
}

/** Worker threads to use: one per core (at most 4) for a big tree, none for a few files. */
export function defaultJobs(files: number): number {
  return files < 200 ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

export async function scanFiles(files: readonly WalkedFile[], options: ScanFilesOptions): Promise<ScanOutcome> {
  const started = performance.now();
  const stats = emptyStats();
  const problems: string[] = [];
  const reports: FileReport[] = [];
  const tally = (result: FileResult) => {
    if (result.kind === 'scanned') {
      stats.scanned += 1;
      stats.bytes += result.bytes;
      if (result.report) reports.push(result.report);
      problems.push(...result.problems);
    } else if (result.kind === 'unreadable') {
      stats.unreadable += 1;
      problems.push(result.problem);
    } else {
      stats[result.kind] += 1;
    }
  };
  const jobs: ScanJob[] = files.map((file) => ({ ...file, gitState: options.git?.stateOf(file.absolute) ?? 'unknown' }));
  const threads = options.jobs ?? defaultJobs(files.length);
  if (threads > 1) {
    await scanInWorkers(jobs, options, threads, tally);
  } else {
    for (const job of jobs) tally(await scanOne(job, options));
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  problems.sort();
  stats.elapsedMs = performance.now() - started;
  return { files: reports, stats, problems };
}
