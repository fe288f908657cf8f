import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from './text';
import { compileUserPattern } from './userPatterns';
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
  /**
   * Secrets in a `.env` that git does not track (untracked or ignored): `quietWhenIgnored` (the
   * default) leaves them alone, that is where secrets belong; `alwaysReport` reports them too, for
   * teams that keep no secret in any file. A tracked `.env` is reported either way. Unset: the
   * default, so that a project file that does not say leaves the user's setting in force.
   */
  envFiles?: EnvFilesPolicy;
  /**
   * Path findings in test code (`test/`, `*.test.ts`, `test_*.py`, `*_spec.rb`, ...): `quiet` (the
   * default) leaves them out, tests do not serve requests; `report` reports them like any code.
   * Unset: the default, so that a project file that does not say leaves the user's setting in force.
   */
  pathInTests?: PathInTestsPolicy;
}

export type EnvFilesPolicy = 'quietWhenIgnored' | 'alwaysReport';
export const ENV_FILES_POLICIES: readonly EnvFilesPolicy[] = ['quietWhenIgnored', 'alwaysReport'];
export type PathInTestsPolicy = 'quiet' | 'report';
export const PATH_IN_TESTS_POLICIES: readonly PathInTestsPolicy[] = ['quiet', 'report'];

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

/** A JSON path into the config: `['customPatterns', 2, 'pattern']`. */
export type ConfigPath = (string | number)[];
/** `line:column` (1-based) of the value at a path in the config's text, when the caller has the text. */
export type ConfigLocator = (path: ConfigPath) => string | undefined;

const BOM = '\uFEFF';

/**
 * Errors name the setting and where it is, never a string the config holds: the config carries
 * allowlisted values and secret patterns, and its errors are printed, logged and shown in popups.
 */
export function parseConfig(text: string, source = CONFIG_FILE_NAME): ConfigResult {
  // Editors on Windows save JSON with a byte order mark; it is not part of the document.
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(body);
  const at = (offset: number) => {
    const position = lines.positionAt(offset);
    return `${position.line + 1}:${position.character + 1}`;
  };
  if (errors.length > 0) {
    const first = errors[0];
    return { config: defaultConfig(), errors: [`${source}:${at(first.offset)}: ${printParseErrorCode(first.error)}; using the defaults`] };
  }
  const locate: ConfigLocator = (path) => {
    const node = tree && findNodeAtLocation(tree, path);
    return node ? at(node.offset) : undefined;
  };
  return normalizeConfig(tree ? getNodeValue(tree) : undefined, source, locate);
}

/**
 * A rule or pattern id is shown when it reads like one (`secret/aws-access-key-id`, `acme`): word
 * segments of letters with at most a short number. Anything else, a token pasted by mistake
 * included, is named by its place only.
 */
function safeId(id: string): string | undefined {
  if (id === '*' || id.length > 60) return id === '*' ? id : undefined;
  const segments = id.split(/[/_.-]/);
  const wordLike = segments.every((segment) => segment === '*' || (segment.length <= 20 && /^(?:[A-Za-z]+\d{0,3}|\d{1,4})$/.test(segment) && (segment.match(/[a-z][A-Z]/g) ?? []).length <= 2));
  return wordLike ? id : undefined;
}

