import { strict as assert } from 'node:assert';
import { defaultConfig, fingerprint, scan, type Finding } from '../../src/engine';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';

// Fingerprints (issue 15): two identical non-secret findings in one file must not share one, or
// baselining one silently accepts the other; they must still survive edits elsewhere in the file;
// a construct that is unique keeps the fingerprint older baselines hold; secrets stay keyed by
// rule, value and file.

const config = defaultConfig();

async function findings(text: string, path: string, category?: Finding['category'], baseline?: ReadonlySet<string>): Promise<Finding[]> {
  return (await scan(text, { path, gitState: 'untracked' }, config, { baseline })).filter((f) => !category || f.category === category);
}

const twoCalls = [
  'import requests',
  '',
  'def fetch_users(url):',
  '    return requests.get(url, verify=False)',
  '',
  'def fetch_orders(url):',
  '    return requests.get(url, verify=False)',
  '',
].join('\n');

const twoConfigs = [
  'package m',
  '',
  'func a() *tls.Config {',
  '\treturn &tls.Config{',
  '\t\tInsecureSkipVerify: true,',
  '\t}',
  '}',
  '',
  'func b() *tls.Config {',
  '\treturn &tls.Config{',
  '\t\tInsecureSkipVerify: true,',
  '\t}',
  '}',
  '',
].join('\n');

describe('fingerprints of findings', () => {
  it('two verify=False calls with the same text get different fingerprints', async () => {
    const found = await findings(twoCalls, 'client.py', 'tls');
    assert.equal(found.length, 2);
    assert.equal(found[0].excerpt, found[1].excerpt);
    assert.notEqual(found[0].fingerprint, found[1].fingerprint);
  });

  it('baselining one of two identical findings leaves the other reported', async () => {
    const [first, second] = await findings(twoCalls, 'client.py', 'tls');
    const left = await findings(twoCalls, 'client.py', 'tls', new Set([first.fingerprint]));
    assert.deepEqual(left.map((f) => f.range.start.line), [second.range.start.line]);
    const other = await findings(twoCalls, 'client.py', 'tls', new Set([second.fingerprint]));
    assert.deepEqual(other.map((f) => f.range.start.line), [first.range.start.line]);
  });

  it('identical constructs in one block, told apart only by rank, still differ', async () => {
    const text = 'import requests\nrequests.get(u, verify=False)\nrequests.get(u, verify=False)\nrequests.get(u, verify=False)\n';
    const prints = (await findings(text, 'x.py', 'tls')).map((f) => f.fingerprint);
    assert.equal(prints.length, 3);
    assert.equal(new Set(prints).size, 3);
  });

  it('two tls.Config{ literals (same construct and setting text) get different fingerprints', async () => {
    const found = await findings(twoConfigs, 'tls.go', 'tls');
    assert.deepEqual(found.map((f) => f.range.start.line), [3, 9]);
    assert.notEqual(found[0].fingerprint, found[1].fingerprint);
  });

  it('stay the same when lines are added above, between and below (no line number in them)', async () => {
    const before = (await findings(twoCalls, 'client.py', 'tls')).map((f) => f.fingerprint);
    const edited = ['"""Clients."""', 'import logging', twoCalls.replace('def fetch_orders', 'LOG = logging.getLogger(__name__)\n\n\ndef fetch_orders'), 'def other():', '    return 1', ''].join('\n');
    const after = await findings(edited, 'client.py', 'tls');
    assert.deepEqual(after.map((f) => f.fingerprint), before);
    assert.notDeepEqual(after.map((f) => f.range.start.line), [3, 6]);
    const goBefore = (await findings(twoConfigs, 'tls.go', 'tls')).map((f) => f.fingerprint);
    const goAfter = (await findings(twoConfigs.replace('package m\n', 'package m\n\nimport "crypto/tls"\n').replace('func b()', '// b is for tests.\nfunc b()'), 'tls.go', 'tls')).map((f) => f.fingerprint);
    assert.deepEqual(goAfter, goBefore);
  });

  it('a unique construct keeps the fingerprint an older baseline holds: rule, text and file', async () => {
    const text = 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n';
    const [finding] = await findings(text, 'client.py', 'tls');
    const span = text.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character);
    assert.equal(finding.fingerprint, fingerprint(finding.ruleId, span, 'client.py'));
    assert.equal((await findings(text, 'client.py', 'tls', new Set([fingerprint(finding.ruleId, span, 'client.py')]))).length, 0);
  });

  it('a file that gains a second identical construct: both are reported until accepted again', async () => {
    const one = 'import requests\n\ndef fetch_users(url):\n    return requests.get(url, verify=False)\n';
    const [accepted] = await findings(one, 'client.py', 'tls');
    const now = await findings(twoCalls, 'client.py', 'tls', new Set([accepted.fingerprint]));
    assert.equal(now.length, 2);
  });

  it('two path flows into the same sink text from different sources differ', async () => {
    const text = [
      "const path = require('path');",
      "app.get('/a', (req, res) => {",
      '  const name = req.query.file;',
      '  res.sendFile(path.join(ROOT, name));',
      '});',
      "app.post('/b', (req, res) => {",
      '  const name = req.body.file;',
      '  res.sendFile(path.join(ROOT, name));',
      '});',
      '',
    ].join('\n');
    const found = await findings(text, 'server.js', 'path');
    assert.equal(found.length, 2, found.map((f) => `${f.ruleId}@${f.range.start.line}`).join());
    assert.notEqual(found[0].fingerprint, found[1].fingerprint);
    const left = await findings(text, 'server.js', 'path', new Set([found[1].fingerprint]));
    assert.deepEqual(left.map((f) => f.range.start.line), [found[0].range.start.line]);
  });

  it('secrets stay keyed by rule, value and file: two copies of one token share a fingerprint', async () => {
    const token = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 41));
    const text = `const a = "${token}";\nconst b = "${token}";\n`;
    const found = await findings(text, 'src/api.ts', 'secret');
    assert.equal(found.length, 2);
    assert.equal(found[0].fingerprint, fingerprint('secret/github-token', token, 'src/api.ts'));
    assert.equal(found[1].fingerprint, found[0].fingerprint);
  });
});
