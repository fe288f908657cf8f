import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defaultConfig } from '../../src/engine';
import type { FileResult, ScanJob } from '../../src/cli/scanOne';
import { offerPrestartedWorker, ScanWorkerPool, type BatchSource } from '../../src/cli/workers';
import { ensureBuilt, runCli } from './run';

// The CLI's launcher (src/cli/launch.ts) starts the first scan worker before the commands load;
// the scan's pool adopts it and sends it its configuration first. A worker nobody adopts must
// never keep the process alive.

/** Stands in for a worker thread: records what it is sent and answers each batch with "binary". */
class FakeWorker extends EventEmitter {
  readonly sent: unknown[] = [];
  refs = 0;

  postMessage(message: unknown): void {
    this.sent.push(message);
    if (Array.isArray(message)) setImmediate(() => this.emit('message', message.map((): FileResult => ({ kind: 'binary' }))));
    else if (message === null) setImmediate(() => this.emit('exit', 0));
  }

  ref(): void {
    this.refs += 1;
  }

  unref(): void {}

  terminate(): Promise<number> {
    setImmediate(() => this.emit('exit', 1));
    return Promise.resolve(1);
  }
}

function queueOf(jobs: ScanJob[]): BatchSource {
  return {
    takeBatch: () => jobs.splice(0, jobs.length),
    get drained() {
      return jobs.length === 0;
    },
    putBack: (back) => jobs.unshift(...back),
  };
}

const jobs = (count: number): ScanJob[] => Array.from({ length: count }, (_, i) => ({ absolute: `/nowhere/${i}`, relative: `${i}`, gitState: 'unknown' }));

describe('CLI launcher: the prestarted scan worker', () => {
  it('is adopted by the pool, sent its configuration first, then the batches', async () => {
    const fake = new FakeWorker();
    offerPrestartedWorker(fake as unknown as Worker);
    const results: FileResult[] = [];
    const pool = new ScanWorkerPool(1, { config: defaultConfig(), maxFileSize: 1024 }, queueOf(jobs(3)), (result) => results.push(result));
    // The scan pumps as the walk finds files.
    pool.pump();
    await pool.done();
    assert.equal(fake.refs, 1, 'the launcher unref()s it; the pool holds the process open for it again');
    const [init, batch, end] = fake.sent as [{ config?: unknown; maxFileSize?: number }, ScanJob[], null];
    assert.equal(init.maxFileSize, 1024);
    assert.ok(init.config, 'the configuration comes first');
    assert.deepEqual(batch.map((job) => job.relative), ['0', '1', '2']);
    assert.equal(end, null);
    assert.equal(results.length, 3);
  });

  describe('commands that never adopt it still end at once', function () {
    this.timeout(60_000);
    let root: string;
    before(() => {
      ensureBuilt();
      root = mkdtempSync(path.join(tmpdir(), 'sh-launcher-'));
      writeFileSync(path.join(root, 'a.txt'), 'nothing here\n');
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    for (const [what, args, code] of [
      ['a small tree without a budget (no worker at all)', ['scan', '.', '--time-budget', '0'], 0],
      ['a path that does not exist', ['scan', 'missing'], 2],
      ['an unknown option', ['scan', '.', '--no-such-option'], 2],
      ['--staged outside a repository (no worker started)', ['scan', '--staged'], 2],
    ] as const) {
      it(what, () => {
        const run = runCli([...args], root);
        assert.equal(run.code, code, run.stderr);
      });
    }
  });
});
