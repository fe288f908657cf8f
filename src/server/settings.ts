import type { Connection } from 'vscode-languageserver/node';
import { normalizeConfig, type Config } from '../engine';
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
  /** Problems with the settings, shown to the user once per change. */
  errors: string[];
}

export const DEFAULT_DEBOUNCE_MS = 150;

export type DotenvLocation = 'nearestManifest' | 'workspaceFolder';
const DOTENV_LOCATIONS: readonly DotenvLocation[] = ['nearestManifest', 'workspaceFolder'];

export function defaultSettings(): ServerSettings {
  return { enable: true, debounceMs: DEFAULT_DEBOUNCE_MS, timeBudgetMs: DEFAULT_TIME_BUDGET_MS, dotenvLocation: 'nearestManifest', config: {}, errors: [] };
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
  settings.config = { rules: config.rules, exclude: config.exclude };
  settings.errors.push(...errors);
  return settings;
}

/** Pulls the settings for a scope (a folder uri, or undefined for files outside any folder). */
export async function pullSettings(connection: Connection, supported: boolean, scopeUri?: string): Promise<ServerSettings> {
  if (!supported) return defaultSettings();
  const raw: unknown = await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION });
  return parseSettings(raw);
}
