import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { keywordLines, type KeywordRule } from '../../../src/engine/secrets/keywordIndex';
import { lineStartsIn } from '../../../src/engine/text';

// The keyword automaton against the plainest reading of what it promises: a rule's line holds one
// of its keywords where each code unit equals the keyword's, or lower-cases (as one unit) to it.

function unitMatches(unit: string, keywordUnit: string): boolean {
  if (unit === keywordUnit) return true;
  const lower = unit.toLowerCase();
  return lower.length === 1 && lower === keywordUnit;
}

function naiveLines(text: string, rules: readonly KeywordRule[]): number[][] {
  const starts = [0, ...lineStartsIn(text, 0, text.length)];
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line += 1;
    return starts[line];
  };
  return rules.map((rule) => {
    const lines = new Set<number>();
    for (const keyword of rule.keywords) {
      for (let at = 0; at + keyword.length <= text.length; at += 1) {
        let all = true;
        for (let j = 0; j < keyword.length && all; j += 1) all = unitMatches(text[at + j], keyword[j]);
        if (all) lines.add(lineOf(at + keyword.length - 1));
      }
    }
    return [...lines].sort((a, b) => a - b);
  });
}

// Lower-case keywords, as rules give them, with units whose upper cases are unusual: the Kelvin
// sign folds to k, U+0130 lower-cases to two units (so it matches nothing), the German sharp s has
// no one-unit upper case, and a non-ASCII keyword unit.
const KEYWORDS = ['key', 'token', 'sk_', 'pass', 'kk', 'aa', 'ab', 'b', 'i', 'ß', 'é', 'password', 'word'];
const PIECES = ['key', 'KEY', 'Key', '\u212Aey', 'token', 'TOKEN', 'sk_', 'SK_', 'pass', 'PASSword', 'İ', 'I', 'i', 'ß', 'ẞ', 'É', 'é', 'aab', 'AAB', 'b', ' ', '\n', '\r', '\r\n', 'x'];

describe('keyword automaton', () => {
  it('finds exactly the lines a naive case-folded search finds, for any rules and text', () => {
    const ruleArb = fc.uniqueArray(fc.constantFrom(...KEYWORDS), { minLength: 1, maxLength: 4 }).map((keywords): KeywordRule => ({ keywords }));
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 2 })), { maxLength: 40 }), (rules, pieces) => {
        const text = pieces.join('');
        assert.deepEqual(keywordLines(text, rules), naiveLines(text, rules));
      }),
      { numRuns: 3000 },
    );
  });
});
