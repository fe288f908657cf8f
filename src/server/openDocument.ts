import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { TextEdit } from './scanMessages';
import { isLineBreakCode, lastAtOrBefore, lineStartsIn } from '../engine/text';

// The server's open documents: vscode-languageserver-textdocument's TextDocument, answer for
// answer, without copying the whole text on every keystroke. TextDocument builds each version's
// text at once (`before + change + after`, made flat by its next read): on a 370,000-character
// file that is 2-3 ms of this thread per keystroke, for a text this thread rarely reads. Here a
// change is recorded as slices of the last whole text (Pieces), the line offsets are kept up to
// date the way TextDocument keeps them, and the whole text is built only when something reads it
// (a code action, a fix). The scan worker is sent the edit since the version it holds (editSince),
// which it applies to its own copy (scanMessages.ts).
//
// test/unit/openDocument.test.ts checks every answer against TextDocument's on random edits.

const CR = 13;
const LF = 10;
/** Slices before the whole text is built again, so that reading a character stays cheap. */
const MAX_PIECES = 128;
/** Versions whose edits are kept for the scan worker; one further behind is sent the whole text. */
const KEPT_VERSIONS = 64;

/** As TextDocument's computeLineOffsets: the line starts of `text`, moved by `offset`, with 0 first for a whole text. */
function lineOffsetsIn(text: string, isAtLineStart: boolean, offset = 0): number[] {
  const starts = lineStartsIn(text, 0, text.length).map((start) => start + offset);
  return isAtLineStart ? [offset, ...starts] : starts;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** A text held as slices of earlier texts (V8 slices share their parent's characters): an edit copies no more than itself. */
class Pieces {
  private parts: string[];
  length: number;

  constructor(text: string) {
    this.parts = [text];
    this.length = text.length;
  }

  get count(): number {
    return this.parts.length;
  }

  /** NaN outside the text, as String's charCodeAt. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    for (const part of this.parts) {
      if (offset < part.length) return part.charCodeAt(offset);
      offset -= part.length;
    }
    return NaN;
  }

  /** As String's substring: bounds clamped, swapped when reversed. */
  substring(from: number, to: number): string {
    [from, to] = [this.index(from), this.index(to)];
    if (from > to) [from, to] = [to, from];
    if (this.parts.length === 1) return this.parts[0].slice(from, to);
    let out = '';
    let at = 0;
    for (const part of this.parts) {
      const end = at + part.length;
      if (end > from && at < to) out += part.slice(Math.max(0, from - at), Math.min(part.length, to - at));
      at = end;
      if (at >= to) break;
    }
    return out;
  }

  /** `this[start, end)` becomes `insert` (bounds clamped as substring clamps them). */
  replace(start: number, end: number, insert: string): void {
    [start, end] = [this.index(start), this.index(end)];
    const parts: string[] = [];
    let at = 0;
    let inserted = false;
    for (const part of this.parts) {
      const partEnd = at + part.length;
      if (partEnd <= start || at >= end) {
        if (!inserted && at >= end) {
          if (insert) parts.push(insert);
          inserted = true;
        }
        parts.push(part);
      } else {
        if (at < start) parts.push(part.slice(0, start - at));
        if (!inserted) {
          if (insert) parts.push(insert);
          inserted = true;
        }
        if (partEnd > end) parts.push(part.slice(end - at));
      }
      at = partEnd;
    }
    if (!inserted && insert) parts.push(insert);
    this.parts = parts.length > 0 ? parts : [''];
    this.length += insert.length - (end - start);
  }

  private index(at: number): number {
    return Number.isNaN(at) ? 0 : Math.max(0, Math.min(at, this.length));
  }

  /** The whole text, one string from now on. */
  toString(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0];
  }
}

/** One version's edits, by offsets in the text each one applies to, in order. */
interface KeptVersion {
  /** The version these edits start from. */
  from: number;
  edits: { start: number; end: number; inserted: number }[];
}

export class OpenDocument implements TextDocument {
  private readonly pieces: Pieces;
  /** As TextDocument's: computed when first needed, kept up to date by each change. */
  private lineOffsets: number[] | undefined;
  private currentVersion: number;
  private readonly kept: KeptVersion[] = [];

  constructor(readonly uri: string, readonly languageId: string, version: number, content: string) {
    this.pieces = new Pieces(content);
    this.currentVersion = version;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.offsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.pieces.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.pieces.toString();
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.pieces.length), 0);
    const lineOffsets = this.offsets();
    if (lineOffsets.length === 0) return { line: 0, character: offset };
    const line = lastAtOrBefore(lineOffsets, offset);
    offset = this.beforeEol(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.offsets();
    if (position.line >= lineOffsets.length) return this.pieces.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.pieces.length;
    return this.beforeEol(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.offsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.pieces.length - lineOffsets[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.pieces.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.offsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.pieces.length;
    return this.pieces.substring(this.beforeEol(next, lineOffsets[line]), next);
  }

  /** Applies the client's changes for `version`, as TextDocument.update does, without building the text. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const edits: KeptVersion['edits'] = [];
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        edits.push({ start: 0, end: this.pieces.length, inserted: change.text.length });
        this.pieces.replace(0, this.pieces.length, change.text);
        this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      edits.push({ start, end, inserted: change.text.length });
      this.pieces.replace(start, end, change.text);
      this.updateLineOffsets(range, start, end, change.text);
    }
    if (this.pieces.count > MAX_PIECES) this.pieces.toString();
    this.kept.push({ from: this.currentVersion, edits });
    if (this.kept.length > KEPT_VERSIONS) this.kept.shift();
    this.currentVersion = version;
  }

  /**
   * The one edit that turns the text of `version` into this one (its changes since, merged into
   * the stretch they span), or undefined when those changes are no longer kept or span most of
   * the text (the whole text is then sent).
   */
  editSince(version: number): TextEdit | undefined {
    const first = this.kept.findIndex((entry) => entry.from === version);
    if (version !== this.currentVersion && first === -1) return undefined;
    // The stretch [start, oldEnd) of the old text that became [start, newEnd) of the current one.
    let span: { start: number; oldEnd: number; newEnd: number } | undefined;
    for (const { edits } of version === this.currentVersion ? [] : this.kept.slice(first)) {
      for (const { start, end, inserted } of edits) {
        if (!span) {
          span = { start, oldEnd: end, newEnd: start + inserted };
          continue;
        }
        // `end` in the old text: past the span, offsets differ by the span's change in length.
        const oldEnd = Math.max(span.oldEnd, end - (span.newEnd - span.oldEnd));
        const newEnd = Math.max(span.newEnd, end) + inserted - (end - start);
        span = { start: Math.min(span.start, start), oldEnd, newEnd };
      }
    }
    const length = this.pieces.length;
    if (!span) return { start: 0, end: 0, insert: '', length };
    if (span.newEnd - span.start > length / 2) return undefined;
    return { start: span.start, end: span.oldEnd, insert: this.pieces.substring(span.start, span.newEnd), length };
  }

  private offsets(): number[] {
    this.lineOffsets ??= lineOffsetsIn(this.pieces.toString(), true);
    return this.lineOffsets;
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreakCode(this.pieces.charCodeAt(offset - 1))) offset -= 1;
    return offset;
  }

  /** TextDocument's incremental update of the line offsets, step for step. */
  private updateLineOffsets(range: Range, start: number, end: number, text: string): void {
    const insertedEnd = start + text.length;
    const crlfAtStart = this.pieces.charCodeAt(start - 1) === CR && this.pieces.charCodeAt(start) === LF;
    const crlfAtEnd = this.pieces.charCodeAt(insertedEnd - 1) === CR && this.pieces.charCodeAt(insertedEnd) === LF;
    if (crlfAtStart || crlfAtEnd) {
      // A \r\n pair across the edit's edge: counted afresh when next needed.
      this.lineOffsets = undefined;
      return;
    }
    const lineOffsets = this.offsets();
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineOffsetsIn(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i += 1) lineOffsets[i + startLine + 1] = added[i];
    } else {
      this.lineOffsets = [...lineOffsets.slice(0, startLine + 1), ...added, ...lineOffsets.slice(endLine + 1)];
    }
    const diff = text.length - (end - start);
    if (diff === 0) return;
    const offsets = this.lineOffsets!;
    for (let i = startLine + 1 + added.length; i < offsets.length; i += 1) offsets[i] += diff;
  }
}

/** For `new TextDocuments(...)`: the open documents as OpenDocument. */
export const openDocuments: TextDocumentsConfiguration<OpenDocument> = {
  create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content),
  update(document, changes, version) {
    document.update(changes, version);
    return document;
  },
};
