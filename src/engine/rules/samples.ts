// Builds fake secrets at test time, so that no whole token ever sits in this repository where a
// push-protection scanner would (rightly) block it. Deterministic: the same seed, the same value.

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const BASE64 = ALNUM + '+/';
export const BASE64URL = ALNUM + '-_';

/** A pseudo-random string over `alphabet`; the same seed gives the same string. */
export function synth(alphabet: string, length: number, seed = 1): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    // xorshift32: small, fast and good enough to look random to an entropy check.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** Joins parts so that a prefix and its body never appear side by side in the source. */
export function join(...parts: string[]): string {
  return parts.join('');
}

export interface PositiveSample {
  text: string;
  /** File the sample pretends to live in; decides language and file kind. Defaults to sample.ts. */
  path?: string;
}

export interface NegativeSample extends PositiveSample {
  /** Why this must not be reported: the one-line justification the rule's tests carry. */
  reason: string;
}

export interface RuleSamples {
  positive: () => (string | PositiveSample)[];
  negative: () => NegativeSample[];
}
