import { strict as assert } from 'node:assert';
import { defaultConfig, languageOf, scan, type Finding } from '../../../src/engine';
import { grammarFor, parse } from '../../../src/engine/syntax';
import { tlsDetector } from '../../../src/engine/detectors/tls';
import { applyEdits } from '../../../src/engine/rules/tls/fixes';
import type { TlsRule } from '../../../src/engine/rules/tls/rule';

// Every fix a tls rule offers on its own positive samples: the fixed text still parses (Tree-sitter
// for code and shell, JSON.parse for package.json) and the finding it fixed is gone.

const config = defaultConfig();

async function findingsOf(text: string, path: string, ruleId: string): Promise<Finding[]> {
  return (await scan(text, { path, gitState: 'untracked' }, config)).filter((f) => f.ruleId === ruleId);
}

async function assertStillParses(text: string, path: string): Promise<void> {
  const language = languageOf(path);
  if (path.endsWith('.json')) {
    JSON.parse(text);
    return;
  }
  if (!grammarFor(language)) return;
  const tree = await parse(text, language);
  assert.ok(tree, `no tree for ${path}`);
  assert.equal(tree.rootNode.hasError, false, `the fixed ${path} does not parse:\n${text}`);
}

describe('tls fixes', () => {
  for (const rule of tlsDetector.rules(config) as readonly TlsRule[]) {
    rule.samples.positive().forEach((sample, index) => {
      const { text, path = 'sample.ts' } = typeof sample === 'string' ? { text: sample } : sample;
      it(`${rule.id} sample #${index + 1} (${path}): each fix parses and removes the finding`, async () => {
        const before = await findingsOf(text, path, rule.id);
        assert.ok(before.length > 0);
        for (const finding of before) {
          for (const fix of finding.fixes ?? []) {
            const fixed = applyEdits(text, fix.edits);
            assert.notEqual(fixed, text, `${fix.title} changed nothing`);
            await assertStillParses(fixed, path);
            const after = await findingsOf(fixed, path, rule.id);
            assert.ok(after.length < before.length, `${fix.title} left ${after.length} findings:\n${fixed}`);
          }
        }
      });
    });
  }

  it('offers a fix on most samples', async () => {
    let withFix = 0;
    let total = 0;
    for (const rule of tlsDetector.rules(config) as readonly TlsRule[]) {
      for (const sample of rule.samples.positive()) {
        const { text, path = 'sample.ts' } = typeof sample === 'string' ? { text: sample } : sample;
        for (const finding of await findingsOf(text, path, rule.id)) {
          total += 1;
          if (finding.fixes?.length) withFix += 1;
        }
      }
    }
    assert.ok(withFix / total > 0.7, `${withFix} of ${total} findings have a fix`);
  });
});
