import * as path from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, ResponseError, ErrorCodes,
  TextDocuments, TextDocumentSyncKind,
  type ClientCapabilities, type Connection, type Disposable, type FileSystemWatcher, type InitializeResult, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { openDocuments, type OpenDocument } from './openDocument';
import { CONFIG_FILE_NAME, DEFAULT_BASELINE, isExcluded, type FileInfo, type Finding } from '../engine';
import type { InitializationOptions } from '../shared/protocol';
import { SCAN_WORKSPACE_COMMAND, SETTINGS_SECTION, WorkspaceScanStateRequest } from '../shared/protocol';
import { codeActionProviders, commandHandlers, diagnosticProviders, findingAnnotators, FIX_ALL_KIND, gitChangeListeners, type ServerContext } from './features';
import { FileFacts, fsPathOf, relativePathIn } from './files';
import { Folders } from './folders';
import { createLog } from './log';
import { Validator, type DocumentScan } from './validation';
import { ScanPool, type ScanRequest } from './scanPool';
import { WORKSPACE_WATCH_GLOB, WorkspaceScanner } from './workspaceScan';
import { registerSuppressionList } from './suppressionList';
import { DiagnosticsDelivery } from './pullDiagnostics';
import './plugins';
import packageJson from '../../package.json';

// The language server's wiring: LSP lifecycle, documents, settings, watched files, and the
// dispatch to the extension points of features.ts. The logic lives in the modules it imports.

export const SERVER_NAME = 'Secure Hygiene';
const serverVersion = (): string => packageJson.version;

export const GIT_WATCH_GLOBS = ['**/.git/index', '**/.gitignore'];

