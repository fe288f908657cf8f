import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { aiPlatformRules } from '../../../src/engine/rules/secrets/providers/aiPlatforms';
import { businessRules } from '../../../src/engine/rules/secrets/providers/business';
import { devtoolRules } from '../../../src/engine/rules/secrets/providers/devtools';
import { financeRules } from '../../../src/engine/rules/secrets/providers/finance';
import { assignmentGate } from '../../../src/engine/rules/secrets/providers/named';
import { socialRules } from '../../../src/engine/rules/secrets/providers/social';
import type { SecretRule } from '../../../src/engine/rules/secrets/rule';
import { detectSecrets } from '../../../src/engine/secrets/detect';
import type { FileKind } from '../../../src/engine/fileKind';

// The provider rules recognised by a name (named.ts) are gated by `assignmentGate`: a gate only
// saves work, so with it or without it the rules must find exactly the same values. Lines are the
// rules' own positive samples, cut and spliced with the pieces names and assignments are made of.

const gated: SecretRule[] = [...financeRules, ...socialRules, ...devtoolRules, ...businessRules, ...aiPlatformRules].filter((rule) => rule.keywordGate);
const ungated = gated.map((rule) => ({ ...rule, keywordGate: undefined }));
const samples = gated.flatMap((rule) => rule.samples.positive().map((sample) => (typeof sample === 'string' ? sample : sample.text)));

function found(text: string, rules: readonly SecretRule[], kind: FileKind): string[] {
  return detectSecrets(text, rules, { kind }).map((detection) => `${detection.ruleId}@${detection.start}-${detection.end}`);
}

const pieceArb = fc.constantFrom('', ' ', '=', ':', '"', "'", ']', "']", '"]', '_KEY', '.secret', '-', 'x', '\t', ' = ', '\n', 'LOB', 'lob', 'nkey', ' SEED-----\n', 'token');
const lineArb = fc.tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), pieceArb, pieceArb).map(([sample, cut, drop, piece, tail]) => {
  const at = cut % (sample.length + 1);
  const removed = drop % 4;
  return sample.slice(0, at) + piece + sample.slice(at + removed) + tail;
});

describe('named provider rules', () => {
  it(`gate ${gated.length} rules without changing what they find`, () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 3 }), fc.constantFrom<FileKind>('code', 'config', 'env'), (lines, kind) => {
        const text = lines.join('\n');
        assert.deepEqual(found(text, gated, kind), found(text, ungated, kind));
      }),
      { numRuns: 400 },
    );
  });

  it('let through a name followed by an assignment, and turn away a name that is not assigned', () => {
    const gate = assignmentGate(['twitter']);
    const at = (text: string) => text.toLowerCase().indexOf('twitter') + 'twitter'.length;
    for (const text of ['TWITTER_API_SECRET=abc', 'twitterSecret = "abc"', '"twitter_key": "abc"', "config['twitter.secret'] = 'abc'", 'twitter_key :\tabc']) {
      assert.ok(gate(text, at(text)), text);
    }
    for (const text of ['Follow us on twitter for news', 'import twitter from "twitter-api"', 'twitter_client.post(status)']) {
      assert.ok(!gate(text, at(text)), text);
    }
  });

  it('with wordStart, turn away a short name inside a longer word', () => {
    const gate = assignmentGate(['lob'], 'word');
    assert.ok(gate('LOB_API_KEY=x', 3));
    assert.ok(!gate('GLOBAL_KEY=x', 4));
    assert.ok(!gate('blob_key = x', 4));
  });

  it('with wordStart namePart, also let through a camelCase part, never a word inside one', () => {
    const gate = assignmentGate(['nkey'], 'namePart');
    assert.ok(gate('nkey_seed: x', 4));
    assert.ok(gate('const userNkey = x', 14));
    assert.ok(!gate('const tokenKey = x', 14));
  });
});
