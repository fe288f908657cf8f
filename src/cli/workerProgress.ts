// What a CLI scan worker is doing, in memory it shares with the main thread: how many files it has
// started, whether it is on one now and since when. The main thread's watchdog reads it directly,
// so a worker stuck in a regular expression (which never yields to post a message) is still seen,
// and a main thread busy walking the tree never mistakes unread messages for a stuck worker.

const STARTED = 0;
const BUSY = 1;

export class ScanProgress {
  readonly buffer: SharedArrayBuffer;
  private readonly counters: Int32Array;
  /** Date.now() when the current file was started. */
  private readonly since: Float64Array;

  constructor(buffer = new SharedArrayBuffer(16)) {
    this.buffer = buffer;
    this.counters = new Int32Array(buffer, 0, 2);
    this.since = new Float64Array(buffer, 8, 1);
  }

  /** Worker side: a file starts (the time first, so that the watchdog never sees a stale one). */
  started(now: number): void {
    this.since[0] = now;
    Atomics.add(this.counters, STARTED, 1);
    Atomics.store(this.counters, BUSY, 1);
  }

  finished(): void {
    Atomics.store(this.counters, BUSY, 0);
  }

  /** Main side: the file the worker is on (counting from 1) and for how long, or undefined when it is between files. */
  current(now: number): { started: number; elapsedMs: number } | undefined {
    if (Atomics.load(this.counters, BUSY) !== 1) return undefined;
    return { started: Atomics.load(this.counters, STARTED), elapsedMs: now - this.since[0] };
  }
}
