import * as path from 'node:path';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { kindOf, type FileInfo, type Finding, type GitState } from '../engine';
import { SETTINGS_SECTION, WorkspaceScanStateNotification, type WorkspaceScanFolderState, type WorkspaceScanState } from '../shared/protocol';
import type { MaskedLog, WorkspaceFolderInfo } from './features';
import { fsPathOf, relativePathIn } from './files';
import type { Folders, FolderState } from './folders';
import type { DocumentScan } from './validation';
import { excludedFromWorkspace, fileUriIn, inNeverEnteredFolder, listFolder, readText, statOrUndefined, trackedButIgnored, type ListedFile } from './workspaceFiles';
import { WorkspaceLane } from './workspaceLane';
import { WorkspaceResults } from './workspaceResults';
import { defaultWorkspaceScanSettings, megabytes, pullWorkspaceScanSettings, WORKSPACE_MAX_FILE_SIZE, type WorkspaceScanSettings } from './workspaceSettings';

// The workspace scan: every file of every workspace folder (workspaceFiles.ts says which), scanned
// on the same workers and time budget as open files, one at a time (workspaceLane.ts), with LSP
// work-done progress the user can cancel, and results published for closed files
// (workspaceResults.ts). Kept up to date by file events, saves and closes; started again when
// settings, folders, .gitignore files or the project's config change. A folder over its size
// limits (workspaceSettings.ts) is left to the open-file path, and the log and the state say so.

export interface WorkspaceScanOptions {
  connection: Connection;
  folders: Folders;
  configurationSupported: boolean;
  log: MaskedLog;
  isOpen(uri: string): boolean;
  openUris(): string[];
  /** The findings published for an open document (its editor text). */
  openFindings(uri: string): Finding[] | undefined;
  /** Delivers a closed file's diagnostics to the client (pushed or pulled: pullDiagnostics.ts). */
  publishClosed(uri: string, diagnostics: Diagnostic[]): void;
  /** The engine's scan of a text on a scan worker, within the folder's time budget. */
  scan(text: string, file: FileInfo, uri: string): Promise<DocumentScan>;
}

interface FolderScan extends WorkspaceScanFolderState {
  info: WorkspaceFolderInfo;
  settings: WorkspaceScanSettings;
  /** See signature(): settings and config as they were when this folder was last listed. */
  signature: string;
  /** Files of this folder are scanned and kept up to date. */
  active: boolean;
}

interface Run {
  cancelled: boolean;
  started: number;
}

/** State notifications while a scan runs: at most one per this many ms. */
const STATE_INTERVAL_MS = 500;

