import { readFileSync, statSync } from 'node:fs';
import { kindOf, looksBinary, scan, type Config, type Finding, type GitState } from '../engine';
import type { GitFacts } from '../shared/git';
import { availableParallelism } from 'node:os';
import { ScanWorkerPool, type BatchSource } from './workers';
import type { WalkedFile } from './walk';

// Reads the walked files and runs the engine on each: for a big tree on this thread and on worker
// threads alongside it (one thread per core in all), for a few files on this thread only. Files it will not scan are counted, not reported one by one.

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
  /** Threads scanning files: this one plus jobs - 1 workers (1: this thread only). Defaults to defaultJobs(). */
  jobs?: number;
  /** What git says of the files; may still be loading while the walk runs. */
  git?: Promise<GitFacts | undefined>;
  now?: Date;
}

export function emptyStats(): ScanStats {
  return { scanned: 0, bytes: 0, binary: 0, tooLarge: 0, generated: 0, unreadable: 0, excluded: 0, gitignored: 0, elapsedMs: 0 };
}

type Read = { kind: 'text'; text: string; size: number } | { kind: 'binary' | 'tooLarge' } | { kind: 'error'; code: string };

/**
 * Synchronous on purpose: source files are small and the CLI has nothing else to do meanwhile.
 * One stat (to leave huge files unread), then readFileSync with an encoding, which opens, reads,
 * decodes and closes in one call into Node: measured on a 55 MB tree, promise-based reads cost
 * more than the scan itself, and opening, reading and closing from here twice what this does.
 */
