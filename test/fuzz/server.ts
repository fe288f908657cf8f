import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { languageOf } from '../../src/engine';
import { fileUri, startServer, type TestServer } from '../lsp/harness';
import { corpus, generateFile, mixedText, Random } from './corpus';
import { randomEdit, type FuzzFailure } from './engine';

// The server half of `npm run fuzz`: the built server (dist/server.js) over stdio, as an editor
// drives it. Each document is opened, then changed by many small incremental edits (line breaks
// of all three kinds among them); every diagnostic the server publishes must lie inside the
// version it was published for, and after each batch of edits the diagnostics must equal those of
// a fresh open of the same text. Waits are on publications, never on time.

export interface ServerCounts {
  edits: number;
  documents: number;
  publications: number;
  diagnostics: number;
  freshComparisons: number;
  /** Files the server reported as over its time budget (machine load; left out of the comparisons). */
  overBudget: number;
  failures: FuzzFailure[];
}

export interface ServerFuzzOptions {
  edits: number;
  seed: number;
  /** Edits per document before it is closed, and edits between two checks. */
  editsPerDocument?: number;
  batch?: number;
  timeoutMs?: number;
  progress?: (counts: ServerCounts) => void;
  stopOnFailure?: boolean;
}

const BUDGET_CODE = 'scan/time-budget';

function comparable(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code !== BUDGET_CODE)
    .map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity}`).sort();
}

/** The first range of a publication that is not inside the text it was published for. */
function outside(document: TextDocument, diagnostics: readonly Diagnostic[]): string | undefined {
  for (const diagnostic of diagnostics) {
    const ranges = [diagnostic.range, ...(diagnostic.relatedInformation ?? []).map((r) => r.location.range)];
    const secretRange = (diagnostic.data as { secretRange?: Diagnostic['range'] } | undefined)?.secretRange;
    if (secretRange) ranges.push(secretRange);
    for (const range of ranges) {
      for (const position of [range.start, range.end]) {
        if (position.line < 0 || position.line >= document.lineCount || position.character < 0) return `${String(diagnostic.code)} at ${JSON.stringify(range)} (${document.lineCount} lines)`;
        const length = document.offsetAt({ line: position.line, character: Number.MAX_SAFE_INTEGER }) - document.offsetAt({ line: position.line, character: 0 });
        if (position.character > length) return `${String(diagnostic.code)} at ${JSON.stringify(range)}: line ${position.line} has ${length} characters`;
      }
    }
  }
  return undefined;
}

export async function fuzzServer(options: ServerFuzzOptions): Promise<ServerCounts> {
  const counts: ServerCounts = { edits: 0, documents: 0, publications: 0, diagnostics: 0, freshComparisons: 0, overBudget: 0, failures: [] };
  const perDocument = options.editsPerDocument ?? 200;
  const batch = options.batch ?? 10;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sh-fuzz-'));
  let server: TestServer | undefined;
  try {
    server = await startServer({ cwd: dir });
    let checked = 0;
    let reported = 0;
    for (let doc = 0; counts.edits < options.edits; doc += 1) {
      const seed = options.seed + doc;
      const random = new Random(seed);
      const file = generateFile(random);
      const paste = corpus().find((c) => c.path === file.path)?.blocks.flatMap((b) => b.lines) ?? [];
      const uri = fileUri(path.join(dir, `d${doc}`, file.path));
      const languageId = languageOf(file.path);
      let mirror = TextDocument.create(uri, languageId, 1, mixedText(file));
      const versions = new Map<number, TextDocument>([[1, mirror]]);
      const fail = (kind: string, detail: string) => counts.failures.push({ kind, seed, detail: `${file.path}: ${detail}` });
      counts.documents += 1;
      server.open(uri, languageId, mirror.getText(), 1);

      /** Checks every publication for this document received since the last check. */
      const checkPublications = () => {
        for (; checked < server!.publications.length; checked += 1) {
          const params: PublishDiagnosticsParams = server!.publications[checked];
          if (params.uri !== uri) continue;
          counts.publications += 1;
          counts.diagnostics += params.diagnostics.length;
          if (params.diagnostics.some((d) => d.code === BUDGET_CODE)) counts.overBudget += 1;
          const version = params.version === undefined ? undefined : versions.get(params.version);
          if (!version) {
            if (params.diagnostics.length > 0) fail('publication without a known version', `version ${String(params.version)}`);
            continue;
          }
          const bad = outside(version, params.diagnostics);
          if (bad) fail('range outside the document', `version ${params.version}: ${bad}`);
        }
      };

      for (let step = 1; step <= perDocument && counts.edits < options.edits; step += 1) {
        const text = mirror.getText();
        const edit = randomEdit(random, text, paste);
        const range = { start: mirror.positionAt(edit.start), end: mirror.positionAt(edit.end) };
        const version = mirror.version + 1;
        mirror = TextDocument.update(TextDocument.create(uri, languageId, mirror.version, text), [{ range, text: edit.newText }], version);
        versions.set(version, mirror);
        server.edit(uri, range, edit.newText, version);
        counts.edits += 1;
        if (step % batch !== 0 && step !== perDocument) continue;

        const current = await server.waitForDiagnostics(uri, (_, params) => params.version === version, timeoutMs);
        checkPublications();
        for (const old of [...versions.keys()]) if (old < version) versions.delete(old);
        // The same text opened afresh (a new document, same file name) must get the same diagnostics.
        const freshUri = fileUri(path.join(dir, `f${doc}-${step}`, file.path));
        server.open(freshUri, languageId, mirror.getText(), 1);
        const fresh = await server.waitForDiagnostics(freshUri, (_, params) => params.version === 1, timeoutMs);
        server.close(freshUri);
        counts.freshComparisons += 1;
        const budget = current.some((d) => d.code === BUDGET_CODE) || fresh.some((d) => d.code === BUDGET_CODE);
        if (!budget && comparable(current).join('\n') !== comparable(fresh).join('\n')) {
          fail('incremental differs from a fresh open', `version ${version}: ${JSON.stringify(comparable(current))} vs fresh ${JSON.stringify(comparable(fresh))}`);
        }
        if (options.stopOnFailure && counts.failures.length) break;
      }
      server.close(uri);
      checkPublications();
      if (options.stopOnFailure && counts.failures.length) break;
      if (options.progress && counts.edits - reported >= 1000) {
        reported = counts.edits;
        options.progress(counts);
      }
    }
  } finally {
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
  return counts;
}
