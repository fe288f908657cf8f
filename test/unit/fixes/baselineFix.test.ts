import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseBaseline, serializeBaseline, type BaselineEntry } from '../../../src/engine/baseline';
import { addToBaseline, allowPathInConfig, applyOffsetEdits } from '../../../src/engine/fixes';

const entryArb: fc.Arbitrary<BaselineEntry> = fc.record({
  ruleId: fc.constantFrom('secret/aws-access-key-id', 'secret/generic-api-key', 'tls/reject-unauthorized'),
  fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
  file: fc.constantFrom('src/a.ts', 'config/b.yml', 'ü/c.py'),
  reason: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
});

describe('fixes/baselineFix', () => {
  it('adds the fingerprint to a canonical baseline, keeping every other entry', () => {
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 6 }), entryArb, fc.boolean(), (entries, entry, crlf) => {
      let text = serializeBaseline({ version: 1, findings: entries });
      if (crlf) text = text.replace(/\n/g, '\r\n');
      const result = addToBaseline(text, entry);
      assert.ok(result.ok);
      const after = parseBaseline(applyOffsetEdits(text, [result.edit])).baseline.findings;
      for (const old of parseBaseline(text).baseline.findings) assert.ok(after.some((e) => e.fingerprint === old.fingerprint));
      assert.ok(after.some((e) => e.fingerprint === entry.fingerprint));
      if (crlf && !result.unchanged) assert.ok(!/(^|[^\r])\n/.test(applyOffsetEdits(text, [result.edit])));
    }), { numRuns: 2000 });
  });

  it('keeps a hand-written baseline byte for byte outside the insertion (comments, extra keys)', () => {
    const text = '{\n  // accepted by the team\n  "version": 1,\n  "owner": "sec",\n  "findings": [\n    { "ruleId": "a/b", "fingerprint": "f1", "file": "x" }\n  ]\n}\n';
    const result = addToBaseline(text, { ruleId: 'c/d', fingerprint: 'f2', file: 'y' });
    assert.equal(result.ok, false, 'comments are not JSON: parseBaseline refuses, so the fix refuses');
    const plain = '{\n  "version": 1,\n  "owner": "sec",\n  "findings": [\n    { "ruleId": "a/b", "fingerprint": "f1", "file": "x" }\n  ]\n}\n';
    const added = addToBaseline(plain, { ruleId: 'c/d', fingerprint: 'f2', file: 'y' });
    assert.ok(added.ok);
    const out = applyOffsetEdits(plain, [added.edit]);
    assert.ok(out.includes('"owner": "sec"'));
    assert.deepEqual(JSON.parse(out).findings.map((e: BaselineEntry) => e.fingerprint), ['f1', 'f2']);
  });

  it('refuses a baseline that does not parse instead of overwriting it', () => {
    const result = addToBaseline('{ "findings": [', { ruleId: 'a', fingerprint: 'b', file: 'c' });
    assert.equal(result.ok, false);
  });

  it('creates the baseline and the config when missing, and allowlists a path once', () => {
    const created = addToBaseline(undefined, { ruleId: 'a/b', fingerprint: 'f', file: 'x' });
    assert.ok(created.ok && created.create);
    const config = '{\n  // team config\n  "exclude": ["dist/**"],\n}\n';
    const allowed = allowPathInConfig(config, 'fixtures/keys.json');
    assert.ok(allowed.ok);
    const out = applyOffsetEdits(config, [allowed.edit]);
    assert.ok(out.includes('// team config'));
    assert.deepEqual((parseJsonc(out) as { allowlist: { paths: string[] } }).allowlist.paths, ['fixtures/keys.json']);
    const again = allowPathInConfig(out, 'fixtures/keys.json');
    assert.ok(again.ok && again.unchanged);
  });
});
