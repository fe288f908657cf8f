import { strict as assert } from 'node:assert';
import { fuzzEngine } from '../fuzz/engine';
import { fuzzServer } from '../fuzz/server';
import { buildOnce } from './harness';

// The short run of `npm run fuzz` (scripts/fuzz.ts), with fixed seeds so that a failure here
// reproduces: random files and edits with all three line ends against the engine and the built
// server, and adversarial inputs for the patterns. No timing is asserted here.

describe('fuzz (short run; `npm run fuzz` is the long one)', function () {
  this.timeout(180_000);
  before(() => buildOnce());

  it('engine: random files, edit sequences and adversarial inputs give no error, no range outside the document, the same findings whatever the line ends', async () => {
    const counts = await fuzzEngine({ cases: 400, adversarial: 20, adversarialSize: 5_000, seed: 20_261_206, stopOnFailure: true });
    assert.deepEqual(counts.failures, []);
    assert.ok(counts.cases >= 400 && counts.edits > 100 && counts.adversarial === 20, JSON.stringify(counts));
  });

  it('server: every published range is inside its version of the document, and incremental diagnostics equal a fresh open', async () => {
    const counts = await fuzzServer({ edits: 120, seed: 1_206, editsPerDocument: 60, batch: 10, stopOnFailure: true });
    assert.deepEqual(counts.failures, []);
    assert.equal(counts.edits, 120);
    assert.ok(counts.freshComparisons >= 12 && counts.publications >= 12, JSON.stringify(counts));
  });
});
