import { strict as assert } from 'node:assert';
import { kindOf, looksMinified } from '../../src/engine/fileKind';

// looksMinified remembers its last answer (a scan asks of the same text two or three times): the
// answer must still follow the text, including a different text of the same length.

describe('file kind: minified text', () => {
  const long = `var a=${'x'.repeat(9000)};`;
  const lines = `${'const a = 1;\n'.repeat(700)}`.slice(0, long.length);

  it('a few very long lines are minified; short lines, classic-Mac lines and short texts are not', () => {
    assert.equal(long.length, lines.length);
    assert.equal(looksMinified(long), true);
    assert.equal(looksMinified(lines), false);
    assert.equal(looksMinified(lines.replace(/\n/g, '\r')), false);
    assert.equal(looksMinified('x'.repeat(4000)), false);
  });

  it('asked again and again, in any order, of texts of the same length', () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal(looksMinified(long), true);
      assert.equal(looksMinified(long), true);
      assert.equal(looksMinified(lines), false);
      // The same content in another string object.
      assert.equal(looksMinified(`${long.slice(0, 10)}${long.slice(10)}`), true);
      assert.equal(kindOf('app.js', long), 'skip');
      assert.equal(kindOf('app.js', lines), 'code');
    }
  });
});
