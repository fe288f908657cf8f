import type { Config, CustomPattern } from '../config';
import type { Detector } from './detector';
import { secretRule, type SecretRule } from '../rules/secrets/rule';
import { providerRules } from '../rules/secrets/providers';
import { genericRules } from '../rules/secrets/generic';
import { detectSecrets } from '../secrets/detect';

/** Built-in secret rules: providers first, so that a specific match wins over a generic one. */
export const builtInSecretRules: readonly SecretRule[] = [...providerRules, ...genericRules];

const compiled = new WeakMap<Config, { rules: SecretRule[]; allowedValues: Set<string>; allowedPatterns: RegExp[] }>();

function customRule(custom: CustomPattern): SecretRule {
  return secretRule({
    id: custom.id,
    title: custom.title,
    provider: custom.title,
    keywords: (custom.keywords ?? ['']).map((keyword) => keyword.toLowerCase()),
    pattern: new RegExp(custom.pattern),
    envName: custom.envName ?? 'SECRET',
    severity: custom.severity,
    samples: { positive: () => [], negative: () => [] },
  });
}

/** Rules and allowlists compiled once per config object, not once per file. */
function prepared(config: Config) {
  let entry = compiled.get(config);
  if (!entry) {
    entry = {
      rules: [...builtInSecretRules.slice(0, providerRules.length), ...config.customPatterns.map(customRule), ...genericRules],
      allowedValues: new Set(config.allowlist.values),
      allowedPatterns: config.allowlist.patterns.map((pattern) => new RegExp(pattern)),
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
  detect: ({ text, kind, config }) => {
    const { rules, allowedValues, allowedPatterns } = prepared(config);
    return detectSecrets(text, rules, { kind, allowedValues, allowedPatterns });
  },
};
