import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Config } from '../engine';
import { hangIfTestMarked } from '../shared/timeBudget';
import type { FileResult, ScanJob, ScanOneOptions } from './scanOne';
import { scanOne } from './scanOne';
import { readAhead } from './readAhead';
import { ScanProgress } from './workerProgress';
import { SCAN_WORKER_ROLE, WORKER_BUNDLE } from './bundles';

// Scanning a big tree on every core: the CLI bundle (dist/cliMain.js) starts worker threads from
// the smaller scan-only bundle next to it (dist/cliWorker.js, from src/cli/worker.ts; failing
// that, from itself) and sends each the config and baseline as its first message. The first
// worker may have been started by the CLI's launcher before this bundle loaded (launch.ts): the
// pool adopts it instead of starting one. Without a time budget the main thread
// scans batches too (see ScanPipeline). Workers start as soon as the scan knows it needs them (while the tree is still
// being walked: loading the bundle takes a while) and pull batches of files from a queue. Each
// worker holds at most two batches, one running and one waiting, so it never idles between
// batches and a slow file never holds the others back. Workers read the files themselves and
// post back only plain results.
// With a time budget, a watchdog on the main thread reads each worker's progress from shared
// memory (which file it is on, since when): a worker past the budget on one file is terminated
// and replaced, that file is reported "not fully scanned", and the rest of its batches go back
// to the queue for the other workers.

/** Batches handed to one worker and not yet answered. */
const IN_FLIGHT = 2;
/**
 * A fresh worker's first file also compiles the rules and a grammar and runs cold code: it gets
 * this many budgets, so that a cold start on a busy machine is not taken for a slow file.
 */
const COLD_START_FACTOR = 2;
/** The worker bundle, built next to the CLI bundle; the CLI bundle itself can serve as one too. */
function workerScript(): string {
  const bundle = path.join(__dirname, WORKER_BUNDLE);
  return existsSync(bundle) ? bundle : __filename;
}

/** A scan worker's first message: what every scan of its batches needs. */
interface ScanWorkerInit {
  config: Config;
  baseline?: string[];
  maxFileSize: number;
  now?: string;
  /** Shared with the main thread's watchdog (see ScanProgress); only with a time budget. */
  progress?: SharedArrayBuffer;
}

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === SCAN_WORKER_ROLE;
}

/** A worker the launcher started before this bundle loaded, not yet adopted by a pool (and alive). */
let prestarted: Worker | undefined;

/** Hands the pool a scan worker started early (launch.ts); it has not been sent its configuration yet. */
export function offerPrestartedWorker(worker: Worker): void {
  prestarted = worker;
  // Dead before a pool adopted it (its bundle failed to load): the pool starts its own instead.
  const forget = () => {
    if (prestarted === worker) prestarted = undefined;
  };
  worker.once('exit', forget);
  worker.once('error', forget);
}

function adoptPrestarted(): Worker | undefined {
  const worker = prestarted;
  prestarted = undefined;
  worker?.ref();
  return worker;
}

/** Where the workers get their work: the next batch ready now (empty when none is), and whether more may come. */
export interface BatchSource {
  takeBatch(): ScanJob[];
  /** True once every file has been handed out or is ready: nothing more will be added. */
  readonly drained: boolean;
  /** Files handed out to a worker that was stopped before it answered for them: to be handed out again. */
  putBack(jobs: ScanJob[]): void;
}

interface Slot {
  worker: Worker;
  /** Batches handed to this worker and not yet answered, oldest first. */
  batches: ScanJob[][];
  /** Files of the answered batches: with the progress counter, which file the worker is on. */
  answeredFiles: number;
  progress?: ScanProgress;
  /** Told to stop (sent `null`). */
  released: boolean;
  terminated: boolean;
}

