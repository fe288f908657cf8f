import { strict as assert } from 'node:assert';
import { codeOnly } from '../../../src/engine/rules/tls/code/kotlin';
import { only, tls } from './helpers';

// Kotlin has no grammar in @vscode/tree-sitter-wasm: a text-level rule on the source with comments
// and strings blanked out. These pin what it sees, where it reports, and what it leaves alone.

describe('tls code rules: Kotlin (text level)', () => {
  it('blanks comments (nested too), strings, raw strings and chars, keeping offsets and line breaks', () => {
    const text = 'val a = "x // y" /* o /* n */ c */ + \'q\'\r\nval b = """raw\n{ _, _ -> true }""" // hostnameVerifier\nval c = 1\n';
    const code = codeOnly(text);
    assert.equal(code.length, text.length);
    // Runs of blanks squeezed to one, to read: only code is left, each line break where it was.
    assert.deepEqual(code.split(/\r\n|\n/).map((line) => line.replace(/ +/g, ' ')), ['val a = + ', 'val b = ', ' ', 'val c = 1', '']);
    assert.equal(code.indexOf('\r\n'), text.indexOf('\r\n'));
  });

  it('ends an unclosed string at a lone CR as at a LF, so the next line stays code (found by npm run fuzz)', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `"${eol}HttpsURLConnection.setDefaultHostnameVerifier(HostnameVerifier { _, _ -> true })${eol}`;
      assert.equal(codeOnly(text).slice(1 + eol.length, 1 + eol.length + 18), 'HttpsURLConnection', JSON.stringify(eol));
      const finding = await only(text, 'Hosts.kt');
      assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/java-hostname-verifier', 1]);
    }
  });

  it('reports an OkHttp hostnameVerifier { _, _ -> true } on the lambda, with CRLF and lone CR line ends', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['val client = OkHttpClient.Builder()', '    .hostnameVerifier { _, _ -> true }', '    .build()', ''].join(eol);
      const finding = await only(text, 'Client.kt');
      assert.deepEqual([finding.ruleId, finding.range.start.line, finding.range.start.character, finding.range.end.character], ['tls/java-hostname-verifier', 1, 22, 38]);
    }
  });

  it('reports object : X509TrustManager on its header, checkServerTrusted related; = Unit and logging-only bodies too', async () => {
    const text = 'val trustAll = object : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = Unit\n}\n';
    const finding = await only(text, 'Trust.kt');
    assert.equal(finding.ruleId, 'tls/java-trust-all');
    assert.deepEqual([finding.range.start.line, finding.range.start.character, finding.range.end.character], [0, 15, 40]);
    assert.deepEqual(finding.related?.map((related) => related.range.start.line), [1]);
    const logs = 'class Lenient : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {\n        Log.d(TAG, "server ${chain.size}")\n    }\n}\n';
    assert.equal((await only(logs, 'Lenient.kt')).range.start.line, 0);
  });

  it('stays quiet on a verifier that decides, a trust manager that throws, comments, strings and imports', async () => {
    const quiet: [string, string][] = [
      ['val c = OkHttpClient.Builder().hostnameVerifier { host, _ -> host == "api.example.com" }.build()\n', 'a verifier that checks the name'],
      ['class T : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {\n        if (chain.isEmpty()) throw CertificateException("empty")\n    }\n}\n', 'throws'],
      ['// .hostnameVerifier { _, _ -> true }\nval s = "hostnameVerifier { _, _ -> true }"\n', 'a comment and a string'],
      ['import org.apache.http.conn.ssl.NoopHostnameVerifier\nimport org.apache.http.conn.ssl.TrustAllStrategy\n', 'imports only'],
      ['val ok = list.filter { _, _ -> true }\nval hostnameVerifierName = "x"\n', 'other lambdas and names'],
    ];
    for (const [text, reason] of quiet) assert.deepEqual(await tls(text, 'T.kt'), [], reason);
  });
});
