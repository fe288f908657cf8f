import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/engine';
import { fixed, only, tls } from './helpers';

/** The text a single-line finding covers. */
function covered(text: string, finding: Finding): string {
  const line = text.split(/\r\n|\n|\r/)[finding.range.start.line];
  return line.slice(finding.range.start.character, finding.range.end.character);
}

// Framework APIs beyond the textbook shapes (issue 15): where each finding sits, its severity and
// its fix. The rule samples cover reported/silent; these pin the details.

describe('tls code rules: framework APIs', () => {
  describe('Python', () => {
    it('reports a verify=False dict where it is written, once it is splatted into a call, and removes the key', async () => {
      const text = "kw = {'timeout': 5, 'verify': False}\nr = requests.get(url, **kw)\n";
      const finding = await only(text, 'a.py');
      assert.deepEqual([finding.ruleId, finding.range.start.line, finding.severity], ['tls/python-verify-false', 0, 'error']);
      assert.equal(fixed(text, finding), "kw = {'timeout': 5}\nr = requests.get(url, **kw)\n");
      // `**kwargs2` is another name: no finding.
      assert.deepEqual(await tls("kw = {'verify': False}\nr = requests.get(url, **kw2)\n", 'a.py'), []);
    });

    it('replaces ssl._create_stdlib_context() with create_default_context()', async () => {
      const text = 'ctx = ssl._create_stdlib_context()\n';
      assert.equal(fixed(text, await only(text, 'a.py')), 'ctx = ssl.create_default_context()\n');
    });

    it('pyOpenSSL set_verify(VERIFY_NONE) becomes VERIFY_PEER; VERIFY_NONE elsewhere is silent', async () => {
      const text = 'ctx.set_verify(SSL.VERIFY_NONE, cb)\n';
      const finding = await only(text, 'a.py');
      assert.equal(finding.ruleId, 'tls/python-unverified-context');
      assert.equal(fixed(text, finding), 'ctx.set_verify(SSL.VERIFY_PEER, cb)\n');
      assert.deepEqual(await tls('MODES = {"none": SSL.VERIFY_NONE}\n', 'a.py'), []);
    });
  });
});

describe('tls code rules: PHP framework APIs', () => {
  it("cURL: '0' and a variable set false are errors with a fix; a config value is a hint", async () => {
    const text = "<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, '0');\n";
    assert.equal(fixed(text, await only(text, 'a.php')), '<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);\n');
    const flag = await only("<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, $this->config['verify_ssl']);\n", 'a.php');
    assert.deepEqual([flag.ruleId, flag.severity, flag.fixes], ['tls/php-curl-verify', 'hint', undefined]);
    // A variable set false and, elsewhere, true is chosen by the code: a hint, not an error.
    const chosen = await only('<?php\n$v = false;\nif ($prod) { $v = true; }\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, $v);\n', 'a.php');
    assert.equal(chosen.severity, 'hint');
  });

  it('Guzzle: an options array built earlier is reported at the setting; the fix removes it (or sets it back to true)', async () => {
    const text = "<?php\n$o = [];\n$o['verify'] = false;\n$client->get($url, $o);\n";
    const finding = await only(text, 'a.php');
    assert.equal(finding.range.start.line, 2);
    assert.equal(fixed(text, finding), '<?php\n$o = [];\n$client->get($url, $o);\n');
    assert.equal(fixed(text, finding, 1), "<?php\n$o = [];\n$o['verify'] = true;\n$client->get($url, $o);\n");
  });

  it("Guzzle and Laravel: 'verify' => false is removed with its comma, inline or on its own line", async () => {
    const inline = "<?php\n$client = new Client(['base_uri' => $base, 'verify' => false, 'timeout' => 5]);\n";
    assert.equal(fixed(inline, await only(inline, 'a.php')), "<?php\n$client = new Client(['base_uri' => $base, 'timeout' => 5]);\n");
    const last = "<?php\n$r = Http::withOptions(['verify' => false])->get($url);\n";
    assert.equal(fixed(last, await only(last, 'a.php')), '<?php\n$r = Http::withOptions([])->get($url);\n');
    const lines = "<?php\n$r = $client->request('GET', $url, [\r\n    'timeout' => 5,\r\n    'verify' => false,\r\n]);\r\n";
    assert.equal(fixed(lines, await only(lines, 'a.php')), "<?php\n$r = $client->request('GET', $url, [\r\n    'timeout' => 5,\r\n]);\r\n");
  });

  it('Laravel withoutVerifying() is reported on the call; WordPress sslverify is fixed', async () => {
    const laravel = await only('<?php\n$r = Http::acceptJson()\n    ->withoutVerifying()\n    ->get($url);\n', 'a.php');
    assert.deepEqual([laravel.ruleId, laravel.range.start.line], ['tls/php-verify-peer', 2]);
    const wp = "<?php\nwp_remote_get($url, ['sslverify' => false]);\n";
    assert.equal(fixed(wp, await only(wp, 'a.php')), "<?php\nwp_remote_get($url, ['sslverify' => true]);\n");
  });
});

