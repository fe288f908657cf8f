import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { OpenDocument } from './openDocument';
import type { Finding } from '../engine';
import type { MaskedLog } from './features';
import { toDiagnostic } from './diagnostics';
import { timeBudgetDiagnostic } from './timeBudget';

// Scheduling of scans for open documents. Opening scans at once; a change waits for the debounce
// delay, and a newer version supersedes an older one: its pending timer is cancelled, and results
// of a scan that finished after the document changed again are dropped. Scans of one document
// never overlap (the engine's per-document state, kept in a scan worker, is reused between them);
// different documents do not wait for each other. A scan that throws leaves that document's last
// diagnostics as they were and never touches the others'. A scan over its time budget publishes
// one "not fully scanned" diagnostic on the document (and logs it once, until a scan completes).

/** What scanning a document gave: its findings, and the budget when the engine's scan was stopped. */
export interface DocumentScan {
  findings: Finding[];
  /** Set when the scan ran over this budget (ms) and was abandoned: `findings` lack the engine's. */
  overBudgetMs?: number;
}

export interface ValidatorOptions {
  connection: Connection;
  documents: TextDocuments<OpenDocument>;
  log: MaskedLog;
  /** Scans a document (its state lives with the scanner, under its uri); undefined when it is not to be scanned (excluded, disabled). */
  scanDocument(document: OpenDocument): Promise<DocumentScan | undefined>;
  /** The document closed: the scanner may free the state it kept for it. */
  releaseDocument(uri: string): void;
  debounceFor(uri: string): Promise<number>;
  /** Diagnostics of an open document were published (or cleared): totals that count them may change. */
  onPublished?(uri: string): void;
}

interface Entry {
  timer?: NodeJS.Timeout | NodeJS.Immediate;
  running: boolean;
  again: boolean;
  /** Bumped by every schedule; a delayed scan only runs if it is still the latest. */
  generation: number;
}

export class Validator {
  private readonly entries = new Map<string, Entry>();
  private readonly findings = new Map<string, Finding[]>();
  /** Documents whose last scan ran over budget (logged once until a scan completes). */
  private readonly overBudget = new Set<string>();

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

  /**
   * The document closed: forget it and clear its diagnostics, unless `clear` is false (the
   * workspace scan then publishes the file's diagnostics as on disk in their place).
   */
  forget(uri: string, clear = true): void {
    const entry = this.entries.get(uri);
    if (entry) this.cancelTimer(entry);
    this.entries.delete(uri);
    this.findings.delete(uri);
    this.overBudget.delete(uri);
    // Parse trees live in the worker's WASM memory: the worker frees them after any scan using them
    // (and a long scan of this document is stopped).
    this.options.releaseDocument(uri);
    if (clear) void this.options.connection.sendDiagnostics({ uri, diagnostics: [] });
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
    }
  }

  private async validateOnce(uri: string): Promise<void> {
    const document = this.options.documents.get(uri);
    if (!document) return;
    const version = document.version;
    let scanned: DocumentScan | undefined;
    try {
      scanned = await this.options.scanDocument(document);
    } catch (error) {
      this.options.log.error(`Scanning ${uri} failed; its previous diagnostics are kept`, error);
      return;
    }
    const current = this.options.documents.get(uri);
    // Closed, or changed while scanning: the newer version's own scan publishes.
    if (current !== document || current.version !== version || !this.entries.has(uri)) return;
    if (scanned === undefined) {
      this.findings.delete(uri);
      this.overBudget.delete(uri);
      await this.options.connection.sendDiagnostics({ uri, version, diagnostics: [] });
      this.options.onPublished?.(uri);
      return;
    }
    const { findings, overBudgetMs } = scanned;
    this.findings.set(uri, findings);
    const diagnostics = findings.map((finding) => toDiagnostic(finding, uri, (offset) => document.positionAt(offset)));
    if (overBudgetMs === undefined) {
      this.overBudget.delete(uri);
    } else {
      diagnostics.unshift(timeBudgetDiagnostic(overBudgetMs));
      if (!this.overBudget.has(uri)) this.options.log.warn(`${uri} was not fully scanned: its scan took longer than its ${overBudgetMs} ms time budget and was stopped`);
      this.overBudget.add(uri);
    }
    await this.options.connection.sendDiagnostics({ uri, version, diagnostics });
    this.options.onPublished?.(uri);
  }
}
