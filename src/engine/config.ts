import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from './types';

// `.secure-hygiene.json` (JSON with comments) and the `secureHygiene.*` settings, in one shape.
// Parsing never throws: a bad file yields the defaults plus errors the caller shows to the user.

export type RuleSetting = Severity | 'off';

export interface CustomPattern {
  id: string;
  title: string;
  pattern: string;
  keywords?: string[];
  envName?: string;
  severity?: Severity;
}

export interface Config {
  /** Rule id or category wildcard (`secret/*`) to `off` or a severity. */
  rules: Record<string, RuleSetting>;
  /** Globs (minimatch, relative to the root) of files never scanned. */
  exclude: string[];
  allowlist: {
    /** Exact values that are not secrets (test fixtures, public keys). */
    values: string[];
    /** Globs of files whose secret findings are accepted. */
    paths: string[];
    /** Regular expressions; a matching value is not reported. Not run in untrusted workspaces. */
    patterns: string[];
  };
  /** Project-specific secret formats. Not run in untrusted workspaces. */
  customPatterns: CustomPattern[];
  /** Functions the team wrote that make a path safe (`safeJoin`, `sanitizePath`). */
  pathSanitizers: string[];
  /** Baseline file, relative to the root. */
  baseline: string;
}

export interface ConfigResult {
  config: Config;
  errors: string[];
}

export const DEFAULT_BASELINE = '.secure-hygiene-baseline.json';
export const CONFIG_FILE_NAME = '.secure-hygiene.json';

export function defaultConfig(): Config {
  return {
    rules: {},
    exclude: [],
    allowlist: { values: [], paths: [], patterns: [] },
    customPatterns: [],
    pathSanitizers: [],
    baseline: DEFAULT_BASELINE,
  };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export function parseConfig(text: string, source = CONFIG_FILE_NAME): ConfigResult {
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    return { config: defaultConfig(), errors: [`${source}:${line}: ${printParseErrorCode(first.error)}; using the defaults`] };
  }
  return normalizeConfig(raw, source);
}

/** Checks each field on its own so that one bad entry does not throw the rest away. */
export function normalizeConfig(raw: unknown, source: string): ConfigResult {
  const config = defaultConfig();
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, errors: [`${source}: expected an object at the top level`] };
  }
  const input = raw as Record<string, unknown>;
  const strings = (value: unknown, field: string): string[] => {
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    errors.push(`${source}: "${field}" must be an array of strings`);
    return [];
  };

  if (input.rules !== undefined) {
    if (typeof input.rules === 'object' && input.rules && !Array.isArray(input.rules)) {
      for (const [id, setting] of Object.entries(input.rules)) {
        if (typeof setting === 'string' && SEVERITIES.has(setting)) config.rules[id] = setting as RuleSetting;
        else errors.push(`${source}: rule "${id}" must be one of off, error, warning, info, hint`);
      }
    } else {
      errors.push(`${source}: "rules" must be an object of rule id to severity`);
    }
  }
  config.exclude = strings(input.exclude, 'exclude');
  config.pathSanitizers = strings(input.pathSanitizers, 'pathSanitizers');
  const allowlist = (input.allowlist ?? {}) as Record<string, unknown>;
  config.allowlist = {
    values: strings(allowlist.values, 'allowlist.values'),
    paths: strings(allowlist.paths, 'allowlist.paths'),
    patterns: strings(allowlist.patterns, 'allowlist.patterns').filter((pattern) => {
      const ok = compiles(pattern);
      if (!ok) errors.push(`${source}: allowlist pattern /${pattern}/ is not a valid regular expression`);
      return ok;
    }),
  };
  if (typeof input.baseline === 'string') config.baseline = input.baseline;
  else if (input.baseline !== undefined) errors.push(`${source}: "baseline" must be a path`);

  if (input.customPatterns !== undefined) {
    if (!Array.isArray(input.customPatterns)) errors.push(`${source}: "customPatterns" must be an array`);
    else for (const entry of input.customPatterns) {
      const custom = entry as Partial<CustomPattern>;
      if (typeof custom?.id !== 'string' || typeof custom.pattern !== 'string') {
        errors.push(`${source}: each custom pattern needs an "id" and a "pattern"`);
      } else if (!compiles(custom.pattern)) {
        errors.push(`${source}: custom pattern "${custom.id}" is not a valid regular expression`);
      } else {
        config.customPatterns.push({
          id: custom.id.includes('/') ? custom.id : `secret/custom-${custom.id}`,
          title: typeof custom.title === 'string' ? custom.title : custom.id,
          pattern: custom.pattern,
          keywords: Array.isArray(custom.keywords) ? custom.keywords.map(String) : undefined,
          envName: typeof custom.envName === 'string' ? custom.envName : undefined,
          severity: custom.severity && SEVERITIES.has(custom.severity) ? custom.severity : undefined,
        });
      }
    }
  }
  return { config, errors };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * Layers configs: later wins for rule settings and the baseline path, lists are concatenated.
 * The user's editor settings come first, the project's file last.
 */
export function mergeConfigs(...layers: Partial<Config>[]): Config {
  const merged = defaultConfig();
  for (const layer of layers) {
    Object.assign(merged.rules, layer.rules ?? {});
    merged.exclude.push(...(layer.exclude ?? []));
    merged.pathSanitizers.push(...(layer.pathSanitizers ?? []));
    merged.customPatterns.push(...(layer.customPatterns ?? []));
    if (layer.allowlist) {
      merged.allowlist.values.push(...(layer.allowlist.values ?? []));
      merged.allowlist.paths.push(...(layer.allowlist.paths ?? []));
      merged.allowlist.patterns.push(...(layer.allowlist.patterns ?? []));
    }
    if (layer.baseline) merged.baseline = layer.baseline;
  }
  return merged;
}

/** In an untrusted workspace, nothing the workspace wrote gets to run as a regular expression. */
export function withoutWorkspaceCode(config: Config): Config {
  return { ...config, customPatterns: [], allowlist: { ...config.allowlist, patterns: [] } };
}

/** `off` or a severity for a rule: an exact id wins over `category/*`, which wins over `*`. */
export function ruleSetting(config: Config, ruleId: string): RuleSetting | undefined {
  const category = ruleId.slice(0, ruleId.indexOf('/'));
  return config.rules[ruleId] ?? config.rules[`${category}/*`] ?? config.rules['*'];
}
