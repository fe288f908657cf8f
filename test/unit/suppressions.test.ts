import { strict as assert } from 'node:assert';
import { defaultConfig, scan } from '../../src/engine';
import { ALNUM, synth } from '../../src/engine/rules/samples';

const key = synth(ALNUM, 32, 77);
const line = `const apiKey = "${key}";`;
const now = new Date('2026-06-15T12:00:00Z');

async function ids(text: string, path = 'app.ts') {
  const findings = await scan(text, { path, gitState: 'untracked' }, defaultConfig(), { now });
  return findings.map((f) => f.ruleId);
}

describe('suppressions', () => {
  it('reports the unsuppressed line (control)', async () => {
    assert.deepEqual(await ids(line), ['secret/generic-api-key']);
  });

  it('honours a trailing comment naming the rule, with a reason', async () => {
    assert.deepEqual(await ids(`${line} // secure-hygiene-ignore secret/generic-api-key -- test fixture`), []);
  });

  it('honours a category wildcard and a list of rules', async () => {
    assert.deepEqual(await ids(`${line} // secure-hygiene-ignore secret/*`), []);
    assert.deepEqual(await ids(`${line} // secure-hygiene-ignore tls/curl-insecure,secret/generic-api-key -- both`), []);
  });

  it('does not suppress a different rule', async () => {
    assert.deepEqual(await ids(`${line} // secure-hygiene-ignore secret/github-token -- other`), ['secret/generic-api-key']);
  });

  it('honours the next-line form in the file\'s own comment syntax', async () => {
    assert.deepEqual(await ids(`# secure-hygiene-ignore-next-line secret/generic-api-key -- sample\napi_key = "${key}"\n`, 'settings.py'), []);
    assert.deepEqual(await ids(`# secure-hygiene-ignore-next-line secret/generic-api-key\n\napi_key = "${key}"\n`, 'settings.py'), ['secret/generic-api-key']);
  });

  it('honours the file form anywhere in the file', async () => {
    assert.deepEqual(await ids(`// secure-hygiene-ignore-file secret/generic-api-key -- generated fixtures\n\n\n${line}`), []);
  });

  it('stops suppressing after its expiry date and says so', async () => {
    const findings = await scan(`${line} // secure-hygiene-ignore secret/generic-api-key until 2026-06-14 -- temporary`, { path: 'a.ts' }, defaultConfig(), { now });
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /expired on 2026-06-14/);
    assert.ok(findings[0].expiredSuppression);
  });

  it('keeps suppressing through the expiry day itself', async () => {
    assert.deepEqual(await ids(`${line} // secure-hygiene-ignore secret/generic-api-key until 2026-06-15 -- today`), []);
  });

  for (const marker of ['// gitleaks:allow', '# pragma: allowlist secret', '// nosemgrep', '// trufflehog:ignore', '// secretlint-disable-line']) {
    it(`honours the peer marker "${marker}"`, async () => {
      assert.deepEqual(await ids(`${line} ${marker}`), []);
    });
  }

  it('honours peer next-line markers', async () => {
    assert.deepEqual(await ids(`// secretlint-disable-next-line\n${line}`), []);
    assert.deepEqual(await ids(`# pragma: allowlist nextline secret\napi_key = "${key}"`, 'a.py'), []);
  });
});
