import type { Detector, DetectorInput } from './detector';
import { configRules } from '../rules/tls/config/rules';
import { codeRules } from '../rules/tls/code/rules';
import { CONFIG_KEYWORDS, configScannerFor } from '../rules/tls/config';
import { codeWants, scanCode } from '../rules/tls/code';
import { CSHARP_KEYWORDS } from '../rules/tls/code/csharp';
import { GO_KEYWORDS } from '../rules/tls/code/go';
import { JAVA_KEYWORDS } from '../rules/tls/code/java';
import { JS_KEYWORDS } from '../rules/tls/code/javascript';
import { PHP_KEYWORDS } from '../rules/tls/code/php';
import { PYTHON_KEYWORDS } from '../rules/tls/code/python';
import { RUBY_KEYWORDS } from '../rules/tls/code/ruby';
import { anyKeyword } from './prefilter';
import { grammarFor, type GrammarName } from '../syntax';

/**
 * Each grammar's code keywords (the lists the code scanners use), folded into one pattern: most
 * files hold none, and one pass says so. codeWants stays the judge for the files that hold one.
 */
const CODE_KEYWORDS: Partial<Record<GrammarName, readonly string[]>> = {
  javascript: JS_KEYWORDS, typescript: JS_KEYWORDS, tsx: JS_KEYWORDS, python: PYTHON_KEYWORDS, go: GO_KEYWORDS,
  java: JAVA_KEYWORDS, 'c-sharp': CSHARP_KEYWORDS, ruby: RUBY_KEYWORDS, php: PHP_KEYWORDS,
};

function codeKeywords(language: string): readonly string[] | undefined {
  const grammar = grammarFor(language);
  return grammar ? CODE_KEYWORDS[grammar] : undefined;
}

function mayWantCode({ text, language, keywords: pass }: DetectorInput): boolean {
  const keywords = codeKeywords(language);
  return !keywords || (pass?.().has(keywords) ?? anyKeyword(text, keywords));
}

/**
 * Disabled TLS certificate verification (CWE-295). Source code is matched on Tree-sitter trees
 * (rejectUnauthorized: false, verify=False, InsecureSkipVerify, trust-all managers, ...); scripts
 * and configuration files get line-level rules (curl -k, wget --no-check-certificate, git/npm/pip/
 * kubectl settings, environment variables such as NODE_TLS_REJECT_UNAUTHORIZED=0).
 */
export const tlsDetector: Detector = {
  name: 'tls',
  rules: () => [...configRules, ...codeRules],
  literalKeywords: (language) => {
    const keywords = codeKeywords(language);
    return keywords ? [keywords] : [];
  },
  wants: (input) => {
    const { text, file, language, kind } = input;
    if (kind === 'skip' || kind === 'markdown') return false;
    if (configScannerFor(file.path, language)) return CONFIG_KEYWORDS.test(text);
    return mayWantCode(input) && codeWants(text, language);
  },
  detect: async ({ text, file, language, state }) => {
    // Shell scripts have a grammar, but the line-level command matcher reads them better.
    const config = configScannerFor(file.path, language);
    if (config) return config(text);
    return scanCode(text, language, state);
  },
};
