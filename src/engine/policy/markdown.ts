// Just enough Markdown structure for the policy checks: code masked out, links, tables, sentences.
// Offsets always refer to the original text, so findings and edits land where the user sees them.
import MarkdownIt from 'markdown-it';
import { LineIndex, lineBreakFrom, lineStartAt, nextLineStart } from '../text';


const blockParser = new MarkdownIt({ html: true });

/** Replaces [start, end) of `chars` with spaces, keeping line breaks so that offsets and lines still match. */
function blankOut(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i += 1) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/**
 * The text with fenced and indented code blocks and HTML comments replaced by spaces, found by
 * markdown-it's block parser as a renderer sees them: an address in an example or a comment is
 * not the policy's contact.
 */
export function maskBlocks(text: string): string {
  const chars = text.split('');
  // markdown-it counts \r\n, \r and \n as line ends, as LineIndex does, so its block maps are our lines.
  const lines = new LineIndex(text);
  for (const token of blockParser.parse(text, {})) {
    if (!token.map) continue;
    const isCode = token.type === 'fence' || token.type === 'code_block';
    const isComment = token.type === 'html_block' && token.content.trimStart().startsWith('<!--');
    if (isCode || isComment) blankOut(chars, lines.lineStart(token.map[0]), lines.lineStart(token.map[1]));
  }
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', open)) {
    const close = text.indexOf('-->', open + 4);
    const end = close === -1 ? text.length : close + 3;
    blankOut(chars, open, end);
    open = end;
  }
  return chars.join('');
}

/**
 * Inline code spans: a run of backticks, a character that is not a line break, and the next run of
 * backticks, which must be as long as the opener (read from the opening run's end: "```a``" is
 * the span "``a``"). What `/(`+)[^`\n][^`]*\1(?!`)/g` matched, as a scan: that pattern re-read
 * the rest of the text from every backtick of an unclosed run (quadratic).
 */
export function codeSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const runEnd = (from: number) => {
    let at = from;
    while (text[at] === '`') at += 1;
    return at;
  };
  let open = text.indexOf('`');
  while (open !== -1) {
    const openEnd = runEnd(open);
    if (openEnd >= text.length || text[openEnd] === '\n') {
      open = text.indexOf('`', openEnd);
      continue;
    }
    const close = text.indexOf('`', openEnd);
    if (close === -1) break;
    const closeLength = runEnd(close) - close;
    if (closeLength <= openEnd - open) {
      spans.push({ start: openEnd - closeLength, end: close + closeLength });
      open = text.indexOf('`', close + closeLength);
    } else {
      open = close;
    }
  }
  return spans;
}

/** `maskBlocks`, and inline code spans too: what link and wording checks read. */
export function maskCode(text: string): string {
  const chars = maskBlocks(text).split('');
  const masked = chars.join('');
  for (const span of codeSpans(masked)) {
    if (!masked.slice(span.start, span.end).includes('\n\n')) blankOut(chars, span.start, span.end);
  }
  return chars.join('');
}

export interface MarkdownLink {
  /** The whole link: `[text](target)`, `<target>` or a reference definition line's target. */
  start: number;
  end: number;
  text: string;
  target: string;
  targetStart: number;
  /** Inline links can be replaced by their text; definitions and autolinks cannot. */
  kind: 'inline' | 'definition' | 'autolink' | 'html';
}

