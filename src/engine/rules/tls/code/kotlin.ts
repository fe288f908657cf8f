import type { Detection } from '../../../types';
import { finding } from '../rule';
import { javaHostnameVerifier, javaTrustAll } from './rules';

// Kotlin: no grammar for it ships in @vscode/tree-sitter-wasm, so this is a text-level rule on the
// source with comments and string literals blanked out (offsets kept). It knows the shapes the
// JVM libraries take in Kotlin: OkHttp's `hostnameVerifier { _, _ -> true }`, SAM constructors
// (`HostnameVerifier { _, _ -> true }`, `TrustStrategy { _, _ -> true }`), trailing lambdas
// (`loadTrustMaterial(null) { _, _ -> true }`), `object : X509TrustManager` whose
// checkServerTrusted is empty, `= Unit` or only logs, and the accept-all classes by name.
// What it does not do: follow a verifier through a variable, or read try/catch in a trust manager.

export const KOTLIN_KEYWORDS = ['hostnameVerifier', 'HostnameVerifier', 'checkServerTrusted', 'TrustStrategy', 'loadTrustMaterial', 'TrustAllStrategy', 'TrustSelfSignedStrategy', 'InsecureTrustManagerFactory', 'ALLOW_ALL_HOSTNAME_VERIFIER'];

/** Names after which a `{ a, b -> true }` lambda is an accept-all verifier or strategy. */
const VERIFIER_NAMES = ['hostnameVerifier', 'HostnameVerifier', 'setHostnameVerifier', 'setDefaultHostnameVerifier', 'setSSLHostnameVerifier'];
const STRATEGY_NAMES = ['TrustStrategy', 'loadTrustMaterial'];
const ACCEPT_ALL: Record<string, { rule: 'verifier' | 'trust'; warning?: boolean }> = {
  NoopHostnameVerifier: { rule: 'verifier' },
  AllowAllHostnameVerifier: { rule: 'verifier' },
  ALLOW_ALL_HOSTNAME_VERIFIER: { rule: 'verifier' },
  TrustAllStrategy: { rule: 'trust' },
  InsecureTrustManagerFactory: { rule: 'trust' },
  TrustSelfSignedStrategy: { rule: 'trust', warning: true },
};
/** The start of a statement that only logs. */
const LOGGING = ['log.', 'logger.', 'LOG.', 'LOGGER.', 'Log.', 'Timber.', 'println(', 'print(', 'System.out.', 'System.err.'];

const isWordChar = (code: number) => code === 95 || code === 36 || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isBlank = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r';

/**
 * The text with comments, string and character literals replaced by spaces (line breaks kept), so
 * that offsets stay those of the source. Nested block comments and raw strings are handled;
 * `${...}` templates are blanked with their string, which only hides code from the rule.
 */
export function codeOnly(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < out.length; i += 1) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === '//') {
      let end = i;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end += 1;
      blank(i, end);
      i = end;
    } else if (two === '/*') {
      let depth = 1;
      let end = i + 2;
      while (end < text.length && depth > 0) {
        if (text.startsWith('/*', end)) { depth += 1; end += 2; } else if (text.startsWith('*/', end)) { depth -= 1; end += 2; } else end += 1;
      }
      blank(i, end);
      i = end;
    } else if (text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      const end = close === -1 ? text.length : close + 3;
      blank(i, end);
      i = end;
    } else if (text[i] === '"' || text[i] === '\'') {
      const quote = text[i];
      let end = i + 1;
      while (end < text.length && text[end] !== quote && text[end] !== '\n' && text[end] !== '\r') end += text[end] === '\\' ? 2 : 1;
      blank(i, end + 1);
      i = end + 1;
    } else {
      i += 1;
    }
  }
  return out.join('');
}

/** Offsets of `word` in `code` as a whole identifier. */
function* wordsAt(code: string, word: string): Generator<number> {
  for (let at = code.indexOf(word); at !== -1; at = code.indexOf(word, at + word.length)) {
    if (!isWordChar(code.charCodeAt(at - 1)) && !isWordChar(code.charCodeAt(at + word.length))) yield at;
  }
}

/** The offset just past the bracket that closes the one at `open`, or -1. */
function closing(code: string, open: number): number {
  const [left, right] = code[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < code.length; i += 1) {
    if (code[i] === left) depth += 1;
    else if (code[i] === right && --depth === 0) return i + 1;
  }
  return -1;
}

/** `{ _, _ -> true }`: a two-parameter lambda whose body is `true`. */
function acceptsAll(body: string): boolean {
  const arrow = body.indexOf('->');
  if (arrow === -1) return false;
  const params = body.slice(1, arrow).split(',');
  const result = body.slice(arrow + 2, -1).trim();
  return params.length === 2 && params.every((param) => /^[\w$]{1,40}(?::[\w$. ?<>]{1,80})?$/.test(param.trim())) && /^(?:true|return@\w{1,40} true)$/.test(result);
}

/**
 * The lambda that follows `name` in the same call: `name { ... }`, `name(HostnameVerifier { ... })`,
 * `name(null) { ... }`. Returns its braces' offsets, or undefined.
 */
