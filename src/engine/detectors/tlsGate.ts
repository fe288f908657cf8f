import { grammarFor, type GrammarName } from '../syntax';
import { codeKeywordsFor } from '../rules/tls/code';

// Some words of a language's TLS keyword list are too common to decide alone whether a file is
// worth parsing: `verify` is in nearly every Java test file (Mockito's `verify(...)`) and many
// Python ones, `ssl` in any Python module that imports it. Parsing and walking such a file is most
// of what a real tree costs. Each of these words counts only when the text also holds what every
// finding that word can lead to needs; the other words of the list still count on their own, so
// a word the TLS rules add later is never silently filtered out here.

const CONFIRMATIONS: Partial<Record<GrammarName, Record<string, RegExp>>> = {
  python: {
    // `verify=False` / `verify=x` keyword arguments, `session.verify = False`, `{'verify': False}`
    // splatted as **kwargs (python.ts VERIFY_KEYWORDS); set_verify(VERIFY_NONE) keeps `VERIFY_NONE`.
    verify: /\b(?:verify(?:_certs|_ssl)?|ssl_verify)['"]?\s*[=:]/,
    // `ssl=False` (aiohttp); ssl.CERT_NONE and ssl._create_unverified_context keep their own words.
    ssl: /\bssl\s*=/,
  },
  php: {
    // WordPress calls wp_verify_nonce() in most of its files. What `verify` leads to (php.ts) is a
    // quoted option key: 'verify', 'sslverify', 'verify_host' ('verify_peer' is a word of its own).
    verify: /['"](?:ssl)?verify(?:_host)?['"]/,
    // Guzzle's RequestOptions::VERIFY; CURLOPT_SSL_VERIFY* is a word of its own.
    VERIFY: /::\s*VERIFY\b/,
  },
  java: {
    // A HostnameVerifier's verify(String, SSLSession) that returns true; verifier setters and
    // types keep `HostnameVerifier`/`hostnameVerifier`.
    verify: /SSLSession/,
  },
};

/** How a language's TLS keywords decide: words that count alone, and words that need confirming. */
export interface TlsKeywordGate {
  /** Words that make the file worth parsing on their own. */
  readonly plain: readonly string[];
  /** Common words, each with the pattern that confirms it (tested on the whole text). */
  readonly confirmed: readonly string[];
  readonly confirm: readonly RegExp[];
}

/** By keyword list: languages sharing a grammar (javascript, javascriptreact) share one gate and its lists. */
const gates = new Map<readonly string[], TlsKeywordGate>();

/** The gate for a language (the same object from call to call), or undefined when TLS code rules do not handle it. */
export function tlsKeywordGate(language: string): TlsKeywordGate | undefined {
  const keywords = codeKeywordsFor(language);
  if (!keywords) return undefined;
  let gate = gates.get(keywords);
  if (!gate) {
    // Languages read by a text-level rule (no grammar) have no confirmations: every word counts.
    const grammar = grammarFor(language);
    const confirmations = (grammar && CONFIRMATIONS[grammar]) ?? {};
    const confirmed = keywords.filter((word) => Object.hasOwn(confirmations, word));
    gate = { plain: keywords.filter((word) => !confirmed.includes(word)), confirmed, confirm: confirmed.map((word) => confirmations[word]) };
    gates.set(keywords, gate);
  }
  return gate;
}

/**
 * Whether the text is worth parsing for TLS: one of the plain words is there, or a confirmed word
 * is there with its confirmation. `has` answers for a whole list (the keyword pass, or a search).
 */
export function passesTlsGate(text: string, gate: TlsKeywordGate, has: (list: readonly string[]) => boolean): boolean {
  if (gate.plain.length > 0 && has(gate.plain)) return true;
  if (gate.confirmed.length === 0 || !has(gate.confirmed)) return false;
  return gate.confirmed.some((word, i) => text.includes(word) && gate.confirm[i].test(text));
}
