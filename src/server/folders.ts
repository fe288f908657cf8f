import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import {
  baselineFingerprints, CONFIG_FILE_NAME, maskSecretsIn, mergeConfigs, parseBaseline, parseConfig, withoutWorkspaceCode, type Config,
} from '../engine';
import { loadGitFacts, type GitFacts } from '../shared/git';
import type { MaskedLog, WorkspaceFolderInfo } from './features';
import { defaultSettings, pullSettings, type ServerSettings } from './settings';

// Everything the server knows per workspace folder: the user's settings for it, the project's
// `.secure-hygiene.json`, its baseline, the effective config, and git's facts. Each part reloads
// on its own (a settings change, a config or baseline file change, a git index change).

export interface FolderState {
  /** Undefined for the pseudo-folder of files outside every workspace folder. */
  info: WorkspaceFolderInfo | undefined;
  settings: ServerSettings;
  /** The project's file, or undefined when there is none. */
  projectConfig: Partial<Config> | undefined;
  /** Settings and project file merged (and stripped of workspace code when untrusted). */
  config: Config;
  baseline: ReadonlySet<string>;
  git: GitFacts | undefined;
  /** Problems found at the last load of each part, and those already shown to the user. */
  projectErrors: string[];
  baselineErrors: string[];
  shownErrors: Set<string>;
}

export interface FoldersOptions {
  connection: Connection;
  trusted: boolean;
  configurationSupported: boolean;
  /**
   * Resolves once the client has sent `initialized`: a client (VS Code's among them) may refuse
   * `workspace/configuration` before that, so settings are never pulled earlier.
   */
  clientReady: Promise<void>;
  log: MaskedLog;
}

export function folderInfo(folder: WorkspaceFolder): WorkspaceFolderInfo {
  return { uri: folder.uri, name: folder.name, fsPath: fileURLToPath(folder.uri) };
}

const withSlash = (uri: string) => (uri.endsWith('/') ? uri : `${uri}/`);

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

export class Folders {
  private readonly states = new Map<string, Promise<FolderState>>();
  private outside: Promise<FolderState> | undefined;

  constructor(private readonly options: FoldersOptions) {}

  /** The workspace folders, longest uri first so that nested folders win. */
  list(): WorkspaceFolderInfo[] {
    return [...this.infos.values()].sort((a, b) => b.uri.length - a.uri.length);
  }

  private readonly infos = new Map<string, WorkspaceFolderInfo>();

  add(folder: WorkspaceFolder): void {
    const info = folderInfo(folder);
    this.infos.set(info.uri, info);
    this.states.set(info.uri, this.load(info));
  }

  remove(uri: string): void {
    this.infos.delete(uri);
    this.states.delete(uri);
  }

  folderFor(uri: string): WorkspaceFolderInfo | undefined {
    return this.list().find((folder) => uri.startsWith(withSlash(folder.uri)));
  }

  /** Resolves once the folder holding `uri` (or the outside pseudo-folder) has loaded. */
  stateFor(uri: string): Promise<FolderState> {
    const folder = this.folderFor(uri);
    if (folder) return this.states.get(folder.uri)!;
    this.outside ??= this.load(undefined);
    return this.outside;
  }

  all(): Promise<FolderState>[] {
    return [...this.states.values(), ...(this.outside ? [this.outside] : [])];
  }

  private async load(info: WorkspaceFolderInfo | undefined): Promise<FolderState> {
    const state: FolderState = {
      info,
      settings: defaultSettings(),
      projectConfig: undefined,
      config: mergeConfigs(),
      baseline: new Set(),
      git: undefined,
      projectErrors: [],
      baselineErrors: [],
      shownErrors: new Set(),
    };
    const [, , git] = await Promise.all([
      this.loadSettings(state),
      this.loadProjectConfig(state),
      info ? loadGitFacts(info.fsPath) : Promise.resolve(undefined),
    ]);
    state.git = git;
    this.recompute(state);
    await this.loadBaseline(state);
    this.report(state);
    if (info) this.options.log.info(`Folder ${info.name}: ${git ? `git repository at ${git.root}` : 'no git repository'}${state.projectConfig ? `, ${CONFIG_FILE_NAME} loaded` : ''}`);
    return state;
  }

