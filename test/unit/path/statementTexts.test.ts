import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { StatementTexts } from '../../../src/engine/rules/path/regions';

// The path detector's per-document memory of statement texts: a stable id per text, and which
// texts hold a word, kept up to date from scan to scan instead of read again from every statement.

const WORDS = ['req', 'name', 'path', 'fs', '$x', 'Codes', 'a1'];
const statement = fc.array(fc.constantFrom(...WORDS, ' ', '.', '(', ')', '\n'), { maxLength: 8 }).map((parts) => parts.join(''));

describe('path: statement texts kept between scans', () => {
  it('knows which texts hold each word, after any sequence of scans, as a fresh read would', () => {
    fc.assert(
      fc.property(fc.array(fc.array(statement, { maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (scans, asks) => {
        let texts: StatementTexts | undefined;
        scans.forEach((statements, scan) => {
          const next = new StatementTexts(texts);
          const facts = statements.map((text) => next.of(text));
          next.settle();
          texts = next;
          // Asked only on some scans: the index is then built late, or brought up to date.
          if (!asks[scan]) return;
          for (const word of WORDS) {
            const expected = new Set(statements.flatMap((text, i) => (new RegExp(`(?<![\\w$])${word.replace('$', '\\$')}(?![\\w$])`).test(text) ? [facts[i]] : [])));
            assert.deepStrictEqual(new Set(next.holding(word)), expected, `${word} in ${JSON.stringify(statements)}`);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a text the same id while it stays, and a new one to a new text', () => {
    const first = new StatementTexts();
    const [a, b] = ['const a = 1;', 'const b = 2;'].map((text) => first.of(text));
    first.settle();
    const second = new StatementTexts(first);
    assert.equal(second.of('const a = 1;').id, a.id);
    const c = second.of('const c = 3;');
    assert.ok(c.id !== a.id && c.id !== b.id);
  });
});
