import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../lsp/harness';
import { readFindingsBaseline, ruleDifferences, scanFindings } from '../../bench/findings';
import { realTreePaths } from '../../bench/realTree';
import { benchTrees } from '../../bench/trees';
import { CLI_JS, ensureBuilt } from './run';

// Speed is not bought with recall (issue 16): the built CLI scans the bench's trees and must report,
// rule by rule, the findings recorded in bench/findings-baseline.json. A rule change meant to
// change them records new counts with `node --import tsx bench/findings.ts --update`.
// The synthetic tree is generated here when missing (deterministic, ~55 MB in .bench/tree). The real
// tree is third-party code in a cache folder that `npm run bench` builds; when it is not there, or
// was built from other sources than the baseline's, its test says so and is skipped.

const OUT = path.join(REPO_ROOT, '.bench', 'out');

describe('bench trees: findings match the recorded baseline (no speed bought with recall)', function () {
  this.timeout(300_000);
  before(() => ensureBuilt());

  it('the synthetic tree: the same findings, rule by rule', async () => {
    const [tree] = await benchTrees(REPO_ROOT, () => undefined, ['synthetic']);
    const expected = readFindingsBaseline().synthetic;
    assert.ok(expected, 'bench/findings-baseline.json has no synthetic entry');
    assert.equal(tree.input, expected.input, 'the synthetic generator changed: record its findings again (bench/findings.ts --update synthetic)');
    const now = scanFindings(CLI_JS, tree.dir, tree.input, OUT);
    assert.deepEqual(now.problems, [], 'every file is fully scanned');
    assert.deepEqual(ruleDifferences(now.byRule, expected.byRule), [], 'findings by rule (baseline -> now)');
    assert.equal(now.findings, expected.findings);
    assert.equal(now.files, expected.files, 'files scanned');
    // The baseline is not empty by accident: the planted secrets are in it.
    assert.ok(expected.findings >= tree.planted!.length, `at least the ${tree.planted!.length} planted secrets`);
  });

  it('the real tree: the same findings, rule by rule', async function () {
    const expected = readFindingsBaseline().real;
    const { manifest } = realTreePaths();
    if (!expected || !existsSync(manifest)) {
      console.log(`      skipped: no real tree in ${path.dirname(manifest)} (npm run bench -- throughput builds it)`);
      this.skip();
    }
    const [tree] = await benchTrees(REPO_ROOT, () => undefined, ['real']);
    if (tree.input !== expected!.input) {
      console.log(`      skipped: this machine's real tree (${tree.input}) is not the baseline's (${expected!.input})`);
      this.skip();
    }
    const now = scanFindings(CLI_JS, tree.dir, tree.input, OUT);
    assert.deepEqual(now.problems, [], 'every file is fully scanned');
    assert.deepEqual(ruleDifferences(now.byRule, expected!.byRule), [], 'findings by rule (baseline -> now)');
    assert.equal(now.findings, expected!.findings);
  });
});