export class WorkspaceScanner {
  readonly results: WorkspaceResults;
  private readonly lane: WorkspaceLane;
  private readonly scans = new Map<string, FolderScan>();
  private run: Run | undefined;
  /** Set by the scanWorkspace command: scan beyond the size limits until the settings change. */
  private forced = false;
  private scanned = 0;
  private total = 0;
  private elapsedMs: number | undefined;
  private lastStateSent = 0;
  /** Files queued by rescan and not started yet. */
  private readonly waiting = new Set<string>();
  private stateTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkspaceScanOptions) {
    this.results = new WorkspaceResults((uri, diagnostics) => options.publishClosed(uri, diagnostics), options.isOpen);
    this.lane = new WorkspaceLane((error) => options.log.error('The workspace scan failed on a file', error));
  }

  /** Scans every folder again from the start; `force` (the command) scans beyond the size limits. */
  async scanAll(force = false): Promise<void> {
    if (this.run) this.run.cancelled = true;
    if (force) this.forced = true;
    // No folder (a single file opened): nothing to scan, no progress to show.
    if (this.options.folders.list().length === 0) {
      this.run = undefined;
      this.scans.clear();
      this.results.deleteWhere(() => true);
      this.setStatus('idle');
      return;
    }
    const run: Run = { cancelled: false, started: performance.now() };
    this.run = run;
    this.scanned = 0;
    this.total = 0;
    // A client that refuses the progress token: the scan runs all the same, without it.
    const progress = await this.options.connection.window.createWorkDoneProgress().catch((error: unknown) => {
      this.options.log.warn(`The editor refused a progress token (${String(error)}); the workspace scan runs without progress`);
      return undefined;
    });
    progress?.begin('Secure Hygiene: scanning the workspace', 0, 'listing files', true);
    progress?.token.onCancellationRequested(() => {
      run.cancelled = true;
    });
    try {
      const targets = await this.listAll(run);
      if (run.cancelled) return;
      this.total = targets.length;
      this.setStatus('scanning');
      let lastPercent = 0;
      for (const target of targets) {
        if (run.cancelled) break;
        await this.lane.enqueue(() => this.scanFile(target.uri, target.file, target.folder), false);
        // Replaced by a newer scan meanwhile: the counts are the newer one's now.
        if (this.run !== run) break;
        this.scanned += 1;
        const percent = Math.floor((this.scanned / this.total) * 100);
        if (percent !== lastPercent) {
          lastPercent = percent;
          progress?.report(percent, `${this.scanned} of ${this.total} files`);
        }
        this.sendStateSoon();
      }
    } finally {
      progress?.done();
      this.finish(run);
    }
  }

  private finish(run: Run): void {
    if (this.run !== run) return;
    this.run = undefined;
    const seconds = ((performance.now() - run.started) / 1000).toFixed(1);
    if (run.cancelled) {
      this.options.log.info(`Workspace scan cancelled after ${this.scanned} of ${this.total} files (${seconds} s); the results so far are kept`);
      this.setStatus('cancelled');
      return;
    }
    this.elapsedMs = performance.now() - run.started;
    const totals = this.results.totals(this.options.openUris(), this.options.openFindings);
    const found = Object.values(totals.findings).reduce((a, b) => a + b, 0);
    this.options.log.info(`Workspace scan done: ${this.scanned} files in ${seconds} s, ${found} findings in ${totals.filesWithFindings} files`);
    this.setStatus('done');
  }

  /** Lists every folder (pulling its settings), drops results no longer covered, and says what to scan. */
  private async listAll(run: Run): Promise<{ uri: string; file: ListedFile; folder: FolderScan }[]> {
    const infos = this.options.folders.list();
    for (const uri of this.scans.keys()) if (!infos.some((info) => info.uri === uri)) this.scans.delete(uri);
    this.setStatus('listing');
    const targets: { uri: string; file: ListedFile; folder: FolderScan }[] = [];
    const listed = new Set<string>();
    for (const info of infos) {
      if (run.cancelled) return [];
      const folder = await this.loadFolder(info);
      if (!folder.active) continue;
      const state = await this.folderState(info);
      const outcome = await listFolder(info.fsPath, {
        config: state.config,
        filesExclude: folder.settings.filesExclude,
        maxFiles: this.forced ? Infinity : folder.settings.maxFiles,
        maxBytes: this.forced ? Infinity : folder.settings.maxBytes,
        isCancelled: () => run.cancelled,
      });
      if (outcome.kind === 'cancelled') return [];
      if (outcome.kind !== 'listed') {
        const what = outcome.kind === 'tooManyFiles'
          ? `more than ${folder.settings.maxFiles.toLocaleString('en')} files (${SETTINGS_SECTION}.workspaceScan.maxFiles)`
          : `${megabytes(outcome.bytes)} MB in files, over ${megabytes(folder.settings.maxBytes)} MB (${SETTINGS_SECTION}.workspaceScan.maxMegabytes)`;
        this.deactivate(folder, `${info.name} has ${what}: only open files are scanned. Run "Secure Hygiene: Scan Workspace" to scan it once, or raise the limit.`, outcome.files);
        continue;
      }
      const extra = state.git ? await trackedButIgnored(info.fsPath, { config: state.config, filesExclude: folder.settings.filesExclude }) : [];
      const walked = new Set(outcome.listing.files.map((file) => file.absolute));
      const files = [...outcome.listing.files, ...extra.filter((file) => !walked.has(file.absolute))];
      folder.files = files.length;
      folder.bytes = files.reduce((sum, file) => sum + file.size, 0);
      folder.status = 'scanning';
      for (const file of files) {
        const uri = fileUriIn(info.uri, file.relative);
        // A nested workspace folder scans its own files.
        if (this.options.folders.folderFor(uri)?.uri !== info.uri) continue;
        listed.add(uri);
        targets.push({ uri, file, folder });
      }
    }
    // Deleted, now ignored or excluded, or in a folder that is no longer scanned.
    this.results.deleteWhere((uri) => !listed.has(uri));
    return targets;
  }

  /** Folders.stateFor answers for files: the folder's own uri would be outside it. */
  private folderState(info: WorkspaceFolderInfo) {
    return this.options.folders.stateFor(info.uri.endsWith('/') ? info.uri : `${info.uri}/`);
  }

  /** Pulls the folder's scan settings and decides whether its files are scanned. */
  private async loadFolder(info: WorkspaceFolderInfo): Promise<FolderScan> {
    let settings: WorkspaceScanSettings;
    try {
      settings = await pullWorkspaceScanSettings(this.options.connection, this.options.configurationSupported, info.uri);
    } catch (error) {
      this.options.log.error('Could not read the workspace scan settings; using the defaults', error);
      settings = defaultWorkspaceScanSettings();
    }
    for (const error of settings.errors) this.options.log.warn(error);
    const state = await this.folderState(info);
    const folder: FolderScan = { info, uri: info.uri, name: info.name, settings, signature: signatureOf(settings, state), status: 'idle', files: 0, bytes: 0, active: true };
    this.scans.set(info.uri, folder);
    if (!state.settings.enable) this.deactivate(folder, `${info.name}: ${SETTINGS_SECTION}.enable is false`, 0);
    else if (settings.scope === 'openFiles' && !this.forced) this.deactivate(folder, `${info.name}: ${SETTINGS_SECTION}.scanScope is openFiles`, 0);
    return folder;
  }

  private deactivate(folder: FolderScan, message: string, files: number): void {
    folder.active = false;
    folder.status = 'openFiles';
    folder.message = message;
    folder.files = files;
    this.options.log.info(`Workspace scan: ${message}`);
  }

  /** The folder's scan when it covers `uri` (a file of an active folder, not excluded), else undefined. */
  private coveringFolder(uri: string): FolderScan | undefined {
    const info = this.options.folders.folderFor(uri);
    const folder = info && this.scans.get(info.uri);
    return folder?.active ? folder : undefined;
  }

  /**
   * Scans one file from disk and publishes the result (kept, not published, while it is open).
   * A file that is gone, too large, generated, binary, excluded or ignored loses its result.
   */
  private async scanFile(uri: string, file: Pick<ListedFile, 'absolute' | 'relative'>, folder: FolderScan): Promise<void> {
    if (this.options.isOpen(uri)) return;
    const state = await this.options.folders.stateFor(uri);
    if (kindOf(file.relative) === 'skip' || excludedFromWorkspace(file.relative, state.config, folder.settings.filesExclude)) {
      this.results.delete(uri);
      return;
    }
    let gitState: GitState = 'unknown';
    if (state.git) {
      if (!state.git.isKnown(file.absolute)) await state.git.refresh();
      gitState = state.git.stateOf(file.absolute);
    }
    const text = readText(file.absolute);
    // A folder the user opened inside an ignored one (a build output, a cache) is scanned, as the
    // walk does: git's "ignored" then says nothing of its own files.
    if (text === undefined || (gitState === 'ignored' && !state.git?.isIgnored(folder.info.fsPath))) {
      this.results.delete(uri);
      return;
    }
    let info: FileInfo = { path: file.relative, gitState };
    let scanned = await this.options.scan(text, info, uri);
    // As the CLI does (src/cli/commitFacts.ts): git is asked for the committed texts only of a
    // tracked file holding a secret, and the file scanned again only when a value is not in them.
    if ((gitState === 'tracked' || gitState === 'staged') && state.git && scanned.findings.some((finding) => finding.secret)) {
      const versions = (await state.git.loadCommittedVersions([file.absolute]).catch(() => undefined))?.get(file.absolute);
      if (versions && scanned.findings.some((finding) => finding.secret && !versions.texts.some((committed) => committed.includes(finding.secret!.value)))) {
        info = { ...info, committed: versions };
        scanned = await this.options.scan(text, info, uri);
      }
    }
    // Opened while it was scanned: the editor's text wins.
    if (this.options.isOpen(uri)) return;
    this.results.set(uri, text, { folderUri: folder.uri, findings: scanned.findings, overBudgetMs: scanned.overBudgetMs });
  }

  /** Scans files again before the rest of a running scan (changed on disk, saved, closed). */
  rescan(uris: readonly string[]): void {
    for (const uri of uris) {
      const folder = this.coveringFolder(uri);
      const absolute = fsPathOf(uri);
      if (!folder || absolute === undefined || inNeverEnteredFolder(relativePathIn(folder.info, uri))) continue;
      // Already waiting for its turn: that scan will read the file as it is then.
      if (this.waiting.has(uri)) continue;
      this.waiting.add(uri);
      void this.lane.enqueue(async () => {
        this.waiting.delete(uri);
        const stat = statOrUndefined(absolute);
        // A folder created (moved in, checked out): its files, unless git ignores it (a build's output).
        if (stat?.isDirectory()) {
          await this.rescanFolder(absolute, folder);
          return;
        }
        if (!stat?.isFile() || stat.size > WORKSPACE_MAX_FILE_SIZE) {
          this.forgetUnder(uri);
          return;
        }
        await this.scanFile(uri, { absolute, relative: relativePathIn(folder.info, uri) }, folder);
        this.sendStateSoon();
      }, true);
    }
  }

  private async rescanFolder(absolute: string, folder: FolderScan): Promise<void> {
    const state = await this.folderState(folder.info);
    if (state.git) {
      if (!state.git.isKnown(absolute)) await state.git.refresh();
      if (state.git.isIgnored(absolute) && !state.git.isIgnored(folder.info.fsPath)) return;
    }
    const relative = path.relative(folder.info.fsPath, absolute).split(path.sep).join('/');
    if (excludedFromWorkspace(relative, state.config, folder.settings.filesExclude)) return;
    const outcome = await listFolder(absolute, {
      root: folder.info.fsPath,
      config: state.config,
      filesExclude: folder.settings.filesExclude,
      maxFiles: this.forced ? Infinity : folder.settings.maxFiles,
      maxBytes: Infinity,
      isCancelled: () => false,
    });
    if (outcome.kind === 'listed') this.rescan(outcome.listing.files.map((file) => fileUriIn(folder.info.uri, file.relative)));
  }

  /**
   * A document closed: the diagnostics it had stay until its file, as on disk, is scanned again
   * (never an empty list meanwhile). Call only when `covers(uri)`.
   */
  closed(uri: string): void {
    this.results.claim(uri);
    this.rescan([uri]);
  }

  /** Files (or folders) deleted: their results go, and their diagnostics with them. */
  deleted(uris: readonly string[]): void {
    for (const uri of uris) this.forgetUnder(uri);
    this.sendStateSoon();
  }

  private forgetUnder(uri: string): void {
    this.results.delete(uri);
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    this.results.deleteWhere((candidate) => candidate === uri || candidate.startsWith(prefix));
  }

  /** Files whose commit state may have changed (git's index changed): those with findings are scanned again. */
  rescanFindings(): void {
    this.rescan(this.results.uris().filter((uri) => this.results.findingsOf(uri).length > 0));
  }

  /** Whether the file belongs to a folder the workspace scan keeps up to date. */
  covers(uri: string): boolean {
    return this.coveringFolder(uri) !== undefined;
  }

  /** The settings changed: the command's "beyond the limits" ends, and everything is listed again. */
  async settingsChanged(): Promise<void> {
    // Any change of the sections pulled (files.autoSave among them) says so: scan again only when
    // what decides the scan's files or findings changed.
    const now = await Promise.all(this.options.folders.list().map((info) => this.signature(info)));
    const before = this.options.folders.list().map((info) => this.scans.get(info.uri)?.signature);
    if (now.every((signature, index) => signature === before[index])) return;
    this.forced = false;
    await this.scanAll();
  }

  /** The folder's signatureOf with its settings pulled now. */
  private async signature(info: WorkspaceFolderInfo): Promise<string> {
    const state = await this.folderState(info);
    let settings: WorkspaceScanSettings;
    try {
      settings = await pullWorkspaceScanSettings(this.options.connection, this.options.configurationSupported, info.uri);
    } catch {
      settings = defaultWorkspaceScanSettings();
    }
    return signatureOf(settings, state);
  }

  state(): WorkspaceScanState {
    const folders = [...this.scans.values()].map(({ uri, name, status, files, bytes, message }) => ({ uri, name, status, files, bytes, ...(message ? { message } : {}) }));
    const totals = this.results.totals(this.options.openUris(), this.options.openFindings);
    const inactive = folders.filter((folder) => folder.status === 'openFiles');
    const status = this.run ? this.runStatus : inactive.length > 0 && inactive.length === folders.length ? 'openFiles' : this.runStatus;
    return {
      status,
      scannedFiles: this.scanned,
      totalFiles: this.total,
      findings: totals.findings,
      committedSecrets: totals.committedSecrets,
      filesWithFindings: totals.filesWithFindings,
      ...(this.elapsedMs !== undefined ? { elapsedMs: Math.round(this.elapsedMs) } : {}),
      ...(inactive.length > 0 ? { message: inactive.map((folder) => folder.message).join(' ') } : {}),
      folders,
    };
  }

  private runStatus: WorkspaceScanState['status'] = 'idle';

  private setStatus(status: WorkspaceScanState['status']): void {
    this.runStatus = status;
    for (const folder of this.scans.values()) if (folder.active) folder.status = status;
    this.sendState();
  }

  private sendState(): void {
    clearTimeout(this.stateTimer);
    this.stateTimer = undefined;
    this.lastStateSent = performance.now();
    void this.options.connection.sendNotification(WorkspaceScanStateNotification.type, this.state());
  }

  /** At most one state notification per STATE_INTERVAL_MS while files are scanned one by one. */
  sendStateSoon(): void {
    if (this.stateTimer) return;
    const wait = Math.max(0, STATE_INTERVAL_MS - (performance.now() - this.lastStateSent));
    this.stateTimer = setTimeout(() => this.sendState(), wait);
  }
}

/** What decides a folder's scan: its scan settings, the merged config, whether it is enabled, its time budget. */
function signatureOf(settings: WorkspaceScanSettings, state: FolderState): string {
  return JSON.stringify([settings, state.config, state.settings.enable, state.settings.timeBudgetMs]);
}

/** What the server watches when a folder is scanned as a whole: every file (the client applies its own watcher excludes). */
export const WORKSPACE_WATCH_GLOB = '**/*';
