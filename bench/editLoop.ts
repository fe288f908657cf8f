import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { TestServer } from '../test/lsp/harness';

// The editor-latency measurement both the editor-latency and the syntax sections make: type one
// character into a comment in the middle of an open document, then delete it, and time each
// change from didChange to the diagnostics published for that version.

export interface EditLoopResult {
  /** Milliseconds from each didChange to its publishDiagnostics. */
  timings: number[];
  /** False when some publication failed `keeps` (findings went missing during the edits). */
  kept: boolean;
  version: number;
}

export async function timeCommentEdits(
  server: TestServer,
  uri: string,
  lines: readonly string[],
  options: { edits: number; version: number; keeps: (diagnostics: Diagnostic[]) => boolean; comments?: readonly string[] },
): Promise<EditLoopResult> {
  // A line comment (`// `, `# `) or a line inside a block comment (` * `), by the file's language.
  const comments = options.comments ?? ['// '];
  const line = lines.findIndex((candidate, index) => index > lines.length / 2 && comments.some((prefix) => candidate.trimStart().startsWith(prefix)));
  if (line === -1) throw new Error('the benchmark file has no comment line in its second half to type into');
  const character = lines[line].length;
  const timings: number[] = [];
  let kept = true;
  let version = options.version;
  for (let i = 0; i < options.edits; i += 1) {
    version += 1;
    const inserting = i % 2 === 0;
    const range = { start: { line, character }, end: { line, character: inserting ? character : character + 1 } };
    const expected = version;
    const published = server.nextDiagnostics(uri, (_, params) => params.version === undefined || params.version === expected, 30_000);
    const started = performance.now();
    server.edit(uri, range, inserting ? 'x' : '', version);
    const diagnostics = await published;
    timings.push(performance.now() - started);
    kept &&= options.keeps(diagnostics);
  }
  return { timings, kept, version };
}