export class ScanWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly finished: Promise<void>;
  private settle!: { resolve(): void; reject(error: Error): void };
  /** Workers started and not yet exited (replacements included). */
  private running = 0;
  private readonly watchdog: NodeJS.Timeout | undefined;
  private readonly script = workerScript();

  /** `budgetMs` > 0: a worker that spends longer on one file is stopped and replaced. */
  constructor(threads: number, private readonly options: ScanOneOptions, private readonly source: BatchSource, private readonly onResult: (result: FileResult) => void, private readonly budgetMs = 0) {
    this.finished = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    for (let i = 0; i < threads; i += 1) this.slots.push(this.spawn());
    // One failed worker fails the scan: stop the others rather than leave them holding the process.
    this.finished.catch(() => this.terminate());
    if (budgetMs > 0) {
      // Checks a few times per budget: a stuck file is noticed between 1 and 1.25 budgets after it started.
      this.watchdog = setInterval(() => this.checkBudgets(), Math.min(250, Math.max(5, budgetMs / 4)));
      this.watchdog.unref();
      const stop = () => clearInterval(this.watchdog);
      this.finished.then(stop, stop);
    }
  }

  /** Workers in the pool (replacements take their slot). */
  get size(): number {
    return this.slots.length;
  }

  /** More workers, up to `threads` (the tree turned out big). */
  grow(threads: number): void {
    while (this.slots.length < threads) this.slots.push(this.spawn());
    this.pump();
  }

  private spawn(): Slot {
    const progress = this.budgetMs > 0 ? new ScanProgress() : undefined;
    const init: ScanWorkerInit = {
      config: this.options.config,
      baseline: this.options.baseline ? [...this.options.baseline] : undefined,
      maxFileSize: this.options.maxFileSize,
      now: this.options.now?.toISOString(),
      progress: progress?.buffer,
    };
    const worker = adoptPrestarted() ?? new Worker(this.script, { workerData: { role: SCAN_WORKER_ROLE } });
    worker.postMessage(init);
    const slot: Slot = { worker, batches: [], answeredFiles: 0, progress, released: false, terminated: false };
    this.running += 1;
    slot.worker.on('message', (results: FileResult[]) => {
      // A worker stopped over budget may still have answered: its batches were handed out again.
      if (slot.terminated) return;
      const batch = slot.batches.shift();
      slot.answeredFiles += batch?.length ?? 0;
      for (const result of results) this.onResult(result);
      this.pump();
    });
    slot.worker.once('error', (error) => this.settle.reject(error));
    slot.worker.once('exit', (code) => {
      if (code !== 0 && !slot.terminated) this.settle.reject(new Error(`a scan worker stopped with exit code ${code}`));
      this.running -= 1;
      if (this.running === 0) this.settle.resolve();
    });
    return slot;
  }

  /** The watchdog: stops every worker that has been on one file for longer than the budget. */
  private checkBudgets(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      if (slot.terminated || slot.batches.length === 0) continue;
      const current = slot.progress?.current(now);
      const budget = this.budgetMs * (current?.started === 1 ? COLD_START_FACTOR : 1);
      if (current && current.elapsedMs > budget) this.abandon(slot, current.started);
    }
  }

  /** Terminates a worker stuck on a file, reports the file once, hands its other files out again and starts a replacement. */
  private abandon(slot: Slot, started: number): void {
    const pending = slot.batches.flat();
    const stuckAt = started - 1 - slot.answeredFiles;
    slot.terminated = true;
    slot.released = true;
    slot.batches = [];
    // The replacement first, so that the pool never looks finished in between.
    this.slots[this.slots.indexOf(slot)] = this.spawn();
    void slot.worker.terminate();
    const stuck = pending[stuckAt];
    if (stuck) {
      this.onResult({
        kind: 'overBudget',
        problem: `${stuck.relative} was not fully scanned: its scan took longer than the time budget of ${this.budgetMs} ms (--time-budget) and was stopped; its findings are unknown`,
      });
    }
    this.source.putBack(pending.filter((_, index) => index !== stuckAt));
    this.pump();
  }

  /** Hands out work to every worker with room for it; tells idle workers to stop once all is handed out. */
  pump(): void {
    for (const slot of this.slots) {
      if (slot.released) continue;
      while (slot.batches.length < IN_FLIGHT) {
        const batch = this.source.takeBatch();
        if (batch.length === 0) break;
        const { jobs, transfer } = readAhead(batch, this.options.maxFileSize);
        slot.worker.postMessage(jobs, transfer);
        slot.batches.push(batch);
      }
      if (slot.batches.length === 0 && this.source.drained) {
        slot.released = true;
        slot.worker.postMessage(null);
      }
    }
  }

  /** Resolves when every worker has finished its work and exited. */
  done(): Promise<void> {
    return this.finished;
  }

  /** Stops every worker now (the scan failed elsewhere). */
  terminate(): void {
    for (const slot of this.slots) {
      slot.released = true;
      slot.terminated = true;
      slot.worker.unref();
      void slot.worker.terminate();
    }
  }
}

/** What a worker's first message configures. */
function scanOptionsOf(init: ScanWorkerInit): ScanOneOptions {
  return {
    config: init.config,
    baseline: init.baseline ? new Set(init.baseline) : undefined,
    maxFileSize: init.maxFileSize,
    now: init.now ? new Date(init.now) : undefined,
    // The engine never sees a text the test hook is told to hang on (SECURE_HYGIENE_TEST_HANG).
    beforeScan: hangIfTestMarked,
  };
}

/** The worker's side: the first message configures it; then scan each batch in turn, post the results back; `null` means done. */
export function runScanWorker(): void {
  let options: ScanOneOptions | undefined;
  let progress: ScanProgress | undefined;
  let queue = Promise.resolve();
  parentPort!.on('message', (message: ScanWorkerInit | ScanJob[] | null) => {
    if (!options) {
      const init = message as ScanWorkerInit;
      options = scanOptionsOf(init);
      progress = init.progress ? new ScanProgress(init.progress) : undefined;
      return;
    }
    const batch = message as ScanJob[] | null;
    const scanOptions = options;
    queue = queue.then(async () => {
      if (batch === null) {
        parentPort!.close();
        return;
      }
      const results: FileResult[] = [];
      for (const job of batch) {
        progress?.started(Date.now());
        results.push(await scanOne(job, scanOptions));
        progress?.finished();
      }
      parentPort!.postMessage(results);
    });
  });
}
