import type { SecretRule } from './rules/secrets/rule';
import { builtInSecretRules } from './detectors/secrets';
import { detectSecrets } from './secrets/detect';
import { splitLines } from './text';

// Every secret that leaves the engine goes through here: a diagnostic, a log line, a report.

const ELLIPSIS = '…';

/**
 * Keeps enough of a secret to recognise it (a known provider prefix, or the first characters, and
 * the last four) and hides the rest. Short values reveal at most a quarter of their characters.
 */
export function maskSecret(value: string, knownPrefix = ''): string {
  const length = value.length;
  if (length <= 4) return ELLIPSIS;
  if (length < 16) {
    const visible = Math.floor(length / 4);
    const head = Math.ceil(visible / 2);
    return value.slice(0, head) + ELLIPSIS + value.slice(length - (visible - head));
  }
  const prefix = knownPrefix && value.startsWith(knownPrefix) && knownPrefix.length <= length / 2
    ? knownPrefix
    : value.slice(0, 4);
  return prefix + ELLIPSIS + value.slice(-4);
}

/** Replaces every occurrence of each secret in a piece of text (an excerpt, a log line). */
export function maskIn(text: string, secrets: Iterable<{ value: string; prefix?: string }>): string {
  let result = text;
  for (const { value, prefix } of secrets) {
    if (value.length === 0) continue;
    result = result.split(value).join(maskSecret(value, prefix));
  }
  return result;
}

export interface KnownSecret {
  value: string;
  prefix?: string;
}

/** Values the rules find that are shorter than this are not masked wherever they occur (they would hit ordinary words). */
const MIN_FOUND_LENGTH = 6;
/** A piece of a multi-line secret (a PEM body line) is masked on its own from this length. */
const MIN_PIECE_LENGTH = 12;

/**
 * Text safe to show anyone: an excerpt, a message, a log line. Every value the secret rules find
 * in it is masked, whatever happened to its finding (reported, suppressed, allowlisted, baselined,
 * or its rule turned off): the rules run here with no config at all, and as on a config file, so
 * unquoted values count too. The `known` secrets (the file's own detections) are masked as well,
 * including each line of one that spans lines. Masking more than needed is fine; less is a leak.
 */
export function maskSecretsIn(text: string, known: Iterable<KnownSecret> = [], rules: readonly SecretRule[] = builtInSecretRules): string {
  const secrets: KnownSecret[] = [];
  for (const secret of known) {
    if (secret.value.length === 0) continue;
    secrets.push(secret);
    if (/[\r\n]/.test(secret.value)) {
      for (const piece of splitLines(secret.value)) if (piece.trim().length >= MIN_PIECE_LENGTH) secrets.push({ value: piece.trim() });
    }
  }
  let prefixes: Map<string, string | undefined> | undefined;
  for (const detection of detectSecrets(text, rules, { kind: 'config' })) {
    if (!detection.secret || detection.secret.value.length < MIN_FOUND_LENGTH) continue;
    prefixes ??= new Map(rules.map((rule) => [rule.id, rule.prefix]));
    secrets.push({ value: detection.secret.value, prefix: prefixes.get(detection.ruleId) });
  }
  if (secrets.length === 0) return text;
  // Longest first, so that a secret holding another is masked whole.
  return maskIn(text, secrets.sort((a, b) => b.value.length - a.value.length));
}

/**
 * What a text masks to when a file detected no secret (the common case), by rule list: shared by
 * every scan, so that a document rescanned after each keystroke does not run the secret rules
 * again over the same messages and excerpts. Bounded: emptied when it grows past MAX_SHARED.
 */
const sharedMasks = new WeakMap<readonly SecretRule[], Map<string, string>>();
const MAX_SHARED = 20_000;

/**
 * One scan's masking: `maskSecretsIn` with the file's detections as the known secrets, each
 * distinct text (a line shared by several findings) masked once.
 */
export function masker(known: readonly KnownSecret[], rules: readonly SecretRule[] = builtInSecretRules): (text: string) => string {
  let done = new Map<string, string>();
  if (known.length === 0) {
    done = sharedMasks.get(rules) ?? done;
    if (done.size > MAX_SHARED) done.clear();
    sharedMasks.set(rules, done);
  }
  return (text) => {
    let safe = done.get(text);
    if (safe === undefined) {
      safe = maskSecretsIn(text, known, rules);
      done.set(text, safe);
    }
    return safe;
  };
}
