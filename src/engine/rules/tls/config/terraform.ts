import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix, removeLines } from '../fixes';
import { indentOf, splitLines } from './lines';
import { terraformInsecure } from './infraRules';

// Terraform (HCL) files, line by line: an attribute that turns certificate verification off,
// set to true, inside a block that configures a connection (`provider`, `resource`, `data`, the
// `terraform { backend ... }` block), nested blocks included (`provider "helm" { kubernetes { ... } }`).
// Not in `variable`, `output`, `locals` or `module` blocks: those pass values on and decide nothing.

/** The attribute names providers use for "skip certificate verification". */
const INSECURE_ATTRIBUTES = new Set([
  'insecure', 'skip_tls_verify', 'tls_skip_verify', 'allow_unverified_ssl', 'pm_tls_insecure', 'tls_insecure',
  'tls_insecure_skip_verify', 'insecure_skip_verify', 'skip_ssl_validation', 'skip_cert_verification', 'ssl_insecure',
]);
const CONNECTION_BLOCKS = new Set(['provider', 'resource', 'data', 'terraform']);
/** On a line whose comments are cut and strings blanked (codeOf). */
const ATTRIBUTE = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*("true"|true)[ \t]*$/;
const BLOCK_TYPE = /^[ \t]*([A-Za-z_][\w-]*)/;
const HEREDOC = /<<-?([A-Za-z_]\w*)[ \t]*$/;

export function scanTerraform(text: string): Detection[] {
  const out: Detection[] = [];
  const lines = splitLines(text);
  let depth = 0;
  /** The type of the top-level block the line is in ('' at the top level). */
  let topBlock = '';
  let heredocEnd: string | undefined;
  let inBlockComment = false;
  for (const line of lines) {
    const raw = line.text;
    if (heredocEnd !== undefined) {
      if (raw.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    const code = codeOf(raw, inBlockComment);
    inBlockComment = code.openComment;
    if (depth === 0) {
      const type = BLOCK_TYPE.exec(code.text)?.[1];
      if (type && code.text.includes('{')) topBlock = type;
    } else if (CONNECTION_BLOCKS.has(topBlock)) {
      const match = ATTRIBUTE.exec(code.text);
      if (match && INSECURE_ATTRIBUTES.has(match[1])) {
        out.push(finding(terraformInsecure, {
          start: line.start + indentOf(raw),
          end: line.start + code.text.trimEnd().length,
          what: `${match[1]} = ${match[2]} in this ${topBlock} block turns off certificate verification.`,
          fixes: [fix(`Remove ${match[1]}`, [removeLines(text, line.start)])],
        }));
      }
    }
    for (const c of code.text) {
      if (c === '{') depth += 1;
      else if (c === '}') depth = Math.max(0, depth - 1);
    }
    if (depth === 0) topBlock = '';
    const heredoc = HEREDOC.exec(code.text);
    if (heredoc) heredocEnd = heredoc[1];
  }
  return out;
}

/** The line with strings blanked (braces in them do not count) and comments cut; whether a block comment stays open. */
function codeOf(line: string, inComment: boolean): { text: string; openComment: boolean } {
  let text = '';
  let quote = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (inComment) {
      if (c === '*' && line[i + 1] === '/') {
        inComment = false;
        text += ' ';
        i += 1;
      }
      text += ' ';
    } else if (quote) {
      if (c === '\\') {
        text += '  ';
        i += 1;
      } else if (c === '"') {
        quote = false;
        text += c;
      } else {
        text += ' ';
      }
    } else if (c === '"') {
      // Kept: `"true"` is a value the attribute pattern reads; its inside is blanked only when longer.
      const close = line.indexOf('"', i + 1);
      if (line.slice(i, close + 1) === '"true"') {
        text += '"true"';
        i = close;
      } else {
        quote = true;
        text += c;
      }
    } else if (c === '#' || (c === '/' && line[i + 1] === '/')) {
      break;
    } else if (c === '/' && line[i + 1] === '*') {
      inComment = true;
      text += '  ';
      i += 1;
    } else {
      text += c;
    }
  }
  return { text, openComment: inComment };
}
