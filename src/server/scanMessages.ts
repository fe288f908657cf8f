import type { CommittedVersions, Config, FileInfo, Finding } from '../engine';

// The messages between the language server and its scan workers (scanPool.ts, scanWorker.ts).
// Configs, baselines and committed texts are posted once per worker and then named by id: the engine caches its
// compiled rules per config object, so the worker must see the same object on every scan.

/** How many configs (and baselines) a worker keeps; both sides evict the oldest in the same order. */
export const CACHED_OBJECTS = 16;

export interface Cached<T> {
  id: number;
  /** Present the first time this worker sees the id. */
  value?: T;
}

export interface ScanMessage {
  type: 'scan';
  id: number;
  /** Whose per-document state (incremental parse trees) to use; none for a one-shot scan. */
  key?: string;
  /** The whole text; absent when `edit` turns the text this worker holds for `key` into it. */
  text?: string;
  edit?: TextEdit;
  file: FileInfo;
  config: Cached<Config>;
  baseline?: Cached<string[]>;
  /**
   * The file's committed and staged texts (FileInfo.committed), posted once per worker like a
   * config: a tracked file's would otherwise travel with every keystroke's scan, twice its size.
   * `file.committed` is then left out.
   */
  committed?: Cached<CommittedVersions>;
}

/**
 * The change from the text a worker last received for a document to the new one: a large file's
 * text is not copied to the worker on every keystroke (posting 360,000 characters takes
 * milliseconds), only what changed (OpenDocument.editSince, openDocument.ts).
 */
export interface TextEdit {
  start: number;
  /** End of the replaced stretch, in the old text. */
  end: number;
  insert: string;
  /** The new text's length: a check that both sides started from the same text. */
  length: number;
}

/** `before` with `edit` applied; throws when the result is not the length the sender had. */
export function applyTextEdit(before: string, edit: TextEdit): string {
  const after = before.slice(0, edit.start) + edit.insert + before.slice(edit.end);
  if (after.length !== edit.length) throw new Error(`scan worker: an edit of a ${before.length}-character text gave ${after.length} characters, not ${edit.length}`);
  return after;
}

/** The document closed (or moved to another worker): free its state. */
export interface ReleaseMessage {
  type: 'release';
  key: string;
}

export type ToWorker = ScanMessage | ReleaseMessage;

export interface DetectorFailure {
  detector: string;
  message: string;
  stack?: string;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; findings: Finding[]; failures: DetectorFailure[] }
  | { type: 'failed'; id: number; message: string; stack?: string };

/** Insertion-ordered cache that drops its oldest entry past CACHED_OBJECTS (the same rule on both sides). */
export class BoundedCache<T> {
  private readonly entries = new Map<number, T>();

  has(id: number): boolean {
    return this.entries.has(id);
  }

  get(id: number): T | undefined {
    return this.entries.get(id);
  }

  set(id: number, value: T): void {
    this.entries.set(id, value);
    if (this.entries.size > CACHED_OBJECTS) this.entries.delete(this.entries.keys().next().value as number);
  }
}