function readCandidate(absolute: string, maxFileSize: number): Read {
  try {
    const stats = statSync(absolute);
    if (!stats.isFile()) return { kind: 'error', code: 'not a regular file' };
    if (stats.size > maxFileSize) return { kind: 'tooLarge' };
    const text = readFileSync(absolute, 'utf8');
    if (looksBinary(text)) return { kind: 'binary' };
    // Editors drop a byte-order mark; so do we, so that columns agree with what the user sees.
    return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, size: stats.size };
  } catch (error) {
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
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

/** Below this many files the scan stays on this thread: starting workers would cost more than it saves. */
const WORKER_THRESHOLD = 200;
/** Files per batch handed to a worker; smaller at the end so that every worker finishes at about the same time. */
const BATCH = 32;
/** Folders listed before the default job count starts workers, in case the tree is big. */
const FOLDERS_BEFORE_WORKERS = 32;

/** Threads to scan on, this one included: one per core (at most 4) for a big tree, this one alone for a few files. */
export function defaultJobs(files: number): number {
  return files < WORKER_THRESHOLD ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Scans files as the walk finds them, in batches taken from one queue by this thread and by
 * jobs - 1 worker threads. With an explicit --jobs, scanning starts at once (workers start then
 * too, and this thread scans while they load) and goes on while the walk does. With the default
 * job count the workers start once the walk has listed enough folders for the tree to look big (a
 * walk lists folders well before it reaches most files, and loading a worker takes a while), work
 * is handed out only from the 200th file on, and the workers are stopped unused if the tree turns
 * out smaller; a small tree is scanned on this thread once the walk is done.
 * This thread yields between batches, so that the walk and the workers' answers are never held up
 * by more than one batch.
 * The outcome does not depend on timing: results are counted, then reports and problems sorted.
 */
export class ScanPipeline implements BatchSource {
  private readonly started = performance.now();
  private readonly stats = emptyStats();
  private readonly problems: string[] = [];
  private readonly reports: FileReport[] = [];
  /** Files found before git's facts arrived. */
  private waiting: WalkedFile[] = [];
  private readonly ready: ScanJob[] = [];
  private head = 0;
  private found = 0;
  private folders = 0;
  private git: GitFacts | undefined;
  private gitKnown = false;
  private walkDone = false;
  private pool: ScanWorkerPool | undefined;
  /** This thread's share of the scan, once work may be handed out. */
  private local: Promise<void> | undefined;
  /** Wakes this thread's scan loop when it waits for files. */
  private wake: (() => void) | undefined;
  private aborted = false;
  private readonly threads: number;
  /** Whether the workers may be given work (an explicit count above 1, or enough files found). */
  private committed: boolean;
  private readonly gitLoaded: Promise<void>;

  constructor(private readonly options: ScanFilesOptions) {
    this.gitLoaded = (options.git ?? Promise.resolve(undefined)).then((git) => {
      this.git = git;
      this.gitKnown = true;
      for (const file of this.waiting) this.ready.push(this.jobFor(file));
      this.waiting = [];
      this.pool?.pump();
      this.notify();
    });
    this.threads = options.jobs ?? defaultJobs(WORKER_THRESHOLD);
    this.committed = options.jobs !== undefined;
    if (this.threads > 1 && this.committed) this.startWorkers();
    if (this.committed) this.startLocal();
  }

  /** The walk listed a folder. */
  folderListed(): void {
    this.folders += 1;
    if (this.folders === FOLDERS_BEFORE_WORKERS && this.threads > 1 && !this.pool) this.startWorkers();
  }

  /** A file found by the walk (each once). */
  add(file: WalkedFile): void {
    this.found += 1;
    if (this.gitKnown) this.ready.push(this.jobFor(file));
    else this.waiting.push(file);
    if (!this.committed && this.found === WORKER_THRESHOLD) {
      this.committed = true;
      if (this.threads > 1 && !this.pool) this.startWorkers();
      this.startLocal();
    }
    this.pool?.pump();
    this.notify();
  }

  /** The walk is over: scans what is left and returns the outcome. */
  async finish(): Promise<ScanOutcome> {
    this.walkDone = true;
    await this.gitLoaded;
    if (!this.committed) {
      // Workers started in case the tree was big; it was not, and they were given nothing.
      this.pool?.terminate();
      this.pool = undefined;
      this.committed = true;
      this.startLocal();
    }
    this.pool?.pump();
    this.notify();
    await this.local;
    await this.pool?.done();
    this.reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.problems.sort();
    this.stats.elapsedMs = performance.now() - this.started;
    return { files: this.reports, stats: this.stats, problems: this.problems };
  }

  /** Stops the workers, if any (the walk failed). */
  abort(): void {
    this.aborted = true;
    this.pool?.terminate();
    this.notify();
  }

  get drained(): boolean {
    return this.walkDone && this.gitKnown && this.head >= this.ready.length;
  }

  takeBatch(): ScanJob[] {
    const available = this.ready.length - this.head;
    if (available === 0 || !this.committed) return [];
    const last = this.walkDone && this.gitKnown;
    // While the walk goes on, only full batches; at the end, smaller ones share the tail out.
    if (!last && available < BATCH) return [];
    const size = last ? Math.min(BATCH, Math.max(1, Math.ceil(available / (this.threads * 2)))) : BATCH;
    const batch = this.ready.slice(this.head, this.head + size);
    this.head += size;
    return batch;
  }

  private startWorkers(): void {
    this.pool = new ScanWorkerPool(this.threads - 1, this.options, this, (result) => this.tally(result));
  }

  private startLocal(): void {
    if (this.local) return;
    this.local = this.scanHere();
    // Awaited in finish(); until then a failure must not count as unhandled.
    this.local.catch(() => undefined);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** This thread's scan loop: a batch at a time, yielding in between; waits while no batch is ready. */
  private async scanHere(): Promise<void> {
    while (!this.aborted) {
      // While there are workers to feed, this thread walks first: the walk is what they wait on.
      const batch = this.pool && !this.walkDone ? [] : this.takeBatch();
      if (batch.length === 0) {
        if (this.drained) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      for (const job of batch) this.tally(await scanOne(job, this.options));
      this.pool?.pump();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Workers with nothing in flight may now be told to stop.
    this.pool?.pump();
  }

  private jobFor(file: WalkedFile): ScanJob {
    const { git } = this;
    const gitState = git ? (file.resolved !== undefined ? git.stateOfResolved(file.resolved) : git.stateOf(file.absolute)) : 'unknown';
    return { absolute: file.absolute, relative: file.relative, gitState };
  }

  private tally(result: FileResult): void {
    const { stats } = this;
    if (result.kind === 'scanned') {
      stats.scanned += 1;
      stats.bytes += result.bytes;
      if (result.report) this.reports.push(result.report);
      this.problems.push(...result.problems);
    } else if (result.kind === 'unreadable') {
      stats.unreadable += 1;
      this.problems.push(result.problem);
    } else {
      stats[result.kind] += 1;
    }
  }
}
