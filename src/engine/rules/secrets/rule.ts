import type { RuleMeta, Severity } from '../../types';
import type { RuleSamples } from '../samples';

/** A secret rule is data: metadata, a cheap keyword prefilter, a pattern and its own samples. */
export interface SecretRule extends RuleMeta {
  category: 'secret';
  /** Shown in messages: "Stripe secret key". */
  provider: string;
  /** Lower-case substrings; the pattern runs only on text that contains one of them. */
  keywords: string[];
  /** Matches the secret; the named group `secret` is the value (else the whole match). */
  pattern: RegExp;
  /** More shapes of the same secret (an XML element, a Dockerfile ENV line). */
  alsoMatch?: RegExp[];
  /**
   * Name-based rules: the pattern has a `name` group (the variable or key), the environment
   * variable is derived from it, and in code only quoted values count.
   */
  generic?: boolean;
  /**
   * A cheap condition every match needs, checked just past each occurrence of a keyword: a line
   * where it fails for every occurrence is not matched at all. It must never turn away a line the
   * patterns would match. `quotedOnly` is true for source code, where only quoted values count.
   */
  keywordGate?: (text: string, keywordEnd: number, quotedOnly: boolean) => boolean;
  /** Environment variable the "Move to .env" fix proposes. */
  envName: string;
  /** A public prefix kept visible when masking, e.g. `sk_live_`. */
  prefix?: string;
  /** Minimum Shannon entropy (bits/char) of the value; screens out words and repeated characters. */
  minEntropy?: number;
  /** A checksum or structural check the format defines. Return false to drop the match. */
  validate?: (secret: string) => boolean;
  /**
   * The pattern can match across lines (a PEM block, a JSON document), so it runs on the whole
   * text instead of only on the lines that hold a keyword. Inferred when the pattern mentions
   * a newline, a character class holding `\s` (such as `[\s\S]`), or the `s` flag.
   */
  spansLines?: boolean;
  /** For formats whose value can never be a placeholder word (private key blocks). */
  skipPlaceholderCheck?: boolean;
  samples: RuleSamples;
  /** `pattern` and `alsoMatch`, compiled global with indices; what the detector runs. */
  patterns: RegExp[];
}

export interface SecretRuleInput extends Omit<SecretRule, 'category' | 'cwe' | 'severity' | 'help' | 'patterns'> {
  severity?: Severity;
  help?: string;
  cwe?: string;
}

const DEFAULT_HELP = 'Hard-coded credentials can be read by anyone with the code; keep them in an environment variable loaded from a git-ignored .env, and rotate any key that was ever committed.';

function globalWithIndices(pattern: RegExp): RegExp {
  const flags = new Set([...pattern.flags, 'g', 'd']);
  return new RegExp(pattern.source, [...flags].join(''));
}

/**
 * The spans `[…]` of a pattern's source, each from a `[` to the next `]`: what `/\[[^\]]*\]/g`
 * found, as a scan (that pattern re-read the rest of the source from each `[` of an unclosed run).
 */
export function bracketSpans(source: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let open = source.indexOf('['); open !== -1; open = source.indexOf('[', open)) {
    const close = source.indexOf(']', open + 1);
    if (close === -1) break;
    spans.push({ start: open, end: close + 1 });
    open = close + 1;
  }
  return spans;
}

function mayCrossLines(pattern: RegExp): boolean {
  const source = pattern.source;
  return pattern.flags.includes('s') || /\\n|\\r/.test(source) || bracketSpans(source).some((span) => source.slice(span.start, span.end).includes('\\s'));
}

/** Fills in the defaults every secret rule shares and compiles its patterns. */
export function secretRule(input: SecretRuleInput): SecretRule {
  return {
    ...input,
    category: 'secret',
    cwe: input.cwe ?? 'CWE-798',
    severity: input.severity ?? 'warning',
    help: input.help ?? DEFAULT_HELP,
    patterns: [input.pattern, ...(input.alsoMatch ?? [])].map(globalWithIndices),
    spansLines: input.spansLines ?? [input.pattern, ...(input.alsoMatch ?? [])].some(mayCrossLines),
  };
}
