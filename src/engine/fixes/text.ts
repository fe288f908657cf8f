import type { OffsetEdit } from '../types';
import { lineAround } from '../text';

// Small text helpers shared by the fixes: line-ending conventions, appending a line while keeping
// every existing byte, and applying offset edits (what the tests and the verifiers use).

export const BOM = '\uFEFF';

export type Eol = '\n' | '\r\n' | '\r';

/** The file's line ending: whichever of CRLF, LF and CR occurs most; LF for a file without any. */
export function eolOf(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf += 1;
        i += 1;
      } else cr += 1;
    } else if (code === 10) lf += 1;
  }
  if (crlf === 0 && lf === 0 && cr === 0) return '\n';
  if (crlf >= lf && crlf >= cr) return '\r\n';
  return lf >= cr ? '\n' : '\r';
}

export function endsWithLineBreak(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

/**
 * An insertion at the end of `text` that adds `lines` (already free of line breaks, or holding
 * `\n` that are turned into the file's ending) while keeping the file's conventions: its line
 * ending, and its final newline or the lack of one. An empty or missing file gets a final newline.
 */
export function appendLines(text: string | undefined, lines: string[]): OffsetEdit {
  const current = text ?? '';
  const eol = eolOf(current);
  const body = lines.map((line) => line.replace(/\r\n|\n/g, eol)).join(eol);
  const hasContent = current.length > 0 && current !== BOM;
  if (!hasContent) return { start: current.length, end: current.length, newText: body + eol };
  const newText = endsWithLineBreak(current) ? body + eol : eol + body;
  return { start: current.length, end: current.length, newText };
}

/** Applies non-overlapping offset edits (any order) to a text. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Offsets of the start of the line holding `offset`, and of the end of its content. */
export function lineBounds(text: string, offset: number): { start: number; end: number } {
  const { start, end } = lineAround(text, offset);
  return { start, end };
}

export function indentationAt(text: string, lineStart: number): string {
  const match = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200));
  return match ? match[0] : '';
}
