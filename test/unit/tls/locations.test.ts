import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/engine';
import { sarifCodeFlows, sarifRelatedLocations } from '../../../src/cli/formats/sarifFlows';
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

    it('the setting reaches SARIF as a relatedLocation (no codeFlows: that is for path flows)', async () => {
      const text = 'package main\n\nvar cfg = &tls.Config{\n\tMinVersion:         tls.VersionTLS12,\n\tInsecureSkipVerify: true,\n}\n';
      const finding = await only(text, 'c.go');
      const [location] = sarifRelatedLocations(finding, 'c.go');
      assert.deepEqual([location.id, location.physicalLocation.region.startLine, location.physicalLocation.region.startColumn], [1, 5, 2]);
      assert.match(location.message.text, /InsecureSkipVerify: true/);
      assert.deepEqual(sarifCodeFlows(finding, 'c.go'), []);
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
      assert.deepEqual(spans(text, finding), { at: 'ctx = ssl.create_default_context()', related: ['ctx.check_hostname = False', 'ctx.verify_mode = ssl.CERT_NONE'] });
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

    it('two contexts of one file get different fingerprints (the span starts at the name assigned)', async () => {
      const text = 'a = ssl.create_default_context()\na.check_hostname = False\nb = ssl.create_default_context()\nb.check_hostname = False\n';
      const found = await tls(text, 'a.py');
      assert.deepEqual(found.map((finding) => finding.range.start.line), [0, 2]);
      assert.notEqual(found[0].fingerprint, found[1].fingerprint);
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

  describe('Java trust managers and host name verifiers', () => {
    it('reports the anonymous trust manager at new X509TrustManager(), its method and SSLContext.init related', async () => {
      const text = [
        'class Http {',
        '  static TrustManager[] trustAllCerts = new TrustManager[] {',
        '    new X509TrustManager() {',
        '      public X509Certificate[] getAcceptedIssuers() { return null; }',
        '      public void checkClientTrusted(X509Certificate[] certs, String authType) { }',
        '      public void checkServerTrusted(X509Certificate[] certs, String authType) { }',
        '    }',
        '  };',
        '  static void install() throws Exception {',
        '    SSLContext sc = SSLContext.getInstance("TLS");',
        '    sc.init(null, trustAllCerts, new java.security.SecureRandom());',
        '  }',
        '}',
        '',
      ].join('\n');
      const finding = await only(text, 'Http.java');
      assert.equal(finding.ruleId, 'tls/java-trust-all');
      assert.deepEqual(spans(text, finding), { at: 'new X509TrustManager()', related: ['checkServerTrusted', 'sc.init(null, trustAllCerts, new java.security.SecureRandom())'] });
      assert.deepEqual(finding.related!.map((related) => related.range.start.line), [5, 10]);
      assert.match(finding.message, /installed into an SSLContext/);
    });

    it('a trust manager that only logs, or swallows the delegate\'s CertificateException, accepts everything: reported on the class name', async () => {
      const logs = 'public class Lenient implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] chain, String authType) {\n    log.info("server {}", chain[0].getSubjectX500Principal());\n  }\n}\n';
      assert.deepEqual(spans(logs, await only(logs, 'Lenient.java')), { at: 'Lenient', related: ['checkServerTrusted'] });
      const swallows = 'class Soft implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) {\n    try {\n      delegate.checkServerTrusted(c, a);\n    } catch (CertificateException e) {\n      LOGGER.warn("untrusted", e);\n    }\n  }\n}\n';
      assert.equal((await only(swallows, 'Soft.java')).range.start.line, 0);
    });

    it('stays quiet on a trust manager that throws, delegates, or rethrows, and on a mock', async () => {
      const quiet: [string, string][] = [
        ['class T implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    if (c.length == 0) throw new CertificateException("empty");\n  }\n}\n', 'throws'],
        ['class T implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    log.debug("checking");\n    delegate.checkServerTrusted(c, a);\n  }\n}\n', 'logs, then delegates'],
        ['class T implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    try { delegate.checkServerTrusted(c, a); } catch (CertificateException e) { log.warn("bad", e); throw e; }\n  }\n}\n', 'rethrows'],
        ['class T implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    try { delegate.checkServerTrusted(c, a); } catch (IllegalStateException e) { log.warn("odd", e); }\n  }\n}\n', 'catches something else: a CertificateException still escapes'],
        ['class ClientTest {\n  @Test void sends() {\n    X509TrustManager tm = Mockito.mock(X509TrustManager.class);\n    verify(client).send(request);\n  }\n}\n', 'a test that mocks the trust manager'],
      ];
      for (const [text, reason] of quiet) assert.deepEqual(await tls(text, 'T.java'), [], reason);
    });

    it('a HostnameVerifier held in a variable is reported at new HostnameVerifier(), with verify and where it is installed', async () => {
      const text = 'class Hosts {\n  static void relax() {\n    HostnameVerifier allHostsValid = new HostnameVerifier() {\n      public boolean verify(String hostname, SSLSession session) { return true; }\n    };\n    HttpsURLConnection.setDefaultHostnameVerifier(allHostsValid);\n  }\n}\n';
      const finding = await only(text, 'Hosts.java');
      assert.equal(finding.ruleId, 'tls/java-hostname-verifier');
      assert.deepEqual(spans(text, finding), { at: 'new HostnameVerifier()', related: ['verify', 'HttpsURLConnection.setDefaultHostnameVerifier(allHostsValid)'] });
    });
  });
});
