import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/engine';
import { fixed, only, tls } from './helpers';

// Where a reviewer looks (issue 15): the finding sits on the construct that disables verification
// (`tls.Config{`, the SSL context's creation, the trust-manager class), and the setting that does
// it is a related location (the diagnostic's relatedInformation).

/** The text a finding's range covers, and each related location's first line, for short asserts. */
function spans(text: string, finding: Finding): { at: string; related: string[] } {
  const lines = text.split(/\r\n|\n|\r/);
  const cut = (range: Finding['range']) => range.start.line === range.end.line
    ? lines[range.start.line].slice(range.start.character, range.end.character)
    : lines[range.start.line].slice(range.start.character);
  return { at: cut(finding.range), related: (finding.related ?? []).map((related) => cut(related.range)) };
}

describe('tls findings sit on the construct, the setting related', () => {
  describe('Go', () => {
    it('reports tls.Config{ with InsecureSkipVerify as the related setting, and removes the setting', async () => {
      const text = 'package main\n\nfunc c() *http.Client {\n\ttr := &http.Transport{TLSClientConfig: &tls.Config{\n\t\tMinVersion:         tls.VersionTLS12,\n\t\tInsecureSkipVerify: true,\n\t}}\n\treturn &http.Client{Transport: tr}\n}\n';
      const finding = await only(text, 'c.go');
      assert.equal(finding.range.start.line, 3);
      assert.deepEqual(spans(text, finding), { at: 'tls.Config{', related: ['InsecureSkipVerify: true'] });
      assert.equal(finding.related![0].range.start.line, 5);
      assert.equal(fixed(text, finding), text.replace('\t\tInsecureSkipVerify: true,\n', ''));
    });

    it('keeps the warning under an insecure opt-in, read from the related setting', async () => {
      const text = 'package c\n\nfunc cfg(insecure bool) *tls.Config {\n\tif insecure {\n\t\treturn &tls.Config{\n\t\t\tInsecureSkipVerify: true,\n\t\t}\n\t}\n\treturn &tls.Config{}\n}\n';
      const finding = await only(text, 'c.go');
      assert.deepEqual([finding.severity, finding.range.start.line], ['warning', 4]);
    });

    it('a field assignment has no literal to sit on and stays on the assignment', async () => {
      const finding = await only('package m\n\nfunc f(t *http.Transport) {\n\tt.TLSClientConfig.InsecureSkipVerify = true\n}\n', 'f.go');
      assert.deepEqual([finding.range.start.line, finding.related], [3, undefined]);
    });
  });

  describe('Python ssl contexts', () => {
    it('one finding on the creation for CERT_NONE and check_hostname = False, both related, one fix for both', async () => {
      const text = 'import ssl\n\ndef make():\n    ctx = ssl.create_default_context()\n    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n    return ctx\n';
      const finding = await only(text, 'a.py');
      assert.equal(finding.ruleId, 'tls/python-unverified-context');
      assert.deepEqual(spans(text, finding), { at: 'ssl.create_default_context()', related: ['ctx.check_hostname = False', 'ctx.verify_mode = ssl.CERT_NONE'] });
      assert.equal(fixed(text, finding), text.replace('= False', '= True').replace('ssl.CERT_NONE', 'ssl.CERT_REQUIRED'));
    });

    it('SSLContext(PROTOCOL_TLS_CLIENT) then CERT_NONE: on the creation', async () => {
      const text = 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n';
      const finding = await only(text, 'a.py');
      assert.equal(finding.range.start.line, 1);
      assert.equal(finding.related?.length, 2);
    });

    it('a context of another function, or made elsewhere, keeps the finding on the setting', async () => {
      const text = 'def a():\n    ctx = ssl.create_default_context()\n    return ctx\n\ndef b(ctx):\n    ctx.verify_mode = ssl.CERT_NONE\n';
      const finding = await only(text, 'a.py');
      assert.deepEqual([finding.range.start.line, finding.related], [5, undefined]);
    });

    it('self attributes match across methods of the class', async () => {
      const text = 'class C:\n    def __init__(self):\n        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n\n    def relax(self):\n        self.ctx.check_hostname = False\n';
      assert.equal((await only(text, 'a.py')).range.start.line, 2);
    });

    it('a switched CERT_NONE stays a warning that names the switch when moved to the creation', async () => {
      const text = 'ctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_NONE if insecure else ssl.CERT_REQUIRED\n';
      const finding = await only(text, 'a.py');
      assert.deepEqual([finding.range.start.line, finding.severity], [0, 'warning']);
      assert.match(finding.message, /when `insecure` selects it/);
    });

    it('SSLContext(PROTOCOL_TLS) never set to verify is a finding on the creation, fixed to PROTOCOL_TLS_CLIENT', async () => {
      const text = 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nconn = http.client.HTTPSConnection(host, context=ctx)\n';
      const finding = await only(text, 'a.py');
      assert.deepEqual([finding.ruleId, finding.range.start.line, finding.severity], ['tls/python-unverified-context', 1, 'error']);
      assert.equal(fixed(text, finding), text.replace('PROTOCOL_TLS)', 'PROTOCOL_TLS_CLIENT)'));
      // Also with no protocol (the default is PROTOCOL_TLS) handed straight to a client.
      assert.equal((await only('r = urlopen(url, context=ssl.SSLContext())\n', 'a.py')).range.start.line, 0);
    });

    it('stays quiet when the context is verified, is a client context, or serves TLS', async () => {
      const quiet: [string, string][] = [
        ['ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.verify_mode = ssl.CERT_REQUIRED\nctx.load_default_certs()\n', 'CERT_REQUIRED set'],
        ['ctx = ssl.SSLContext(ssl.PROTOCOL_SSLv23)\nctx.check_hostname = True\n', 'check_hostname = True also sets CERT_REQUIRED (3.7+)'],
        ['ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.load_verify_locations("ca.pem")\n', 'PROTOCOL_TLS_CLIENT verifies by default'],
        ['ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.load_cert_chain("s.pem")\nsrv = ctx.wrap_socket(sock, server_side=True)\n', 'a server context'],
        ['ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.verify_mode = mode\n', 'a mode the rule cannot judge'],
        ['# ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nHELP = "ssl.SSLContext(ssl.PROTOCOL_TLS) does not verify"\n', 'a comment and a string'],
      ];
      for (const [text, reason] of quiet) assert.deepEqual(await tls(text, 'a.py'), [], reason);
    });
  });
});
