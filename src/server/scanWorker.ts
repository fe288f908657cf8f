import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { releaseDocumentState, scan, type CommittedVersions, type Config } from '../engine';
import { hangIfTestMarked } from '../shared/timeBudget';
import { BoundedCache, applyTextEdit, type Cached, type DetectorFailure, type FromWorker, type ScanMessage, type ToWorker } from './scanMessages';

// The language server's scan worker (dist/serverWorker.js): runs the engine off the thread that
// answers requests, so that the server can stop a scan that runs over its budget by terminating
// this thread (scanPool.ts). Per-document state (Tree-sitter trees for incremental re-parses)
// lives here, keyed by document uri; it is lost with the thread, and the next scan parses afresh.

export const SERVER_WORKER_ROLE = 'secure-hygiene-server-scan-worker';

export function isServerScanWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === SERVER_WORKER_ROLE;
}

export function runServerScanWorker(): void {
  const port = parentPort!;
  const states = new Map<string, Map<string, unknown>>();
  /** Each document's last text, which the next scan's edit applies to. */
  const texts = new Map<string, string>();
  const configs = new BoundedCache<Config>();
  const baselines = new BoundedCache<ReadonlySet<string>>();
  const committedTexts = new BoundedCache<CommittedVersions>();
  const post = (message: FromWorker) => port.postMessage(message);

  function cached<T, U>(cache: BoundedCache<U>, entry: Cached<T>, convert: (value: T) => U): U {
    if (entry.value !== undefined) cache.set(entry.id, convert(entry.value));
    const value = cache.get(entry.id);
    if (value === undefined) throw new Error(`scan worker: unknown object ${entry.id}`);
    return value;
  }

  /** The message's text, whole or as an edit of the document's last one (kept for the next). */
  function textOf(message: ScanMessage): string {
    const before = message.key === undefined ? undefined : texts.get(message.key);
    if (message.edit && before === undefined) throw new Error('scan worker: an edit arrived for a document it holds no text of');
    const text = message.edit ? applyTextEdit(before!, message.edit) : message.text!;
    if (message.key !== undefined) texts.set(message.key, text);
    return text;
  }

  async function run(message: ScanMessage): Promise<void> {
    const failures: DetectorFailure[] = [];
    try {
      const config = cached(configs, message.config, (value) => value);
      const baseline = message.baseline ? cached(baselines, message.baseline, (value) => new Set(value)) : undefined;
      let state: Map<string, unknown> | undefined;
      if (message.key !== undefined) {
        state = states.get(message.key);
        if (!state) states.set(message.key, (state = new Map()));
      }
      const text = textOf(message);
      hangIfTestMarked(text);
      const file = message.committed ? { ...message.file, committed: cached(committedTexts, message.committed, (value) => value) } : message.file;
      const findings = await scan(text, file, config, {
        state,
        baseline,
        onDetectorError: (detector, error) => failures.push({ detector, message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack }),
      });
      post({ type: 'done', id: message.id, findings, failures });
    } catch (error) {
      post({ type: 'failed', id: message.id, message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack });
    }
  }

  // One message at a time, in order: a release never overtakes the scan before it.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'scan') {
        await run(message);
        return;
      }
      const state = states.get(message.key);
      states.delete(message.key);
      texts.delete(message.key);
      if (state) releaseDocumentState(state);
    });
  });
  post({ type: 'ready' });
}
