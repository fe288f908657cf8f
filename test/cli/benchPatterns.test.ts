import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultConfig, secretRulesFor } from '../../src/engine';
import { exportRustPatterns, toRustRegex } from '../../bench/rustPatterns';

// The bench's ripgrep anchor (bench/rustPatterns.ts) must run the project's provider patterns, not
// something easier: the translation for ripgrep's default engine drops only guards, so every line a
// rule's own positive samples put a secret on must still be matched by ripgrep.

const RG = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));

describe('bench: provider patterns translated for ripgrep\'s default engine', function () {
  this.timeout(300_000);

  it('drops look-around guards, makes named groups plain and rewrites JavaScript-only escapes', () => {
    assert.equal(toRustRegex('(?<![\\w-])(?<secret>ab\\/c_[0-9a-f]{4})(?![\\w-])', 'dg').pattern, '(?:ab/c_[0-9a-f]{4})');
    assert.equal(toRustRegex('key\\s*=\\s*(?<v>x)', 'gi').pattern, '(?i)key\\s*=\\s*(?:x)');
    assert.equal(toRustRegex('a[[&~]{', 'g').pattern, 'a[\\[\\&\\~]\\{', 'class operators and a lone brace are escaped');
    assert.equal(toRustRegex('\\u00e9[^]', '').pattern, '\\x{00e9}(?s:.)');
    assert.equal(toRustRegex('plain', 'g').changed, false);
    assert.throws(() => toRustRegex('(["\'])x\\1', 'g'), /back-reference/);
  });

  it('every exported rule still matches the lines of its own positive samples, in ripgrep', function () {
    if (!RG) {
      console.log('      skipped: ripgrep is not installed (apt-get install ripgrep)');
      this.skip();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-bench-patterns-'));
    try {
      const exported = exportRustPatterns(path.join(dir, 'all.txt'), RG!);
      assert.ok(exported.patterns.length >= 150, `most provider patterns are exported (${exported.patterns.length} of ${exported.total})`);
      const droppedRules = new Set(exported.dropped.map((entry) => entry.ruleId));
      const misses: string[] = [];
      let checked = 0;
      for (const rule of secretRulesFor(defaultConfig())) {
        // A rule with a dropped pattern may find its samples only with that one.
        if (rule.generic || droppedRules.has(rule.id)) continue;
        const patterns = exported.patterns.filter((_, index) => exported.ruleIds[index] === rule.id);
        const patternFile = path.join(dir, 'rule.txt');
        writeFileSync(patternFile, `${patterns.join('\n')}\n`);
        // One file per sample, one ripgrep run per rule: the files it does not list are misses.
        const samplesDir = path.join(dir, rule.id.replace('/', '_'));
        mkdirSync(samplesDir);
        const names = rule.samples.positive().map((sample, index) => {
          writeFileSync(path.join(samplesDir, `sample-${index}.txt`), typeof sample === 'string' ? sample : sample.text);
          return `sample-${index}.txt`;
        });
        const result = spawnSync(RG!, ['--files-with-matches', '--no-ignore', '-f', patternFile, '.'], { cwd: samplesDir, encoding: 'utf8' });
        assert.notEqual(result.status, 2, `${rule.id}: ${result.stderr}`);
        const matched = new Set(result.stdout.split('\n').map((line) => path.basename(line)));
        checked += names.length;
        for (const name of names) if (!matched.has(name)) misses.push(`${rule.id}: positive ${name}`);
      }
      assert.ok(checked > 200, `samples checked: ${checked}`);
      assert.deepEqual(misses, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
