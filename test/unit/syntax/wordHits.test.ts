import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { wordHits } from '../../../src/engine/syntax/wordHits';

// The TLS matchers enter the tree only where one of their words occurs. The occurrences of the
// last text are kept and only the edited stretch is searched again: after any edit, the hits must
// be exactly those of a search of the whole new text.

const WORDS = ['insecure', 'tlsInsecure', 'rejectUnauthorized', 'secure', 'ss', 'sss'];
const piece = fc.constantFrom('insecure', 'tlsInsecure', 'rejectUnauthorized', 're', 'ject', 'Unauthorized', 's', 'ss', 'in', 'secure', ' ', '\n', '\r\n', 'x');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

function fresh(value: string, words: readonly string[]) {
  const hits: { at: number; length: number; word: number }[] = [];
  words.forEach((word, index) => {
    for (let at = value.indexOf(word); at !== -1; at = value.indexOf(word, at + 1)) hits.push({ at, length: word.length, word: index });
  });
  return hits.sort((a, b) => a.at - b.at || a.word - b.word);
}

describe('syntax: word hits kept between texts', () => {
  it('finds, after any sequence of edits, what a search of the whole text finds', () => {
    fc.assert(
      fc.property(text, fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 20 }), insert: text }), { maxLength: 10 }), (start, edits) => {
        // A list of its own per run: the memory is per list.
        const words = [...WORDS];
        let value = start;
        assert.deepStrictEqual(wordHits(value, words), fresh(value, words));
        for (const { at, remove, insert } of edits) {
          const from = Math.floor(at * value.length);
          value = value.slice(0, from) + insert + value.slice(from + remove);
          assert.deepStrictEqual(wordHits(value, words), fresh(value, words), JSON.stringify(value));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('searches another text whole', () => {
    const words = ['insecure'];
    assert.deepStrictEqual(wordHits('a insecure b', words).map((hit) => hit.at), [2]);
    assert.deepStrictEqual(wordHits('insecure, insecure', words).map((hit) => hit.at), [0, 10]);
    assert.deepStrictEqual(wordHits('', words), []);
  });
});
