import { namedValue, providerRule, shapeSample, shapeSource, type DocumentedRule, type Piece, type RuleDoc } from './define';
import type { SecretRuleInput } from '../rule';
import type { NegativeSample, PositiveSample } from '../../samples';

// Rules for values that have no prefix of their own and are recognisable only by the name they are
// assigned to: `TWITTER_API_SECRET = "…"`, `kraken.private_key: …`. Precision rests on three
// gates, cheapest first: the provider's name must be on the line (the keyword), an assignment
// must follow the name (the keyword gate below), and the value must have the exact length and
// alphabet of the format, enough entropy, and a mix of letters and digits.

/** `[\w.-]`, by character code. */
const isNameChar = (unit: number) => (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || unit === 95 || unit === 46 || unit === 45;
const MAX_NAME = 128;
const QUOTE_OR_BRACKET = new Set(['"', "'", ']']);

/**
 * A keyword gate for `namedValue` patterns: past the keyword, the rest of the name (`[\w.-]`), a
 * closing quote or bracket or two, blanks, then `=` or `:`. namedValue requires exactly that
 * after its context, so the gate never turns away a line the pattern would match. With
 * `wordStart`, the keyword must also start a word: `'word'`, not after a letter (for short names
 * such as `lob`, whose pattern says the same with a look-behind); `'namePart'`, or start a
 * camelCase part with a capital (`userNkey`, while `tokenKey` holds no `nkey` of its own).
 */
export function assignmentGate(keywords: readonly string[], wordStart: false | 'word' | 'namePart' = false) {
  return (text: string, keywordEnd: number): boolean => {
    if (wordStart) {
      const startsWord = keywords.some((word) => {
        const start = keywordEnd - word.length;
        if (start < 0 || text.slice(start, keywordEnd).toLowerCase() !== word) return false;
        const first = text[start];
        return (wordStart === 'namePart' && first !== first.toLowerCase()) || !/[A-Za-z]/.test(text[start - 1] ?? '');
      });
      if (!startsWord) return false;
    }
    // No name runs more than MAX_NAME characters past its keyword (the longest is the provider's
    // 30, the kind's 6 and namedValue's 40): stopping there keeps a long run of name characters
    // holding many keywords linear, and a later keyword in the run gets its own check.
    const limit = Math.min(text.length, keywordEnd + MAX_NAME);
    let at = keywordEnd;
    while (at < limit && isNameChar(text.charCodeAt(at))) at += 1;
    if (at === limit && limit < text.length && isNameChar(text.charCodeAt(at))) return false;
    if (QUOTE_OR_BRACKET.has(text[at])) at += 1;
    if (QUOTE_OR_BRACKET.has(text[at])) at += 1;
    while (at < text.length && /\s/.test(text[at])) at += 1;
    return text[at] === '=' || text[at] === ':';
  };
}

/**
 * The same value one level down in YAML or JSON, under a key named for the provider:
 * `twitter:\n  consumer_secret: …` or `"stripe": {\n  "secretKey": "…"`. The child key must hold
 * the kind (`key`, `secret`, …) and sit on one of the next five lines of the same indented block.
 * Every repetition is bounded and each skipped line is one `[ \t][^\r\n]{0,200}` and its line
 * break, any of the three (no two quantifiers compete for the same characters), so the pattern stays linear.
 */
function nestedValue(parent: string, child: string, value: string): RegExp {
  return new RegExp(
    String.raw`(?<![A-Za-z])(?:${parent})["']?[ \t]*[:=][ \t]*(?:\{[ \t]*)?(?:\r\n?|\n)(?:[ \t][^\r\n]{0,200}(?:\r\n?|\n)){0,4}?[ \t]+["']?[\w.-]{0,30}?${child}["']?[ \t]*[:=][ \t]*["']?(?<secret>${value})(?![\w-])`,
    'i',
  );
}

/** `provider[\w.-]{0,N}?(?:kinds)` split into the provider and the kinds, when the name has that form. */
function splitName(name: string): { parent: string; child: string } | undefined {
  const match = /^(.+)\[\\w\.-\]\{0,\d+\}\?(\(\?:[a-z|[\]_.?-]+\)|[a-z]+)$/.exec(name);
  return match ? { parent: match[1], child: match[2] } : undefined;
}

/** Letters and digits both: a random key has them, an identifier or a word rarely does. */
export const mixesLettersAndDigits = (value: string) => /[A-Za-z]/.test(value) && /\d/.test(value);

export interface NamedRuleInput extends Omit<SecretRuleInput, 'pattern' | 'samples' | 'keywords' | 'envName'> {
  /** Lower-case substrings, one of which every name holds (also the prefilter keywords). */
  keywords: string[];
  /** Regex source of the name up to where the value's assignment may start. */
  name: string;
  /** The value's shapes; the first gives the derived samples. */
  values: readonly (readonly Piece[])[];
  envName: string;
  doc: RuleDoc;
  /** The keyword must start a word (short provider names). */
  wordStart?: boolean;
  /** A name the derived samples use, in the form `SOME_NAME` (default: envName). */
  sampleName?: string;
  positive?: () => (string | PositiveSample)[];
  negative?: () => NegativeSample[];
}

/**
 * A rule for an unprefixed value assigned to a provider-named variable, with derived samples:
 * the value in a shell script and in code (positive), a filler, the value without the provider's
 * name, and a value one character too short (negative).
 */
export function namedRule(input: NamedRuleInput): DocumentedRule {
  const { name, values, positive, negative, wordStart, sampleName, ...rest } = input;
  const valueSource = values.map(shapeSource).join('|');
  const context = wordStart ? `(?<![A-Za-z])(?:${name})` : `(?:${name})`;
  const seed = [...input.id].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const envName = sampleName ?? input.envName;
  const camel = envName.toLowerCase().replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
  const first = values[0];
  const split = splitName(name);
  const kind = split && /[a-z]+/.exec(split.child)?.[0];
  return providerRule({
    ...rest,
    pattern: namedValue(context, valueSource),
    alsoMatch: split ? [nestedValue(split.parent, split.child, valueSource)] : undefined,
    keywordGate: input.keywordGate ?? assignmentGate(input.keywords, wordStart ? 'word' : false),
    minEntropy: input.minEntropy ?? 3.2,
    validate: input.validate ?? mixesLettersAndDigits,
    samples: {
      positive: () => [
        { text: `${envName}=${shapeSample(first, seed)}`, path: 'scripts/deploy.sh' },
        `const ${camel} = "${shapeSample(first, seed + 1)}";`,
        ...values.slice(1).map((shape, i) => ({ text: `${envName}: "${shapeSample(shape, seed + 2 + i)}"\n`, path: 'config/settings.yml' })),
        ...(split && kind
          ? [
              { text: `${input.keywords[0]}:\n  enabled: true\n  api_${kind}: ${shapeSample(first, seed + 5)}\n`, path: 'config/services.yml' },
              { text: `{\n  "${input.keywords[0]}": {\n    "client${kind[0].toUpperCase()}${kind.slice(1)}": "${shapeSample(first, seed + 6)}"\n  }\n}\n`, path: 'config/services.json' },
            ]
          : []),
        ...(positive?.() ?? []),
      ],
      negative: () => [
        { text: `${envName}=${shapeSample(first, 1, { fill: 'x' })}`, path: 'scripts/deploy.sh', reason: 'a masked filler of the right shape' },
        { text: `const checksum = "${shapeSample(first, seed + 3)}";`, reason: "the same shape without the provider's name is not this provider's key" },
        { text: `${envName}=${shapeSample(first, seed + 4).slice(1)}`, path: 'scripts/deploy.sh', reason: 'one character short of the format' },
        ...(split && kind
          ? [{ text: `${input.keywords[0]}:\n  enabled: true\n\nother:\n  api_${kind}: ${shapeSample(first, seed + 7)}\n`, path: 'config/services.yml', reason: "the key sits under another section, not the provider's" }]
          : []),
        ...(negative?.() ?? []),
      ],
    },
  });
}
