import type { Detection } from '../../../types';
import type { Word } from '../shell/words';
import { finding, type TlsRule } from '../rule';
import { fix, removeWord } from '../fixes';
import { ansibleValidateCerts, cliNoVerify } from './infraRules';

// Command-line clients with their own "skip verification" switch: cloud CLIs (aws, gcloud, az),
// HashiCorp tools (vault, nomad, consul, boundary), etcdctl, argocd, MinIO mc, HTTPie, grpcurl,
// Subversion, Mercurial, aria2, ansible-galaxy. Their environment variables are in ./env.ts.

interface Context {
  text: string;
  out: Detection[];
}

type Matcher = (ctx: Context, args: Word[]) => void;

const TRUTHY = /^(true|1|yes|on)$/i;
const FALSY = /^(false|0|no|off)$/i;

/** A flag, removed by the fix; a `config set` setting (`removable` false) has no fix: removing it would leave `config set` without arguments. */
function report(ctx: Context, word: Word, what: string, rule: TlsRule = cliNoVerify, last: Word = word, removable = true): void {
  ctx.out.push(finding(rule, {
    start: word.start,
    end: last.end,
    what,
    fixes: removable ? [fix(`Remove ${ctx.text.slice(word.start, last.end)}`, [removeWord(ctx.text, word.start, last.end)])] : undefined,
  }));
}

/** A boolean flag: `--flag` alone, or `--flag=true`; `--flag=false` verifies. */
function flagOn(word: Word, names: readonly string[]): boolean {
  const eq = word.text.indexOf('=');
  const name = eq === -1 ? word.text : word.text.slice(0, eq);
  return names.includes(name) && (eq === -1 || TRUTHY.test(word.text.slice(eq + 1)));
}

/** A tool whose named flags (alone or `=true`) skip verification. */
function flags(tool: string, names: readonly string[], rule?: TlsRule): Matcher {
  return (ctx, args) => {
    for (const word of args) {
      if (flagOn(word, names)) report(ctx, word, `${tool} ${word.text} turns off verification of the server's certificate.`, rule);
    }
  };
}

/** `<tool> config set <key> <false-ish or true-ish>` (gcloud) or `<key>=<value>` (az). */
function configSet(tool: string, key: string, off: RegExp): Matcher {
  return (ctx, args) => {
    const operands = args.filter((word) => !word.text.startsWith('-'));
    if (operands[0]?.text !== 'config' || operands[1]?.text !== 'set') return;
    const [setting, valueWord] = [operands[2], operands[3]];
    if (!setting) return;
    const inline = setting.text.startsWith(`${key}=`) ? setting.text.slice(key.length + 1) : undefined;
    const value = inline ?? (setting.text === key ? valueWord?.text : undefined);
    if (value === undefined || !off.test(value)) return;
    report(ctx, setting, `${tool} config set ${key} ${value} turns off certificate verification for every ${tool} command.`, cliNoVerify, inline === undefined ? valueWord : setting, false);
  };
}

const httpie: Matcher = (ctx, args) => {
  for (const word of args) {
    const match = /^--verify=(.*)$/.exec(word.text);
    if (match && FALSY.test(match[1])) report(ctx, word, `HTTPie ${word.text} turns off verification of the server's certificate.`);
  }
};

const svn: Matcher = (ctx, args) => {
  for (const word of args) {
    if (word.text === '--trust-server-cert' || word.text.startsWith('--trust-server-cert-failures=')) {
      report(ctx, word, `svn ${word.text} accepts the server's certificate despite its errors.`);
    }
  }
};

const aria2: Matcher = (ctx, args) => {
  for (const word of args) {
    const match = /^--check-certificate=(.*)$/.exec(word.text);
    if (match && FALSY.test(match[1])) report(ctx, word, `aria2c ${word.text} turns off verification of the server's certificate.`);
  }
};

/** Flag names that say "skip TLS verification" whatever the program: compared without dashes, dots and underscores. */
const SKIP_VERIFY_FLAG_ENDINGS = ['insecureskipverify', 'insecureskiptlsverify', 'tlsskipverify', 'skiptlsverify', 'tlsinsecureskipverify'];

/**
 * Any other program's `--insecure-skip-verify`, `--tls-skip-verify`, `--serversTransport.insecureSkipVerify=true`
 * (alone or `=true`): the name leaves no doubt, whatever the tool (traefik, promtool, docker-machine, ...).
 */
export function skipVerifyFlags(ctx: Context, args: Word[], program: string): void {
  for (const word of args) {
    if (!word.text.startsWith('-')) continue;
    const eq = word.text.indexOf('=');
    const name = (eq === -1 ? word.text : word.text.slice(0, eq)).toLowerCase().replace(/[-_.]/g, '');
    if (!SKIP_VERIFY_FLAG_ENDINGS.some((ending) => name.endsWith(ending))) continue;
    if (eq !== -1 && !TRUTHY.test(word.text.slice(eq + 1))) continue;
    report(ctx, word, `${program.startsWith('-') ? '' : `${program} `}${word.text} turns off verification of the server's certificate.`);
  }
}

export const CLI_MATCHERS: Record<string, Matcher> = {
  aws: flags('aws', ['--no-verify-ssl']),
  gcloud: configSet('gcloud', 'auth/disable_ssl_validation', TRUTHY),
  az: configSet('az', 'core.disable_connection_verification', TRUTHY),
  vault: flags('vault', ['-tls-skip-verify', '--tls-skip-verify']),
  nomad: flags('nomad', ['-tls-skip-verify', '--tls-skip-verify']),
  consul: flags('consul', ['-tls-skip-verify', '--tls-skip-verify']),
  boundary: flags('boundary', ['-tls-insecure', '--tls-insecure']),
  etcdctl: flags('etcdctl', ['--insecure-skip-tls-verify']),
  argocd: flags('argocd', ['--insecure']),
  mc: flags('mc', ['--insecure']),
  http: httpie,
  https: httpie,
  grpcurl: flags('grpcurl', ['-insecure', '--insecure']),
  svn,
  hg: flags('hg', ['--insecure']),
  aria2c: aria2,
  'ansible-galaxy': flags('ansible-galaxy', ['--ignore-certs', '-c'], ansibleValidateCerts),
};
