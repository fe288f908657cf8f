import { bracketSpans, secretRule, type SecretRule, type SecretRuleInput } from '../rule';
import { ALNUM, BASE64, BASE64URL, HEX, LOWER_ALNUM, UPPER_ALNUM, synth, type NegativeSample, type PositiveSample } from '../../samples';

// Helpers that keep the provider files short: most provider tokens are a fixed prefix and one or
// more random parts, so the pattern and the samples can both be derived from one description.

/** The rule-specific text of a rule's documentation page (docs/rules/secret/<name>.md). */
export interface RuleDoc {
  /** What the value looks like, in words; never a whole token. */
  format: string;
  /** Where the provider lets you revoke or rotate it. */
  rotate?: string;
  /** What the rule deliberately does not report, and other precision notes. */
  notes?: string;
}

export type DocumentedRule = SecretRule & { doc: RuleDoc };

/** Only a pattern written to cross lines (`[\s\S]`, an explicit newline) runs on the whole text. */
function crossesLines(pattern: RegExp): boolean {
  const source = pattern.source;
  let outsideClasses = '';
  let at = 0;
  for (const span of bracketSpans(source)) {
    outsideClasses += source.slice(at, span.start);
    at = span.end;
  }
  outsideClasses += source.slice(at);
  return source.includes('[\\s\\S]') || /\\r\?\\n|\\n/.test(outsideClasses);
}

export function providerRule(input: SecretRuleInput & { doc: RuleDoc }): DocumentedRule {
  const patterns = [input.pattern, ...(input.alsoMatch ?? [])];
  return secretRule({ ...input, spansLines: input.spansLines ?? patterns.some(crossesLines) }) as DocumentedRule;
}

/** A character set: what samples draw from and the regex class that accepts it. */
export interface Charset {
  chars: string;
  cls: string;
}

export const CS = {
  alnum: { chars: ALNUM, cls: 'A-Za-z0-9' },
  lower: { chars: LOWER_ALNUM, cls: 'a-z0-9' },
  upper: { chars: UPPER_ALNUM, cls: 'A-Z0-9' },
  letters: { chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', cls: 'A-Za-z' },
  hex: { chars: HEX, cls: '0-9a-f' },
  hexAny: { chars: HEX + 'ABCDEF', cls: '0-9a-fA-F' },
  digits: { chars: '0123456789', cls: '0-9' },
  b64url: { chars: BASE64URL, cls: '\\w-' },
  b64: { chars: BASE64, cls: 'A-Za-z0-9+/' },
} satisfies Record<string, Charset>;

/** A literal piece of the token, or a random run: [charset, length] or [charset, min, max]. */
export type Piece = string | [Charset, number] | [Charset, number, number];

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Regex source for a token shape, e.g. ['glpat-', [CS.b64url, 20]] -> glpat-[\w-]{20}. */
export function shapeSource(shape: readonly Piece[]): string {
  return shape
    .map((piece) => {
      if (typeof piece === 'string') return escape(piece);
      const [charset, min, max] = piece;
      return `[${charset.cls}]{${max === undefined ? min : `${min},${max}`}}`;
    })
    .join('');
}

/** A token of this shape; `fill` replaces the random parts (a placeholder), `scale` shortens them. */
export function shapeSample(shape: readonly Piece[], seed: number, options: { fill?: string; scale?: number } = {}): string {
  let out = '';
  shape.forEach((piece, index) => {
    if (typeof piece === 'string') {
      out += piece;
      return;
    }
    const [charset, min] = piece;
    const length = Math.max(1, Math.floor(min * (options.scale ?? 1)));
    out += options.fill ? options.fill.repeat(length) : synth(charset.chars, length, seed * 31 + index);
  });
  return out;
}

export interface TokenRuleInput extends Omit<SecretRuleInput, 'pattern' | 'samples' | 'keywords' | 'prefix'> {
  /** The token's pieces; the first literal piece is its public prefix. */
  shape: readonly Piece[];
  /** Other accepted shapes (older formats); each also gets a positive sample. */
  moreShapes?: readonly (readonly Piece[])[];
  keywords?: string[];
  prefix?: string;
  doc: RuleDoc;
  /** Extra, rule-specific samples beside the derived ones. */
  positive?: () => (string | PositiveSample)[];
  negative?: () => NegativeSample[];
}

const START = String.raw`(?<![\w-])`;
const END = String.raw`(?![\w-])`;

function fillFor(shape: readonly Piece[]): string {
  const source = `^${shapeSource(shape)}$`;
  for (const fill of ['x', 'X', '0']) {
    if (new RegExp(source).test(shapeSample(shape, 1, { fill }))) return fill;
  }
  return 'x';
}

/**
 * A rule for a prefixed token. Its pattern is anchored on the prefix and bounded on both sides,
 * and it carries derived samples (the token in code and in YAML; a masked filler and a truncated
 * token that must stay silent) plus whatever samples the rule adds.
 */
export function tokenRule(input: TokenRuleInput): DocumentedRule {
  const { shape, moreShapes = [], positive, negative, ...rest } = input;
  const shapes = [shape, ...moreShapes];
  const firstLiteral = (s: readonly Piece[]) => (typeof s[0] === 'string' ? s[0] : '');
  const keywords = input.keywords ?? [...new Set(shapes.map((s) => firstLiteral(s).toLowerCase()).filter(Boolean))];
  const body = shapes.map(shapeSource).join('|');
  const pattern = new RegExp(`${START}(?<secret>${body})${END}`);
  const seedBase = [...input.id].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return providerRule({
    ...rest,
    keywords,
    pattern,
    prefix: input.prefix ?? firstLiteral(shape),
    minEntropy: input.minEntropy ?? 3,
    samples: {
      positive: () => [
        `const token = "${shapeSample(shape, seedBase)}";`,
        { text: `${input.envName}: ${shapeSample(shape, seedBase + 1)}\n`, path: 'config/deploy.yml' },
        ...moreShapes.map((s, i) => ({ text: `${input.envName}=${shapeSample(s, seedBase + 2 + i)}`, path: 'scripts/run.sh' })),
        ...(positive?.() ?? []),
      ],
      negative: () => [
        { text: `const token = "${shapeSample(shape, 1, { fill: fillFor(shape) })}";`, reason: 'a masked filler of the right shape, as in documentation' },
        { text: `const token = "${shapeSample(shape, seedBase, { scale: 0.5 })}";`, reason: 'too short for this format: a truncated or made-up value' },
        ...(negative?.() ?? []),
      ],
    },
  });
}

/**
 * A value recognisable only by what it is called: `<context words>...<name> = <value>`. The
 * context word must be on the same line (it is also the keyword that gates the rule). The name may
 * close with a quote and a bracket, as a subscript does: `config['stripe_key'] = …`.
 */
export function namedValue(context: string, value: string): RegExp {
  return new RegExp(
    String.raw`(?:${context})[\w.-]{0,40}?["'\]]{0,2}\s*(?::=|=>|=|:)\s*["'\`]?(?<secret>${value})(?![\w-])`,
    'i',
  );
}
