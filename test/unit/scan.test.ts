import { strict as assert } from 'node:assert';
import { defaultConfig, fingerprint, kindOf, languageOf, scan } from '../../src/engine';
import { commentSyntax } from '../../src/engine/fixes';
import { detectors } from '../../src/engine/detectors';
import type { Detector } from '../../src/engine/detectors/detector';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';

const token = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 12));
const source = `export const client = new Octokit({ auth: "${token}" });\n`;

describe('scan', () => {
  it('reports a secret in a git-tracked file as an Error that says it is committed', async () => {
    const [finding] = await scan(source, { path: 'src/api.ts', gitState: 'tracked' });
    assert.equal(finding.ruleId, 'secret/github-token');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /committed to git/);
    assert.match(finding.message, /Rotate it/);
  });

  it('treats a staged file like a committed one', async () => {
    const [finding] = await scan(source, { path: 'src/api.ts', gitState: 'staged' });
    assert.equal(finding.severity, 'error');
  });

  it('reports a secret in an untracked file as a Warning', async () => {
    const [finding] = await scan(source, { path: 'src/api.ts', gitState: 'untracked' });
    assert.equal(finding.severity, 'warning');
    assert.doesNotMatch(finding.message, /committed to git/);
  });

  it('never puts the secret in message, excerpt or fingerprint, but keeps the span for fixes', async () => {
    const [finding] = await scan(source, { path: 'src/api.ts' });
    const { secret, ...shown } = finding;
    assert.ok(!JSON.stringify(shown).includes(token));
    assert.ok(finding.message.includes(`ghp_…${token.slice(-4)}`));
    assert.equal(secret?.value, token);
    assert.equal(source.slice(secret!.literalStart, secret!.literalEnd), `"${token}"`);
    assert.equal(secret?.envName, 'GITHUB_TOKEN');
  });

  it('gives 0-based LSP ranges around the value', async () => {
    const [finding] = await scan(`\n\n  ${source}`, { path: 'a.ts' });
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.range.end.character - finding.range.start.character, token.length);
  });

  it('derives the environment variable name from a generic assignment', async () => {
    const [finding] = await scan(`const stripeWebhookSecret = "${synth(ALNUM, 32, 8)}";`, { path: 'a.ts' });
    assert.equal(finding.secret?.envName, 'STRIPE_WEBHOOK_SECRET');
  });

  it('skips what a baseline accepted, by fingerprint of rule, value and file', async () => {
    const accepted = new Set([fingerprint('secret/github-token', token, 'src/api.ts')]);
    assert.equal((await scan(source, { path: 'src/api.ts' }, defaultConfig(), { baseline: accepted })).length, 0);
    assert.equal((await scan(source, { path: 'src/other.ts' }, defaultConfig(), { baseline: accepted })).length, 1);
  });

  it('never scans lock files, source maps or minified bundles', async () => {
    assert.equal((await scan(source, { path: 'package-lock.json' })).length, 0);
    assert.equal((await scan(source, { path: 'dist/app.js.map' })).length, 0);
    assert.equal((await scan(source, { path: 'vendor/lib.min.js' })).length, 0);
    const minified = `${'var a=1;'.repeat(2000)}${source}`;
    assert.equal((await scan(minified, { path: 'bundle.js' })).length, 0);
  });

  it('reads Perl modules, Vim script and other less common code as code, and writes their own comments', async () => {
    const value = synth(ALNUM, 24, 13);
    for (const [path, comment] of [['lib/Auth.pm', '#'], ['plugin/sync.vim', '"'], ['src/auth.clj', ';'], ['lib/auth.ex', '#']] as const) {
      assert.equal(kindOf(path), 'code', path);
      assert.equal(commentSyntax(languageOf(path))?.open, comment, path);
      // In code an unquoted value is a variable or an expression; a quoted one is a literal.
      assert.deepEqual((await scan(`password = fetch_password_${value}\n`, { path })).map((f) => f.ruleId), [], path);
      assert.deepEqual((await scan(`password = "${value}"\n`, { path })).map((f) => f.ruleId), ['secret/generic-password'], path);
    }
    assert.equal(kindOf('deploy/run.bat'), 'config', 'batch files set unquoted values');
  });

  describe('.env files', () => {
    const env = `STRIPE_KEY=${join('sk_', 'live_', synth(ALNUM, 24, 1))}\nDB_PASSWORD=${join('p4Ss', 'W0rd-7Kq')}\n`;

    it('are where secrets belong when git ignores them: no finding', async () => {
      assert.deepEqual(await scan(env, { path: '.env', gitState: 'ignored' }), []);
      assert.deepEqual(await scan(env, { path: 'api/.env.local', gitState: 'unknown' }), []);
    });

    it('are a finding of their own, plus their secrets, when git tracks them', async () => {
      const ids = (await scan(env, { path: '.env', gitState: 'tracked' })).map((f) => f.ruleId);
      assert.equal(ids[0], 'secret/env-file-committed');
      assert.ok(ids.includes('secret/generic-password'));
    });

    it('warn when git would pick them up', async () => {
      const ids = (await scan(env, { path: '.env', gitState: 'untracked' })).map((f) => f.ruleId);
      assert.deepEqual(ids, ['secret/env-file-not-ignored']);
    });

    it('templates (.env.example) are scanned like code, and are no finding when they hold no values', async () => {
      assert.deepEqual(await scan('STRIPE_KEY=\nDB_PASSWORD=\n', { path: '.env.example', gitState: 'tracked' }), []);
      const ids = (await scan(env, { path: '.env.example', gitState: 'tracked' })).map((f) => f.ruleId);
      assert.ok(ids.includes('secret/generic-password'));
      assert.ok(!ids.includes('secret/env-file-committed'));
    });
  });

  it('keeps the other detectors\' findings when one detector throws', async () => {
    const broken: Detector = {
      name: 'broken',
      rules: () => [],
      wants: () => true,
      detect: () => {
        throw new Error('boom');
      },
    };
    const list = detectors as Detector[];
    list.unshift(broken);
    const errors: string[] = [];
    try {
      const findings = await scan(source, { path: 'a.ts' }, defaultConfig(), { onDetectorError: (name) => errors.push(name) });
      assert.equal(findings.length, 1);
      assert.deepEqual(errors, ['broken']);
    } finally {
      list.shift();
    }
  });
});

describe('scan on names that live on Object.prototype', () => {
  // Lookup tables keyed by user text (option names, commands, file names) must not find
  // `constructor` or `toString` there: that crashed the TLS detector on real bundles.
  const cases: [string, string][] = [
    ['const o = { constructor: false, toString: false, valueOf: 0 };\nagent.constructor = false;\n', 'a.js'],
    ['constructor --insecure\ntoString -k https://x\n__proto__ a\n', 'run.sh'],
    ['[http]\n\tconstructor = false\n', 'constructor'],
    ['RUN constructor -k https://example.org\n', 'Dockerfile'],
  ];
  for (const [text, path] of cases) {
    it(`does not throw and reports nothing for ${path}`, async () => {
      const failures: unknown[] = [];
      const findings = await scan(text, { path }, defaultConfig(), { onDetectorError: (_name, error) => failures.push(error) });
      assert.deepEqual(failures, []);
      assert.deepEqual(findings.map((f) => f.ruleId), []);
    });
  }
});
