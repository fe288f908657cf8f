import type { Connection } from 'vscode-languageserver/node';
import { ENV_FILES_POLICIES, PATH_IN_TESTS_POLICIES, normalizeConfig, type Config, type EnvFilesPolicy, type PathInTestsPolicy, type RuleSetting } from '../engine';
import { SETTINGS_SECTION } from '../shared/protocol';
import { DEFAULT_TIME_BUDGET_MS } from '../shared/timeBudget';

// The `secureHygiene.*` settings, pulled with workspace/configuration (per workspace folder, so
// folder-scoped settings work) and turned into a config layer plus the server's own knobs.

export interface ServerSettings {
  enable: boolean;
  /** Delay between the last change and a re-scan. Opening a document scans at once. */
  debounceMs: number;
  /** The user's rules and excludes, as a config layer under the project's file. */
  config: Partial<Config>;
  /** Which .env the "Move secret to .env" fix writes to. */
  dotenvLocation: DotenvLocation;
  /** Milliseconds one document's scan may take before it is stopped and reported "not fully scanned"; 0: no limit. */
  timeBudgetMs: number;
  /** Reading the git history in the background (historyFacts.ts), and how many of the newest commits. */
  history: { enable: boolean; maxCommits: number };
  /** Problems with the settings, shown to the user once per change. */
  errors: string[];
}

export const DEFAULT_DEBOUNCE_MS = 150;
/** Newest commits the editor reads of a folder's history: about half a minute in the background on a busy laptop. */
export const DEFAULT_HISTORY_MAX_COMMITS = 10_000;

/** The categories `secureHygiene.severity` sets; each becomes a `category/*` rule setting. */
export const SEVERITY_CATEGORIES = ['secret', 'path', 'tls'] as const;
/** `default` keeps the built-in severity (a committed secret an error, an uncommitted one a warning). */
const CATEGORY_SEVERITIES: readonly (RuleSetting | 'default')[] = ['default', 'error', 'warning', 'info', 'hint', 'off'];

export type DotenvLocation = 'nearestManifest' | 'workspaceFolder';
const DOTENV_LOCATIONS: readonly DotenvLocation[] = ['nearestManifest', 'workspaceFolder'];

export function defaultSettings(): ServerSettings {
  return { enable: true, debounceMs: DEFAULT_DEBOUNCE_MS, timeBudgetMs: DEFAULT_TIME_BUDGET_MS, dotenvLocation: 'nearestManifest', config: {}, history: { enable: true, maxCommits: DEFAULT_HISTORY_MAX_COMMITS }, errors: [] };
}

