import type { Edit, Point } from '@vscode/tree-sitter-wasm';

// The single edit that turns one version of a document into the next, for `Tree.edit`. The editor
// sends whole documents, so the edit is recovered from the common prefix and suffix.
//
// Units: web-tree-sitter parses JavaScript strings as UTF-16, and its indices and columns are
// UTF-16 code units (the same as String indices and LSP characters), not UTF-8 bytes. Rows count
// '\n' only, as Tree-sitter does.

const CHUNK = 2048;

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

/** The edit from `oldText` to `newText`, or undefined when they are equal. */
export function computeEdit(oldText: string, newText: string): Edit | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  // Whole chunks compared natively first (a large file after one keystroke is mostly equal), then
  // character by character inside the chunk that differs.
  let prefix = 0;
  while (prefix + CHUNK <= shorter && oldText.slice(prefix, prefix + CHUNK) === newText.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix += 1;
  // Never cut a surrogate pair in two: an astral character is one unit of change.
  if (prefix > 0 && prefix < shorter && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix -= 1;
  let suffix = 0;
  const maxSuffix = shorter - prefix;
  while (suffix + CHUNK <= maxSuffix && oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) === newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)) suffix += CHUNK;
  while (suffix < maxSuffix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix += 1;
  if (suffix > 0 && suffix < maxSuffix && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix -= 1;

  const startIndex = prefix;
  const oldEndIndex = oldText.length - suffix;
  const newEndIndex = newText.length - suffix;
  const startPosition = pointAt(oldText, startIndex);
  return {
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: advance(oldText, startIndex, startPosition, oldEndIndex),
    newEndPosition: advance(newText, startIndex, startPosition, newEndIndex),
  };
}
