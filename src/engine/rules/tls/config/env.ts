import type { Severity } from '../../../types';
import type { TlsRule } from '../rule';
import { gitSslVerify, kubeInsecure, nodeTlsEnv, npmStrictSsl, pipTrustedHost, pythonHttpsEnv } from './rules';
import { cliNoVerify, packageManagerNoVerify } from './infraRules';
import { MAVEN_INSECURE } from './packageManagers';

// Environment variables that turn certificate verification off, wherever they are set: a shell
// `export`, a command prefix, `.env`, Dockerfile `ENV`, CI/compose/Kubernetes YAML, npm scripts.

export interface EnvVerdict {
  rule: TlsRule;
  what: string;
  severity?: Severity;
}

const FALSY = /^(false|0|no|off)$/i;
const TRUTHY = /^(true|1|yes|on)$/i;

/** Strips one level of matching quotes from a value as written in a config file. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** Placeholders and references are not a decision: `${VAR}`, `$VAR`, `<host>`, empty. */
function isReference(value: string): boolean {
  return value === '' || value.startsWith('$') || value.startsWith('<') || value.includes('{{');
}

/** Command-line clients' variables, and which values turn verification off. */
const CLI_ENV: Record<string, { tool: string; off: 'truthy' | 'falsy' | 'ldap' }> = {
  VAULT_SKIP_VERIFY: { tool: 'the Vault CLI and clients', off: 'truthy' },
  NOMAD_SKIP_VERIFY: { tool: 'the Nomad CLI', off: 'truthy' },
  CONSUL_HTTP_SSL_VERIFY: { tool: 'the Consul CLI and clients', off: 'falsy' },
  BOUNDARY_TLS_INSECURE: { tool: 'the Boundary CLI', off: 'truthy' },
  ETCDCTL_INSECURE_SKIP_TLS_VERIFY: { tool: 'etcdctl', off: 'truthy' },
  AZURE_CLI_DISABLE_CONNECTION_VERIFICATION: { tool: 'the Azure CLI', off: 'truthy' },
  ANSIBLE_GALAXY_IGNORE: { tool: 'ansible-galaxy', off: 'truthy' },
  LDAPTLS_REQCERT: { tool: 'OpenLDAP clients (ldapsearch, ldapmodify, ...)', off: 'ldap' },
};

export function envSetting(name: string, rawValue: string): EnvVerdict | undefined {
  const value = unquote(rawValue);
  const upper = name.toUpperCase();
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    return value === '0' ? { rule: nodeTlsEnv, what: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every HTTPS request the Node.js process makes.' } : undefined;
  }
  if (name === 'PYTHONHTTPSVERIFY') {
    return value === '0' ? { rule: pythonHttpsEnv, what: 'PYTHONHTTPSVERIFY=0 turns off certificate verification in the standard library HTTPS clients.' } : undefined;
  }
  if (name === 'GIT_SSL_NO_VERIFY') {
    if (isReference(value)) return undefined;
    if (TRUTHY.test(value)) return { rule: gitSslVerify, what: 'GIT_SSL_NO_VERIFY turns off certificate verification for git over HTTPS.' };
    return {
      rule: gitSslVerify,
      what: `GIT_SSL_NO_VERIFY=${value} still turns off certificate verification: git checks only whether the variable is set, not its value.`,
      severity: 'warning',
    };
  }
  if (upper === 'NPM_CONFIG_STRICT_SSL' || upper === 'YARN_ENABLE_STRICT_SSL' || upper === 'YARN_STRICT_SSL') {
    return FALSY.test(value) ? { rule: npmStrictSsl, what: `${name}=${value} turns off certificate verification for the package registry.` } : undefined;
  }
  if (upper === 'PIP_TRUSTED_HOST') {
    if (isReference(value)) return undefined;
    return { rule: pipTrustedHost, what: `PIP_TRUSTED_HOST makes pip accept ${value} without a valid certificate.`, severity: trustedHostSeverity(value) };
  }
  if (name === 'GOINSECURE') {
    return isReference(value) ? undefined : { rule: packageManagerNoVerify, what: `GOINSECURE=${value} makes the go command fetch those modules without verifying certificates (or over plain HTTP).` };
  }
  if (/^POETRY_CERTIFICATES_\w+_CERT$/.test(upper)) {
    return FALSY.test(value) ? { rule: packageManagerNoVerify, what: `${name}=${value} turns off certificate verification for that Poetry repository.` } : undefined;
  }
  const cli = CLI_ENV[upper];
  if (cli) {
    if (isReference(value) || !(cli.off === 'truthy' ? TRUTHY : cli.off === 'falsy' ? FALSY : /^(never|allow)$/i).test(value)) return undefined;
    return { rule: cliNoVerify, what: `${name}=${value} turns off certificate verification for ${cli.tool}.` };
  }
  if (upper === 'MAVEN_OPTS' || upper === 'MAVEN_CLI_OPTS' || upper === 'JAVA_TOOL_OPTIONS') {
    const flag = value.split(/\s+/).find((word) => MAVEN_INSECURE.test(word));
    return flag ? { rule: packageManagerNoVerify, what: `${name} holds ${flag}: Maven downloads artifacts without verifying the repository's certificate.` } : undefined;
  }
  if (upper === 'BUNDLE_SSL_VERIFY_MODE' || upper === 'CONDA_SSL_VERIFY') {
    return (upper === 'CONDA_SSL_VERIFY' ? FALSY.test(value) : value === '0') ? { rule: packageManagerNoVerify, what: `${name}=${value} turns off certificate verification for the package sources.` } : undefined;
  }
  if (upper === 'HELM_KUBEINSECURE_SKIP_TLS_VERIFY' || upper === 'KUBECTL_INSECURE_SKIP_TLS_VERIFY') {
    return TRUTHY.test(value) ? { rule: kubeInsecure, what: `${name}=${value} turns off verification of the cluster's certificate.` } : undefined;
  }
  return undefined;
}

/** Names envSetting knows; lets callers skip lines cheaply. */
export const ENV_NAMES = /NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|GIT_SSL_NO_VERIFY|STRICT_SSL|PIP_TRUSTED_HOST|INSECURE_SKIP_TLS_VERIFY|GOINSECURE|POETRY_CERTIFICATES_|SSL_VERIFY|MAVEN_OPTS|MAVEN_CLI_OPTS|JAVA_TOOL_OPTIONS|SKIP_VERIFY|TLS_INSECURE|DISABLE_CONNECTION_VERIFICATION|GALAXY_IGNORE|LDAPTLS_REQCERT/i;

const PUBLIC_INDEXES = /(^|[\s,])(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)(:\d+)?($|[\s,])/i;

/** Trusting the public index hosts is the "make the SSL error go away" hack: an error. */
export function trustedHostSeverity(hosts: string): Severity | undefined {
  return PUBLIC_INDEXES.test(hosts) ? 'error' : undefined;
}
