import { availableParallelism } from 'node:os';
import type { Config, Finding } from '../engine';
import { scrubAhead } from './formats/common';
import type { GitFacts } from '../shared/git';
import { OutcomeTally, scanOne, type FileResult, type ScanJob, type ScanOutcome } from './scanOne';
import { ScanWorkerPool, type BatchSource } from './workers';
import type { WalkedFile } from './walk';

// Runs the engine over the walked files: for a big tree on this thread and on worker threads
// alongside it (one thread per core in all), for a few files on this thread only. Files it will
// not scan are counted, not reported one by one. With a time budget (the default), files are
// scanned on worker threads only, even a few: a scan on this thread could not be stopped.

export interface ScanFilesOptions {
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  /** Threads scanning files: this one plus jobs - 1 workers (1: this thread only). Defaults to defaultJobs(). */
  jobs?: number;
  /** What git says of the files; may still be loading while the walk runs. */
  git?: Promise<GitFacts | undefined>;
  now?: Date;
  /** Milliseconds one file's scan may take before its worker is stopped (0 or none: no budget). */
  timeBudgetMs?: number;
}

/** Below this many files the scan stays on this thread: starting workers would cost more than it saves. */
const WORKER_THRESHOLD = 200;
/** Files per batch handed to a worker; smaller at the end so that every worker finishes at about the same time. */
const BATCH = 32;
/** Folders listed before the default job count starts workers, in case the tree is big. */
const FOLDERS_BEFORE_WORKERS = 32;
/**
 * With a budget and the default count, the last core gets a worker once the walk is over only if
 * the files left would keep the workers busy longer than this (at the rate measured so far): a
 * worker's start and warm-up cost 0.6-1 s of CPU, so it pays for itself on a long scan only.
 */
const LAST_WORKER_MIN_SECONDS = 3;
/** With a budget, the workers to start for a scan on `threads` threads: --jobs as given, else one per core but this thread's. */
export function budgetedWorkers(threads: number, explicitJobs: boolean): number {
  return explicitJobs ? threads : Math.max(1, threads - 1);
}

/** Whether one more worker pays for its start: the files left would keep the running ones busy for long (at their measured rate). */
export function lastWorkerPays(filesLeft: number, filesPerSecond: number): boolean {
  return filesLeft / Math.max(filesPerSecond, 1e-3) > LAST_WORKER_MIN_SECONDS;
}

/** Files answered before the rate is measured (a fresh worker's first batches run cold code), then over how many more. */
const RATE_WARM_UP = 4 * BATCH;
const RATE_SAMPLE = 8 * BATCH;

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
 * out smaller; a small tree is scanned on this thread once the walk is done. With a time budget
 * (the default) every file goes to a worker, handed out as soon as the walk finds a batch of them.
 * This thread yields between batches, so that the walk and the workers' answers are never held up
 * by more than one batch.
 * The outcome does not depend on timing: results are counted, then reports and problems sorted.
 */
export class ScanPipeline implements BatchSource {
  private readonly tally = new OutcomeTally();
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
  /** --jobs was given: its count is used as it is. */
  private readonly explicitJobs: boolean;
  /** Whether files may be handed out: at once with a budget or an explicit count, else once enough files are found. */
  private committed: boolean;
  private readonly gitLoaded: Promise<void>;
  /** Every file goes to a worker, whose scan the budget can stop; this thread only walks and counts. */
  private readonly budgeted: boolean;
  /** Files the workers have answered for, and when the rate's measure started (after RATE_WARM_UP files). */
  private answered = 0;
  private rateFrom = 0;
  /** Whether the last core's worker has been decided on (see LAST_WORKER_MIN_SECONDS). */
  private lastWorkerDecided = false;

  constructor(private readonly options: ScanFilesOptions) {
    this.budgeted = (options.timeBudgetMs ?? 0) > 0;
    this.gitLoaded = (options.git ?? Promise.resolve(undefined)).then((git) => {
      this.git = git;
      this.gitKnown = true;
      for (const file of this.waiting) this.ready.push(this.jobFor(file));
      this.waiting = [];
      this.pool?.pump();
      this.notify();
    });
    this.threads = options.jobs ?? defaultJobs(WORKER_THRESHOLD);
    this.explicitJobs = options.jobs !== undefined;
    // With a budget every file goes to a worker, so the first batch goes out as soon as the walk
    // has found it: the worker (started at once, whatever the size of the tree, or earlier by the
    // launcher) would otherwise wait for the 200th file.
    this.committed = this.explicitJobs || this.budgeted;
    if (this.budgeted) this.startWorkers(this.explicitJobs ? undefined : 1);
    else if (this.threads > 1 && this.committed) this.startWorkers();
    if (this.committed) this.startLocal();
  }

