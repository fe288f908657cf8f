import type { OffsetEdit } from '../types';
import { IGNORE_MARKER } from '../suppressions';
import { baseLanguage } from './literals';
import { eolOf, indentationAt, lineBounds } from './text';
import { nextLineStart } from '../text';

// Suppression comments in the file's own syntax (DESIGN.md): on a line of its own above the
// finding, at the end of its line where a line above would break the code, or once at the top.

export interface CommentSyntax {
  open: string;
  /** Set for block-only syntaxes (`-->`, star-slash). */
  close?: string;
}

const SLASHES = ['javascript', 'typescript', 'go', 'java', 'csharp', 'kotlin', 'scala', 'swift', 'rust', 'c', 'cpp', 'dart', 'groovy', 'php', 'jsonc', 'objective-c', 'fsharp'];
const HASH = ['python', 'ruby', 'shellscript', 'yaml', 'toml', 'dockerfile', 'makefile', 'properties', 'dotenv', 'perl', 'r', 'powershell', 'terraform', 'elixir', 'nim', 'julia', 'coffeescript', 'tcl', 'ignore'];
const DASHES = ['sql', 'lua', 'haskell', 'ada'];
const SEMICOLONS = ['ini', 'clojure', 'lisp'];
const MARKUP = ['xml', 'html', 'markdown', 'vue', 'svelte', 'xsl', 'razor'];

/** The file's comment syntax, or undefined when it has none (JSON, plain text). */
export function commentSyntax(language: string): CommentSyntax | undefined {
  const lang = baseLanguage(language);
  if (SLASHES.includes(lang)) return { open: '//' };
  if (HASH.includes(lang)) return { open: '#' };
  if (DASHES.includes(lang)) return { open: '--' };
  if (MARKUP.includes(lang)) return { open: '<!--', close: '-->' };
  if (lang === 'css' || lang === 'scss' || lang === 'less') return { open: '/*', close: '*/' };
  if (SEMICOLONS.includes(lang)) return { open: ';' };
  if (lang === 'vim') return { open: '"' };
  if (lang === 'bat') return { open: 'REM' };
  if (lang === 'vb') return { open: "'" };
  if (lang === 'erlang' || lang === 'latex') return { open: '%' };
  return undefined;
}

/** Languages where anything after the value on its line is part of the value: never a trailing comment. */
const VALUE_TO_END_OF_LINE = new Set(['dotenv', 'properties', 'ini', 'makefile', 'dockerfile', 'toml', 'bat']);

export interface SuppressionText {
  rules: string[];
  reason: string;
  /** YYYY-MM-DD */
  until?: string;
}

