import { isDeclarationFile, type Detector, type DetectorInput } from './detector';
import { configRules } from '../rules/tls/config/rules';
import { codeRules } from '../rules/tls/code/rules';
import { CONFIG_KEYWORDS, configScannerFor } from '../rules/tls/config';
import { scanCode } from '../rules/tls/code';
import { anyKeyword } from './prefilter';
import { passesTlsGate, tlsKeywordGate } from './tlsGate';

/**
 * Whether a source file holds one of its language's keywords, common words confirmed (tlsGate.ts);
 * the keyword pass knows, if there was one.
 */
function mayWantCode({ text, language, keywords: pass }: DetectorInput): boolean {
  const gate = tlsKeywordGate(language);
  return gate !== undefined && passesTlsGate(text, gate, (list) => pass?.().has(list) ?? anyKeyword(text, list));
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
    const gate = tlsKeywordGate(language);
    return gate ? [gate.plain, gate.confirmed].filter((list) => list.length > 0) : [];
  },
  wants: (input) => {
    const { text, file, language, kind } = input;
    if (kind === 'skip' || kind === 'markdown') return false;
    if (configScannerFor(file.path, language)) return CONFIG_KEYWORDS.test(text);
    return !isDeclarationFile(file.path) && mayWantCode(input);
  },
  detect: async ({ text, file, language, state }) => {
    // Shell scripts have a grammar, but the line-level command matcher reads them better.
    const config = configScannerFor(file.path, language);
    if (config) return config(text);
    return scanCode(text, language, state);
  },
};