export function findLinks(masked: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  // A bracket inside the text holds no `[` of its own: `\[[^\]\n]*\]` read a line of `[[[[…` from
  // each of them (quadratic). Link text nests brackets one level deep at most here.
  // The spaces after the target have one reading (`(?:\s+title)?\s*` split them in two runs), and a
  // target stops at a `[` (a bare one) or a `<` (in `<…>`, as CommonMark says), a `(…)` title at a
  // `(`: one that ran on read a line of `[a](b[a](b…` to its end from each `[` (quadratic). A bare
  // `[` in a link's target is rare.
  const inline = /!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^<>\n]*>|[^)\s[]+)(?:\s+(?:(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))\s*)?)?\)/g;
  for (const match of masked.matchAll(inline)) {
    const raw = match[2];
    const target = raw.startsWith('<') ? raw.slice(1, -1) : raw;
    const targetStart = match.index + match[0].indexOf(raw, match[1].length + 2) + (raw.startsWith('<') ? 1 : 0);
    links.push({ start: match.index, end: match.index + match[0].length, text: match[1], target, targetStart, kind: 'inline' });
  }
  // A lone \r ends a line too (for `^` under `m` as for LineIndex), and so do U+2028 and U+2029
  // for `^`: a label or `<…>` that ran past one re-read the rest of the text from each (quadratic).
  for (const match of masked.matchAll(/^ {0,3}\[([^\]\n\r\u2028\u2029]+)\]:[ \t]*(<[^>\n\r\u2028\u2029]*>|\S+)/gm)) {
    const raw = match[2];
    const target = raw.startsWith('<') ? raw.slice(1, -1) : raw;
    const targetStart = match.index + match[0].lastIndexOf(raw) + (raw.startsWith('<') ? 1 : 0);
    links.push({ start: match.index, end: match.index + match[0].length, text: match[1], target, targetStart, kind: 'definition' });
  }
  // No `<` inside, as CommonMark's autolinks: `<http:x<http:x…` otherwise read to the end from each.
  for (const match of masked.matchAll(/<((?:https?|mailto):[^<>\s]+)>/gi)) {
    links.push({ start: match.index, end: match.index + match[0].length, text: match[1], target: match[1], targetStart: match.index + 1, kind: 'autolink' });
  }
  for (const match of masked.matchAll(/\b(?:href|src)\s*=\s*(["'])([^"'\n]+)\1/gi)) {
    const targetStart = match.index + match[0].indexOf(match[2]);
    links.push({ start: targetStart, end: targetStart + match[2].length, text: match[2], target: match[2], targetStart, kind: 'html' });
  }
  return links.sort((a, b) => a.start - b.start);
}

export interface TableRow {
  cells: string[];
  start: number;
  end: number;
}

export interface MarkdownTable {
  header: TableRow;
  /** Offset just after the delimiter row's line break: where a new first body row goes. */
  bodyStart: number;
  rows: TableRow[];
  start: number;
  end: number;
  /** Text of the nearest heading above the table ('' when none). */
  heading: string;
}

function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/**
 * A table's delimiter row: cells of `:?-+:?` between pipes, the outer pipes optional. A scan
 * rather than `^\s*\|?\s*:?-+:?\s*(?:\|…)*\|?\s*$`, whose neighbouring `\s*` runs split a run of
 * spaces in n ways (quadratic).
 */
function isDelimiterRow(line: string): boolean {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').every((cell) => /^:?-+:?$/.test(cell.trim()));
}

/** The text of an ATX heading line (`## Reporting` -> `Reporting`), or undefined for any other line (one line, no line break). */
export function headingText(line: string): string | undefined {
  // No `$`: the line holds no line break, and `(.*)$` let `\s+` and `.*` share its spaces.
  return /^ {0,3}#{1,6}\s+(.*)/.exec(line)?.[1].trim();
}

/** Pipe tables (GitHub style) in masked text. */
export function findTables(masked: string): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  const lines: { text: string; start: number; end: number; next: number }[] = [];
  for (let start = 0; start < masked.length;) {
    const end = lineBreakFrom(masked, start);
    const next = nextLineStart(masked, end);
    lines.push({ text: masked.slice(start, end), start, end, next });
    start = next === end ? masked.length : next;
  }
  let heading = '';
  for (let i = 0; i < lines.length; i += 1) {
    heading = headingText(lines[i].text) ?? heading;
    if (!lines[i].text.includes('|') || i + 1 >= lines.length || !isDelimiterRow(lines[i + 1].text) || !lines[i + 1].text.includes('-')) continue;
    const header: TableRow = { cells: splitRow(lines[i].text), start: lines[i].start, end: lines[i].end };
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].text.includes('|') && lines[j].text.trim() !== ''; j += 1) {
      rows.push({ cells: splitRow(lines[j].text), start: lines[j].start, end: lines[j].end });
    }
    tables.push({ header, bodyStart: lines[i + 1].next, rows, start: header.start, end: rows.length ? rows[rows.length - 1].end : lines[i + 1].end, heading });
    i = j - 1;
  }
  return tables;
}

/** Bounds of the sentence holding [start, end) within its line. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = lineStartAt(text, start);
  const lineEnd = lineBreakFrom(text, end);
  let from = lineStart;
  for (const match of text.slice(lineStart, start).matchAll(/[.!?](?:\s+|$)/g)) from = lineStart + match.index + match[0].length;
  const after = /[.!?](?=\s|$)/.exec(text.slice(end, lineEnd));
  const to = after ? end + after.index + 1 : lineEnd;
  return { start: from, end: to };
}
