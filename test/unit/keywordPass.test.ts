import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig } from '../../src/engine/config';
import { literalKeywordLists } from '../../src/engine/detectors';
import { keywordPass } from '../../src/engine/detectors/keywordPass';
import { secretRulesFor } from '../../src/engine/detectors/secrets';
import { keywordLines } from '../../src/engine/secrets/keywordIndex';
import { hasAnyKeyword } from '../../src/engine/syntax';

// The keyword pass answers the TLS and path detectors' prefilters from the secret keywords'
// automaton, which folds case. Its answers must be exactly those of looking for each word.

const LANGUAGES = ['javascript', 'typescript', 'python', 'go', 'java', 'csharp', 'ruby', 'php', 'shellscript', 'yaml'];
const secretRules = secretRulesFor(defaultConfig());

function caseVariants(word: string): string[] {
  return [word, word.toLowerCase(), word.toUpperCase(), word.slice(0, -1)];
}

describe('keyword pass', () => {
  it('gives every language some lists to look for (the fold is in use)', () => {
    for (const language of ['javascript', 'typescript', 'csharp']) assert.ok(literalKeywordLists(language).length >= 2, language);
  });

  for (const language of LANGUAGES) {
    const lists = literalKeywordLists(language);
    const words = [...new Set(lists.flat().flatMap(caseVariants))];
    if (words.length === 0) continue;
    it(`${language}: has(list) is exactly "holds one of its words", and secret lines are unchanged`, () => {
      const pieceArb = fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', '\n', '.', 'x', 'token = "', 'AKIA'), fc.string({ maxLength: 3 }));
      fc.assert(
        fc.property(fc.array(pieceArb, { maxLength: 30 }).map((pieces) => pieces.join('')), fc.boolean(), (text, quotedOnly) => {
          const pass = keywordPass(text, secretRules, lists, quotedOnly);
          for (const list of lists) assert.equal(pass.has(list), hasAnyKeyword(text, list), `${JSON.stringify(text)} / ${list.join(',')}`);
          assert.deepEqual(pass.secretLines.slice(0, secretRules.length), keywordLines(text, secretRules, quotedOnly));
        }),
        { numRuns: 400 },
      );
    });
  }

  it('says it did not look for a list it was not built with', () => {
    const pass = keywordPass('rejectUnauthorized', secretRules, literalKeywordLists('javascript'), true);
    assert.equal(pass.has(['rejectUnauthorized']), undefined);
  });
});
