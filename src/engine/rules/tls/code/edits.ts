import type { SyntaxNode } from '../../../syntax';
import type { OffsetEdit } from '../../../types';
import { lineBreakFrom, lineStartAt, nextLineStart } from '../../../text';

// Edits on syntax nodes that keep the surrounding code valid: drop one element of a list (an
// object property, a keyword argument, a Go keyed element, a PHP array entry) with its comma, or
// drop a whole statement line.

const COMMENT_TAIL = /^[ \t]*((\/\/|#).*)?$/;

function lineStartOf(text: string, offset: number): number {
  return lineStartAt(text, offset);
}

/** Just past the line break after `offset` (the text's end on the last line). */
function lineRestEnd(text: string, offset: number): number {
  return nextLineStart(text, lineBreakFrom(text, offset));
}

/** The line from `end` on holds only blanks or a trailing comment. */
function restOfLineEmpty(text: string, end: number): boolean {
  return COMMENT_TAIL.test(text.slice(end, lineBreakFrom(text, end)));
}

function startsLine(text: string, start: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, start), start));
}

/**
 * Removes `item` from a comma-separated list: with the comma after it when there is one, else
 * with the comma before it; the whole line when the item has a line of its own.
 */
export function removeListItem(text: string, item: SyntaxNode): OffsetEdit {
  const next = item.nextSibling;
  const prev = item.previousSibling;
  if (next && next.type === ',') {
    if (startsLine(text, item.startIndex) && restOfLineEmpty(text, next.endIndex)) {
      return { start: lineStartOf(text, item.startIndex), end: lineRestEnd(text, next.endIndex), newText: '' };
    }
    let end = next.endIndex;
    while (text[end] === ' ' || text[end] === '\t') end += 1;
    return { start: item.startIndex, end, newText: '' };
  }
  // The last item (on its own line or not): drop it with the comma that introduced it.
  if (prev && prev.type === ',') return { start: prev.startIndex, end: item.endIndex, newText: '' };
  if (startsLine(text, item.startIndex) && restOfLineEmpty(text, item.endIndex)) {
    return { start: lineStartOf(text, item.startIndex), end: lineRestEnd(text, item.endIndex), newText: '' };
  }
  return { start: item.startIndex, end: item.endIndex, newText: '' };
}

/** Removes a statement: its whole line when it has one to itself, else just its text. */
export function removeStatement(text: string, statement: SyntaxNode): OffsetEdit {
  if (startsLine(text, statement.startIndex) && restOfLineEmpty(text, statement.endIndex)) {
    return { start: lineStartOf(text, statement.startIndex), end: lineRestEnd(text, statement.endIndex), newText: '' };
  }
  return { start: statement.startIndex, end: statement.endIndex, newText: '' };
}

export function replaceNode(node: SyntaxNode, newText: string): OffsetEdit {
  return { start: node.startIndex, end: node.endIndex, newText };
}

/** The statement whose whole expression is `node` (`x = 1;` for the assignment `x = 1`). */
export function statementOf(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode | undefined {
  const parent = node.parent;
  return parent && types.has(parent.type) && parent.namedChildCount === 1 ? parent : undefined;
}

/** The text of a string literal node without quotes, or undefined when it is not a plain string. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (!/string|template_string|interpreted_string_literal|raw_string_literal|encapsed_string|string_literal/.test(node.type)) return undefined;
  const text = node.text;
  const match = /^[a-zA-Z]*(['"`])([\s\S]*)\1$/.exec(text);
  if (!match || /\$\{|#\{/.test(match[2])) return undefined;
  return match[2];
}
