import { strict as assert } from 'node:assert';
import { only, tls } from './helpers';

// Go `InsecureSkipVerify: name` (issue 15): an Error when the name is only ever set to true in its
// function (or, for a package-level name, the file), with that declaration as a related location;
// a Hint when a parameter, a flag or a branch decides.

describe('Go InsecureSkipVerify through a variable', () => {
  it('a local set once to true: an Error on tls.Config{, the setting and the declaration related', async () => {
    const text = 'package m\n\nfunc t() *http.Transport {\n\tskip := true\n\treturn &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: skip}}\n}\n';
    const finding = await only(text, 'm.go');
    assert.deepEqual([finding.severity, finding.range.start.line], ['error', 4]);
    assert.deepEqual(finding.related?.map((related) => related.range.start.line), [4, 3]);
  });

  it('a package-level const true: an Error', async () => {
    const finding = await only('package m\n\nconst insecure = true\n\nfunc c() *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: insecure}\n}\n', 'm.go');
    assert.equal(finding.severity, 'error');
  });

  it('a parameter, a variable a branch may set, one set from a flag: Hints only', async () => {
    const texts = [
      'package m\n\nfunc t(skip bool) *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: skip}\n}\n',
      'package m\n\nfunc u() *tls.Config {\n\tskip := false\n\tif os.Getenv("DEV") == "1" {\n\t\tskip = true\n\t}\n\treturn &tls.Config{InsecureSkipVerify: skip}\n}\n',
      'package m\n\nfunc v() *tls.Config {\n\tskip := *insecureFlag\n\treturn &tls.Config{InsecureSkipVerify: skip}\n}\n',
    ];
    for (const text of texts) {
      const found = await tls(text, 'm.go');
      assert.deepEqual(found.map((f) => f.severity), ['hint'], text);
    }
  });

  it('a suppression on the declaration line speaks for the finding too (a related location)', async () => {
    const text = 'package m\n\nfunc t() *tls.Config {\n\tskip := true // secure-hygiene-ignore tls/go-insecure-skip-verify -- lab\n\treturn &tls.Config{InsecureSkipVerify: skip}\n}\n';
    assert.deepEqual(await tls(text, 'm.go'), []);
  });
});
