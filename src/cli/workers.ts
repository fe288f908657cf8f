import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Config } from '../engine';
import type { FileResult, ScanJob, ScanOneOptions } from './scanFiles';
import { scanOne } from './scanFiles';

// Scanning a big tree on every core: the bundle (dist/cli.js) starts copies of itself as worker
// threads, each with the config and baseline; the main thread hands out batches of files as the
// workers ask for them, so a slow file never holds the others back.

const ROLE = 'secure-hygiene-scan-worker';
const BATCH = 32;

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

export async function scanInWorkers(jobs: readonly ScanJob[], options: ScanOneOptions, threads: number, onResult: (result: FileResult) => void): Promise<void> {
  const batches: ScanJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
  let next = 0;
  const data: WorkerData = {
    role: ROLE,
    config: options.config,
    baseline: options.baseline ? [...options.baseline] : undefined,
    maxFileSize: options.maxFileSize,
    now: options.now?.toISOString(),
  };
  const one = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: data });
    const handOut = () => worker.postMessage(next < batches.length ? batches[next++] : null);
    worker.on('message', (results: FileResult[]) => {
      for (const result of results) onResult(result);
      handOut();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a scan worker stopped with exit code ${code}`))));
    handOut();
  });
  await Promise.all(Array.from({ length: Math.min(threads, batches.length) }, one));
}

/** The worker's side: scan each batch it is given, post the results back; `null` means done. */
export function runScanWorker(): void {
  const data = workerData as WorkerData;
  const options: ScanOneOptions = {
    config: data.config,
    baseline: data.baseline ? new Set(data.baseline) : undefined,
    maxFileSize: data.maxFileSize,
    now: data.now ? new Date(data.now) : undefined,
  };
  parentPort!.on('message', (batch: ScanJob[] | null) => {
    if (batch === null) {
      parentPort!.close();
      return;
    }
    void (async () => {
      const results: FileResult[] = [];
      for (const job of batch) results.push(await scanOne(job, options));
      parentPort!.postMessage(results);
    })();
  });
}
