import { strict as assert } from 'node:assert';
import { fixed, only, tls } from './helpers';

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
