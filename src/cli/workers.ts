import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Config } from '../engine';
import type { FileResult, ScanJob, ScanOneOptions } from './scanOne';
import { scanOne } from './scanOne';

// Scanning a big tree on every core: the CLI bundle (dist/cli.js) starts worker threads from the
// smaller scan-only bundle next to it (dist/cliWorker.js, from src/cli/worker.ts; failing that,
// from itself), each with the config and baseline. The main thread scans batches too (see
// ScanPipeline). Workers start as soon as the scan knows it needs them (while the tree is still
// being walked: loading the bundle takes a while) and pull batches of files from a queue. Each
// worker holds at most two batches, one running and one waiting, so it never idles between
// batches and a slow file never holds the others back. Workers read the files themselves and
// post back only plain results.

const ROLE = 'secure-hygiene-scan-worker';
/** Batches handed to one worker and not yet answered. */
const IN_FLIGHT = 2;
/** The worker bundle, built next to the CLI bundle; the CLI bundle itself can serve as one too. */
const WORKER_BUNDLE = 'cliWorker.js';

function workerScript(): string {
  const bundle = path.join(__dirname, WORKER_BUNDLE);
  return existsSync(bundle) ? bundle : __filename;
}

interface WorkerData {
  role: typeof ROLE;
  config: Config;
  baseline?: string[];
  maxFileSize: number;
  now?: string;
}

export function isScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerData> | undefined)?.role === ROLE;
}

/** Where the workers get their work: the next batch ready now (empty when none is), and whether more may come. */
export interface BatchSource {
  takeBatch(): ScanJob[];
  /** True once every file has been handed out or is ready: nothing more will be added. */
  readonly drained: boolean;
}

interface Slot {
  worker: Worker;
  inFlight: number;
  /** Told to stop (sent `null`). */
  released: boolean;
  terminated: boolean;
}

export class ScanWorkerPool {
  private readonly slots: Slot[];
  private readonly finished: Promise<void>;

  constructor(threads: number, options: ScanOneOptions, private readonly source: BatchSource, onResult: (result: FileResult) => void) {
    const data: WorkerData = {
      role: ROLE,
      config: options.config,
      baseline: options.baseline ? [...options.baseline] : undefined,
      maxFileSize: options.maxFileSize,
      now: options.now?.toISOString(),
    };
    this.slots = [];
    const script = workerScript();
    const exits: Promise<void>[] = [];
    for (let i = 0; i < threads; i += 1) {
      const slot: Slot = { worker: new Worker(script, { workerData: data }), inFlight: 0, released: false, terminated: false };
      this.slots.push(slot);
      slot.worker.on('message', (results: FileResult[]) => {
        slot.inFlight -= 1;
        for (const result of results) onResult(result);
        this.pump();
      });
      exits.push(new Promise<void>((resolve, reject) => {
        slot.worker.once('error', reject);
        slot.worker.once('exit', (code) => (code === 0 || slot.terminated ? resolve() : reject(new Error(`a scan worker stopped with exit code ${code}`))));
      }));
    }
    this.finished = Promise.all(exits).then(() => undefined);
    // One failed worker fails the scan: stop the others rather than leave them holding the process.
    this.finished.catch(() => this.terminate());
  }

  /** Hands out work to every worker with room for it; tells idle workers to stop once all is handed out. */
  pump(): void {
    for (const slot of this.slots) {
      if (slot.released) continue;
      while (slot.inFlight < IN_FLIGHT) {
        const batch = this.source.takeBatch();
        if (batch.length === 0) break;
        slot.worker.postMessage(batch);
        slot.inFlight += 1;
      }
      if (slot.inFlight === 0 && this.source.drained) {
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

/** The worker's side: scan each batch in turn, post the results back; `null` means done. */
export function runScanWorker(): void {
  const data = workerData as WorkerData;
  const options: ScanOneOptions = {
    config: data.config,
    baseline: data.baseline ? new Set(data.baseline) : undefined,
    maxFileSize: data.maxFileSize,
    now: data.now ? new Date(data.now) : undefined,
  };
  let queue = Promise.resolve();
  parentPort!.on('message', (batch: ScanJob[] | null) => {
    queue = queue.then(async () => {
      if (batch === null) {
        parentPort!.close();
        return;
      }
      const results: FileResult[] = [];
      for (const job of batch) results.push(await scanOne(job, options));
      parentPort!.postMessage(results);
    });
  });
}