describe('tls config rules: Kubernetes APIService and YAML flow collections', () => {
  it('reports APIService insecureSkipTLSVerify: true on its line and removes it', async () => {
    const text = 'kind: APIService\nspec:\n  insecureSkipTLSVerify: true\n  groupPriorityMinimum: 100\n';
    const finding = await only(text, 'api.yaml');
    assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/kube-insecure', 2]);
    assert.equal(fixed(text, finding), 'kind: APIService\nspec:\n  groupPriorityMinimum: 100\n');
  });

  it('finds curl -k inside a one-line flow mapping, at the flag, with CRLF line ends too', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['jobs:', '  a:', '    steps:', '      - { name: "a, b", run: "curl -k https://example.com/x" }', ''].join(eol);
      const finding = await only(text, '.github/workflows/ci.yml');
      assert.equal(finding.ruleId, 'tls/curl-insecure');
      assert.equal(finding.range.start.line, 3);
      // The finding sits on the flag itself (the whole `-k` or its letter), not on the line start.
      const flag = text.split(eol)[3].indexOf('-k');
      assert.ok([flag, flag + 1].includes(finding.range.start.character), `at ${finding.range.start.character}: ${covered(text, finding)}`);
    }
  });

  it('leaves a quoted comma, a comment and non-command keys in flow mappings alone', async () => {
    assert.deepEqual(await tls('steps:\n  - { name: "x, run: curl -k", uses: a/b@v1 } # run: curl -k\n', 'ci.yml'), []);
  });
});

describe('tls code rules: .NET validators by name', () => {
  it('names the always-true method in the message and removes the subscription', async () => {
    const text = 'class S {\n  void Init() {\n    ServicePointManager.ServerCertificateValidationCallback += Accept;\n  }\n  static bool Accept(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) => (true);\n}\n';
    const finding = await only(text, 'S.cs');
    assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/csharp-accept-any', 2]);
    assert.match(finding.message, /Accept \(line 5\), which always returns true/);
    assert.equal(fixed(text, finding), 'class S {\n  void Init() {\n  }\n  static bool Accept(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) => (true);\n}\n');
  });

  it('stays silent when an overload with the same name decides', async () => {
    const text = 'class S {\n  void Init() { ServicePointManager.ServerCertificateValidationCallback += Accept; }\n  static bool Accept(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) => true;\n  static bool Accept(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e, bool strict) { return !strict; }\n}\n';
    assert.deepEqual(await tls(text, 'S.cs'), []);
  });
});

describe('tls code rules: Apache TrustStrategy', () => {
  it('reports isTrusted returning true at the method name, and not one that decides', async () => {
    const text = 'class C {\n  TrustStrategy s = new TrustStrategy() {\n    public boolean isTrusted(X509Certificate[] chain, String authType) { return true; }\n  };\n}\n';
    const finding = await only(text, 'C.java');
    assert.deepEqual([finding.ruleId, finding.range.start.line, covered(text, finding)], ['tls/java-trust-all', 2, 'isTrusted']);
    assert.deepEqual(await tls(text.replace('return true;', 'return chain.length > 0 && pinned(chain[0]);'), 'C.java'), []);
  });
});
