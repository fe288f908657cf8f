import { strict as assert } from 'node:assert';
import { defaultConfig, scan } from '../../../src/engine';
import { pathRules } from '../../../src/engine/rules/path/rules';

// Per-rule sample runs with diagnostics on failure (the generic ruleSamples test runs them too,
// but only says pass/fail): which rule fired, on which line, with which message.

const config = defaultConfig();

for (const rule of pathRules) {
  describe(`${rule.id} samples, in detail`, () => {
    rule.samples.positive().forEach((sample, index) => {
      const { text, path } = typeof sample === 'string' ? { text: sample, path: 'sample.ts' } : { text: sample.text, path: sample.path ?? 'sample.ts' };
      it(`positive #${index + 1} (${path})`, async () => {
        const findings = await scan(text, { path, gitState: 'untracked' }, config, { onDetectorError: (_, error) => { throw error; } });
        const mine = findings.filter((f) => f.ruleId === rule.id);
        assert.ok(mine.length > 0, `no ${rule.id}; got ${findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ') || 'nothing'}`);
        for (const finding of mine) {
          assert.match(finding.message, /\(line \d+\) reaches `[^`]+` \(line \d+\)/);
          assert.ok((finding.related?.length ?? 0) >= 1, 'the source is a related location');
        }
      });
    });
    rule.samples.negative().forEach((sample, index) => {
      it(`negative #${index + 1} (${sample.path ?? 'sample.ts'}): ${sample.reason}`, async () => {
        const findings = await scan(sample.text, { path: sample.path ?? 'sample.ts', gitState: 'untracked' }, config, { onDetectorError: (_, error) => { throw error; } });
        const mine = findings.filter((f) => f.category === 'path');
        assert.deepEqual(mine.map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`), []);
      });
    });
  });
}
