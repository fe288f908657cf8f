import type { OffsetEdit } from '../types';
import { eolOf } from './text';

// The imports an environment lookup needs: `import os` in Python, `"os"` in Go. Inserted where
// the language allows them and where a reader expects them; nothing when already there.

const PY_IMPORTS_OS = /^import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os(?:\.[\w.]+)?[ \t]*(?:,|#|;|$)/m;

/** Offset at the start of the line after the one holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.slice(offset).search(/\r\n|\n|\r/);
  if (newline === -1) return text.length;
  const at = offset + newline;
  return at + (text.startsWith('\r\n', at) ? 2 : 1);
}

/** `import os` after the shebang, encoding line, module docstring and `from __future__` imports. */
export function pythonImportOs(text: string): OffsetEdit | undefined {
  if (PY_IMPORTS_OS.test(text)) return undefined;
  const eol = eolOf(text);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  let at = bom;
  let afterHeader = at;
  let docstringAllowed = true;
  while (at < text.length) {
    const rest = text.slice(at);
    const line = /^[^\r\n]*/.exec(rest)![0];
    if (/^[ \t]*$/.test(line)) {
      at = nextLineStart(text, at);
      continue;
    }
    // Shebang, encoding line, licence: comments at the top stay above the import.
    if (/^[ \t]*#/.test(line)) {
      at = nextLineStart(text, at);
      afterHeader = at;
      continue;
    }
    const doc = docstringAllowed ? /^[ \t]*[rRuU]{0,2}("""|\'\'\')/.exec(rest) : null;
    if (doc) {
      const close = rest.indexOf(doc[1], doc[0].length);
      if (close === -1) return undefined;
      at = nextLineStart(text, at + close + 3);
      afterHeader = at;
      docstringAllowed = false;
      continue;
    }
    if (docstringAllowed && /^[rRuU]{0,2}("|')(?:\\.|(?!\1)[^\\\r\n])*\1[ \t]*(?:#.*)?$/.test(line)) {
      at = nextLineStart(text, at);
      afterHeader = at;
      docstringAllowed = false;
      continue;
    }
    const future = /^from[ \t]+__future__[ \t]+import[ \t]*(\()?/.exec(line);
    if (future) {
      const end = future[1] ? text.indexOf(')', at) : at;
      if (end === -1) return undefined;
      at = nextLineStart(text, end);
      afterHeader = at;
      docstringAllowed = false;
      continue;
    }
    break;
  }
  const prefix = afterHeader > bom && !/[\r\n]$/.test(text.slice(0, afterHeader)) ? eol : '';
  return { start: afterHeader, end: afterHeader, newText: `${prefix}import os${eol}` };
}

// The opening of an import block; its end is found with indexOf (a `[^)]*` run after it would
// rescan the rest of the file from every unclosed opening: quadratic).
const GO_IMPORT_OPEN = /^import[ \t]*\(/gm;
const GO_SINGLE_IMPORT = /^import[ \t]+(?:[\w.]+[ \t]+)?"[^"\r\n]*"[^\r\n]*/gm;
/** One import spec on its own line: optional alias, the path, an optional trailing comment. */
const GO_IMPORT_SPEC = /^([ \t]*)(?:[\w.]+[ \t]+)?"([^"\r\n]*)"/;

interface GoImportBlock {
  /** Offset just after `(`. */
  bodyStart: number;
  /** Offset of `)`. */
  bodyEnd: number;
}

/** The import blocks `import ( ... )`, in order; stops at an unclosed one. */
function goImportBlocks(text: string): GoImportBlock[] {
  const blocks: GoImportBlock[] = [];
  GO_IMPORT_OPEN.lastIndex = 0;
  for (let open = GO_IMPORT_OPEN.exec(text); open; open = GO_IMPORT_OPEN.exec(text)) {
    const bodyStart = open.index + open[0].length;
    const bodyEnd = text.indexOf(')', bodyStart);
    if (bodyEnd === -1) break;
    blocks.push({ bodyStart, bodyEnd });
    GO_IMPORT_OPEN.lastIndex = bodyEnd;
  }
  return blocks;
}

interface GoSpecLine {
  /** Offset of the line's start. */
  start: number;
  indent: string;
  /** The import path, or undefined for a blank or comment line. */
  path?: string;
  blank: boolean;
}

function goSpecLines(text: string, block: GoImportBlock): GoSpecLine[] {
  const lines: GoSpecLine[] = [];
  let at = block.bodyStart;
  while (at < block.bodyEnd) {
    const next = Math.min(nextLineStart(text, at), block.bodyEnd);
    let lineEnd = next;
    while (lineEnd > at && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd -= 1;
    const line = text.slice(at, lineEnd);
    const spec = GO_IMPORT_SPEC.exec(line);
    lines.push({ start: at, indent: spec?.[1] ?? '', path: spec?.[2], blank: line.trim() === '' });
    at = next;
  }
  return lines;
}

/** A standard-library path: no dot in its first element (`os`, `net/http`, not `github.com/...`). */
const isStandardLibrary = (importPath: string) => !importPath.split('/')[0].includes('.');

/**
 * Where `"os"` goes in a block, as gofmt and goimports keep it: in the group (lines between blank
 * lines) of standard-library imports, before the first path that sorts after `os`; a new group at
 * the top when the block has no standard-library import.
 */
function goBlockInsertion(text: string, block: GoImportBlock, eol: string): OffsetEdit {
  const lines = goSpecLines(text, block);
  const specs = lines.filter((line) => line.path !== undefined);
  const indent = specs[0]?.indent || '\t';
  const firstStd = lines.findIndex((line) => line.path !== undefined && isStandardLibrary(line.path));
  if (firstStd === -1) {
    // No standard-library group: a group of its own before the first import.
    const first = specs[0];
    if (!first) return { start: block.bodyStart, end: block.bodyStart, newText: `${eol}${indent}"os"` };
    return { start: first.start, end: first.start, newText: `${indent}"os"${eol}${eol}` };
  }
  let groupEnd = firstStd;
  while (groupEnd < lines.length && !lines[groupEnd].blank) groupEnd += 1;
  for (let i = firstStd; i < groupEnd; i += 1) {
    const line = lines[i];
    // gofmt sorts by path, then an unnamed import before a named one of the same path.
    if (line.path !== undefined && line.path >= 'os') return { start: line.start, end: line.start, newText: `${line.indent}"os"${eol}` };
  }
  // After the group's last line: at the start of the line after it (or before `)` on its own line).
  const after = groupEnd < lines.length ? lines[groupEnd].start : block.bodyEnd;
  const lastLine = lines[groupEnd - 1];
  const lastIndent = lastLine.path !== undefined ? lastLine.indent : indent;
  if (after === block.bodyEnd && !/[\r\n]$/.test(text.slice(lastLine.start, after))) {
    // `"fmt")` closes on the spec's own line.
    return { start: after, end: after, newText: `${eol}${lastIndent}"os"` };
  }
  return { start: after, end: after, newText: `${lastIndent}"os"${eol}` };
}

/** Adds `"os"` to the Go file's imports: into the first import block, in order, or as a new import. */
export function goImportOs(text: string): OffsetEdit | undefined {
  const eol = eolOf(text);
  const blocks = goImportBlocks(text);
  const singles = [...text.matchAll(GO_SINGLE_IMPORT)];
  const importsOs = blocks.some((block) => goSpecLines(text, block).some((line) => line.path === 'os' && /^[ \t]*"os"/.test(text.slice(line.start, line.start + line.indent.length + 4))))
    || singles.some((s) => /^import[ \t]+"os"/.test(s[0]));
  if (importsOs) return undefined;
  if (blocks.length > 0) return goBlockInsertion(text, blocks[0], eol);
  if (singles.length > 0) {
    const last = singles[singles.length - 1];
    const end = last.index! + last[0].length;
    return { start: end, end, newText: `${eol}import "os"` };
  }
  const pkg = /^package[ \t]+\w+[^\r\n]*/m.exec(text);
  if (!pkg) return undefined;
  const end = pkg.index + pkg[0].length;
  return { start: end, end, newText: `${eol}${eol}import "os"` };
}