  /** The walk listed a folder. */
  folderListed(): void {
    this.folders += 1;
    if (this.folders === FOLDERS_BEFORE_WORKERS && this.threads > 1) this.startWorkers();
  }

  /** A file found by the walk (each once). */
  add(file: WalkedFile): void {
    this.found += 1;
    if (this.gitKnown) this.ready.push(this.jobFor(file));
    else this.waiting.push(file);
    if (!this.explicitJobs && this.found === WORKER_THRESHOLD) {
      // The tree looks big: one thread per core (with a budget, one worker fewer than the cores).
      this.committed = true;
      if (this.threads > 1) this.startWorkers();
      this.startLocal();
    }
    this.pool?.pump();
    this.notify();
  }

  /** The walk is over: scans what is left and returns the outcome. */
  async finish(): Promise<ScanOutcome> {
    this.walkDone = true;
    this.considerLastWorker();
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
    return this.tally.outcome();
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

  putBack(jobs: ScanJob[]): void {
    this.ready.splice(this.head, 0, ...jobs);
    this.notify();
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

  /**
   * Starts the workers a big tree needs, or adds to the one started for any tree. With a budget and
   * an explicit --jobs n, n workers (a worker takes this thread's share too). With a budget and the
   * default count, one worker fewer than the cores: this thread is busy too (it walks the tree,
   * which takes about a fifth of the scan's CPU, and collects and writes the results), and every
   * worker pays a fixed cost of its own (loading the bundle, building the keyword automaton,
   * compiling its regexes and warming up its JIT: 0.6-1 s CPU on the bench's synthetic tree), so
   * one more worker than cores costs more than it saves (2 cores, synthetic tree: 1 worker 2.6 s
   * CPU and 3.4 s wall against 2 workers 3.6 s and 5.4 s, medians of 4 alternating runs).
   */
  private startWorkers(count = this.budgeted ? budgetedWorkers(this.threads, this.explicitJobs) : this.threads - 1): void {
    if (this.pool) this.pool.grow(count);
    else this.pool = new ScanWorkerPool(count, this.options, this, (result) => this.workerResult(result), this.options.timeBudgetMs ?? 0);
  }

  private workerResult(result: FileResult): void {
    this.tally.add(result);
    if (this.budgeted && result.kind === 'scanned' && result.report) this.scrubLater(result.report.findings);
    this.answered += 1;
    if (this.answered === RATE_WARM_UP) this.rateFrom = performance.now();
    this.considerLastWorker();
  }

  /**
   * Once the walk is over and the rate is known, starts the worker the default count left out
   * (one per core in all) if the files left would take the running workers long enough to pay
   * for its start: a big tree gets every core, a mid-sized one does not pay a start for nothing.
   */
  private considerLastWorker(): void {
    if (this.lastWorkerDecided || !this.budgeted || this.explicitJobs || !this.walkDone || !this.pool) return;
    if (this.pool.size >= this.threads) {
      this.lastWorkerDecided = true;
      return;
    }
    if (this.answered < RATE_WARM_UP + RATE_SAMPLE) return;
    this.lastWorkerDecided = true;
    const perSecond = (this.answered - RATE_WARM_UP) / Math.max(0.001, (performance.now() - this.rateFrom) / 1000);
    const left = this.ready.length - this.head + this.waiting.length;
    if (lastWorkerPays(left, perSecond)) this.pool.grow(this.threads);
  }

  /** Findings whose strings this thread scrubs ahead of the report (scrubAhead), one per turn of the event loop. */
  private toScrub: Finding[] = [];

  private scrubLater(findings: readonly Finding[]): void {
    const idle = this.toScrub.length === 0;
    this.toScrub.push(...findings);
    if (!idle) return;
    const step = () => {
      const finding = this.toScrub.shift();
      if (!finding || this.aborted) return;
      scrubAhead(finding);
      if (this.toScrub.length > 0) setImmediate(step);
    };
    setImmediate(step);
  }

  private startLocal(): void {
    if (this.local || this.budgeted) return;
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
      for (const job of batch) this.tally.add(await scanOne(job, this.options));
      this.pool?.pump();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Workers with nothing in flight may now be told to stop.
    this.pool?.pump();
  }

  private jobFor(file: WalkedFile): ScanJob {
    const { git } = this;
    const gitState = git ? (file.resolved !== undefined ? git.stateOfResolved(file.resolved) : git.stateOf(file.absolute)) : 'unknown';
    return { absolute: file.absolute, relative: file.relative, gitState, ...(file.size !== undefined ? { size: file.size } : {}) };
  }
}
