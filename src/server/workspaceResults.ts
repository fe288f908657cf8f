import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { LineIndex } from '../engine/text';
import { toDiagnostic } from './diagnostics';
import { timeBudgetDiagnostic } from './timeBudget';

// What the workspace scan found in each file, as on disk, and its publication. A file open in the
// editor is published by the open-file path (validation.ts) from the editor's text: its workspace
// result is kept (for the totals and for when it closes) but never published over the editor's.
// `publish` delivers a closed file's diagnostics (pushed, or kept for the client's pull: pullDiagnostics.ts).

export interface FileScanResult {
  /** The workspace folder it belongs to. */
  folderUri: string;
  findings: Finding[];
  /** Set when its scan ran over this budget (ms): the engine's findings are unknown. */
  overBudgetMs?: number;
}

export interface Totals {
  findings: Record<string, number>;
  committedSecrets: number;
  filesWithFindings: number;
}

export function emptyTotals(): Totals {
  return { findings: { secret: 0, path: 0, tls: 0, policy: 0 }, committedSecrets: 0, filesWithFindings: 0 };
}

export class WorkspaceResults {
  private readonly results = new Map<string, FileScanResult>();
  /** Files whose diagnostics on the client came from elsewhere (a document that closed): the next answer is published whatever it is. */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    /** True for a document open in the editor: the open-file path publishes it. */
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  has(uri: string): boolean {
    return this.results.has(uri);
  }

  /** The client shows diagnostics for `uri` that the open-file path published: the next result replaces them, even an empty one. */
  claim(uri: string): void {
    this.claimed.add(uri);
  }

  findingsOf(uri: string): Finding[] {
    return this.results.get(uri)?.findings ?? [];
  }

  uris(): string[] {
    return [...this.results.keys()];
  }

  /** Stores a file's result and publishes it unless the file is open. `text` is what was scanned (for positions). */
  set(uri: string, text: string, result: FileScanResult): void {
    const had = this.results.get(uri);
    this.results.set(uri, result);
    if (this.isOpen(uri)) return;
    // Nothing before and nothing now: no need to tell the client about a clean file (a settings
    // change rescans every file: each clean one would be published again).
    const empty = (scan: FileScanResult | undefined) => !scan || (scan.findings.length === 0 && scan.overBudgetMs === undefined);
    if (!this.claimed.delete(uri) && empty(had) && empty(result)) return;
    this.publish(uri, diagnosticsOf(uri, text, result));
  }

  /** Forgets a file (deleted, now ignored or excluded, scope changed) and clears its diagnostics unless it is open. */
  delete(uri: string): void {
    const had = this.results.get(uri);
    const claimed = this.claimed.delete(uri);
    this.results.delete(uri);
    if (this.isOpen(uri)) return;
    if (claimed || (had && (had.findings.length > 0 || had.overBudgetMs !== undefined))) this.publish(uri, []);
  }

  /** Forgets every file for which `drop` says so. */
  deleteWhere(drop: (uri: string, result: FileScanResult) => boolean): void {
    for (const [uri, result] of [...this.results]) if (drop(uri, result)) this.delete(uri);
  }

  /** Every secret behind the published diagnostics, for the log's masking. */
  *secrets(): Iterable<{ value: string }> {
    for (const result of this.results.values()) {
      for (const finding of result.findings) if (finding.secret) yield { value: finding.secret.value };
    }
  }

  /** Totals over the workspace: an open file counts with `openFindings` (its editor text), others as on disk. */
  totals(openUris: Iterable<string>, openFindings: (uri: string) => Finding[] | undefined): Totals {
    const totals = emptyTotals();
    const count = (findings: readonly Finding[]) => {
      if (findings.length === 0) return;
      totals.filesWithFindings += 1;
      for (const finding of findings) {
        totals.findings[finding.category] = (totals.findings[finding.category] ?? 0) + 1;
        if (finding.category === 'secret' && finding.data?.committed === true) totals.committedSecrets += 1;
      }
    };
    for (const [uri, result] of this.results) count((this.isOpen(uri) ? openFindings(uri) : undefined) ?? result.findings);
    // Open files the workspace scan does not cover (outside the folders, a folder over its limits).
    for (const uri of openUris) if (!this.results.has(uri)) count(openFindings(uri) ?? []);
    return totals;
  }
}

function diagnosticsOf(uri: string, text: string, result: FileScanResult): Diagnostic[] {
  const lines = new LineIndex(text);
  const diagnostics = result.findings.map((finding) => toDiagnostic(finding, uri, (offset) => lines.positionAt(offset)));
  if (result.overBudgetMs !== undefined) diagnostics.unshift(timeBudgetDiagnostic(result.overBudgetMs));
  return diagnostics;
}