export function runServer(connection: Connection): void {
  const documents = new TextDocuments(openDocuments);
  let capabilities: ClientCapabilities = {};
  let trusted = true;
  let folders: Folders | undefined;
  let files: FileFacts | undefined;
  let watcherRegistration: Promise<Disposable> | undefined;
  let watchedGlobs = '';
  let workspace: WorkspaceScanner | undefined;

  // The log masks every secret behind the published diagnostics, open files' and the workspace scan's.
  const log = createLog(connection, function* () {
    yield* validator.secrets();
    if (workspace) yield* workspace.results.secrets();
  });
  // Diagnostics are pushed, or kept for the client's pull when it pulls (never both).
  const delivery = new DiagnosticsDelivery(connection, {
    versionOf: (uri) => documents.get(uri)?.version,
    onError: (message, error) => log.error(message, error),
  });
  // The engine runs on worker threads, never on this one: a scan over its time budget is stopped there.
  const scanPool = new ScanPool(undefined, (message, error) => log.error(message, error));
  const validator: Validator = new Validator({
    // Its diagnostics go through the delivery: pushed, or answered to the client's pulls.
    connection: delivery.connectionForOpenDocuments(),
    documents,
    log,
    scanDocument: (document) => scanDocument(document).catch((error: unknown) => {
      // The validator keeps the previous diagnostics: a pull waiting for this version gets those.
      delivery.settleOpen(document.uri, document.version);
      throw error;
    }),
    releaseDocument: (uri) => scanPool.release(uri),
    debounceFor: async (uri) => (await requireFolders().stateFor(uri)).settings.debounceMs,
    // The workspace scan's totals count open documents as the editor has them.
    onPublished: () => workspace?.sendStateSoon(),
  });

  const requireFolders = (): Folders => {
    if (!folders) throw new Error('the server is not initialized');
    return folders;
  };
  const requireWorkspace = (): WorkspaceScanner => {
    if (!workspace) throw new Error('the server is not initialized');
    return workspace;
  };
  const requireFiles = (): FileFacts => {
    files ??= new FileFacts(requireFolders(), (uri) => {
      if (documents.get(uri)) validator.schedule(uri, true);
    });
    return files;
  };

  const context: ServerContext = {
    connection,
    documents,
    get trusted() { return trusted; },
    findingsFor: (uri) => validator.findingsFor(uri),
    configFor: async (uri) => (await requireFolders().stateFor(uri)).config,
    settingsFor: async (uri) => (await requireFolders().stateFor(uri)).settings,
    gitFactsFor: (uri) => requireFiles().gitFactsFor(uri),
    workspaceFolderFor: (uri) => requireFolders().folderFor(uri),
    workspaceFolders: () => requireFolders().list(),
    relativePath: (uri) => relativePathIn(requireFolders().folderFor(uri), uri),
    fileInfoFor: (uri) => requireFiles().fileInfoFor(uri, documents.get(uri)?.languageId),
    revalidate: (uri) => (uri ? validator.schedule(uri, true) : validator.scheduleAll()),
    scanText: async (uri, text) => (await engineScan(text, await requireFiles().fileInfoFor(uri, documents.get(uri)?.languageId), uri)).findings,
    log,
  };

  // Registered before `initialize` answers, so that the command is announced (executeCommandProvider).
  commandHandlers.set(SCAN_WORKSPACE_COMMAND, async () => {
    await requireWorkspace().scanAll(true);
    return requireWorkspace().state();
  });
  registerSuppressionList(connection, context, () => requireFolders().list());

  /** The engine's findings on a worker, within the folder's time budget; `key` keeps incremental state for an open document. */
  async function engineScan(text: ScanRequest['text'], file: FileInfo, uri: string, key?: string): Promise<DocumentScan> {
    const folder = await requireFolders().stateFor(uri);
    const result = await scanPool.scan({ key, text, file, config: folder.config, baseline: folder.baseline, budgetMs: folder.settings.timeBudgetMs });
    if (result.kind === 'overBudget') return { findings: [], overBudgetMs: result.budgetMs };
    // Closed during a long scan: nothing will be published for it.
    if (result.kind === 'cancelled') return { findings: [] };
    for (const failure of result.failures) {
      const error = Object.assign(new Error(failure.message), { stack: failure.stack });
      log.error(`The ${failure.detector} detector failed on ${file.path}; the other detectors' findings are kept`, error);
    }
    return { findings: result.findings };
  }

  async function scanDocument(document: OpenDocument): Promise<DocumentScan | undefined> {
    const folder = await requireFolders().stateFor(document.uri);
    if (!folder.settings.enable) return undefined;
    const file = await requireFiles().fileInfoFor(document.uri, document.languageId);
    if (isExcluded(file.path, folder.config)) return undefined;
    // The document itself: the worker that holds its last version is sent only the edit since.
    const scanned = await engineScan(document, file, document.uri, document.uri);
    const { findings } = scanned;
    for (const provider of diagnosticProviders) {
      try {
        findings.push(...(await provider(document, context)));
      } catch (error) {
        log.error(`A diagnostic provider failed on ${file.path}`, error);
      }
    }
    await annotateFindings(document.uri, findings, file.path);
    return scanned;
  }

  /** The annotators' facts (the history's, ...) on a file's findings, open or scanned from disk. */
  async function annotateFindings(uri: string, findings: Finding[], relative: string): Promise<void> {
    for (const annotate of findingAnnotators) {
      try {
        await annotate(uri, findings, context);
      } catch (error) {
        log.error(`Annotating the findings of ${relative} failed`, error);
      }
    }
  }

  /** Watches git's index, .gitignore files, the config files and every folder's baseline. */
  async function updateWatchers(): Promise<void> {
    if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration || !folders) return;
    const baselines = new Set([DEFAULT_BASELINE]);
    for (const pending of folders.all()) baselines.add(path.basename((await pending).config.baseline));
    // Every file, for the workspace scan (the client leaves out its own watcher excludes).
    const globs = [...GIT_WATCH_GLOBS, `**/${CONFIG_FILE_NAME}`, ...[...baselines].map((name) => `**/${name}`), WORKSPACE_WATCH_GLOB];
    if (globs.join('\n') === watchedGlobs) return;
    watchedGlobs = globs.join('\n');
    const previous = watcherRegistration;
    const watchers: FileSystemWatcher[] = globs.map((globPattern) => ({ globPattern }));
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    if (previous) (await previous).dispose();
  }

  async function filesChanged(changed: string[]): Promise<void> {
    if (!folders) return;
    const gitRelated = changed.filter((file) => path.basename(file) === '.gitignore' || file.split(path.sep).includes('.git'));
    const others = changed.filter((file) => !gitRelated.includes(file));
    let any = false;
    if (gitRelated.length > 0) {
      const [inFolders] = await Promise.all([folders.refreshGit(gitRelated), requireFiles().gitChanged()]);
      any = inFolders || files !== undefined;
      for (const listener of gitChangeListeners) listener(context);
      // A .gitignore decides which files the workspace scan reads; git's index, only what is committed.
      if (gitRelated.some((file) => path.basename(file) === '.gitignore')) void requireWorkspace().scanAll();
      else requireWorkspace().rescanFindings();
    }
    if (others.length > 0 && (await folders.reloadProjectFiles(others))) {
      any = true;
      await updateWatchers();
      void requireWorkspace().scanAll();
    }
    if (any) validator.scheduleAll();
  }

  let markClientReady: () => void = () => undefined;
  const clientReady = new Promise<void>((resolve) => {
    markClientReady = resolve;
  });

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
    folders = new Folders({ connection, trusted, configurationSupported: capabilities.workspace?.configuration === true, clientReady, log });
    const initial: WorkspaceFolder[] = params.workspaceFolders
      ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(fsPathOf(params.rootUri) ?? params.rootUri) }] : []);
    for (const folder of initial) folders.add(folder);
    workspace = new WorkspaceScanner({
      connection,
      folders,
      configurationSupported: capabilities.workspace?.configuration === true,
      log,
      isOpen: (uri) => documents.get(uri) !== undefined,
      openUris: () => documents.keys(),
      openFindings: (uri) => validator.findingsFor(uri),
      publishClosed: (uri, diagnostics) => delivery.publishClosed(uri, diagnostics),
      scan: async (text, file, uri) => {
        const scanned = await engineScan(text, file, uri);
        await annotateFindings(uri, scanned.findings, file.path);
        return scanned;
      },
    });
    const pulls = delivery.initialize(capabilities);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [...commandHandlers.keys()] },
        // Only to a client that pulls: announcing it to one that takes pushes too shows findings twice.
        // A document's findings depend on git's facts about it (interFileDependencies); closed files
        // come from the workspace scan (workspaceDiagnostics).
        ...(pulls ? { diagnosticProvider: { identifier: 'secureHygiene', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: serverVersion() },
    };
  });

  connection.onInitialized(() => {
    markClientReady();
    const delivered = capabilities.textDocument?.diagnostic ? 'pulled by the editor' : 'pushed';
    log.info(`${SERVER_NAME} language server ${serverVersion()} started (${trusted ? 'trusted' : 'untrusted'} workspace, ${requireFolders().list().length} folder(s), diagnostics ${delivered})`);
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      // `files` for files.exclude, which the workspace scan honours.
      void connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, 'files'] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) requireFolders().remove(removed.uri);
        for (const added of event.added) requireFolders().add(added);
        void updateWatchers();
        validator.scheduleAll();
        void requireWorkspace().scanAll();
      });
    }
    void updateWatchers().catch((error) => log.error('Could not watch git and config files', error));
    void requireWorkspace().scanAll().catch((error) => log.error('The workspace scan failed', error));
  });

  connection.onDidChangeConfiguration(async () => {
    if (!folders) return;
    await folders.reloadSettings();
    validator.scheduleAll();
    await requireWorkspace().settingsChanged();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    const changed = changes.map((change) => fsPathOf(change.uri)).filter((file): file is string => file !== undefined);
    await filesChanged(changed).catch((error) => log.error('Could not reload after a file change', error));
    const scanned = changes.filter((change) => !change.uri.includes('/.git/'));
    requireWorkspace().deleted(scanned.filter((change) => change.type === FileChangeType.Deleted).map((change) => change.uri));
    requireWorkspace().rescan(scanned.filter((change) => change.type !== FileChangeType.Deleted).map((change) => change.uri));
  });

  // TextDocuments fires onDidOpen and then onDidChangeContent for an open: scan once, at once.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    delivery.documentOpened(document.uri);
    justOpened.add(document.uri);
    validator.schedule(document.uri, true);
  });
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return;
    validator.schedule(document.uri, false);
  });
  documents.onDidClose(({ document }) => {
    justOpened.delete(document.uri);
    // A file the workspace scan covers keeps diagnostics: its scan from disk replaces the editor's.
    const covered = requireWorkspace().covers(document.uri);
    delivery.documentClosed(document.uri, covered);
    validator.forget(document.uri, !covered);
    if (covered) requireWorkspace().closed(document.uri);
  });
  // Clients that cannot watch files still tell us when the user saves one of ours.
  documents.onDidSave(({ document }) => {
    // The workspace's result for it (its totals, and what shows once it closes) follows the file on disk.
    requireWorkspace().rescan([document.uri]);
    const file = fsPathOf(document.uri);
    if (!file || capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    void filesChanged([file]).catch((error) => log.error('Could not reload after a save', error));
  });

  connection.onCodeAction(async (params) => {
    const results = await Promise.all(codeActionProviders.map(async (provider) => {
      try {
        return await provider(params, context);
      } catch (error) {
        log.error(`A code action provider failed on ${params.textDocument.uri}`, error);
        return [];
      }
    }));
    return results.flat();
  });

  connection.onExecuteCommand(async (params) => {
    const handler = commandHandlers.get(params.command);
    if (!handler) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}`);
    try {
      return await handler(params.arguments ?? [], context);
    } catch (error) {
      log.error(`The command ${params.command} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${params.command} failed; see the Secure Hygiene output for details`);
    }
  });

  connection.onRequest(WorkspaceScanStateRequest.type, () => requireWorkspace().state());
  connection.languages.diagnostics.on((params, token) => delivery.pullDocument(params, token));
  connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => delivery.pullWorkspace(params, token, resultProgress));

  documents.listen(connection);
  connection.listen();
}
