import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, defaultConfig, ruleDocPath, scan } from '../../src/engine';
import type { RuleSamples } from '../../src/engine/rules/samples';

// One test per rule, discovered from the registry: its own positive samples must be reported,
// its negatives must not, and its documentation page must exist.

const root = join(__dirname, '..', '..');
const config = defaultConfig();

function samplesOf(rule: object): RuleSamples | undefined {
  return (rule as { samples?: RuleSamples }).samples;
}

describe('every rule', () => {
  for (const rule of allRules(config)) {
    describe(rule.id, () => {
      it('has a documentation page', () => {
        assert.ok(existsSync(join(root, ruleDocPath(rule.id))), `missing ${ruleDocPath(rule.id)}`);
      });

      const samples = samplesOf(rule);
      if (!samples) return;

      it('has at least one positive and one negative sample, each negative with a reason', () => {
        assert.ok(samples.positive().length > 0, 'no positive samples');
        assert.ok(samples.negative().length > 0, 'no negative samples');
        for (const negative of samples.negative()) assert.ok(negative.reason.length > 5, `negative without a reason: ${negative.text}`);
      });

      samples.positive().forEach((sample, index) => {
        const { text, path } = typeof sample === 'string' ? { text: sample, path: undefined } : sample;
        it(`reports positive sample #${index + 1}${path ? ` (${path})` : ''}`, async () => {
          const findings = await scan(text, { path: path ?? 'sample.ts', gitState: 'untracked' }, config);
          assert.ok(findings.some((f) => f.ruleId === rule.id), `${rule.id} missed its sample #${index + 1}; got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'}`);
        });
      });

      samples.negative().forEach((sample, index) => {
        it(`stays silent on negative sample #${index + 1}: ${sample.reason}`, async () => {
          const findings = await scan(sample.text, { path: sample.path ?? 'sample.ts', gitState: 'untracked' }, config);
          assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.excerpt), []);
        });
      });
    });
  }
});
