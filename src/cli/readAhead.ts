import { readFileSync } from 'node:fs';
import { kindOf } from '../engine';
import type { ScanJob } from './scanOne';

// The thread that hands batches out to the scan workers reads their files first, and hands the
// bytes over with the batch (transferred, not copied): that thread mostly waits while the workers
// scan (it only walks the tree and counts results), and a worker then only decodes and scans. On
// the bench's synthetic tree one worker spent a quarter of its time in stat and read calls.
// Only files the walk found small enough are read ahead (a job without bytes is read by its
// worker as before, which also reports why a file cannot be read); the batches in flight bound
// the memory held, two per worker.

/** The batch as posted to a worker, and the buffers to transfer with it. */
export interface ReadAhead {
  jobs: ScanJob[];
  transfer: ArrayBuffer[];
}

export function readAhead(batch: readonly ScanJob[], maxFileSize: number): ReadAhead {
  const read = batch.map((job) => (job.size !== undefined && job.size > 0 && job.size <= maxFileSize && kindOf(job.relative) !== 'skip' ? readOrUndefined(job.absolute) : undefined));
  // One buffer for the batch, moved to the worker whole: Node reads small files into slices of a
  // shared pool, which could only be copied (pool and all), one by one.
  const total = read.reduce((sum, bytes) => sum + (bytes?.byteLength ?? 0), 0);
  if (total === 0) return { jobs: [...batch], transfer: [] };
  const whole = new ArrayBuffer(total);
  let offset = 0;
  const jobs = batch.map((job, i) => {
    const bytes = read[i];
    if (!bytes) return job;
    const view = new Uint8Array(whole, offset, bytes.byteLength);
    view.set(bytes);
    offset += bytes.byteLength;
    // The posted copy carries the bytes; the job kept on this thread does not (it may be handed out again).
    return { ...job, bytes: view };
  });
  return { jobs, transfer: [whole] };
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
