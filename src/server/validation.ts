import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { releaseDocumentState, type Finding } from '../engine';
import type { MaskedLog } from './features';
import { toDiagnostic } from './diagnostics';

// Scheduling of scans for open documents. Opening scans at once; a change waits for the debounce
// delay, and a newer version supersedes an older one: its pending timer is cancelled, and results
// of a scan that finished after the document changed again are dropped. Scans of one document
// never overlap (the engine's per-document state is reused between them); different documents do
// not wait for each other. A scan that throws leaves that document's last diagnostics as they
// were and never touches the others'.

export interface ValidatorOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: MaskedLog;
  /** Findings for a document, or undefined when it is not to be scanned (excluded, disabled). */
  scanDocument(document: TextDocument, state: Map<string, unknown>): Promise<Finding[] | undefined>;
  debounceFor(uri: string): Promise<number>;
}

interface Entry {
  timer?: NodeJS.Timeout | NodeJS.Immediate;
  running: boolean;
  again: boolean;
  /** The document closed while its scan ran: free this state once the scan is done with it. */
  closedState?: Map<string, unknown>;
  /** Bumped by every schedule; a delayed scan only runs if it is still the latest. */
  generation: number;
}

export class Validator {
  private readonly entries = new Map<string, Entry>();
  private readonly findings = new Map<string, Finding[]>();
  private readonly states = new Map<string, Map<string, unknown>>();

  constructor(private readonly options: ValidatorOptions) {}

  findingsFor(uri: string): Finding[] | undefined {
    return this.findings.get(uri);
  }

  /** Every secret behind the published diagnostics: what the log must mask. */
  *secrets(): Iterable<{ value: string }> {
    for (const list of this.findings.values()) {
      for (const finding of list) if (finding.secret) yield { value: finding.secret.value };
    }
  }

  private entry(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { running: false, again: false, generation: 0 };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  private cancelTimer(entry: Entry): void {
    if (entry.timer === undefined) return;
    clearTimeout(entry.timer as NodeJS.Timeout);
    clearImmediate(entry.timer as NodeJS.Immediate);
    entry.timer = undefined;
  }

  /** Scans now (open, config change) or after the debounce delay (typing). */
  schedule(uri: string, immediate: boolean): void {
    const entry = this.entry(uri);
    this.cancelTimer(entry);
    const generation = ++entry.generation;
    const fire = () => {
      entry.timer = undefined;
      if (entry.generation === generation) void this.run(uri);
    };
    if (immediate) {
      void this.run(uri);
      return;
    }
    void this.options.debounceFor(uri).then((delay) => {
      if (entry.generation !== generation || this.entries.get(uri) !== entry) return;
      // Even without a delay, changes that arrived together are coalesced into one scan.
      entry.timer = delay > 0 ? setTimeout(fire, delay) : setImmediate(fire);
    });
  }

  scheduleAll(): void {
    for (const document of this.options.documents.all()) this.schedule(document.uri, true);
  }

  /** The document closed: forget it and clear its diagnostics. */
  forget(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry) this.cancelTimer(entry);
    this.entries.delete(uri);
    this.findings.delete(uri);
    const state = this.states.get(uri);
    this.states.delete(uri);
    // Parse trees live in WASM memory: free them now, or after the scan that is using them.
    if (state && entry?.running) entry.closedState = state;
    else if (state) releaseDocumentState(state);
    void this.options.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async run(uri: string): Promise<void> {
    const entry = this.entries.get(uri);
    if (!entry) return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    entry.running = true;
    try {
      do {
        entry.again = false;
        await this.validateOnce(uri);
      } while (entry.again && this.entries.get(uri) === entry);
    } finally {
      entry.running = false;
      if (entry.closedState) releaseDocumentState(entry.closedState);
      entry.closedState = undefined;
    }
  }

  private async validateOnce(uri: string): Promise<void> {
    const document = this.options.documents.get(uri);
    if (!document) return;
    const version = document.version;
    let state = this.states.get(uri);
    if (!state) {
      state = new Map();
      this.states.set(uri, state);
    }
    let findings: Finding[] | undefined;
    try {
      findings = await this.options.scanDocument(document, state);
    } catch (error) {
      this.options.log.error(`Scanning ${uri} failed; its previous diagnostics are kept`, error);
      return;
    }
    const current = this.options.documents.get(uri);
    // Closed, or changed while scanning: the newer version's own scan publishes.
    if (current !== document || current.version !== version || !this.entries.has(uri)) return;
    if (findings === undefined) {
      this.findings.delete(uri);
      await this.options.connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    this.findings.set(uri, findings);
    const diagnostics = findings.map((finding) => toDiagnostic(finding, uri, (offset) => document.positionAt(offset)));
    await this.options.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