  private async loadSettings(state: FolderState): Promise<void> {
    try {
      await this.options.clientReady;
      state.settings = await pullSettings(this.options.connection, this.options.configurationSupported, state.info?.uri);
    } catch (error) {
      this.options.log.error('Could not read the secureHygiene settings; using the defaults', error);
      state.settings = defaultSettings();
    }
  }

  private async loadProjectConfig(state: FolderState): Promise<void> {
    state.projectConfig = undefined;
    const errors: string[] = (state.projectErrors = []);
    if (!state.info) return;
    const file = path.join(state.info.fsPath, CONFIG_FILE_NAME);
    try {
      const text = await readIfExists(file);
      if (text === undefined) return;
      const result = parseConfig(text, file);
      state.projectConfig = result.config;
      errors.push(...result.errors);
    } catch (error) {
      errors.push(`${file}: cannot be read (${(error as Error).message}); using the defaults`);
    }
  }

  private async loadBaseline(state: FolderState): Promise<void> {
    state.baseline = new Set();
    const errors: string[] = (state.baselineErrors = []);
    if (!state.info) return;
    const file = path.resolve(state.info.fsPath, state.config.baseline);
    try {
      const text = await readIfExists(file);
      if (text === undefined) return;
      const { baseline, error } = parseBaseline(text);
      if (error) errors.push(`${file}: ${error}; no finding is baselined`);
      state.baseline = baselineFingerprints(baseline);
    } catch (error) {
      errors.push(`${file}: cannot be read (${(error as Error).message}); no finding is baselined`);
    }
  }

  private recompute(state: FolderState): void {
    const merged = mergeConfigs(state.settings.config, state.projectConfig ?? {});
    state.config = this.options.trusted ? merged : withoutWorkspaceCode(merged);
  }

  /** Shows each problem once: a reload that finds the same problem stays quiet. */
  private report(state: FolderState): void {
    const current = new Set([...state.settings.errors, ...state.projectErrors, ...state.baselineErrors]);
    for (const error of current) {
      if (state.shownErrors.has(error)) continue;
      this.options.log.warn(error);
      void this.options.connection.window.showWarningMessage(`Secure Hygiene: ${maskSecretsIn(error)}`);
    }
    state.shownErrors = current;
  }

  /** Re-pulls the settings of every folder (after workspace/didChangeConfiguration). */
  async reloadSettings(): Promise<void> {
    await Promise.all(this.all().map(async (pending) => {
      const state = await pending;
      await this.loadSettings(state);
      this.recompute(state);
      await this.loadBaseline(state);
      this.report(state);
    }));
  }

  /** Re-reads `.secure-hygiene.json` and the baseline of the folders whose files changed. */
  async reloadProjectFiles(changedFiles: string[]): Promise<boolean> {
    let any = false;
    await Promise.all(this.all().map(async (pending) => {
      const state = await pending;
      if (!state.info) return;
      const configFile = path.join(state.info.fsPath, CONFIG_FILE_NAME);
      const baselineFile = path.resolve(state.info.fsPath, state.config.baseline);
      if (!changedFiles.some((file) => file === configFile || file === baselineFile)) return;
      any = true;
      await this.loadProjectConfig(state);
      this.recompute(state);
      await this.loadBaseline(state);
      this.report(state);
    }));
    return any;
  }

  /** Asks git again in every folder whose repository holds one of the changed files. */
  async refreshGit(changedFiles: string[]): Promise<boolean> {
    let any = false;
    await Promise.all(this.all().map(async (pending) => {
      const state = await pending;
      if (!state.info) return;
      if (!state.git) {
        // A `git init` since the folder loaded: look again.
        if (changedFiles.some((file) => file.startsWith(state.info!.fsPath + path.sep))) {
          state.git = await loadGitFacts(state.info.fsPath);
          any ||= state.git !== undefined;
        }
        return;
      }
      const root = state.git.root + path.sep;
      if (!changedFiles.some((file) => file.startsWith(root) || file.startsWith(state.info!.fsPath + path.sep))) return;
      await state.git.refresh();
      any = true;
    }));
    return any;
  }
}
