import type { Config, CustomPattern } from '../config';
import type { Detector } from './detector';
import { secretRule, type SecretRule } from '../rules/secrets/rule';
import { providerRules } from '../rules/secrets/providers';
import { genericRules } from '../rules/secrets/generic';
import { detectSecrets } from '../secrets/detect';
import { SegmentCache } from '../secrets/segmentCache';
import type { FileKind } from '../fileKind';
import { userRegex } from '../userPatterns';

/**
 * Set (to true) in a DetectorInput.state that lives for one scan only: nothing is worth
 * remembering in it. A state the caller keeps between scans of a document gets a segment cache.
 */
export const ONE_SHOT_STATE = 'scan.oneShot';
const CACHE_KEY = 'secrets.segments';

interface KeptState {
  prepared: ReturnType<typeof prepared>;
  kind: FileKind;
  cache: SegmentCache;
}

/** The document's segment cache, started afresh when the rules or the file kind changed. */
function segmentCache(state: Map<string, unknown>, entry: ReturnType<typeof prepared>, kind: FileKind): SegmentCache | undefined {
  if (state.get(ONE_SHOT_STATE) === true) return undefined;
  const kept = state.get(CACHE_KEY) as KeptState | undefined;
  if (kept && kept.prepared === entry && kept.kind === kind) return kept.cache;
  const fresh: KeptState = { prepared: entry, kind, cache: new SegmentCache() };
  state.set(CACHE_KEY, fresh);
  return fresh.cache;
}

/** Built-in secret rules: providers first, so that a specific match wins over a generic one. */
export const builtInSecretRules: readonly SecretRule[] = [...providerRules, ...genericRules];

const compiled = new WeakMap<Config, { rules: SecretRule[]; allowedValues: Set<string>; allowedPatterns: { test(value: string): boolean }[] }>();

/**
 * A user's pattern becomes a rule like the built-in ones, but its pattern runs on RE2 (linear
 * time). normalizeConfig already refused the patterns RE2 cannot compile, with an error naming
 * them; one that still fails here (a config built by hand) yields no rule rather than a throw.
 */
function customRule(custom: CustomPattern): SecretRule | undefined {
  const regex = userRegex(custom.pattern);
  if (!regex) return undefined;
  const pattern = regex as unknown as RegExp;
  const rule = secretRule({
    id: custom.id,
    title: custom.title,
    provider: custom.title,
    keywords: (custom.keywords ?? ['']).map((keyword) => keyword.toLowerCase()),
    // secretRule would compile this on V8; the real pattern is swapped in just below.
    pattern: /(?!)/,
    envName: custom.envName ?? 'SECRET',
    severity: custom.severity,
    samples: { positive: () => [], negative: () => [] },
  });
  // Multi-line when it can match a line break (`\n`, `\s`, `(?s)`); otherwise matched a line at a time.
  return { ...rule, pattern, patterns: [pattern], spansLines: /\\[nrsS]|\(\?[a-zA-Z]*s/.test(custom.pattern) };
}

/** Rules and allowlists compiled once per config object, not once per file. */
function prepared(config: Config) {
  let entry = compiled.get(config);
  if (!entry) {
    entry = {
      rules: [...builtInSecretRules.slice(0, providerRules.length), ...config.customPatterns.flatMap((custom) => customRule(custom) ?? []), ...genericRules],
      allowedValues: new Set(config.allowlist.values),
      allowedPatterns: config.allowlist.patterns.flatMap((pattern) => userRegex(pattern) ?? []),
    };
    compiled.set(config, entry);
  }
  return entry;
}

export function secretRulesFor(config: Config): readonly SecretRule[] {
  return prepared(config).rules;
}

export const secretDetector: Detector = {
  name: 'secrets',
  rules: (config) => secretRulesFor(config),
  wants: ({ kind }) => kind !== 'skip',
  detect: ({ text, kind, config, state, keywords }) => {
    const entry = prepared(config);
    const { rules, allowedValues, allowedPatterns } = entry;
    const pass = keywords?.();
    const lineStarts = pass?.secretRules === rules ? pass.secretLines : undefined;
    return detectSecrets(text, rules, { kind, allowedValues, allowedPatterns, lineStarts, cache: segmentCache(state, entry, kind) });
  },
};

/**
 * The values the allowlist kept out of a file's findings (with every other value the rules find):
 * not reported, but still masked wherever a line of the file is shown. Runs the secret pass again,
 * so only for files that have findings and a project that has an allowlist.
 */
export function valuesAllowlistedIn(text: string, kind: FileKind, config: Config): string[] {
  const { rules, allowedValues, allowedPatterns } = prepared(config);
  if (allowedValues.size === 0 && allowedPatterns.length === 0) return [];
  return detectSecrets(text, rules, { kind }).flatMap((detection) => (detection.secret ? [detection.secret.value] : []));
}
