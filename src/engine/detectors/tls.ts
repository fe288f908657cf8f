import type { Detector } from './detector';
import { configRules } from '../rules/tls/config/rules';
import { CONFIG_KEYWORDS, configScannerFor } from '../rules/tls/config';

/**
 * Disabled TLS certificate verification (CWE-295). Scripts and configuration files get line-level
 * rules (curl -k, wget --no-check-certificate, git/npm/pip/kubectl settings, environment variables).
 */
export const tlsDetector: Detector = {
  name: 'tls',
  rules: () => configRules,
  wants: ({ text, file, language, kind }) =>
    kind !== 'skip' && kind !== 'markdown' && configScannerFor(file.path, language) !== undefined && CONFIG_KEYWORDS.test(text),
  detect: ({ text, file, language }) => configScannerFor(file.path, language)?.(text) ?? [],
};