export function parseSettings(raw: unknown): ServerSettings {
  const settings = defaultSettings();
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) return settings;
  const input = raw as Record<string, unknown>;
  if (typeof input.enable === 'boolean') settings.enable = input.enable;
  if (typeof input.debounceMs === 'number' && Number.isFinite(input.debounceMs) && input.debounceMs >= 0) {
    settings.debounceMs = input.debounceMs;
  } else if (input.debounceMs !== undefined) {
    settings.errors.push(`Setting ${SETTINGS_SECTION}.debounceMs must be a number of milliseconds (0 or more); using ${DEFAULT_DEBOUNCE_MS}`);
  }
  if (typeof input.timeBudgetMs === 'number' && Number.isFinite(input.timeBudgetMs) && input.timeBudgetMs >= 0) {
    settings.timeBudgetMs = input.timeBudgetMs;
  } else if (input.timeBudgetMs !== undefined) {
    settings.errors.push(`Setting ${SETTINGS_SECTION}.timeBudgetMs must be a number of milliseconds (0 for no limit); using ${DEFAULT_TIME_BUDGET_MS}`);
  }
  if (DOTENV_LOCATIONS.includes(input.dotenvLocation as DotenvLocation)) {
    settings.dotenvLocation = input.dotenvLocation as DotenvLocation;
  } else if (input.dotenvLocation !== undefined) {
    settings.errors.push(`Setting ${SETTINGS_SECTION}.dotenvLocation must be one of ${DOTENV_LOCATIONS.join(', ')}; using nearestManifest`);
  }
  const { config, errors } = normalizeConfig({ rules: input.rules ?? undefined, exclude: input.exclude ?? undefined }, `settings "${SETTINGS_SECTION}"`);
  // A rule named in `rules` wins over its category's severity (ruleSetting: exact id first).
  settings.config = { rules: { ...categoryRules(input.severity, settings.errors), ...config.rules }, exclude: config.exclude };
  settings.errors.push(...errors);
  if (ENV_FILES_POLICIES.includes(input.envFiles as EnvFilesPolicy)) {
    settings.config.envFiles = input.envFiles as EnvFilesPolicy;
  } else if (input.envFiles !== undefined) {
    settings.errors.push(`Setting ${SETTINGS_SECTION}.envFiles must be one of ${ENV_FILES_POLICIES.join(', ')}; using quietWhenIgnored`);
  }
  if (PATH_IN_TESTS_POLICIES.includes(input.pathInTests as PathInTestsPolicy)) {
    settings.config.pathInTests = input.pathInTests as PathInTestsPolicy;
  } else if (input.pathInTests !== undefined) {
    settings.errors.push(`Setting ${SETTINGS_SECTION}.pathInTests must be one of ${PATH_IN_TESTS_POLICIES.join(', ')}; using quiet`);
  }
  settings.history = historySettings(input.history, settings.errors);
  return settings;
}

/** `secureHygiene.history`: `{ enable, maxCommits }`. */
function historySettings(raw: unknown, errors: string[]): ServerSettings['history'] {
  const history = { enable: true, maxCommits: DEFAULT_HISTORY_MAX_COMMITS };
  if (raw === undefined || raw === null) return history;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push(`Setting ${SETTINGS_SECTION}.history must be an object such as { "enable": true, "maxCommits": 10000 }; ignored`);
    return history;
  }
  const input = raw as Record<string, unknown>;
  if (typeof input.enable === 'boolean') history.enable = input.enable;
  else if (input.enable !== undefined) errors.push(`Setting ${SETTINGS_SECTION}.history.enable must be true or false; using true`);
  if (typeof input.maxCommits === 'number' && Number.isInteger(input.maxCommits) && input.maxCommits > 0) history.maxCommits = input.maxCommits;
  else if (input.maxCommits !== undefined) errors.push(`Setting ${SETTINGS_SECTION}.history.maxCommits must be a whole number above 0; using ${DEFAULT_HISTORY_MAX_COMMITS}`);
  return history;
}

/** `secureHygiene.severity` ({ secret: 'info', tls: 'off' }) as `category/*` rule settings. */
function categoryRules(raw: unknown, errors: string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (raw === undefined || raw === null) return rules;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push(`Setting ${SETTINGS_SECTION}.severity must be an object such as { "secret": "error" }; ignored`);
    return rules;
  }
  for (const [category, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(SEVERITY_CATEGORIES as readonly string[]).includes(category)) {
      errors.push(`Setting ${SETTINGS_SECTION}.severity: unknown category (one of ${SEVERITY_CATEGORIES.join(', ')}); ignored`);
    } else if (!CATEGORY_SEVERITIES.includes(value as RuleSetting)) {
      errors.push(`Setting ${SETTINGS_SECTION}.severity.${category} must be one of ${CATEGORY_SEVERITIES.join(', ')}; ignored`);
    } else if (value !== 'default') {
      rules[`${category}/*`] = value as RuleSetting;
    }
  }
  return rules;
}

/** Pulls the settings for a scope (a folder uri, or undefined for files outside any folder). */
export async function pullSettings(connection: Connection, supported: boolean, scopeUri?: string): Promise<ServerSettings> {
  if (!supported) return defaultSettings();
  const raw: unknown = await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION });
  return parseSettings(raw);
}
