import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, defaultConfig, ruleDocPath } from '../../src/engine';
import { fileRules } from '../../src/engine/detectors';
import { documentedRules, generatedFiles, renderIndex, staleFiles } from '../../scripts/rule-docs-index';

// docs/rules/README.md and the secret rules' pages are generated from the registry; this fails when
// a rule changed and nobody re-ran `npx tsx scripts/rule-docs-index.ts`.

const root = join(__dirname, '..', '..');

describe('rule documentation', () => {
  it('docs/rules/README.md and the generated secret pages are up to date', () => {
    assert.deepEqual(staleFiles(root), [], 'stale docs: run npx tsx scripts/rule-docs-index.ts');
  });

  it('the index lists every rule of the registry with its title and CWE, linking its page', () => {
    const index = readFileSync(join(root, 'docs/rules/README.md'), 'utf8');
    for (const rule of allRules(defaultConfig())) {
      const row = index.split('\n').find((line) => line.startsWith(`| [\`${rule.id}\`](${rule.id}.md) |`));
      assert.ok(row, `no row for ${rule.id}`);
      assert.ok(row.includes(rule.cwe), `${rule.id}: CWE missing from its row`);
      assert.equal(`docs/rules/${rule.id}.md`, ruleDocPath(rule.id));
    }
    assert.equal(renderIndex(), index);
  });

  it('every built-in secret rule has its own doc text, so no page is boilerplate alone', () => {
    const secretIds = allRules(defaultConfig()).filter((rule) => rule.category === 'secret').map((rule) => rule.id);
    const documented = new Set(documentedRules().map((rule) => rule.id));
    // File-level rules (a .env that git tracks, a key store) have hand-written pages.
    const withoutDoc = secretIds.filter((id) => !documented.has(id) && !fileRules.some((rule) => rule.id === id));
    assert.deepEqual(withoutDoc, []);
    const formats = documentedRules().map((rule) => rule.doc.format);
    assert.equal(new Set(formats).size, formats.length, 'two rules share the same format text');
  });

  it('pages say what, why, CWE, severity, how to fix and how to suppress', () => {
    for (const [path, content] of generatedFiles()) {
      if (path.endsWith('README.md')) continue;
      for (const heading of ['## What it finds', '## Why it matters', '## How to fix', '## How to suppress', '## False positives']) {
        assert.ok(content.includes(heading), `${path} lacks ${heading}`);
      }
      assert.match(content, /CWE-\d+/);
      assert.match(content, /Error when the file is committed/);
      assert.match(content, /secure-hygiene-ignore /);
    }
  });
});
