import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../../src/engine/config';
import { tlsDetector } from '../../../src/engine/detectors/tls';
import { pathDetector } from '../../../src/engine/detectors/path';
import { keywordPass } from '../../../src/engine/detectors/keywordPass';
import { literalKeywordLists } from '../../../src/engine/detectors';
import { secretRulesFor } from '../../../src/engine/detectors/secrets';
import { codeRules } from '../../../src/engine/rules/tls/code/rules';
import { kindOf, languageOf } from '../../../src/engine/fileKind';
import type { DetectorInput } from '../../../src/engine/detectors/detector';
import { scan } from '../../../src/engine';

// The TLS detector parses a source file only when its keywords say a finding is possible; common
// words (`verify`, `ssl`) count only with what confirms them (tlsGate.ts). A sample the gate
// turns away is a finding silently lost, so every positive sample must pass, with and without the
// keyword pass; files that only hold the common words must not be parsed.

const config = defaultConfig();

function input(text: string, path: string, withPass: boolean): DetectorInput {
  const language = languageOf(path);
  const kind = kindOf(path, text);
  return {
    text, file: { path }, kind, config, language, state: new Map(),
    keywords: withPass ? () => keywordPass(text, secretRulesFor(config), literalKeywordLists(language), kind === 'code') : undefined,
  };
}

const wants = (text: string, path: string) => {
  const answers = [true, false].map((withPass) => tlsDetector.wants(input(text, path, withPass)));
  assert.equal(answers[0], answers[1], `the keyword pass and the fallback disagree on ${path}`);
  return answers[0];
};

describe('tls keyword gate', () => {
  it('lets every positive sample of the code rules through', () => {
    for (const rule of codeRules) {
      for (const sample of rule.samples.positive()) {
        // Code rules' samples name their file (the language comes from it).
        assert.ok(typeof sample !== 'string' && sample.path, `${rule.id}: a sample without a path`);
        assert.ok(wants(sample.text, sample.path), `${rule.id}: not parsed: ${sample.text}`);
      }
    }
  });

  it('lets through the shapes each common word can lead to', () => {
    const pass = [
      ['r = requests.get(url, verify=False)\n', 'a.py'],
      ['r = requests.get(url,\n    verify = cfg.tls)\n', 'a.py'],
      ['session.verify = False\n', 'a.py'],
      ["opts = {'verify_ssl': False}\nrequests.get(url, **opts)\n", 'a.py'],
      ['async with aiohttp.ClientSession() as s:\n    await s.get(url, ssl=False)\n', 'a.py'],
      ['class V implements X { public boolean verify(String h, SSLSession s) { return true; } }\n', 'src/V.java'],
      ["<?php\n$client->get($url, ['verify' => false]);\n", 'a.php'],
      ['<?php\n$client->get($url, [\n    "verify" => $flag,\n]);\n', 'a.php'],
      ["<?php\nwp_remote_get($url, array('sslverify' => false));\n", 'a.php'],
      ["<?php\n$client->setDefaultOption('verify', false);\n", 'a.php'],
      ['<?php\n$client->request("GET", $url, [RequestOptions::VERIFY => false]);\n', 'a.php'],
      ["<?php\n$client = HttpClient::create(['verify_host' => false]);\n", 'a.php'],
    ] as const;
    for (const [text, path] of pass) assert.ok(wants(text, path), `not parsed: ${text}`);
  });

  it('turns away files where the common words mean something else', () => {
    const skip = [
      ['import ssl\nimport hmac\n\ndef check(sig, body):\n    return hmac.compare_digest(sig, verify(body))\n', 'a.py'],
      ['# verify the payload\nresult = signer.verify(payload)\nctx = ssl.create_default_context()\n', 'a.py'],
      ["<?php\nif ( ! wp_verify_nonce( $_POST['_wpnonce'], 'update' ) ) {\n\twp_die( __( 'Verify failed' ) );\n}\n", 'wp-admin/a.php'],
      ['@Test\nvoid saves() {\n  service.save(user);\n  verify(repository).save(user);\n  verify(mailer, times(1)).send(any());\n}\n', 'src/test/java/UserServiceTest.java'],
    ] as const;
    for (const [text, path] of skip) assert.equal(wants(text, path), false, `parsed for nothing: ${text}`);
  });

  it('still finds what the common words lead to, through the whole scan', async () => {
    const python = await scan('import requests\nr = requests.get(url, verify=False)\n', { path: 'a.py' }, config);
    assert.deepEqual(python.map((finding) => [finding.ruleId, finding.range.start.line]), [['tls/python-verify-false', 1]]);
    const java = await scan('class V implements HostnameVerifier {\n  public boolean verify(String h, SSLSession s) { return true; }\n}\n', { path: 'src/V.java' }, config);
    // Where the finding sits (the class or the method) is the Java rule's choice; that it is found is the gate's.
    assert.ok(java.some((finding) => finding.ruleId === 'tls/java-hostname-verifier'), JSON.stringify(java.map((finding) => finding.ruleId)));
  });

  it('never parses TypeScript declaration files, for tls or path', () => {
    const text = "import * as fs from 'fs';\nexport declare function handler(req: Request): void;\nexport interface AgentOptions { rejectUnauthorized?: boolean; insecure?: boolean }\n";
    for (const path of ['types/index.d.ts', 'lib/api.d.mts', 'lib/api.d.cts']) {
      assert.equal(wants(text, path), false, path);
      assert.equal(pathDetector.wants(input(`${text}req.query.f; fs.readFile(x)\n`, path, true)), false, path);
    }
    assert.ok(wants(text.replace('rejectUnauthorized?: boolean', 'x = { rejectUnauthorized: false }'), 'lib/api.ts'));
  });
});
