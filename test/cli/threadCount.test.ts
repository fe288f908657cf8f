import * as assert from 'node:assert/strict';
import { budgetedWorkers, lastWorkerPays } from '../../src/cli/scanFiles';

// How many scan workers the CLI starts with a time budget: each worker pays a fixed start and
// warm-up cost (0.6-1 s of CPU on the bench's synthetic tree), so the default leaves the walking
// main thread its core and adds the last core's worker only for a long rest of the scan. That
// the reports do not depend on the count is jobs.test.ts's part.

describe('CLI: scan worker count with a time budget', () => {
  it('an explicit --jobs n starts n workers, 1 included', () => {
    assert.equal(budgetedWorkers(1, true), 1);
    assert.equal(budgetedWorkers(2, true), 2);
    assert.equal(budgetedWorkers(4, true), 4);
  });

  it('the default starts one worker fewer than threads, never none', () => {
    assert.equal(budgetedWorkers(1, false), 1);
    assert.equal(budgetedWorkers(2, false), 1);
    assert.equal(budgetedWorkers(4, false), 3);
  });

  it('adds the last worker only when the files left take more than about 3 s at the measured rate', () => {
    // The bench's synthetic tree on 2 cores: ~6,200 files left at ~3,000 files/s.
    assert.equal(lastWorkerPays(6216, 2949), false);
    // The bench's real tree: ~19,600 files left at ~400-600 files/s.
    assert.equal(lastWorkerPays(19584, 399), true);
    assert.equal(lastWorkerPays(0, 100), false);
    // A rate not measurable (no time elapsed or nothing answered) does not divide by zero into "never".
    assert.equal(lastWorkerPays(100, 0), true);
  });
});
