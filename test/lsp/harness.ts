import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ErrorCodes,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type MessageActionItem,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type ShowMessageRequestParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

// A real LSP client for the tests and the benchmark: it spawns the built server over stdio, plays
// the editor's side (configuration, applyEdit, registrations) and lets tests wait on what the
// server publishes. Every wait resolves on a message; none sleeps.

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

let built = false;
/**
 * Builds dist/ once per test process, so that the tests never drive a stale server. Only the
 * server bundle matters here: a failure in another entry point does not stop the LSP tests when
 * dist/server.js was written by this build.
 */
export function buildOnce(): void {
  if (built && existsSync(SERVER_JS)) return;
  const started = Date.now();
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const fresh = existsSync(SERVER_JS) && statSync(SERVER_JS).mtimeMs >= started - 1000;
    if (!fresh) throw new Error(`npm run build failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  built = true;
}

export function fileUri(absolutePath: string): string {
  return pathToFileURL(absolutePath).toString();
}

export interface StartOptions {
  /** The server process's working directory; also the workspace folder unless `folders` is given. */
  cwd?: string;
  /** Absolute paths of the workspace folders (default: [cwd], or none without cwd). */
  folders?: string[];
  initializationOptions?: unknown;
  /** What `workspace/configuration` answers, looked up by dotted section: { secureHygiene: { ... } }. */
  settings?: Record<string, unknown>;
  /** Overrides of the client capabilities this harness announces. */
  capabilities?: ClientCapabilities;
  /** Extra arguments for the server after `--stdio`. */
  args?: string[];
  /** Answer to `workspace/applyEdit` (default: recorded and reported applied). */
  applyEdit?: (params: ApplyWorkspaceEditParams) => boolean;
  /** Answer to `window/showMessageRequest`: the action picked (default: none, as when dismissed); throw a ResponseError to act as an editor without it. */
  messageRequest?: (params: ShowMessageRequestParams) => MessageActionItem | null;
}

export type DiagnosticsPredicate = (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean;

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly initializeResult: InitializeResult;
  /** Current answer to workspace/configuration; change it with `setSettings`. */
  settings: Record<string, unknown>;
  /** Everything received so far, in order. */
  readonly messages: ShowMessageParams[];
  readonly logs: LogMessageParams[];
  readonly appliedEdits: ApplyWorkspaceEditParams[];
  readonly registrations: Registration[];
  readonly publications: PublishDiagnosticsParams[];
  /** The server's stderr so far (for failure messages). */
  stderr(): string;

  open(uri: string, languageId: string, text: string, version?: number): void;
  /** Replaces the whole text. */
  change(uri: string, text: string, version: number): void;
  /** An incremental edit of one range, as an editor sends for a keystroke. */
  edit(uri: string, range: Range, text: string, version: number): void;
  close(uri: string): void;
  /** didSave, as an editor sends after writing the document to disk (the test writes the file). */
  save(uri: string): void;
  /** Latest diagnostics published for a uri (undefined when none yet). */
  diagnosticsOf(uri: string): Diagnostic[] | undefined;
  /**
   * Resolves with the first publication for `uri` that satisfies `predicate` (default: any),
   * looking at the latest one already received first. Rejects after `timeoutMs`.
   */
  waitForDiagnostics(uri: string, predicate?: DiagnosticsPredicate, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Like waitForDiagnostics but ignores what was received before the call. */
  nextDiagnostics(uri: string, predicate?: DiagnosticsPredicate, timeoutMs?: number): Promise<Diagnostic[]>;
  waitForMessage(predicate: (message: ShowMessageParams) => boolean, timeoutMs?: number): Promise<ShowMessageParams>;
  waitForAppliedEdit(predicate?: (params: ApplyWorkspaceEditParams) => boolean, timeoutMs?: number): Promise<ApplyWorkspaceEditParams>;
  waitForRegistration(method: string, timeoutMs?: number): Promise<Registration>;
  /** Resolves when the server next pulls `workspace/configuration` (after `setSettings`, say). */
  nextConfigurationPull(timeoutMs?: number): Promise<void>;
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]>;
  executeCommand(command: string, ...args: unknown[]): Promise<unknown>;
  /** Replaces the settings and sends workspace/didChangeConfiguration (the server re-pulls). */
  setSettings(settings: Record<string, unknown>): void;
  changeWatchedFiles(changes: FileEvent[]): void;
  shutdown(): Promise<void>;
}

/** What the harness's client announces unless a test gives its own (merged over these by section). */
export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'abort' },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
    },
  },
  window: { showMessage: {}, workDoneProgress: true },
};

/** Runs git in `cwd` as a test author with no signing, output ignored (fixture repositories). */
export function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

/** Writes `text` to `relative` under `root`, creating its folders; returns the file's path. */
export function writeIn(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function section(settings: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return settings;
  let current: unknown = settings;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

interface Waiter<T> {
  test: (value: T) => boolean;
  resolve: (value: T) => void;
}

/** A list of waiters on one stream of events, each rejected with a clear message on timeout. */
class Waiters<T> {
  private waiters = new Set<Waiter<T>>();

  wait(test: (value: T) => boolean, timeoutMs: number, what: string, detail: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = { test, resolve: (value) => { clearTimeout(timer); resolve(value); } };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. ${detail()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  emit(value: T): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test(value)) {
        this.waiters.delete(waiter);
        waiter.resolve(value);
      }
    }
  }
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" first (or call buildOnce()).`);
  const child = spawn(process.execPath, [SERVER_JS, '--stdio', ...(options.args ?? [])], {
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));

  const messages: ShowMessageParams[] = [];
  const logs: LogMessageParams[] = [];
  const appliedEdits: ApplyWorkspaceEditParams[] = [];
  const registrations: Registration[] = [];
  const publications: PublishDiagnosticsParams[] = [];
  const latest = new Map<string, PublishDiagnosticsParams>();
  const diagnosticWaiters = new Waiters<PublishDiagnosticsParams>();
  const messageWaiters = new Waiters<ShowMessageParams>();
  const editWaiters = new Waiters<ApplyWorkspaceEditParams>();
  const registrationWaiters = new Waiters<Registration>();
  const configurationWaiters = new Waiters<true>();
  const versions = new Map<string, number>();
  const folders = options.folders ?? (options.cwd ? [options.cwd] : []);

  const server: TestServer = {
    connection,
    process: child,
    initializeResult: undefined as unknown as InitializeResult,
    settings: options.settings ?? {},
    messages,
    logs,
    appliedEdits,
    registrations,
    publications,
    stderr: () => stderr,

    open(uri, languageId, text, version = 1) {
      versions.set(uri, version);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, text, version) {
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    edit(uri, range, text, version) {
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    },
    close(uri) {
      versions.delete(uri);
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    save(uri) {
      void connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    },
    diagnosticsOf(uri) {
      return latest.get(uri)?.diagnostics;
    },
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const current = latest.get(uri);
      if (current && predicate(current.diagnostics, current)) return Promise.resolve(current.diagnostics);
      return server.nextDiagnostics(uri, predicate, timeoutMs);
    },
    nextDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      return diagnosticWaiters
        .wait((params) => params.uri === uri && predicate(params.diagnostics, params), timeoutMs, `diagnostics for ${uri}`, () => {
          const last = latest.get(uri);
          return `Last published: ${last ? JSON.stringify(last.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line }))) : 'nothing'}. Server stderr: ${stderr.slice(-2000) || '(empty)'}`;
        })
        .then((params) => params.diagnostics);
    },
    waitForMessage(predicate, timeoutMs = 10_000) {
      const seen = messages.find(predicate);
      if (seen) return Promise.resolve(seen);
      return messageWaiters.wait(predicate, timeoutMs, 'window/showMessage', () => `Messages so far: ${JSON.stringify(messages)}`);
    },
    waitForAppliedEdit(predicate = () => true, timeoutMs = 10_000) {
      const seen = appliedEdits.find(predicate);
      if (seen) return Promise.resolve(seen);
      return editWaiters.wait(predicate, timeoutMs, 'workspace/applyEdit', () => `${appliedEdits.length} edits so far`);
    },
    waitForRegistration(method, timeoutMs = 10_000) {
      const seen = registrations.find((registration) => registration.method === method);
      if (seen) return Promise.resolve(seen);
      return registrationWaiters.wait((registration) => registration.method === method, timeoutMs, `client/registerCapability of ${method}`,
        () => `Registered so far: ${registrations.map((registration) => registration.method).join(', ') || 'nothing'}`);
    },
    nextConfigurationPull(timeoutMs = 10_000) {
      return configurationWaiters.wait(() => true, timeoutMs, 'workspace/configuration', () => 'The server did not pull its settings').then(() => undefined);
    },
    codeActions(uri, range, diagnostics, only) {
      return connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } })
        .then((actions) => actions ?? []);
    },
    executeCommand(command, ...args) {
      return connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    },
    setSettings(settings) {
      server.settings = settings;
      void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    changeWatchedFiles(changes) {
      void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    },
    async shutdown() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      await exited;
      connection.dispose();
    },
  };

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    publications.push(params);
    latest.set(params.uri, params);
    diagnosticWaiters.emit(params);
  });
  connection.onNotification(ShowMessageNotification.type, (params) => {
    messages.push(params);
    messageWaiters.emit(params);
  });
  connection.onNotification(LogMessageNotification.type, (params) => { logs.push(params); });
  connection.onRequest(ShowMessageRequest.type, (params) => {
    messages.push(params);
    messageWaiters.emit(params);
    return options.messageRequest ? options.messageRequest(params) : null;
  });
  // Like VS Code's client: no answer to workspace/configuration before `initialized` was sent.
  let initializedSent = false;
  connection.onRequest(ConfigurationRequest.type, (params) => {
    if (!initializedSent) throw new ResponseError(ErrorCodes.MethodNotFound, 'Unhandled method workspace/configuration');
    setImmediate(() => configurationWaiters.emit(true));
    return params.items.map((item) => section(server.settings, item.section));
  });
  connection.onRequest(WorkspaceFoldersRequest.type, () => folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest(RegistrationRequest.type, (params) => {
    for (const registration of params.registrations) {
      registrations.push(registration);
      registrationWaiters.emit(registration);
    }
  });
  connection.onRequest(UnregistrationRequest.type, (params) => {
    for (const gone of params.unregisterations) {
      const index = registrations.findIndex((registration) => registration.id === gone.id);
      if (index >= 0) registrations.splice(index, 1);
    }
  });
  connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    appliedEdits.push(params);
    editWaiters.emit(params);
    const applied = options.applyEdit ? options.applyEdit(params) : true;
    return applied ? { applied } : { applied, failureReason: 'rejected by the test' };
  });
  connection.listen();

  const exitedEarly = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before initializing. Stderr: ${stderr}`)));
  });
  exitedEarly.catch(() => undefined);
  const result = await Promise.race([
    connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
      capabilities: { ...DEFAULT_CAPABILITIES, ...options.capabilities },
      initializationOptions: options.initializationOptions,
    }),
    exitedEarly,
  ]);
  (server as { initializeResult: InitializeResult }).initializeResult = result;
  initializedSent = true;
  await connection.sendNotification(InitializedNotification.type, {});
  return server;
}

/** Applies LSP text edits to a text (what an editor does with a TextDocumentEdit). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}

/**
 * Applies a WorkspaceEdit to a set of files held in memory (uri -> text) and returns the new set:
 * text edits, creates, renames and deletes, in order. A deleted file is absent from the result.
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit, files: ReadonlyMap<string, string>): Map<string, string> {
  const result = new Map(files);
  const editFile = (uri: string, edits: TextEdit[]) => {
    const text = result.get(uri);
    if (text === undefined && !edits.every((e) => e.range.start.line === 0 && e.range.start.character === 0)) {
      throw new Error(`edit of a file that does not exist: ${uri}`);
    }
    result.set(uri, applyTextEdits(text ?? '', edits));
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) editFile(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) {
      editFile(change.textDocument.uri, change.edits as TextEdit[]);
    } else if (change.kind === 'create') {
      if (!result.has(change.uri) || change.options?.overwrite) result.set(change.uri, '');
      else if (!change.options?.ignoreIfExists) throw new Error(`create of an existing file: ${change.uri}`);
    } else if (change.kind === 'rename') {
      const text = result.get(change.oldUri);
      if (text === undefined) throw new Error(`rename of a missing file: ${change.oldUri}`);
      result.delete(change.oldUri);
      result.set(change.newUri, text);
    } else if (change.kind === 'delete') {
      result.delete(change.uri);
    }
  }
  return result;
}
