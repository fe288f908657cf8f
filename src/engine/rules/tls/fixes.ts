import type { OffsetEdit, SuggestedFix } from '../../types';
import { lineAround } from '../../text';

// Same-file edits shared by the tls rules. Each keeps the rest of the text byte for byte.


/** Removes the whole line(s) from the one holding `start` to the one holding `end`, newline included. */
export function removeLines(text: string, start: number, end = start): OffsetEdit {
  const first = lineAround(text, start);
  const last = lineAround(text, Math.max(start, end - 1));
  return { start: first.start, end: last.next, newText: '' };
}

/** Whether [start, end) is all that the line holds, apart from whitespace and the given prefixes. */
export function ownsLine(text: string, start: number, end: number, allowedPrefix = /^\s*$/): boolean {
  const { start: lineStart } = lineAround(text, start);
  const { end: lineEnd } = lineAround(text, Math.max(start, end - 1));
  return allowedPrefix.test(text.slice(lineStart, start)) && /^[\s;]*$/.test(text.slice(end, lineEnd));
}

/** Removes a word with the blanks after it (or before it, at the end of a line). */
export function removeWord(text: string, start: number, end: number): OffsetEdit {
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after += 1;
  if (after > end && after < text.length && text[after] !== '\n' && text[after] !== '\r') {
    return { start, end: after, newText: '' };
  }
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before -= 1;
  // Keep a line's indentation when the word is the only thing left on it.
  if (before > 0 && (text[before - 1] === '\n' || text[before - 1] === '\r')) before = start;
  return { start: before, end, newText: '' };
}

export function fix(title: string, edits: OffsetEdit[], preferred = true): SuggestedFix {
  return { title, edits, preferred };
}

/** Applies non-overlapping edits (in any order); used by tests and by callers previewing a fix. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}
