import * as assert from 'node:assert/strict';
import { REPO_ROOT } from '../lsp/harness';
import { ensureBuilt, runCli } from './run';

// The repository keeps its own hygiene: its SECURITY.md (written by `policy init`) passes
// `policy check`, and a scan of the repository finds nothing (every fake secret in its tests and
// rule samples is built from parts at test time, never written whole).

describe('self-check: this repository', function () {
  this.timeout(300_000);
  before(() => ensureBuilt());

  it('has a SECURITY.md that policy check finds clean', () => {
    const run = runCli(['policy', 'check', '--fail-on', 'hint'], REPO_ROOT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^SECURITY\.md: no problems found\./m);
  });

  it('holds no finding of its own scanner', () => {
    const run = runCli(['scan', '.', '--fail-on', 'hint'], REPO_ROOT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^No findings\./m);
  });
});