/** `customPatterns[2].pattern` */
function pathName(path: ConfigPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** Checks each field on its own so that one bad entry does not throw the rest away. */
export function normalizeConfig(raw: unknown, source: string, locate: ConfigLocator = () => undefined): ConfigResult {
  const config = defaultConfig();
  const errors: string[] = [];
  /** `source:line:column: "setting" message`, the position only when the text is known. */
  const report = (path: ConfigPath, message: string, shown: ConfigPath = path) => {
    const position = locate(path);
    errors.push(`${source}${position ? `:${position}` : ''}: ${shown.length ? `"${pathName(shown)}" ` : ''}${message}`);
  };
  if (raw === undefined || raw === null) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    report([], 'expected an object at the top level; using the defaults');
    return { config, errors };
  }
  const input = raw as Record<string, unknown>;
  const strings = (value: unknown, path: ConfigPath): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      report(path, 'must be an array of strings; ignored');
      return [];
    }
    value.forEach((item, index) => {
      if (typeof item !== 'string') report([...path, index], 'must be a string; ignored');
    });
    return value.filter((item): item is string => typeof item === 'string');
  };

  if (input.rules !== undefined) {
    if (typeof input.rules === 'object' && input.rules && !Array.isArray(input.rules)) {
      Object.entries(input.rules).forEach(([id, setting], index) => {
        if (typeof setting === 'string' && SEVERITIES.has(setting)) config.rules[id] = setting as RuleSetting;
        // The key is named only when it looks like a rule id: the setting's value is never quoted.
        else report(['rules', id], `entry ${index + 1}${safeId(id) ? ` (rule ${id})` : ''} must be one of off, error, warning, info, hint; ignored`, ['rules']);
      });
    } else {
      report(['rules'], 'must be an object of rule id to severity; ignored');
    }
  }
  config.exclude = strings(input.exclude, ['exclude']);
  config.pathSanitizers = strings(input.pathSanitizers, ['pathSanitizers']);
  let allowlist: Record<string, unknown> = {};
  if (typeof input.allowlist === 'object' && input.allowlist && !Array.isArray(input.allowlist)) allowlist = input.allowlist as Record<string, unknown>;
  else if (input.allowlist !== undefined) report(['allowlist'], 'must be an object with "values", "paths" and "patterns"; ignored');
  const allowPatterns = strings(allowlist.patterns, ['allowlist', 'patterns']);
  config.allowlist = {
    values: strings(allowlist.values, ['allowlist', 'values']),
    paths: strings(allowlist.paths, ['allowlist', 'paths']),
    patterns: allowPatterns.filter((pattern) => {
      const problem = patternProblem(pattern);
      // The index among the array's entries, as the file has them (non-strings included).
      if (problem) report(['allowlist', 'patterns', (allowlist.patterns as unknown[]).indexOf(pattern)], `${problem}; this pattern is not used`);
      return !problem;
    }),
  };
  if (typeof input.baseline === 'string') config.baseline = input.baseline;
  else if (input.baseline !== undefined) report(['baseline'], 'must be a path; using the default');
  if (ENV_FILES_POLICIES.includes(input.envFiles as EnvFilesPolicy)) config.envFiles = input.envFiles as EnvFilesPolicy;
  else if (input.envFiles !== undefined) report(['envFiles'], `must be one of ${ENV_FILES_POLICIES.join(', ')}; using the default, quietWhenIgnored`);
  if (PATH_IN_TESTS_POLICIES.includes(input.pathInTests as PathInTestsPolicy)) config.pathInTests = input.pathInTests as PathInTestsPolicy;
  else if (input.pathInTests !== undefined) report(['pathInTests'], `must be one of ${PATH_IN_TESTS_POLICIES.join(', ')}; using the default, quiet`);

  if (input.customPatterns !== undefined) {
    if (!Array.isArray(input.customPatterns)) report(['customPatterns'], 'must be an array; ignored');
    else input.customPatterns.forEach((entry, index) => {
      const custom = entry as Partial<CustomPattern>;
      const problem = typeof custom?.id !== 'string' || typeof custom.pattern !== 'string' ? undefined : patternProblem(custom.pattern);
      if (typeof custom?.id !== 'string' || typeof custom.pattern !== 'string') {
        report(['customPatterns', index], 'needs an "id" and a "pattern" (strings); this entry is not used');
      } else if (problem) {
        const id = safeId(custom.id);
        report(['customPatterns', index, 'pattern'], `${id ? `(id ${id}) ` : ''}${problem}; this pattern is not used`);
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
    });
  }
  return { config, errors };
}

/** Why RE2 cannot run a user's pattern ("... at character 4"), or undefined when it can. */
function patternProblem(pattern: string): string | undefined {
  const compiled = compileUserPattern(pattern);
  if (compiled.ok) return undefined;
  return `${compiled.reason}${compiled.column ? ` at character ${compiled.column} of the pattern` : ''}`;
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
    if (layer.envFiles) merged.envFiles = layer.envFiles;
    if (layer.pathInTests) merged.pathInTests = layer.pathInTests;
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
