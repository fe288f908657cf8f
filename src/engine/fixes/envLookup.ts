import type { OffsetEdit, SecretSpan } from '../types';
import { baseLanguage, decodeLiteral, enclosingString, quoteStyle } from './literals';
import { goImportOs, pythonImportOs } from './imports';
import { lineBounds } from './text';

// Replacing a secret in source code with the language's environment lookup. The result must
// still parse and mean the same string at run time: a literal holding exactly the secret becomes
// the lookup; a secret inside a larger string is spliced out of it (concatenation, or an
// interpolation where the string has one); anything else is refused with the reason.

/** Languages the rewrite claims; the test suite parses the rewritten code of each. */
export const REWRITE_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'go', 'java', 'csharp', 'ruby', 'php', 'shellscript', 'yaml'] as const;

export type SourceRewrite =
  | { ok: true; edits: OffsetEdit[]; value: string; expression: string }
  | { ok: false; reason: string };

/** Why a language gets no rewrite, or undefined when it has a lookup. */
export function noLookupReason(language: string): string | undefined {
  const lang = baseLanguage(language);
  if ((REWRITE_LANGUAGES as readonly string[]).includes(lang)) return undefined;
  if (lang === 'json' || lang === 'jsonc') return 'JSON cannot read environment variables: keep the value out of this file and have the code that loads it read the environment instead';
  if (lang === 'dockerfile') return 'a Dockerfile bakes ENV and ARG values into the image: pass the secret at build time with `RUN --mount=type=secret` instead';
  if (lang === 'dotenv') return 'the secret is already in a .env file: make git ignore that file (or untrack it) instead';
  return `Secure Hygiene has no environment lookup for ${language} files`;
}

export function lookupExpression(language: string, name: string, text: string): string {
  switch (baseLanguage(language)) {
    case 'javascript': case 'typescript': return `process.env.${name}`;
    case 'python': return `os.environ["${name}"]`;
    case 'go': return `os.Getenv("${name}")`;
    case 'java': return `System.getenv("${name}")`;
    case 'csharp': return /^[ \t]*(?:global[ \t]+)?using[ \t]+System[ \t]*;/m.test(text) ? `Environment.GetEnvironmentVariable("${name}")` : `System.Environment.GetEnvironmentVariable("${name}")`;
    case 'ruby': return `ENV.fetch("${name}")`;
    case 'php': return `getenv('${name}')`;
    case 'shellscript': return `"$${name}"`;
    default: return `\${${name}}`;
  }
}

/** The import the lookup needs in this file, once per file. */
export function lookupImport(language: string, text: string): OffsetEdit | undefined {
  const lang = baseLanguage(language);
  if (lang === 'python') return pythonImportOs(text);
  if (lang === 'go') return goImportOs(text);
  return undefined;
}

const PREFIX_CHARS: Record<string, RegExp> = {
  python: /(?<![\w])[rRbBuUfF]{1,2}$/,
  csharp: /(?:\$@|@\$|@|\$)$/,
};

function stringPrefix(text: string, quoteAt: number, lang: string): string {
  const pattern = Object.hasOwn(PREFIX_CHARS, lang) ? PREFIX_CHARS[lang] : undefined;
  if (!pattern) return '';
  const match = pattern.exec(text.slice(Math.max(0, quoteAt - 3), quoteAt));
  return match ? match[0] : '';
}

const prevNonSpace = (text: string, at: number): string => {
  for (let i = at - 1; i >= 0; i -= 1) if (!/\s/.test(text[i])) return text[i];
  return '';
};
const nextNonSpace = (text: string, at: number): string => {
  for (let i = at; i < text.length; i += 1) {
    if (text[i] === '\n' || text[i] === '\r') return '\n';
    if (!/[ \t]/.test(text[i])) return text[i];
  }
  return '\n';
};

/** A concatenation needs parentheses unless it sits where any expression may stand alone. */
function needsParens(text: string, open: number, close: number): boolean {
  const before = prevNonSpace(text, open);
  const after = nextNonSpace(text, close + 1);
  return !('=(,[{:?'.includes(before) && before !== '') || !';,)]}\n'.includes(after);
}

function constReason(text: string, at: number, lang: string): string | undefined {
  const line = text.slice(lineBounds(text, at).start, at);
  if (lang === 'go') {
    const before = text.slice(0, at);
    const block = before.lastIndexOf('const (');
    if (block !== -1 && !/^[ \t]*\)/m.test(before.slice(block))) return 'the secret is in a Go `const` block, which cannot call os.Getenv; move it to a `var` first';
  }
  if (lang === 'csharp' && /\bconst\b/.test(line)) return 'the secret is a C# `const`, which cannot call a method; make it `static readonly` first';
  if (lang === 'php' && /^[ \t]*(?:(?:public|private|protected|final)[ \t]+)*const[ \t]/.test(line)) return 'the secret is a PHP constant, which cannot call getenv(); move it to a property set at run time first';
  if (lang === 'java' && /^[ \t]*case[ \t]/.test(line)) return 'the secret is a `case` label, which must be a constant';
  return undefined;
}

/** A Go `const name = "..."` on one line becomes `var`, since os.Getenv is not a constant. */
function goConstToVar(text: string, at: number): OffsetEdit | undefined {
  const { start } = lineBounds(text, at);
  const match = /^([ \t]*)const([ \t]+)/.exec(text.slice(start, at));
  if (!match) return undefined;
  return { start: start + match[1].length, end: start + match[1].length + 5, newText: 'var' };
}

