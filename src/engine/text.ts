import type { Position, Range } from './types';
import { rememberLast } from './rememberLast';

// The one text model (DESIGN.md): `\r\n`, `\n` and a lone `\r` each end a line, as LSP and the
// editor count them. Everything in src/ that finds, splits or walks lines goes through here, so a
// classic-Mac file gets the same line numbers in the CLI, the server and every fix.

const LF = 10;
const CR = 13;

/** Whether the UTF-16 code unit is `\n` or `\r`. */
export function isLineBreakCode(code: number): boolean {
  return code === LF || code === CR;
}

/**
 * Offset of the next line break (`\r` or `\n`) at or after `from`, or `text.length` when none.
 * A character loop rather than two `indexOf`s: with no `\r` in the text, `indexOf('\r')` would
 * walk to the end on every call and make a line-by-line walk quadratic.
 */
export function lineBreakFrom(text: string, from: number): number {
  const length = text.length;
  let at = Math.max(0, from);
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === LF || code === CR) return at;
    at += 1;
  }
  return length;
}

/** Length of the line break at `at`: 2 for `\r\n`, 1 for a lone `\r` or `\n`, 0 for anything else. */
export function lineBreakLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === CR) return text.charCodeAt(at + 1) === LF ? 2 : 1;
  return code === LF ? 1 : 0;
}

/** `offset` moved off the `\n` of a `\r\n` pair onto its `\r`: the pair is one line break. */
function outsidePair(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset) === LF && text.charCodeAt(offset - 1) === CR ? offset - 1 : offset;
}

