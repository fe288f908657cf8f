import { lineBounds } from './text';

// What the program actually sees: the secret's source text may hold escape sequences (`\n` in a
// PEM key written on one line). The value moved to .env must be the runtime value, so escapes
// are decoded per language and quote; anything this does not understand is refused.

const COMMON: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'", '`': '`', '/': '/', '0': '\0' };

export type QuoteStyle = 'escapes' | 'raw' | 'single-minimal' | 'yaml-single';

/** How the language treats backslashes inside a literal opened with `quote` (prefix = text before it). */
export function quoteStyle(language: string, quote: string, prefix: string): QuoteStyle {
  const lang = baseLanguage(language);
  if (quote === '`' && (lang === 'go' || lang === 'shellscript')) return 'raw';
  if (lang === 'python' && /[rR][bB]?$|[bB][rR]$/.test(prefix)) return 'raw';
  if (lang === 'csharp' && /@\$?$|\$@$/.test(prefix)) return 'raw';
  if (quote === "'" && (lang === 'ruby' || lang === 'php')) return 'single-minimal';
  if (quote === "'" && (lang === 'shellscript' || lang === 'dockerfile')) return 'raw';
  if (quote === "'" && lang === 'yaml') return 'yaml-single';
  if (lang === 'properties' || lang === 'ini' || lang === 'toml' && quote === "'") return 'raw';
  return 'escapes';
}

export function baseLanguage(language: string): string {
  if (language === 'javascriptreact') return 'javascript';
  if (language === 'typescriptreact') return 'typescript';
  return language;
}

/** The runtime value of `raw` (text between the quotes), or undefined for an escape it does not know. */
export function decodeLiteral(raw: string, style: QuoteStyle, quote: string): string | undefined {
  if (style === 'raw') return raw;
  if (style === 'yaml-single') return raw.split("''").join("'");
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    if (next === undefined) return undefined;
    if (style === 'single-minimal') {
      out += next === '\\' || next === quote ? next : `\\${next}`;
    } else {
      const decoded = COMMON[next];
      if (decoded === undefined) return undefined;
      out += decoded;
    }
    i += 1;
  }
  return out;
}

export interface EnclosingString {
  /** Offset of the opening and closing quote characters. */
  open: number;
  close: number;
  quote: string;
}

/**
 * The quoted string on the same line that holds [start, end), found by walking the line from its
 * start and tracking quotes and backslash escapes. Undefined when the span is not inside one.
 */
export function enclosingString(text: string, start: number, end: number, quotes = `"'\``): EnclosingString | undefined {
  const { start: lineStart, end: lineEnd } = lineBounds(text, start);
  if (end > lineEnd) return undefined;
  let open = -1;
  let quote = '';
  for (let i = lineStart; i < lineEnd; i += 1) {
    const c = text[i];
    if (open === -1) {
      if (i >= start) return undefined;
      if (quotes.includes(c)) {
        open = i;
        quote = c;
      } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ') || c === '/' && text[i + 1] === '/') {
        return undefined;
      }
      continue;
    }
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === quote) {
      if (open < start && i >= end) return { open, close: i, quote };
      if (i >= start) return undefined;
      open = -1;
    }
  }
  return undefined;
}
