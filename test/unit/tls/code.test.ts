import { strict as assert } from 'node:assert';
import { fixed, only, tls as tlsWith } from './helpers';

const tls = (text: string, path: string, state?: Map<string, unknown>) => tlsWith(text, path, { state });

// Syntax-aware tls rules: exact fixes, hints for values the rule cannot judge, and the contexts
// that must stay silent.

describe('tls code rules', () => {
  describe('JavaScript and TypeScript', () => {
    it('removes rejectUnauthorized: false with its comma, inline and on its own line', async () => {
      const inline = 'const a = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n';
      assert.equal(fixed(inline, await only(inline, 'a.ts')), 'const a = new https.Agent({ keepAlive: true });\n');
      const first = 'const a = new https.Agent({ rejectUnauthorized: false, keepAlive: true });\n';
      assert.equal(fixed(first, await only(first, 'a.ts')), 'const a = new https.Agent({ keepAlive: true });\n');
      const lines = 'const a = new https.Agent({\n  keepAlive: true,\n  rejectUnauthorized: false, // dev only\n  timeout: 5,\n});\n';
      assert.equal(fixed(lines, await only(lines, 'a.js')), 'const a = new https.Agent({\n  keepAlive: true,\n  timeout: 5,\n});\n');
    });

    it('is a hint, without a fix, when the value comes from configuration', async () => {
      const finding = await only('const a = new https.Agent({ rejectUnauthorized: cfg.verify });\n', 'a.ts');
      assert.equal(finding.ruleId, 'tls/reject-unauthorized');
      assert.equal(finding.severity, 'hint');
      assert.equal(finding.fixes, undefined);
    });

    it('deletes the process.env.NODE_TLS_REJECT_UNAUTHORIZED assignment line', async () => {
      const text = "import x from 'x';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nstart();\n";
      const finding = await only(text, 'a.ts');
      assert.equal(finding.ruleId, 'tls/node-tls-env');
      assert.match(finding.message, /NODE_EXTRA_CA_CERTS/);
      assert.equal(fixed(text, finding), "import x from 'x';\nstart();\n");
    });

    it('sees env passed to a child process, and ignores other values', async () => {
      const text = "spawn('node', ['x.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n";
      assert.deepEqual((await tls(text, 'a.js')).map((f) => [f.ruleId, f.range.start.line]), [['tls/node-tls-env', 0]]);
    });

    it('works in TSX and JSX files', async () => {
      const text = 'export const C = () => { fetch(u, { agent: new https.Agent({ rejectUnauthorized: false }) }); return <div/>; };\n';
      assert.equal((await only(text, 'a.tsx')).ruleId, 'tls/reject-unauthorized');
      assert.equal((await only(text, 'a.jsx')).ruleId, 'tls/reject-unauthorized');
    });

    it('reuses the parse tree across edits of the same document', async () => {
      const state = new Map<string, unknown>();
      const v1 = 'const a = { rejectUnauthorized: true };\n';
      const v2 = 'const a = { rejectUnauthorized: false };\n';
      assert.equal((await tls(v1, 'a.ts', state)).length, 0);
      assert.equal((await tls(v2, 'a.ts', state)).length, 1);
      assert.equal((await tls(v1, 'a.ts', state)).length, 0);
    });
  });

  describe('Python', () => {
    it('removes verify=False from the call', async () => {
      const text = 'r = requests.get(url, verify=False, timeout=5)\n';
      assert.equal(fixed(text, await only(text, 'a.py')), 'r = requests.get(url, timeout=5)\n');
      const last = 'r = requests.post(url, json=body, verify=False)\n';
      assert.equal(fixed(last, await only(last, 'a.py')), 'r = requests.post(url, json=body)\n');
    });

    it('a config value is a hint, raised to a warning when urllib3 warnings are silenced', async () => {
      assert.equal((await only('r = requests.get(url, verify=settings.VERIFY_SSL)\n', 'a.py')).severity, 'hint');
      const found = await tls('urllib3.disable_warnings()\nr = requests.get(url, verify=settings.VERIFY_SSL)\n', 'a.py');
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['tls/python-warnings-disabled', 'hint'], ['tls/python-verify-false', 'warning']]);
      assert.deepEqual(await tls('r = requests.get(url, verify=ca_bundle_path)\n', 'a.py'), []);
    });

    it('an unknown client with verify=False is a warning, not an error', async () => {
      assert.equal((await only('x = make_thing(verify=False)\n', 'a.py')).severity, 'warning');
    });

    it('fixes CERT_NONE and check_hostname in place', async () => {
      const text = 'ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n';
      const [hostname, mode] = await tls(text, 'a.py');
      assert.equal(fixed(text, hostname), 'ctx.check_hostname = True\nctx.verify_mode = ssl.CERT_NONE\n');
      assert.equal(fixed(text, mode), 'ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_REQUIRED\n');
    });

    it('replaces _create_unverified_context() with create_default_context()', async () => {
      const text = 'ctx = ssl._create_unverified_context()\n';
      assert.equal(fixed(text, await only(text, 'a.py')), 'ctx = ssl.create_default_context()\n');
    });

    it('a CERT_NONE branch of a conditional is a warning that names the switch (an unconditional one stays an error)', async () => {
      const finding = await only('ctx.verify_mode = ssl.CERT_REQUIRED if strict else ssl.CERT_NONE\n', 'a.py');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /when `strict` selects it/);
      assert.equal((await only('ctx.verify_mode = ssl.CERT_NONE\n', 'a.py')).severity, 'error');
    });

    it('an if/else that honours a verify option is a switch too, and so is Ruby\'s', async () => {
      const python = 'if verify:\n    ctx.verify_mode = ssl.CERT_REQUIRED\nelse:\n    ctx.verify_mode = ssl.CERT_NONE\n';
      const pyFinding = await only(python, 'a.py');
      assert.deepEqual([pyFinding.severity, /when `verify` selects it/.test(pyFinding.message)], ['warning', true]);
      const ruby = 'def mode(ssl)\n  if ssl.fetch(:verify, true)\n    OpenSSL::SSL::VERIFY_PEER\n  else\n    OpenSSL::SSL::VERIFY_NONE\n  end\nend\n';
      const rbFinding = await only(ruby, 'adapter.rb');
      assert.deepEqual([rbFinding.severity, /when `ssl.fetch\(:verify, true\)` selects it/.test(rbFinding.message)], ['warning', true]);
      // A branch whose other side does not verify either is no switch.
      assert.equal((await only('if legacy:\n    ctx.verify_mode = ssl.CERT_NONE\n', 'a.py')).severity, 'error');
    });
  });

  describe('Go, Ruby, PHP, C#, Java', () => {
    it('Go: removes the InsecureSkipVerify element; a variable is a hint', async () => {
      const text = 'package m\n\nvar c = &tls.Config{\n\tInsecureSkipVerify: true,\n\tMinVersion:         tls.VersionTLS12,\n}\n';
      assert.equal(fixed(text, await only(text, 'a.go')), 'package m\n\nvar c = &tls.Config{\n\tMinVersion:         tls.VersionTLS12,\n}\n');
      assert.equal((await only('package m\n\nvar c = &tls.Config{InsecureSkipVerify: *insecure}\n', 'a.go')).severity, 'hint');
    });

    it('Ruby: VERIFY_NONE becomes VERIFY_PEER; Faraday verify: false is dropped', async () => {
      const text = 'http.verify_mode = OpenSSL::SSL::VERIFY_NONE\n';
      assert.equal(fixed(text, await only(text, 'a.rb')), 'http.verify_mode = OpenSSL::SSL::VERIFY_PEER\n');
      const faraday = 'Faraday.new(url: base, ssl: { verify: false, ca_file: nil })\n';
      assert.equal(fixed(faraday, await only(faraday, 'a.rb')), 'Faraday.new(url: base, ssl: { ca_file: nil })\n');
    });

    it('PHP: VERIFYHOST 0 becomes 2, VERIFYPEER false becomes true', async () => {
      const text = '<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, FALSE);\n';
      const [host, peer] = await tls(text, 'a.php');
      assert.match(fixed(text, host), /CURLOPT_SSL_VERIFYHOST, 2\)/);
      assert.match(fixed(text, peer), /CURLOPT_SSL_VERIFYPEER, true\)/);
    });

    it('C#: a callback that decides is fine; one that returns true is removed', async () => {
      const text = 'var h = new HttpClientHandler();\nh.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;\nvar client = new HttpClient(h);\n';
      assert.equal(fixed(text, await only(text, 'a.cs')), 'var h = new HttpClientHandler();\nvar client = new HttpClient(h);\n');
      const init = 'var h = new HttpClientHandler { UseProxy = false, ServerCertificateCustomValidationCallback = (a, b, c, d) => true };\n';
      assert.equal(fixed(init, await only(init, 'a.cs')), 'var h = new HttpClientHandler { UseProxy = false };\n');
    });

    it('covers the less common forms: SslStream callbacks, HTTParty, TrustStrategy and HostnameVerifier variables', async () => {
      assert.equal((await only('var s = new SslStream(inner, false, (a, b, c, d) => true);\n', 'a.cs')).ruleId, 'tls/csharp-accept-any');
      assert.equal((await only('HTTParty.get(url, verify: false)\n', 'a.rb')).ruleId, 'tls/ruby-verify-none');
      const java = 'class C {\n  TrustStrategy all = (chain, type) -> true;\n  HostnameVerifier any = (h, s) -> true;\n}\n';
      assert.deepEqual((await tls(java, 'C.java')).map((f) => f.ruleId), ['tls/java-trust-all', 'tls/java-hostname-verifier']);
    });

    it('Java: TrustSelfSignedStrategy is a warning; imports are not findings', async () => {
      const text = 'import org.apache.http.conn.ssl.TrustSelfSignedStrategy;\nclass C {\n  SSLContext c = SSLContexts.custom().loadTrustMaterial(null, new TrustSelfSignedStrategy()).build();\n}\n';
      const finding = await only(text, 'C.java');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.range.start.line, 2);
    });
  });
});

