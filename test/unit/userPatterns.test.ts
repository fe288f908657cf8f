import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { defaultConfig, parseConfig, scan, type Config } from '../../src/engine';
import { compileUserPattern } from '../../src/engine/userPatterns';
import { ALNUM, synth } from '../../src/engine/rules/samples';

// Patterns from `.secure-hygiene.json` run on RE2 (linear time). `(a+)+$` is the classic
// catastrophic pattern: on V8's backtracking engine 35 bytes already take minutes.

/**
 * The fastest of a few scans: on a shared machine a run can only be slowed down by others, so the
 * minimum is the closest to the scan's own cost (a median still catches their spikes).
 */
async function fastestScanMs(text: string, config: Config, runs: number): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await scan(text, { path: 'notes.txt' }, config);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function evilConfig(): Config {
  const { config, errors } = parseConfig('{ "customPatterns": [ { "id": "evil", "pattern": "(a+)+$" } ], "allowlist": { "patterns": ["([A-Za-z0-9]+)+$"] } }');
  assert.deepEqual(errors, []);
  return config;
}

describe('user patterns run in linear time (RE2)', () => {
  it('scans a 35-byte file with (a+)+$ about as fast as a plain scan', async () => {
    const text = `${'a'.repeat(34)}!`;
    const config = evilConfig();
    await fastestScanMs(text, config, 5); // warm both paths: compiling, the keyword automaton
    await fastestScanMs(text, defaultConfig(), 5);
    const custom = await fastestScanMs(text, config, 41);
    const plain = await fastestScanMs(text, defaultConfig(), 41);
    assert.ok(custom < plain * 50 + 1, `custom ${custom.toFixed(2)} ms vs plain ${plain.toFixed(2)} ms`);
  });

  it('scans a 100 KB line with (a+)+$ in time that grows linearly, like a scan with a harmless pattern', async () => {
    // Short lines first, so that the file does not look minified (those are skipped).
    const file = (length: number) => `${'note = plain\n'.repeat(200)}${'a'.repeat(length)}!`;
    const { config: harmless } = parseConfig('{ "customPatterns": [ { "id": "plain", "pattern": "a$" } ] }');
    const config = evilConfig();
    await fastestScanMs(file(10_000), config, 1);
    await fastestScanMs(file(10_000), harmless, 1);
    const small = await fastestScanMs(file(10_000), config, 9);
    const large = await fastestScanMs(file(100_000), config, 9);
    const reference = await fastestScanMs(file(100_000), harmless, 9);
    // Ten times the text: about ten times the time (backtracking would be exponential, a quadratic engine 100x).
    assert.ok(large < small * 40, `10 KB ${small.toFixed(1)} ms, 100 KB ${large.toFixed(1)} ms`);
    assert.ok(large < reference * 10, `(a+)+$ ${large.toFixed(1)} ms vs a$ ${reference.toFixed(1)} ms on 100 KB`);
  });

  it('tests allowlist patterns on RE2 too: a catastrophic one neither hangs nor allows a non-matching value', async () => {
    const value = `${synth(ALNUM, 40, 7)}!`;
    const text = `password: "${value}"\n`;
    const plain = await scan(text, { path: 'settings.yml' }, defaultConfig());
    assert.equal(plain.length, 1, 'the planted value is a finding without the allowlist');
    assert.equal((await scan(text, { path: 'settings.yml' }, evilConfig())).length, 1);
    const { config } = parseConfig('{ "allowlist": { "patterns": ["!$"] } }');
    assert.equal((await scan(text, { path: 'settings.yml' }, config)).length, 0, 'a matching allowlist pattern still allows');
  });

  it('runs allowlist patterns on RE2 in .pgpass files too', async () => {
    const value = `${synth(ALNUM, 40, 8)}!`;
    const text = `db.example.com:5432:app:admin:${value}\n`;
    assert.equal((await scan(text, { path: '.pgpass' }, defaultConfig())).length, 1, 'the planted password is a finding');
    assert.equal((await scan(text, { path: '.pgpass' }, evilConfig())).length, 1);
  });

  it('matches RE2 syntax in custom patterns, with UTF-16 positions and named groups', async () => {
    const body = synth('abcdefghijklmnopqrstuvwxyz0123456789', 16, 4);
    const { config, errors } = parseConfig('{ "customPatterns": [ { "id": "acme", "pattern": "(?i)ACME_(?P<secret>[a-z0-9]{16})\\\\b", "keywords": ["acme_"] } ] }');
    assert.deepEqual(errors, []);
    const text = `// 😀 é\nconst a = "acme_${body}", b = "ACME_${body}";\n`;
    const findings = await scan(text, { path: 'a.ts' }, config);
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.range.start.line, finding.range.start.character, finding.range.end.character]), [
      ['secret/custom-acme', 1, 16, 32],
      ['secret/custom-acme', 1, 45, 61],
    ]);
    assert.equal(findings[0].secret?.value, body);
  });

  it('refuses what RE2 cannot run, and says where without repeating the pattern', () => {
    for (const [pattern, column] of [['ab(?=c)', 3], ['x(?<!y)', 2], ['(a)\\1', 4], ['a[', 2]] as const) {
      const compiled = compileUserPattern(pattern);
      assert.equal(compiled.ok, false, pattern);
      if (compiled.ok) continue;
      assert.equal(compiled.column, column, pattern);
      assert.ok(!compiled.reason.includes(pattern), compiled.reason);
    }
    assert.equal(compileUserPattern('(a+)+$').ok, true);
  });
});
