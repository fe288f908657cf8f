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

const GO_IMPORT_BLOCK = /^import[ \t]*\([^)]*\)/gm;
const GO_SINGLE_IMPORT = /^import[ \t]+(?:[\w.]+[ \t]+)?"[^"\r\n]*"[^\r\n]*/gm;

/** Adds `"os"` to the Go file's imports: into the first import block, or as a new import. */
export function goImportOs(text: string): OffsetEdit | undefined {
  const eol = eolOf(text);
  const blocks = [...text.matchAll(GO_IMPORT_BLOCK)];
  const singles = [...text.matchAll(GO_SINGLE_IMPORT)];
  const importsOs = blocks.some((b) => /^[ \t]*"os"[ \t]*(?:\/\/.*)?$/m.test(b[0].replace(/^import[ \t]*\(/, '')))
    || singles.some((s) => /^import[ \t]+"os"/.test(s[0]));
  if (importsOs) return undefined;
  if (blocks.length > 0) {
    const block = blocks[0];
    const openEnd = block.index! + block[0].indexOf('(') + 1;
    return { start: openEnd, end: openEnd, newText: `${eol}\t"os"` };
  }
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
