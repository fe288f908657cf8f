import type { Connection } from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../shared/protocol';

// The workspace scan's own settings, per workspace folder: its scope and size limits from the
// `secureHygiene` section, and the editor's `files.exclude` (VS Code's, which the user expects a
// workspace-wide tool to honour). Pulled together in one workspace/configuration request, apart
// from settings.ts so that the open-file path does not change when these do.

export type ScanScope = 'workspace' | 'openFiles';
const SCOPES: readonly ScanScope[] = ['workspace', 'openFiles'];

/**
 * Defaults measured on the bench's synthetic tree (6,631 files, 55 MiB; README, "Workspace scan"):
 * a folder within both limits is scanned at start without being asked.
 */
export const DEFAULT_MAX_FILES = 20_000;
export const DEFAULT_MAX_MEGABYTES = 200;
/** Files larger than this are not read (the CLI's default --max-file-size). */
export const WORKSPACE_MAX_FILE_SIZE = 1024 * 1024;

export interface WorkspaceScanSettings {
  scope: ScanScope;
  maxFiles: number;
  maxBytes: number;
  /** `files.exclude` globs whose value is `true` (conditional `when` entries are not honoured). */
  filesExclude: string[];
  errors: string[];
}

export function defaultWorkspaceScanSettings(): WorkspaceScanSettings {
  return { scope: 'workspace', maxFiles: DEFAULT_MAX_FILES, maxBytes: DEFAULT_MAX_MEGABYTES * 1024 * 1024, filesExclude: [], errors: [] };
}

/** A size limit as the log and the state show it: whole megabytes, or two digits below 10. */
export function megabytes(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return value >= 10 ? value.toFixed(0) : value.toPrecision(2);
}

const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** `files.exclude` as VS Code stores it: `{ "**\/.git": true, "**\/*.js": { "when": "$(basename).ts" } }`. */
export function filesExcludeGlobs(raw: unknown): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  // A leading `/` or `./` would not match our relative paths; VS Code reads both as the folder's top.
  return Object.entries(raw as Record<string, unknown>).filter(([, on]) => on === true).map(([glob]) => glob.replace(/^\.?\//, ''));
}

export function parseWorkspaceScanSettings(section: unknown, files: unknown): WorkspaceScanSettings {
  const settings = defaultWorkspaceScanSettings();
  const input = section !== null && typeof section === 'object' && !Array.isArray(section) ? (section as Record<string, unknown>) : {};
  if (SCOPES.includes(input.scanScope as ScanScope)) settings.scope = input.scanScope as ScanScope;
  else if (input.scanScope !== undefined) settings.errors.push(`Setting ${SETTINGS_SECTION}.scanScope must be one of ${SCOPES.join(', ')}; using workspace`);
  const limits = input.workspaceScan !== null && typeof input.workspaceScan === 'object' ? (input.workspaceScan as Record<string, unknown>) : {};
  if (isPositive(limits.maxFiles)) settings.maxFiles = Math.floor(limits.maxFiles);
  else if (limits.maxFiles !== undefined) settings.errors.push(`Setting ${SETTINGS_SECTION}.workspaceScan.maxFiles must be a positive number; using ${DEFAULT_MAX_FILES}`);
  if (isPositive(limits.maxMegabytes)) settings.maxBytes = limits.maxMegabytes * 1024 * 1024;
  else if (limits.maxMegabytes !== undefined) settings.errors.push(`Setting ${SETTINGS_SECTION}.workspaceScan.maxMegabytes must be a positive number; using ${DEFAULT_MAX_MEGABYTES}`);
  const filesSection = files !== null && typeof files === 'object' ? (files as Record<string, unknown>) : {};
  settings.filesExclude = filesExcludeGlobs(filesSection.exclude);
  return settings;
}

/** Pulls both sections for one folder (undefined: the defaults, for clients without workspace/configuration). */
export async function pullWorkspaceScanSettings(connection: Connection, supported: boolean, scopeUri: string): Promise<WorkspaceScanSettings> {
  if (!supported) return defaultWorkspaceScanSettings();
  const [section, files] = await connection.workspace.getConfiguration([{ scopeUri, section: SETTINGS_SECTION }, { scopeUri, section: 'files' }]) as unknown[];
  return parseWorkspaceScanSettings(section, files);
}
