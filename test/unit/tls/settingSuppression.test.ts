import { strict as assert } from 'node:assert';
import { tls } from './helpers';

// A tls finding sits on the construct (`tls.Config{`, the SSL context's creation, the trust
// manager), with the setting that disables verification as a related location (issue 15). A
// `secure-hygiene-ignore` comment written on either line, the construct's or the setting's, must
// suppress it; one on an unrelated line, or for another rule, must not.

const at = (lines: string[], line: number, comment: string) => lines.map((text, index) => (index === line ? `${text} ${comment}` : text)).join('\n');

interface Case {
  language: string;
  path: string;
  lines: string[];
  rule: string;
  construct: number;
  setting: number;
  comment: (rule: string) => string;
}

const cases: Case[] = [
  {
    language: 'Go',
    path: 'client.go',
    lines: ['package m', '', 'func cfg() *tls.Config {', '\treturn &tls.Config{', '\t\tMinVersion:         tls.VersionTLS12,', '\t\tInsecureSkipVerify: true,', '\t}', '}', ''],
    rule: 'tls/go-insecure-skip-verify',
    construct: 3,
    setting: 5,
    comment: (rule) => `// secure-hygiene-ignore ${rule} -- lab device with a self-signed cert`,
  },
  {
    language: 'Python',
    path: 'client.py',
    lines: ['import ssl', '', 'def make():', '    ctx = ssl.create_default_context()', '    ctx.check_hostname = False', '    ctx.verify_mode = ssl.CERT_NONE', '    return ctx', ''],
    rule: 'tls/python-unverified-context',
    construct: 3,
    setting: 5,
    comment: (rule) => `# secure-hygiene-ignore ${rule} -- lab device`,
  },
  {
    language: 'Java',
    path: 'Install.java',
    lines: [
      'class Install {',
      '  static void run() throws Exception {',
      '    TrustManager[] all = new TrustManager[] { new X509TrustManager() {',
      '      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }',
      '      public void checkClientTrusted(X509Certificate[] c, String a) { }',
      '      public void checkServerTrusted(X509Certificate[] c, String a) { }',
      '    } };',
      '    SSLContext sc = SSLContext.getInstance("TLS");',
      '    sc.init(null, all, null);',
      '  }',
      '}',
      '',
    ],
    rule: 'tls/java-trust-all',
    construct: 2,
    setting: 5,
    comment: (rule) => `// secure-hygiene-ignore ${rule} -- lab device`,
  },
];

describe('tls suppressions on the construct or the setting line', () => {
  for (const c of cases) {
    describe(c.language, () => {
      it('is reported on the construct, with the setting related (the premise)', async () => {
        const [finding, ...rest] = await tls(c.lines.join('\n'), c.path);
        assert.equal(rest.length, 0);
        assert.deepEqual([finding.ruleId, finding.range.start.line], [c.rule, c.construct]);
        assert.ok(finding.related?.some((related) => related.range.start.line === c.setting), 'the setting is a related location');
      });

      it('a comment on the construct line suppresses it', async () => {
        assert.deepEqual(await tls(at(c.lines, c.construct, c.comment(c.rule)), c.path), []);
      });

      it('a comment on the setting line suppresses it', async () => {
        assert.deepEqual(await tls(at(c.lines, c.setting, c.comment(c.rule)), c.path), []);
      });

      it('a next-line comment above the setting suppresses it', async () => {
        const lines = [...c.lines];
        const indent = /^\s*/.exec(lines[c.setting])![0];
        lines.splice(c.setting, 0, indent + c.comment(c.rule).replace('secure-hygiene-ignore', 'secure-hygiene-ignore-next-line'));
        assert.deepEqual(await tls(lines.join('\n'), c.path), []);
      });

      it('not a comment for another rule, nor one on an unrelated line', async () => {
        assert.equal((await tls(at(c.lines, c.setting, c.comment('tls/curl-insecure')), c.path)).length, 1);
        assert.equal((await tls(at(c.lines, 0, c.comment(c.rule)), c.path)).length, 1);
      });

      it('an expired comment on the setting line stops suppressing and says so', async () => {
        const expired = c.comment(c.rule).replace(' --', ' until 2020-01-31 --');
        const [finding] = await tls(at(c.lines, c.setting, expired), c.path, { now: new Date('2026-01-01T00:00:00Z') });
        assert.equal(finding?.range.start.line, c.construct);
        assert.match(finding.message, new RegExp(`line ${c.setting + 1} expired on 2020-01-31`));
      });
    });
  }
});
