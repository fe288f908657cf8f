import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { keyStoreFindings } from '../engine/keyStoreScan';
import { credentialStoreOf } from '../engine/credentialStores';
import type { FileResult, ScanJob, ScanOneOptions } from './scanOne';

// Binary files are not scanned as text, but a key store (`.p12`, `.pfx`, `.jks`, ...) is a
// credential as a whole file: its first bytes go to the engine's key-store check instead.

const HEAD_BYTES = 64;

/** The result for a binary file that is a key store, or undefined for any other binary file. */
export function keyStoreResult(bytes: Uint8Array, size: number, job: Omit<ScanJob, 'absolute'>, options: ScanOneOptions): FileResult | undefined {
  if (credentialStoreOf(job.relative)?.kind !== 'key store') return undefined;
  const findings = keyStoreFindings(bytes.subarray(0, HEAD_BYTES), { path: job.relative, gitState: job.gitState }, options.config, options.baseline);
  if (findings.length === 0) return undefined;
  return { kind: 'scanned', bytes: size, report: { path: job.relative, gitState: job.gitState, findings }, problems: [] };
}

/** The same for a file on disk: only a key store's name makes its first bytes worth reading. */
export function keyStoreFileResult(job: ScanJob, options: ScanOneOptions): FileResult | undefined {
  if (credentialStoreOf(job.relative)?.kind !== 'key store') return undefined;
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const fd = openSync(job.absolute, 'r');
    let read: number;
    try {
      read = readSync(fd, head, 0, HEAD_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    return keyStoreResult(head.subarray(0, read), statSync(job.absolute).size, job, options);
  } catch {
    return undefined;
  }
}