/** Offset where the line holding `offset` starts (just past the previous line break). */
export function lineStartAt(text: string, offset: number): number {
  let at = outsidePair(text, Math.min(Math.max(0, offset), text.length));
  while (at > 0 && !isLineBreakCode(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

/** Where the line after the one ending at `contentEnd` starts (the text's length on the last line). */
export function nextLineStart(text: string, contentEnd: number): number {
  return contentEnd + lineBreakLength(text, contentEnd);
}

/** The text's lines, without their line breaks (`'a\r\nb\rc\n'` gives `['a', 'b', 'c', '']`). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Maps between string offsets and LSP positions; built once per scanned text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string, lineStarts?: number[]) {
    this.lineStarts = lineStarts ?? [0, ...lineStartsIn(text, 0, text.length)];
  }

  /**
   * The index of `text`, an edit of `previous.text`: the line starts before and after the edit
   * are the previous ones (moved by the change in length), only those of the edited stretch are
   * read again (a document rescanned after a keystroke).
   */
  static edited(previous: LineIndex, text: string, change: ChangedStretch = changedStretch(previous.text, text)): LineIndex {
    const old = previous.text;
    if (old === text) return previous;
    // A line starts after a `\n`, or after a `\r` that no `\n` follows: a start depends on the
    // two characters around it, so the stretch read again reaches one character past the edit.
    const from = Math.max(0, change.start - 1);
    const oldTo = Math.min(old.length, change.oldEnd + 1);
    const newTo = Math.min(text.length, change.newEnd + 1);
    const delta = text.length - old.length;
    const starts = previous.lineStarts.filter((start) => start <= from);
    starts.push(...lineStartsIn(text, from, newTo));
    for (const start of previous.lineStarts) if (start > oldTo) starts.push(start + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** As LSP's TextDocument: an offset inside a `\r\n` pair maps to the end of its line's content. */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    const low = lastAtOrBefore(this.lineStarts, clamped);
    const start = this.lineStarts[low];
    while (clamped > start && isLineBreakCode(this.text.charCodeAt(clamped - 1))) clamped -= 1;
    return { line: low, character: clamped - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** Offset of the end of the line's content, before its `\r\n`, `\n` or `\r`. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    // A line's content holds no break, so a `\r` just before the final `\n` is that break's.
    return next >= 2 && this.text.charCodeAt(next - 1) === LF && this.text.charCodeAt(next - 2) === CR ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Start and end (before its line break) of the line holding `offset`, and where the next line starts. */
export function lineAround(text: string, offset: number): { start: number; end: number; next: number } {
  const at = outsidePair(text, Math.min(Math.max(0, offset), text.length));
  const start = lineStartAt(text, at);
  const end = lineBreakFrom(text, at);
  return { start, end, next: nextLineStart(text, end) };
}

/** Index of the last of the sorted `starts` at or before `at` (0 when none), by binary search. */
export function lastAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The line starts that follow the line breaks of text[from, to), in order: after each `\n`, and
 * after each `\r` that no `\n` follows (the character after `to` counts). The same starts as
 * vscode-languageserver-textdocument counts (the server's OpenDocument uses this too).
 */
export function lineStartsIn(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) starts.push(i + 1);
  }
  return starts;
}

/**
 * The text with every lone `\r` turned into `\n`: the same length and offsets, the same lines, for
 * a reader that only knows `\n` and `\r\n` (Tree-sitter's Go, Ruby and C# grammars read a lone
 * `\r` as a blank, so a classic-Mac file would parse as one long line the user never sees).
 */
export function loneCrAsLf(text: string): string {
  // A `\r\n` file (most on Windows) holds no lone `\r`: looked for first (a native search from
  // `\r` to `\r`), so that no copy is made.
  return hasLoneCr(text) ? text.replace(LONE_CR, '\n') : text;
}

const LONE_CR = /\r(?!\n)/g;

/**
 * Whether `text[from, to)` holds a `\r` that no `\n` follows (the character after `to` counts as a
 * follower). Searched in that stretch only (a slice of a flat string shares its characters): in a
 * file with no `\r`, a search of the whole text from `from` read everything after the edit.
 */
export function hasLoneCr(text: string, from = 0, to = text.length): boolean {
  const stretch = from === 0 && to >= text.length ? text : text.slice(from, to + 1);
  const end = to - from;
  for (let at = stretch.indexOf('\r'); at !== -1 && at < end; at = stretch.indexOf('\r', at + 1)) if (stretch.charCodeAt(at + 1) !== LF) return true;
  return false;
}

/**
 * Characters compared at a time by commonPrefixLength and commonSuffixLength: two slices compared
 * with `===` are compared natively (memcmp speed); a character loop over a 370,000-character text
 * costs 1-2 ms, blocks of this size a few hundredths of that.
 */
const COMPARED_BLOCK = 2048;

/** How many characters `a` and `b` share at their start. */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  while (at + COMPARED_BLOCK <= max && a.slice(at, at + COMPARED_BLOCK) === b.slice(at, at + COMPARED_BLOCK)) at += COMPARED_BLOCK;
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at += 1;
  return at;
}

/** How many characters `a` and `b` share at their end, at most `max` (to keep it clear of a common prefix). */
export function commonSuffixLength(a: string, b: string, max = Math.min(a.length, b.length)): number {
  const limit = Math.min(max, a.length, b.length);
  let shared = 0;
  while (shared + COMPARED_BLOCK <= limit && a.slice(a.length - shared - COMPARED_BLOCK, a.length - shared) === b.slice(b.length - shared - COMPARED_BLOCK, b.length - shared)) shared += COMPARED_BLOCK;
  while (shared < limit && a.charCodeAt(a.length - shared - 1) === b.charCodeAt(b.length - shared - 1)) shared += 1;
  return shared;
}

/** What an edit changed: `before[start, oldEnd)` became `after[start, newEnd)`; the rest is shared. */
export interface ChangedStretch {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The stretch in which `after` differs from `before`, from their common start and common end (empty when equal). */
export function changedStretch(before: string, after: string): ChangedStretch {
  return stretchRemembered(before, after);
}

// A keystroke's scan asks for the same stretch four or five times (the parser, the line index,
// the secrets' kept lines, the path detector): compared once (two 370,000-character texts: 0.1 ms).
const stretchRemembered = rememberLast((before: string, after?: string) => stretchBetween(before, after!));

function stretchBetween(before: string, after: string): ChangedStretch {
  const start = commonPrefixLength(before, after);
  const shared = commonSuffixLength(before, after, Math.min(before.length, after.length) - start);
  return { start, oldEnd: before.length - shared, newEnd: after.length - shared };
}
