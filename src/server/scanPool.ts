import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config, FileInfo, Finding } from '../engine';
import { BoundedCache, type Cached, type DetectorFailure, type FromWorker, type ScanMessage, type TextEdit, type ToWorker } from './scanMessages';
import { SERVER_WORKER_ROLE } from './scanWorker';

// The server's scan workers, seen from the thread that answers requests. Scans run on a small
// pool of worker threads, one scan per worker at a time; a scan that outlives its budget has its
// worker terminated and replaced, and is answered "over budget", so a pathological file holds one
// worker for at most its budget and never the server. Two workers, so that one stuck file does
// not make the others wait for its budget to run out either.
// A document keeps to the worker that holds its state (its parse trees, for incremental
// re-parses) while that worker is free; when it is busy with another document, the scan moves to
// a free worker and the old one is told to drop the state, rather than wait. New documents go to
// the first free worker, so that one worker does most scans and stays warm (JIT, grammars), and
// the second worker starts once the first is ready, so that they do not compete with the
// server's own start for the CPU.

/** The worker bundle next to dist/server.js; failing that, the server bundle serves as one (see main.ts). */
const WORKER_BUNDLE = 'serverWorker.js';
export const SERVER_SCAN_WORKERS = 2;
/**
 * A fresh worker's first scan also compiles the config's rules and a grammar and runs cold code:
 * it gets this many budgets, so that a cold start on a busy machine is not taken for a slow file.
 */
const COLD_START_FACTOR = 2;
/**
 * A document closed while its scan has run this long: the scan is stopped (its worker replaced)
 * rather than left to run out its budget. A shorter scan finishes; restarting would cost more.
 */
const CANCEL_AFTER_MS = 200;
/** Workers that die before they are ready, in a row, before the pool gives up (a broken install). */
const MAX_FAILED_STARTS = 3;

/** An open document's text (openDocument.ts): the worker holding an earlier version is sent the edit since. */
export interface DocumentText {
  readonly version: number;
  getText(): string;
  editSince(version: number): TextEdit | undefined;
}

export interface ScanRequest {
  /** Whose per-document state to use (the document's uri); none for a one-shot scan. */
  key?: string;
  text: string | DocumentText;
  file: FileInfo;
  config: Config;
  baseline?: ReadonlySet<string>;
  /** Milliseconds before the scan is abandoned; 0 for no budget. */
  budgetMs: number;
}

export type ScanResult =
  | { kind: 'done'; findings: Finding[]; failures: DetectorFailure[] }
  | { kind: 'overBudget'; budgetMs: number }
  /** The document closed during a long scan (see release). */
  | { kind: 'cancelled' };

