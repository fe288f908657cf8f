import type { Detector, DetectorInput } from './detector';
import { configRules } from '../rules/tls/config/rules';
import { codeRules } from '../rules/tls/code/rules';
import { CONFIG_KEYWORDS, configScannerFor } from '../rules/tls/config';
import { codeKeywordsFor, scanCode } from '../rules/tls/code';
import { anyKeyword } from './prefilter';

/** Whether a source file holds one of its language's keywords (the keyword pass knows, if there was one). */
function mayWantCode({ text, language, keywords: pass }: DetectorInput): boolean {
  const keywords = codeKeywordsFor(language);
  return keywords !== undefined && (pass?.().has(keywords) ?? anyKeyword(text, keywords));
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
    const keywords = codeKeywordsFor(language);
    return keywords ? [keywords] : [];
  },
  wants: (input) => {
    const { text, file, language, kind } = input;
    if (kind === 'skip' || kind === 'markdown') return false;
    if (configScannerFor(file.path, language)) return CONFIG_KEYWORDS.test(text);
    return mayWantCode(input);
  },
  detect: async ({ text, file, language, state }) => {
    // Shell scripts have a grammar, but the line-level command matcher reads them better.
    const config = configScannerFor(file.path, language);
    if (config) return config(text);
    return scanCode(text, language, state);
  },
};
