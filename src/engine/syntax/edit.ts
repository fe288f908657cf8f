import type { Edit, Point } from '@vscode/tree-sitter-wasm';
import { changedStretch, type ChangedStretch } from '../text';

// The single edit that turns one version of a document into the next, for `Tree.edit`. The editor
// sends whole documents, so the edit is recovered from the common prefix and suffix (changedStretch).
//
// Units: web-tree-sitter parses JavaScript strings as UTF-16, and its indices and columns are
// UTF-16 code units (the same as String indices and LSP characters), not UTF-8 bytes. Rows count
// '\n' only, as Tree-sitter does.

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Row and column (UTF-16 units) of `index` in `text`. */
export function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    row += 1;
    lineStart = at + 1;
  }
  return { row, column: index - lineStart };
}

/** Point of `index` given the point of an earlier index `from` in the same text. */
function advance(text: string, from: number, fromPoint: Point, index: number): Point {
  let { row, column } = fromPoint;
  let lineStart = from - column;
  for (let at = text.indexOf('\n', from); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    row += 1;
    lineStart = at + 1;
  }
  column = index - lineStart;
  return { row, column };
}

/** A place in the old text whose row is known (the start of the old tree's node there), so that rows are counted from it. */
export type RowAnchor = (index: number) => { index: number; row: number } | undefined;

/**
 * The edit from `oldText` to `newText`, or undefined when they are equal. `change` is their
 * changed stretch (text.ts), when the caller has it already: a large file after one keystroke is
 * mostly equal, and comparing it twice per scan was a millisecond. `anchor` saves counting the
 * rows from the top of the file (4,500 lines before a keystroke half way down a large file).
 */
export function computeEdit(oldText: string, newText: string, change: ChangedStretch = changedStretch(oldText, newText), anchor?: RowAnchor): Edit | undefined {
  if (change.start === change.oldEnd && change.start === change.newEnd) return undefined;
  let startIndex = change.start;
  let suffix = oldText.length - change.oldEnd;
  // Never cut a surrogate pair in two: an astral character is one unit of change. (A larger edit
  // than the smallest one is still a true edit: what lies outside it is equal in both texts.)
  if (startIndex > 0 && isHighSurrogate(oldText.charCodeAt(startIndex - 1))) startIndex -= 1;
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix -= 1;
  const oldEndIndex = oldText.length - suffix;
  const newEndIndex = newText.length - suffix;
  const startPosition = pointFrom(oldText, startIndex, anchor?.(startIndex));
  return {
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: advance(oldText, startIndex, startPosition, oldEndIndex),
    newEndPosition: advance(newText, startIndex, startPosition, newEndIndex),
  };
}

/** Row and column of `index`, counted from `anchor` (a known row at or before it) when there is one. */
function pointFrom(text: string, index: number, anchor: { index: number; row: number } | undefined): Point {
  if (!anchor || anchor.index > index) return pointAt(text, index);
  // (lastIndexOf reads a negative start as 0, which would find a `\n` at the anchor itself.)
  const lineStart = anchor.index === 0 ? 0 : text.lastIndexOf('\n', anchor.index - 1) + 1;
  return advance(text, anchor.index, { row: anchor.row, column: anchor.index - lineStart }, index);
}