describe('tls code rules under an insecure opt-in', () => {
  it('turn an Error set under a condition that names the opt-in into a Warning naming it', async () => {
    const cases: [string, string, string][] = [
      ['if (options.tlsInsecure) {\n  options.rejectUnauthorized = false;\n}\n', 'connect.ts', 'options.tlsInsecure'],
      ["if (ssl === 'no-verify') return { rejectUnauthorized: false };\n", 'params.js', "ssl === 'no-verify'"],
      ['package c\n\nfunc cfg(insecure bool) *tls.Config {\n\tif insecure {\n\t\treturn &tls.Config{InsecureSkipVerify: true}\n\t}\n\treturn &tls.Config{}\n}\n', 'client.go', 'insecure'],
      ['if args.no_verify:\n    ctx.check_hostname = False\n', 'cli.py', 'args.no_verify'],
    ];
    for (const [text, path, condition] of cases) {
      const finding = await only(text, path);
      assert.equal(finding.severity, 'warning', path);
      assert.ok(finding.message.startsWith(`Only when \`${condition}\` holds`), finding.message);
    }
  });

  it('keep the Error when the condition is about something else', async () => {
    const text = "if (process.env.NODE_ENV !== 'production') {\n  agent.options.rejectUnauthorized = false;\n}\n";
    assert.equal((await only(text, 'agent.ts')).severity, 'error');
    assert.equal((await only('if legacy:\n    ctx.check_hostname = False\n', 'a.py')).severity, 'error');
  });
});

describe('tls code rules on option tables', () => {
  it('gives no hint when the option name holds an object, array or function instead of a flag', async () => {
    const text = [
      'const SETTINGS = {',
      "  rejectUnauthorized: { rule: 'x', insecure: isFalse },",
      '  strictSSL: [isFalse, isTrue],',
      '  tlsInsecure: () => true,',
      '};',
      '',
    ].join('\n');
    assert.deepEqual((await tls(text, 'settings.ts')).map((f) => f.ruleId), []);
  });

  it('still hints on a flag read from elsewhere (control)', async () => {
    const text = 'https.request(url, { rejectUnauthorized: options.verify });\n';
    assert.deepEqual((await tls(text, 'client.ts')).map((f) => f.severity), ['hint']);
  });
});
