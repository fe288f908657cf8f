import { randomBytes } from 'node:crypto';
import {
  DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError,
  type CancellationToken, type ClientCapabilities, type Connection, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport,
  type PublishDiagnosticsParams, type ResultProgressReporter, type WorkspaceDiagnosticParams, type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';

// One source of truth for what a file's diagnostics are, delivered the way the client wants them.
// Push clients (Neovim 0.7, ...) get `textDocument/publishDiagnostics` as they always did. Clients
// that announce `textDocument.diagnostic` (VS Code) pull instead, and get no push at all: pushing
// too made VS Code show every finding twice. In pull mode the same Diagnostic objects that push
// would send are kept here, per file, with a resultId, and handed out by:
// - `textDocument/diagnostic` for an open document: waits for the scan of the document's current
//   version (never a stale result), answers `unchanged` when the client already has that result,
//   and `RequestCancelled` when the client cancels the wait (it pulls again after each keystroke);
// - `workspace/diagnostic`: closed files' results from the workspace scan (`version: null`), and
//   open documents the client does not pull itself. It answers what changed since the client's
//   `previousResultIds`; when nothing did, it waits for a change (a long poll: the client asks
//   again as soon as it has the answer), and with a partial-result token it streams every change
//   on the one open request instead;
// - `workspace/diagnostic/refresh` when an open document's result changed without a pull asking
//   for it (git facts arrived, the config or settings changed).
// A client that pulls documents but has not asked for workspace diagnostics (Neovim 0.10 pulls
// buffers only) is pushed the closed files' results, so that they are not lost to it; each is
// cleared by an empty push when the file opens (it is pulled from then on) or when the client first
// asks for workspace diagnostics (they come that way from then on). VS Code asks for them as it
// starts, before the workspace scan can have a result, so it is never pushed anything.

interface Entry {
  diagnostics: Diagnostic[];
  resultId: string;
  /** The diagnostics as JSON: an equal result keeps its resultId, so that the client is told `unchanged`. */
  key: string;
  /** An open document's version the diagnostics are for. */
  version?: number;
}

export interface PullDiagnosticsOptions {
  /** The version of an open document, undefined when it is not open. */
  versionOf(uri: string): number | undefined;
  onError(message: string, error: unknown): void;
}

/** Coalesces a burst of changes (a workspace scan publishing file after file) into one answer. */
const WORKSPACE_BATCH_MS = 100;

export class DiagnosticsDelivery {
  /** Open documents' diagnostics, from the editor's text (validation.ts). */
  private readonly open = new Map<string, Entry>();
  /** Closed files' diagnostics, as on disk (the workspace scan); an empty list once cleared. */
  private readonly closed = new Map<string, Entry>();
  /** Open documents the client pulls itself (textDocument/diagnostic): left out of workspace reports. */
  private readonly pulledByDocument = new Set<string>();
  /** The resultId each open document's last document pull answered with. */
  private readonly answered = new Map<string, string>();
  /** Document pulls waiting for a document's result, by uri. */
  private readonly pending = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 0;
  private refreshTimer: NodeJS.Immediate | undefined;
  /** 'pull' once the client announced `textDocument.diagnostic` (see `initialize`). */
  private mode: 'push' | 'pull' = 'push';
  /** The client handles `workspace/diagnostic/refresh`. */
  private refreshSupported = false;
  /** The client has asked for workspace diagnostics at least once. */
  private workspacePulled = false;
  /** Closed files pushed to a pull client that did not ask for workspace diagnostics (yet). */
  private readonly pushedClosed = new Set<string>();

  constructor(private readonly connection: Connection, private readonly options: PullDiagnosticsOptions) {}

  /** Decides, from the client's capabilities, whether it pulls; true when it does. */
  initialize(capabilities: ClientCapabilities): boolean {
    this.mode = capabilities.textDocument?.diagnostic ? 'pull' : 'push';
    this.refreshSupported = capabilities.workspace?.diagnostics?.refreshSupport === true;
    return this.mode === 'pull';
  }

  /** A Connection whose `sendDiagnostics` comes here: what the open-file path (validation.ts) publishes through. */
  connectionForOpenDocuments(): Connection {
    return Object.create(this.connection, {
      sendDiagnostics: { value: (params: PublishDiagnosticsParams) => this.publishOpen(params) },
    }) as Connection;
  }

  /** An open document's diagnostics for `params.version`, or its clearing once closed. */
  async publishOpen(params: PublishDiagnosticsParams): Promise<void> {
    if (this.mode === 'push') return this.connection.sendDiagnostics(params);
    const version = this.options.versionOf(params.uri);
    // The clearing of a document that closed: documentClosed() decided what the client sees next.
    if (version === undefined) return;
    this.setOpen(params.uri, params.diagnostics, params.version ?? version);
  }

  /** The scan of `version` failed: the document's previous diagnostics stand for it (a pull must not wait forever). */
  settleOpen(uri: string, version: number): void {
    if (this.mode === 'push' || this.options.versionOf(uri) === undefined) return;
    const entry = this.open.get(uri);
    this.setOpen(uri, entry?.diagnostics ?? [], version);
  }

  private setOpen(uri: string, diagnostics: Diagnostic[], version: number): void {
    const entry = this.entryFor(this.open.get(uri), diagnostics);
    entry.version = version;
    this.open.set(uri, entry);
    this.wake();
    // A result no pull is waiting for (a rescan of the same text): ask the client to pull again.
    // Never before its first pull, which follows the open anyway.
    const told = this.answered.get(uri);
    if (!this.pending.get(uri) && told !== undefined && told !== entry.resultId) this.refreshSoon();
    this.changed();
  }

  /**
   * A document closed. A file the workspace scan covers shows nothing new until its scan from disk
   * arrives (the client keeps what it shows meanwhile), then that result, even if equal to an
   * older one. Any other file is cleared.
   */
  documentClosed(uri: string, covered: boolean): void {
    if (this.mode === 'push') return;
    this.open.delete(uri);
    this.pulledByDocument.delete(uri);
    this.answered.delete(uri);
    this.closed.delete(uri);
    if (!covered) this.closed.set(uri, this.entryFor(undefined, []));
    this.wake();
    this.changed();
  }

  /** A closed file's diagnostics from the workspace scan (an empty list clears them). */
  publishClosed(uri: string, diagnostics: Diagnostic[]): void {
    if (this.mode === 'push' || (!this.workspacePulled && this.options.versionOf(uri) === undefined)) {
      if (this.mode === 'pull') this.pushedClosed.add(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics });
      if (this.mode === 'push') return;
    }
    this.closed.set(uri, this.entryFor(this.closed.get(uri), diagnostics));
    this.changed();
  }

  /** A document opened: a pull client pulls it now, so what was pushed for the file as closed goes. */
  documentOpened(uri: string): void {
    if (this.mode === 'pull' && this.pushedClosed.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The client pulls workspace diagnostics: the closed files pushed to it until now come that way instead. */
  private switchClosedFilesToPull(): void {
    if (this.workspacePulled) return;
    this.workspacePulled = true;
    for (const uri of this.pushedClosed) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.pushedClosed.clear();
  }

  private entryFor(previous: Entry | undefined, diagnostics: Diagnostic[]): Entry {
    const key = JSON.stringify(diagnostics);
    if (previous && previous.key === key) return { ...previous };
    return { diagnostics, key, resultId: `${this.idPrefix}-${++this.nextId}` };
  }

  /** textDocument/diagnostic. */
  async pullDocument(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const { uri } = params.textDocument;
    let entry: Entry | undefined;
    if (this.options.versionOf(uri) !== undefined) {
      this.pulledByDocument.add(uri);
      this.pending.set(uri, (this.pending.get(uri) ?? 0) + 1);
      try {
        entry = await this.waitFor(token, () => {
          const version = this.options.versionOf(uri);
          if (version === undefined) return this.closed.get(uri) ?? { diagnostics: [], key: '[]', resultId: '' };
          const current = this.open.get(uri);
          return current?.version === version ? current : undefined;
        });
      } finally {
        const left = (this.pending.get(uri) ?? 1) - 1;
        if (left > 0) this.pending.set(uri, left);
        else this.pending.delete(uri);
      }
      if (this.options.versionOf(uri) !== undefined) this.answered.set(uri, entry.resultId);
    } else {
      entry = this.closed.get(uri);
    }
    if (!entry?.resultId) return { kind: DocumentDiagnosticReportKind.Full, items: entry?.diagnostics ?? [] };
    if (params.previousResultId === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.diagnostics };
  }

  /** workspace/diagnostic: what changed since the client's previous results, waiting for a change when nothing did. */
  async pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken,
    progress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>): Promise<WorkspaceDiagnosticReport> {
    this.switchClosedFilesToPull();
    const told = new Map(params.previousResultIds.map((previous) => [previous.uri, previous.value]));
    for (;;) {
      const items = this.workspaceReportsSince(told);
      if (items.length > 0 && !progress) return { items };
      // With a partial-result token every change streams on this request; it ends when the client cancels it.
      if (items.length > 0) progress!.report({ items });
      await this.waitFor(token, () => (this.workspaceReportsSince(told, false).length > 0 ? true : undefined), 'change');
      await this.quietFor(WORKSPACE_BATCH_MS, token);
    }
  }

  /** Reports of every file whose result the client does not have yet; `record` notes them as told. */
  private workspaceReportsSince(told: Map<string, string>, record = true): WorkspaceDocumentDiagnosticReport[] {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const add = (uri: string, entry: Entry, version: number | null) => {
      if (told.get(uri) === entry.resultId) return;
      if (record) told.set(uri, entry.resultId);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: entry.resultId, items: entry.diagnostics });
    };
    for (const [uri, entry] of this.open) {
      if (!this.pulledByDocument.has(uri) && entry.version === this.options.versionOf(uri)) add(uri, entry, entry.version ?? null);
    }
    for (const [uri, entry] of this.closed) if (this.options.versionOf(uri) === undefined) add(uri, entry, null);
    return items;
  }

  /**
   * Resolves with `ready()`'s first defined value, checked now and after every change;
   * a cancelled token rejects with RequestCancelled, as LSP asks of a cancelled request.
   */
  private waitFor<T>(token: CancellationToken, ready: () => T | undefined, on: 'result' | 'change' = 'result'): Promise<T> {
    const list = on === 'result' ? this.waiters : this.changeListeners;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        if (token.isCancellationRequested) return finish(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled')));
        let value: T | undefined;
        try {
          value = ready();
        } catch (error) {
          return finish(() => reject(error));
        }
        if (value !== undefined) finish(() => resolve(value as T));
      };
      const cancellation = token.onCancellationRequested(check);
      const finish = (settle: () => void) => {
        list.delete(check);
        cancellation.dispose();
        settle();
      };
      list.add(check);
      check();
    });
  }

  /** Waits `ms` (a batching window for the long poll), rejecting if the token is cancelled meanwhile. */
  private quietFor(ms: number, token: CancellationToken): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { cancellation.dispose(); resolve(); }, ms);
      const cancellation = token.onCancellationRequested(() => {
        clearTimeout(timer);
        cancellation.dispose();
        reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled'));
      });
    });
  }

  private wake(): void {
    for (const check of [...this.waiters]) check();
  }

  private changed(): void {
    for (const check of [...this.changeListeners]) check();
  }

  /** One refresh for a burst of results (a config change rescans every open document). */
  private refreshSoon(): void {
    if (!this.refreshSupported || this.refreshTimer) return;
    this.refreshTimer = setImmediate(() => {
      this.refreshTimer = undefined;
      // Typed void, but it is the request's promise: a client that fails it must not crash the server.
      void Promise.resolve(this.connection.languages.diagnostics.refresh() as unknown)
        .catch((error: unknown) => this.options.onError('The editor did not refresh its diagnostics', error));
    });
  }
}