export function rewriteSecret(text: string, language: string, secret: Pick<SecretSpan, 'value' | 'start' | 'end' | 'literalStart' | 'literalEnd'>, name: string): SourceRewrite {
  const reason = noLookupReason(language);
  if (reason) return { ok: false, reason };
  const lang = baseLanguage(language);
  const expression = lookupExpression(language, name, text);
  const raw = text.slice(secret.start, secret.end);
  const blocked = constReason(text, secret.start, lang);
  if (blocked) return { ok: false, reason: blocked };
  const extra: OffsetEdit[] = [];
  if (lang === 'go') {
    const toVar = goConstToVar(text, secret.start);
    if (toVar) extra.push(toVar);
  }

  if (secret.literalStart !== undefined && secret.literalEnd !== undefined) {
    const quote = text[secret.literalStart];
    const prefix = stringPrefix(text, secret.literalStart, lang);
    if (/[bB]/.test(prefix) && lang === 'python') return { ok: false, reason: 'the secret is a bytes literal; os.environ holds text' };
    if (text[secret.literalStart - 1] === quote || text[secret.literalEnd] === quote) return { ok: false, reason: 'triple-quoted strings are not rewritten' };
    const value = decodeLiteral(raw, quoteStyle(lang, quote, prefix), quote);
    if (value === undefined) return { ok: false, reason: 'the literal uses escape sequences this fix does not decode' };
    let replacement = expression;
    if (lang === 'yaml') replacement = `${quote}${expression}${quote}`;
    if ((lang === 'javascript' || lang === 'typescript') && quote === '`' && /[\w$)\]]/.test(prevNonSpace(text, secret.literalStart))) {
      return { ok: false, reason: 'the secret is a tagged template literal' };
    }
    if ((lang === 'javascript' || lang === 'typescript') && nextNonSpace(text, secret.literalEnd) === ':' && '{,'.includes(prevNonSpace(text, secret.literalStart))) {
      replacement = `[${expression}]`;
    }
    return { ok: true, value, expression, edits: [...extra, { start: secret.literalStart - prefix.length, end: secret.literalEnd, newText: replacement }] };
  }

  if (lang === 'yaml' || lang === 'shellscript') return rewriteInText(text, lang, secret, name, expression, raw);

  const around = enclosingString(text, secret.start, secret.end);
  if (!around) return { ok: false, reason: 'the secret is not in a string literal this fix can rewrite' };
  const { open, close, quote } = around;
  if (text[open - 1] === quote || text[close + 1] === quote) return { ok: false, reason: 'triple-quoted strings are not rewritten' };
  const prefix = stringPrefix(text, open, lang);
  if (lang === 'python' && /[bB]/.test(prefix)) return { ok: false, reason: 'the secret is in a bytes literal; os.environ holds text' };
  const value = decodeLiteral(raw, quoteStyle(lang, quote, prefix), quote);
  if (value === undefined) return { ok: false, reason: 'the string uses escape sequences this fix does not decode' };
  if ((lang === 'javascript' || lang === 'typescript') && quote === '`') {
    return { ok: true, value, expression, edits: [...extra, { start: secret.start, end: secret.end, newText: `\${${expression}}` }] };
  }
  if (lang === 'ruby' && quote === '"') {
    return { ok: true, value, expression, edits: [...extra, { start: secret.start, end: secret.end, newText: `#{${expression}}` }] };
  }
  // Split the string around the secret; an empty piece at either end is dropped.
  const plus = lang === 'php' ? '.' : '+';
  const head = secret.start > open + 1;
  const tail = secret.end < close;
  const from = head ? secret.start : open - prefix.length;
  const to = tail ? secret.end : close + 1;
  const wrap = (head || tail) && needsParens(text, open - prefix.length, close);
  const middle = `${wrap && !head ? '(' : ''}${head ? `${quote} ${plus} ` : ''}${expression}${tail ? ` ${plus} ${prefix}${quote}` : ''}${wrap && !tail ? ')' : ''}`;
  const edits: OffsetEdit[] = [...extra, { start: from, end: to, newText: middle }];
  if (wrap && head) edits.push({ start: open - prefix.length, end: open - prefix.length, newText: '(' });
  if (wrap && tail) edits.push({ start: close + 1, end: close + 1, newText: ')' });
  return { ok: true, value, expression, edits };
}

/** Shell and YAML: `${NAME}` inside a larger double-quoted or plain string, a quoted lookup alone. */
function rewriteInText(text: string, lang: string, secret: Pick<SecretSpan, 'start' | 'end'>, name: string, expression: string, raw: string): SourceRewrite {
  const around = enclosingString(text, secret.start, secret.end, lang === 'yaml' ? `"'` : `"'`);
  if (around) {
    const style = quoteStyle(lang, around.quote, '');
    const value = decodeLiteral(raw, style, around.quote);
    if (value === undefined) return { ok: false, reason: 'the string uses escape sequences this fix does not decode' };
    const inner = lang === 'shellscript' && around.quote === "'" ? `'"\${${name}}"'` : `\${${name}}`;
    return { ok: true, value, expression, edits: [{ start: secret.start, end: secret.end, newText: inner }] };
  }
  if (raw.includes('\\') && lang === 'shellscript') return { ok: false, reason: 'the unquoted value holds backslashes' };
  const before = text[secret.start - 1] ?? '\n';
  const after = text[secret.end] ?? '\n';
  const standalone = /[\s=:]/.test(before) && /[\s]/.test(after);
  if (lang === 'yaml') {
    return { ok: true, value: raw, expression, edits: [{ start: secret.start, end: secret.end, newText: standalone ? `"\${${name}}"` : `\${${name}}` }] };
  }
  return { ok: true, value: raw, expression, edits: [{ start: secret.start, end: secret.end, newText: /[\w]/.test(after) ? `"\${${name}}"` : expression }] };
}