/** One line, and nothing that could close the comment early or be read as another marker. */
export function cleanReason(reason: string, syntax?: CommentSyntax): string {
  let cleaned = reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (syntax?.close) cleaned = cleaned.split(syntax.close).join('');
  cleaned = cleaned.split('*/').join('').split('-->').join('');
  return cleaned.length > 0 ? cleaned : 'no reason given';
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

export function suppressionBody(form: '' | '-next-line' | '-file', text: SuppressionText, syntax?: CommentSyntax): string {
  const until = text.until && isValidDate(text.until) ? ` until ${text.until}` : '';
  return `${IGNORE_MARKER}${form} ${text.rules.join(',')}${until} -- ${cleanReason(text.reason, syntax)}`;
}

function comment(syntax: CommentSyntax, body: string): string {
  return syntax.close ? `${syntax.open} ${body} ${syntax.close}` : `${syntax.open} ${body}`;
}

export type SuppressionEdit = { ok: true; edit: OffsetEdit; form: 'line' | 'next-line' | 'file' } | { ok: false; reason: string };

/** Is the line inside a YAML block scalar (`key: |` or `>` above, this line indented deeper)? */
export function inYamlBlockScalar(text: string, lineStart: number): boolean {
  const indent = indentationAt(text, lineStart).length;
  let cursor = lineStart;
  while (cursor > 0) {
    const { start } = lineBounds(text, cursor - 1);
    const line = text.slice(start, lineBounds(text, start).end);
    cursor = start;
    if (line.trim() === '') continue;
    const lineIndent = indentationAt(text, start).length;
    // `(?:#|$)`, not `(?:#.*)?$`: the line holds no line break, and `#.*$` re-read the rest of the
    // line from every `|` or `>` (quadratic on `>#>#>#…`).
    if (lineIndent < indent) return /[|>][+-]?[0-9]?[ \t]*(?:#|$)/.test(line);
    if (cursor === 0) return false;
  }
  return false;
}

/** Does the line before `lineStart` end with a `\` that continues it onto this one (shell, Python, C)? */
function continuedFromAbove(text: string, lineStart: number): boolean {
  if (lineStart === 0) return false;
  const above = lineBounds(text, lineStart - 1);
  return text.slice(above.start, above.end).trimEnd().endsWith('\\');
}

/**
 * The comment that suppresses `rules` on the line holding `offset`: on a line of its own above
 * (`-next-line`), where a reader sees it and a long line does not hide it off screen. At the end
 * of the line only where a line above would break the code: after a `\` continuation (the
 * comment would end the continued command) or on a PHP line that opens with `<?` (above it is
 * HTML output). `valueEnd` is where the finding's value (or literal) ends.
 */
export function lineSuppression(text: string, language: string, offset: number, valueEnd: number, suppression: SuppressionText): SuppressionEdit {
  const syntax = commentSyntax(language);
  if (!syntax) return { ok: false, reason: `${language} files have no comments; add the finding to the baseline instead` };
  const lang = baseLanguage(language);
  const { start, end } = lineBounds(text, offset);
  if (lang === 'yaml' && inYamlBlockScalar(text, start)) {
    return { ok: false, reason: 'the finding is inside a YAML block scalar, where any comment would become part of the text; ignore the rule in this file or add the finding to the baseline' };
  }
  const line = text.slice(start, end);
  const trailingOnly = continuedFromAbove(text, start) || (lang === 'php' && /^[ \t]*<\?/.test(line));
  // A trailing comment would become part of a value that runs on to the next line or to the line's end.
  const valueRunsOn = VALUE_TO_END_OF_LINE.has(lang) || valueEnd > end || /`|"""|'''/.test(text.slice(Math.min(Math.max(valueEnd, offset), end), end)) || line.trimEnd().endsWith('\\');
  if (trailingOnly && valueRunsOn && lang !== 'dockerfile') {
    // Docker drops comment lines inside a continuation; shell, Python and properties do not.
    return { ok: false, reason: 'the finding is on a line continued from the one above (\\), where no comment fits; ignore the rule in this file or add the finding to the baseline' };
  }
  if (!trailingOnly || valueRunsOn) {
    const indent = indentationAt(text, start);
    const eol = eolOf(text);
    return { ok: true, form: 'next-line', edit: { start, end: start, newText: `${indent}${comment(syntax, suppressionBody('-next-line', suppression, syntax))}${eol}` } };
  }
  const trailing = line.trimEnd().length + start;
  return { ok: true, form: 'line', edit: { start: trailing, end: trailing, newText: ` ${comment(syntax, suppressionBody('', suppression, syntax))}` } };
}

/** `secure-hygiene-ignore-file` at the top: after a BOM, shebang, encoding line, `<?xml`/`<?php`. */
export function fileSuppression(text: string, language: string, suppression: SuppressionText): SuppressionEdit {
  const syntax = commentSyntax(language);
  if (!syntax) return { ok: false, reason: `${language} files have no comments; add the findings to the baseline instead` };
  const eol = eolOf(text);
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  const lang = baseLanguage(language);
  if (lang === 'markdown' && /^---(?:\r\n|\r|\n)/.test(text.slice(at, at + 5))) {
    // Front matter must stay first: the comment goes after its closing `---`.
    const close = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/.exec(text.slice(at + 3));
    if (!close) return { ok: false, reason: 'the Markdown front matter is not closed' };
    at = at + 3 + close.index + close[0].length;
    const needsBreak = !/[\r\n]$/.test(text.slice(0, at));
    return { ok: true, form: 'file', edit: { start: at, end: at, newText: `${needsBreak ? eol : ''}${comment(syntax, suppressionBody('-file', suppression, syntax))}${eol}` } };
  }
  for (let guard = 0; guard < 3; guard += 1) {
    const { end } = lineBounds(text, at);
    const line = text.slice(at, end);
    const header = /^#!/.test(line) || (lang === 'python' && /^[ \t]*#.*coding[:=]/.test(line)) || /^<\?xml\b/.test(line)
      || (lang === 'php' && /^<\?php\b/.test(line));
    if (!header) break;
    if (end === text.length) {
      return { ok: true, form: 'file', edit: { start: end, end, newText: `${eol}${comment(syntax, suppressionBody('-file', suppression, syntax))}` } };
    }
    at = nextLineStart(text, end);
  }
  // A PHP file that starts with HTML has no place for a `//` comment before `<?php`.
  if (lang === 'php' && !/^<\?php\b/.test(text.slice(text.startsWith('\uFEFF') ? 1 : 0)) && at <= 1) {
    return { ok: false, reason: 'the PHP file does not start with <?php' };
  }
  return { ok: true, form: 'file', edit: { start: at, end: at, newText: `${comment(syntax, suppressionBody('-file', suppression, syntax))}${eol}` } };
}
