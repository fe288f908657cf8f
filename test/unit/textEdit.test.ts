import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyTextEdit, textEdit } from '../../src/server/scanMessages';

// The server posts a document's scan worker the edit from the text it sent last, not the whole
// text: applied by the worker, it must give back exactly the new text, line ends, surrogate pairs
// and all.

const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '😀', 'é', 'key = "x"');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('server: text edits posted to a scan worker', () => {
  it('turns the old text into the new one exactly', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edit = textEdit(before, after);
        if (edit) assert.equal(applyTextEdit(before, edit), after);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends only what changed in a large text, and the whole text when most of it changed', () => {
    const before = 'const a = 1;\n'.repeat(10_000);
    const after = `${before.slice(0, 65_000)}x${before.slice(65_000)}`;
    assert.deepStrictEqual(textEdit(before, after), { start: 65_000, end: 65_000, insert: 'x', length: before.length + 1 });
    assert.equal(textEdit('abc', 'xyz'), undefined);
  });

  it('refuses an edit made from another text', () => {
    const edit = textEdit('hello world', 'hello there world')!;
    assert.throws(() => applyTextEdit('hi', edit), /gave \d+ characters, not 17/);
  });
});
