import { closeSync, openSync, readSync } from 'node:fs';
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
  const wanted = batch.map((job) => job.size !== undefined && job.size > 0 && job.size <= maxFileSize && kindOf(job.relative) !== 'skip');
  const total = batch.reduce((sum, job, i) => sum + (wanted[i] ? job.size! : 0), 0);
  if (total === 0) return { jobs: [...batch], transfer: [] };
  // One buffer for the batch, each file read straight into its place (no buffer of its own, no
  // copy), and moved to the worker whole.
  const whole = new ArrayBuffer(total);
  let offset = 0;
  const jobs = batch.map((job, i) => {
    if (!wanted[i]) return job;
    const place = new Uint8Array(whole, offset, job.size!);
    offset += job.size!;
    const read = readInto(job.absolute, place);
    // Not read (gone, unreadable, grown since the walk): the worker reads it, and says why if it cannot.
    if (read === undefined) return job;
    // The posted copy carries the bytes; the job kept on this thread does not (it may be handed out again).
    return { ...job, bytes: place.subarray(0, read) };
  });
  return { jobs, transfer: [whole] };
}

const probe = new Uint8Array(1);

/** Reads the file into `place` (its size as the walk found it): the bytes read, or undefined if it cannot be read or is larger now. */
function readInto(file: string, place: Uint8Array): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    let read = 0;
    while (read < place.byteLength) {
      const got = readSync(fd, place, read, place.byteLength - read, read);
      if (got === 0) break;
      read += got;
    }
    if (read === place.byteLength && readSync(fd, probe, 0, 1, read) > 0) return undefined;
    return read;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