function lambdaAfter(code: string, from: number): { start: number; end: number } | undefined {
  let i = from;
  let depth = 0;
  for (let steps = 0; i < code.length && steps < 200; i += 1, steps += 1) {
    const char = code[i];
    if (char === '{') {
      const end = closing(code, i);
      return end === -1 ? undefined : { start: i, end };
    }
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === ';' || char === '}' || char === '=' || ((char === '\n' || char === '\r') && depth <= 0 && code[i - 1] !== '(')) return undefined;
    if (depth < 0) return undefined;
  }
  return undefined;
}

/** Whether a block body does nothing that could throw: empty, `return`, or only logging statements. */
function neverThrows(body: string): boolean {
  return body.slice(1, -1).split(/[;\n\r]/).every((statement) => {
    const line = statement.trim();
    return line === '' || line === 'return' || (LOGGING.some((prefix) => line.startsWith(prefix)) && !line.includes('throw'));
  });
}

/** The header of the class or object whose body holds `at`: `object : X509TrustManager`, `class T : X509TrustManager`. */
function ownerHeader(code: string, at: number): { start: number; end: number } | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i -= 1) {
    if (code[i] === '}') depth += 1;
    else if (code[i] === '{' && --depth < 0) {
      let start = i;
      while (start > 0 && code[start - 1] !== '\n' && code[start - 1] !== '\r' && code[start - 1] !== ';' && i - start < 200) start -= 1;
      const header = code.slice(start, i);
      const keyword = header.search(/\b(?:object|class)\b/);
      if (keyword === -1 || !/X509(?:Extended)?TrustManager/.test(header)) return undefined;
      let end = i;
      while (end > start && isBlank(code[end - 1])) end -= 1;
      return { start: start + keyword, end };
    }
  }
  return undefined;
}

export function scanKotlin(text: string): Detection[] {
  const code = codeOnly(text);
  const out: Detection[] = [];
  const lambdas = (names: readonly string[], report: (lambda: { start: number; end: number }, name: string) => void) => {
    for (const name of names) {
      for (const at of wordsAt(code, name)) {
        const lambda = lambdaAfter(code, at + name.length);
        if (lambda && acceptsAll(code.slice(lambda.start, lambda.end))) report(lambda, name);
      }
    }
  };
  const seen = new Set<number>();
  lambdas(VERIFIER_NAMES, (lambda, name) => {
    if (seen.has(lambda.start)) return;
    seen.add(lambda.start);
    out.push(finding(javaHostnameVerifier, { start: lambda.start, end: lambda.end, what: `This ${name} lambda returns true for every host.` }));
  });
  lambdas(STRATEGY_NAMES, (lambda) => {
    if (seen.has(lambda.start)) return;
    seen.add(lambda.start);
    out.push(finding(javaTrustAll, { start: lambda.start, end: lambda.end, what: 'This trust strategy returns true, so every certificate chain is trusted.' }));
  });
  for (const at of wordsAt(code, 'checkServerTrusted')) {
    if (!/\bfun\s{1,10}$/.test(code.slice(Math.max(0, at - 20), at))) continue;
    const open = code.indexOf('(', at);
    const close = open === -1 ? -1 : closing(code, open);
    if (close === -1) continue;
    const rest = code.slice(close, close + 200);
    const unit = /^(?::\s{0,5}Unit)?\s{0,5}=\s{0,5}Unit\b/.test(rest);
    const brace = /^(?::\s{0,5}Unit)?\s{0,5}\{/.exec(rest);
    const bodyEnd = brace ? closing(code, close + brace[0].length - 1) : -1;
    if (!unit && (bodyEnd === -1 || !neverThrows(code.slice(close + brace![0].length - 1, bodyEnd)))) continue;
    const method = { start: at, end: at + 'checkServerTrusted'.length, message: 'checkServerTrusted never throws' };
    const owner = ownerHeader(code, at);
    out.push(finding(javaTrustAll, {
      start: owner?.start ?? method.start,
      end: owner?.end ?? method.end,
      what: `${owner ? `\`${text.slice(owner.start, owner.end)}\` is a trust manager whose` : 'This'} checkServerTrusted never throws (it is empty, Unit or only logs), so every certificate chain is accepted.`,
      related: owner ? [method] : undefined,
    }));
  }
  for (const [name, kind] of Object.entries(ACCEPT_ALL)) {
    for (const at of wordsAt(code, name)) {
      const lineStart = Math.max(code.lastIndexOf('\n', at), code.lastIndexOf('\r', at)) + 1;
      if (/^\s{0,40}import\b/.test(code.slice(lineStart, at))) continue;
      out.push(finding(kind.rule === 'verifier' ? javaHostnameVerifier : javaTrustAll, {
        start: at,
        end: at + name.length,
        what: kind.rule === 'verifier' ? `${name} accepts a certificate issued for any host.` : kind.warning ? `${name} trusts any self-signed certificate, which anyone can make.` : `${name} trusts every certificate chain.`,
        severity: kind.warning ? 'warning' : undefined,
      }));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
