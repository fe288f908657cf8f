import type { Detection } from '../../../types';
import { baseName, isDotEnv } from '../../../fileKind';
import { ShellSource } from '../shell/words';
import { scanShell } from './commands';
import { scanDockerfile } from './dockerfile';
import { scanCurlrc, scanDotEnv, scanGitConfig, scanMakefile, scanNpmrc, scanPackageJsonScripts, scanPipConf, scanRequirements, scanWgetrc } from './files';
import { scanDockerDaemon } from './dockerDaemon';
import { scanTerraform } from './terraform';
import { scanAptConf, scanCondarc, scanGemrc, scanPipfile, scanYumConf } from './packageManagers';
import { scanServiceLines } from './serviceConfig';
import { scanYaml } from './yaml';
import { rememberLast } from '../../../rememberLast';

// Which line-level scanner a configuration file or script gets, by name first, then language.

export type ConfigScanner = (text: string) => Detection[];

const BY_NAME: Record<string, ConfigScanner> = {
  '.npmrc': (text) => scanNpmrc(text, false),
  npmrc: (text) => scanNpmrc(text, false),
  '.yarnrc': (text) => scanNpmrc(text, true),
  '.gitconfig': scanGitConfig,
  gitconfig: scanGitConfig,
  'pip.conf': scanPipConf,
  'pip.ini': scanPipConf,
  '.curlrc': scanCurlrc,
  _curlrc: scanCurlrc,
  '.wgetrc': scanWgetrc,
  'package.json': scanPackageJsonScripts,
  'daemon.json': scanDockerDaemon,
  '.condarc': scanCondarc,
  condarc: scanCondarc,
  '.gemrc': scanGemrc,
  gemrc: scanGemrc,
  pipfile: scanPipfile,
  'yum.conf': scanYumConf,
  'dnf.conf': scanYumConf,
  'apt.conf': scanAptConf,
};

const BY_LANGUAGE: Record<string, ConfigScanner> = {
  shellscript: (text) => scanShell(text, ShellSource.of(text)),
  dockerfile: scanDockerfile,
  makefile: scanMakefile,
  yaml: scanYaml,
  // Language ids that editor extensions give YAML files they know more about.
  'github-actions-workflow': scanYaml,
  dockercompose: scanYaml,
  'azure-pipelines': scanYaml,
  ansible: scanYaml,
  helm: scanYaml,
  dotenv: scanDotEnv,
  // INI-like files: git's sections, and services' own `key = value` settings (Telegraf, HAProxy, Logstash).
  ini: (text) => [...scanGitConfig(text), ...scanServiceLines(text)],
  properties: scanServiceLines,
  toml: scanServiceLines,
  terraform: scanTerraform,
};

/** The scanner for a file, or undefined when the tls config rules have nothing to say about it. */
export function configScannerFor(path: string, language: string): ConfigScanner | undefined {
  // The TLS detector asks twice per file (wants, then detect).
  return scannerRemembered(path, language);
}

const scannerRemembered = rememberLast((path: string, language?: string) => scannerByName(path, language ?? ''));

function scannerByName(path: string, language: string): ConfigScanner | undefined {
  const name = baseName(path).toLowerCase();
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
  // An editor may call .env "properties" or "plaintext"; the name decides.
  if (isDotEnv(name)) return scanDotEnv;
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return scanDockerfile;
  if (/(^|\/)\.git\/config$/.test(path) || /^\.gitconfig[.-]/.test(name)) return scanGitConfig;
  if (name.endsWith('.repo')) return scanYumConf;
  if (/(^|\/)apt\.conf\.d\/[^/]+$/.test(path)) return scanAptConf;
  // pip reads options such as --trusted-host from requirements and constraints files.
  if (/^(requirements|constraints)([\w.-]*)?\.(txt|in)$/.test(name) || (/(^|\/)requirements\/[^/]+\.(txt|in)$/.test(path))) return scanRequirements;
  if (/(^|\/)\.kube\/config$/.test(path) || /(^|[.-])kubeconfig([.-]|$)/.test(name)) return scanYaml;
  return Object.hasOwn(BY_LANGUAGE, language) ? BY_LANGUAGE[language] : undefined;
}

/** Words that any tls config finding needs somewhere in the file. */
// Two patterns: the first, with its one run (`-[a-zA-Z]*k`), as it was checked linear; the words
// later rules added as a plain alternation of literals (joined into the first, a ReDoS checker's
// fuzzing found a quadratic case).
const FIRST_KEYWORDS = /insecure|-[a-zA-Z]*k\b|check[-_]?certificate|sslverify|strict-?ssl|strict_ssl|trusted[-_]host|NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|GIT_SSL_NO_VERIFY/i;
const TOOL_KEYWORDS = /validate_certs|cert_validation|skip_tls_verify|tls_skip_verify|skip_ssl_validation|skip_cert_verification|allow_unverified_ssl|tls_insecure|tls-verify|ssl_verify|certificates\.|POETRY_CERTIFICATES|verify-peer|verify-host|wagon\.http\.ssl|verify_ssl|no-verify-ssl|disable_ssl_validation|disable_connection_verification|skip-verify|skip_verify|tls-insecure|LDAPTLS_REQCERT|--verify=|ignore-certs|ansible-galaxy|trust-server|skipverify|skip_ssl_verification|verification|verify_certificate|validate-server-certificate|verify-hostname|verify_hostname|verifyhostname|identification\.algorithm|verify none|tls_verify|tlsverify/i;
export const CONFIG_KEYWORDS = { test: (text: string): boolean => FIRST_KEYWORDS.test(text) || TOOL_KEYWORDS.test(text) };