interface Job {
  id: number;
  request: ScanRequest;
  /** performance.now() when it was posted to a worker. */
  startedAt?: number;
  resolve(result: ScanResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  /** Scans started on this worker: its first one is cold (see COLD_START_FACTOR). */
  scans: number;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Ids of the configs and baselines this worker holds (mirrors its BoundedCache). */
  configs: BoundedCache<true>;
  baselines: BoundedCache<true>;
  committed: BoundedCache<true>;
}

function workerScript(): string {
  const bundle = path.join(__dirname, WORKER_BUNDLE);
  return existsSync(bundle) ? bundle : __filename;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Which worker holds each document's state. */
  private readonly affinity = new Map<string, Slot>();
  /** The version of each document its worker last received (kept while the affinity holds): later scans send the edit. */
  private readonly sentVersions = new Map<string, number>();
  private readonly ids = new WeakMap<object, number>();
  private nextObjectId = 1;
  private nextJobId = 1;
  private failedStarts = 0;
  private broken: Error | undefined;
  private disposed = false;

  constructor(private readonly size = SERVER_SCAN_WORKERS, private readonly onWorkerError: (message: string, error?: unknown) => void = () => undefined) {
    this.slots.push(this.spawn());
  }

  scan(request: ScanRequest): Promise<ScanResult> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<ScanResult>((resolve, reject) => {
      this.queue.push({ id: this.nextJobId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * The document closed: its worker frees the state it kept for it (after the scan it may be
   * running), and a long scan of it still running is stopped, so that its worker is free at once.
   */
  release(key: string): void {
    const slot = this.affinity.get(key);
    this.affinity.delete(key);
    this.sentVersions.delete(key);
    const job = slot?.job;
    if (slot && !slot.dead && job?.request.key === key && performance.now() - (job.startedAt ?? Infinity) > CANCEL_AFTER_MS) {
      slot.job = undefined;
      this.replace(slot);
      job.resolve({ kind: 'cancelled' });
      return;
    }
    if (slot && !slot.dead) this.post(slot, { type: 'release', key });
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots) this.kill(slot);
    for (const job of this.queue.splice(0)) job.reject(new Error('the scan pool was disposed'));
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(workerScript(), { workerData: { role: SERVER_WORKER_ROLE } }),
      ready: false,
      dead: false,
      scans: 0,
      configs: new BoundedCache(),
      baselines: new BoundedCache(),
      committed: new BoundedCache(),
    };
    // The workers never keep the server alive: it exits when its client goes.
    slot.worker.unref();
    slot.worker.on('message', (message: FromWorker) => this.answered(slot, message));
    slot.worker.on('error', (error) => this.died(slot, error));
    slot.worker.on('exit', (code) => this.died(slot, new Error(`a scan worker stopped with exit code ${code}`)));
    return slot;
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private answered(slot: Slot, message: FromWorker): void {
    if (slot.dead) return;
    if (message.type === 'ready') {
      slot.ready = true;
      this.failedStarts = 0;
      if (this.slots.length < this.size && !this.disposed) this.slots.push(this.spawn());
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (message.type === 'done') job.resolve({ kind: 'done', findings: message.findings, failures: message.failures });
    else {
      // Whatever went wrong, the next scan of the document sends its whole text again.
      if (job.request.key !== undefined) this.sentVersions.delete(job.request.key);
      job.reject(Object.assign(new Error(message.message), { stack: message.stack }));
    }
    this.dispatch();
  }

  /** Starts queued scans on free workers, oldest first. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const job = this.queue[0];
      const slot = this.pick(job.request.key);
      if (!slot) return;
      this.queue.shift();
      this.start(slot, job);
    }
  }

  private pick(key: string | undefined): Slot | undefined {
    const free = this.slots.filter((slot) => slot.ready && !slot.dead && !slot.job);
    if (free.length === 0) return undefined;
    // One-shot scans (the workspace scan's files, code actions' re-scans) take the last free worker:
    // documents start on the first, and keep their parse trees there while the workspace is scanned.
    if (key === undefined) return free[free.length - 1];
    const home = this.affinity.get(key);
    return home && free.includes(home) ? home : free[0];
  }

  private start(slot: Slot, job: Job): void {
    const { request } = job;
    if (request.key !== undefined) {
      const home = this.affinity.get(request.key);
      if (home !== slot) {
        if (home && !home.dead) this.post(home, { type: 'release', key: request.key });
        this.affinity.set(request.key, slot);
        // The new worker holds no text of it yet.
        this.sentVersions.delete(request.key);
      }
    }
    const message: ScanMessage = {
      type: 'scan',
      id: job.id,
      key: request.key,
      ...this.textFor(request),
      ...this.withCommitted(slot, request.file),
      config: this.reference(slot.configs, request.config, (config) => config),
      baseline: request.baseline ? this.reference(slot.baselines, request.baseline, (set) => [...set]) : undefined,
    };
    slot.job = job;
    job.startedAt = performance.now();
    this.post(slot, message);
    const budget = request.budgetMs * (slot.scans === 0 ? COLD_START_FACTOR : 1);
    slot.scans += 1;
    if (budget > 0) slot.timer = setTimeout(() => this.overBudget(slot, job), budget);
  }

  /** The whole text, or for a document whose worker holds an earlier version, the edit since that version. */
  private textFor({ key, text }: ScanRequest): Pick<ScanMessage, 'text' | 'edit'> {
    if (typeof text === 'string') {
      if (key !== undefined) this.sentVersions.delete(key);
      return { text };
    }
    const before = key === undefined ? undefined : this.sentVersions.get(key);
    if (key !== undefined) this.sentVersions.set(key, text.version);
    const edit = before === undefined ? undefined : text.editSince(before);
    return edit ? { edit } : { text: text.getText() };
  }

  /** The file, its committed texts (when git gave them) named by id: posted once per worker. */
  private withCommitted(slot: Slot, file: FileInfo): Pick<ScanMessage, 'file' | 'committed'> {
    const { committed, ...rest } = file;
    if (committed === undefined || committed === 'pending') return { file };
    return { file: rest, committed: this.reference(slot.committed, committed, (versions) => versions) };
  }

  /** An object by id, with its value the first time this worker sees it. */
  private reference<T extends object, U>(held: BoundedCache<true>, object: T, convert: (object: T) => U): Cached<U> {
    let id = this.ids.get(object);
    if (id === undefined) this.ids.set(object, (id = this.nextObjectId++));
    if (held.has(id)) return { id };
    held.set(id, true);
    return { id, value: convert(object) };
  }

  private overBudget(slot: Slot, job: Job): void {
    if (slot.dead || slot.job !== job) return;
    slot.job = undefined;
    this.replace(slot);
    job.resolve({ kind: 'overBudget', budgetMs: job.request.budgetMs });
  }

  private died(slot: Slot, error: Error): void {
    if (slot.dead) return;
    const job = slot.job;
    slot.job = undefined;
    if (!slot.ready) this.failedStarts += 1;
    this.onWorkerError('A scan worker stopped; starting another', error);
    this.replace(slot);
    job?.reject(error);
  }

  private kill(slot: Slot): void {
    slot.dead = true;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
  }

  /** Terminates a worker and puts a fresh one in its place; the documents it held parse afresh elsewhere. */
  private replace(slot: Slot): void {
    this.kill(slot);
    for (const [key, held] of this.affinity) {
      if (held !== slot) continue;
      this.affinity.delete(key);
      this.sentVersions.delete(key);
    }
    const index = this.slots.indexOf(slot);
    if (this.disposed || index === -1) return;
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      this.slots.splice(index, 1);
      this.broken = new Error(`scan workers fail to start (${workerScript()})`);
      if (this.slots.every((other) => other.dead)) for (const job of this.queue.splice(0)) job.reject(this.broken);
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }
}
