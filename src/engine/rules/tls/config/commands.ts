import type { Detection, OffsetEdit, Severity } from '../../../types';
import { finding } from '../rule';
import { fix, ownsLine, removeLines, removeWord } from '../fixes';
import { commandParts, programName, splitCommands, type ShellSource, type SimpleCommand, type Word } from '../shell/words';
import { envSetting, trustedHostSeverity } from './env';
import { curlInsecure, gitSslVerify, kubeInsecure, npmStrictSsl, pipTrustedHost, wgetNoCheck } from './rules';
import { dockerInsecureRegistry } from './infraRules';
import { LOOPBACK_REGISTRY } from './dockerDaemon';
import { apt, bundle, conda, containerTool, goTool, maven, poetry, yum } from './packageManagers';
import { CLI_MATCHERS, skipVerifyFlags } from './cliTools';

// Shell commands that turn certificate verification off. Each matcher sees one simple command
// (program and arguments, comments and quoting already resolved), so `echo "curl -k"` and
// `# curl -k` are not commands and never match.

/** Cheap test before splitting a region into commands. */
export const COMMAND_KEYWORDS = /insecure|-[a-zA-Z]*k|no-check-certificate|check-certificate|sslverify|strict-ssl|strictssl|trusted-host|NODE_TLS|PYTHONHTTPSVERIFY|GIT_SSL_NO_VERIFY|STRICT_SSL|PIP_TRUSTED_HOST/i;
/** The words of the package-manager and CLI matchers: literals only, apart from the run above. */
const TOOL_COMMAND_KEYWORDS = /tls-verify|ssl_verify|certificates\.|POETRY_CERTIFICATES|Verify-Peer|Verify-Host|wagon\.http\.ssl|no-verify-ssl|disable_ssl_validation|disable_connection_verification|skip-verify|skip_verify|tls-insecure|tls_insecure|LDAPTLS_REQCERT|--verify=|ignore-certs|ansible-galaxy|trust-server|check-certificate/i;

interface Context {
  text: string;
  out: Detection[];
}

/** Whether the word's raw text is exactly its value, so character offsets line up with the file. */
function plain(word: Word): boolean {
  return !word.quoted && word.end - word.start === word.text.length;
}

export function scanShell(text: string, source: ShellSource): Detection[] {
  if (!COMMAND_KEYWORDS.test(source.text) && !TOOL_COMMAND_KEYWORDS.test(source.text)) return [];
  return scanCommands(text, splitCommands(source));
}

/** Commands already split into words (a Dockerfile exec form, `["curl", "-k", ...]`). */
export function scanCommands(text: string, commands: SimpleCommand[]): Detection[] {
  const ctx: Context = { text, out: [] };
  for (const command of commands) {
    const parts = commandParts(command);
    for (const assignment of parts.assignments) checkAssignment(ctx, assignment, parts.name === undefined);
    if (!parts.program) continue;
    const matcher = (Object.hasOwn(MATCHERS, parts.program) ? MATCHERS[parts.program] : undefined) ?? (/^pip\d*(\.\d+)*$/.test(parts.program) ? pip : undefined);
    if (matcher) matcher(ctx, parts.args, parts.name!);
    else if (/^python\d*(\.\d+)*$/.test(parts.program) && parts.args[0]?.text === '-m' && parts.args[1]?.text === 'pip') pip(ctx, parts.args.slice(2), parts.name!);
    // The name too: a YAML `command:` list holds one argument per item (`- --insecure-skip-verify`).
    else skipVerifyFlags(ctx, [parts.name!, ...parts.args], parts.program);
  }
  return ctx.out;
}

function checkAssignment(ctx: Context, word: Word, standalone: boolean): void {
  const eq = word.text.indexOf('=');
  const verdict = envSetting(word.text.slice(0, eq), word.text.slice(eq + 1));
  if (!verdict) return;
  const edit: OffsetEdit = standalone && ownsLine(ctx.text, word.start, word.end, /^\s*(export\s+|-\s+|ENV\s+)?$/)
    ? removeLines(ctx.text, word.start)
    : removeWord(ctx.text, word.start, word.end);
  ctx.out.push(finding(verdict.rule, {
    start: word.start,
    end: word.end,
    what: verdict.what,
    severity: verdict.severity,
    fixes: [fix(`Remove ${word.text.slice(0, eq)}`, [edit])],
  }));
}

type Matcher = (ctx: Context, args: Word[], name: Word) => void;

// curl options that take a value; in a group of short options (`-sSo file`) the rest is the value.
const CURL_SHORT_VALUE = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_LONG_VALUE = new Set([
  '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '--header', '--output', '--user',
  '--user-agent', '--url', '--form', '--form-string', '--request', '--config', '--cacert', '--capath', '--cert', '--key',
  '--proxy', '--referer', '--cookie', '--cookie-jar', '--max-time', '--connect-timeout', '--retry', '--retry-delay',
  '--write-out', '--upload-file', '--resolve', '--connect-to', '--pinnedpubkey', '--dump-header', '--range',
  '--continue-at', '--quote', '--proxy-user', '--ciphers', '--interface', '--limit-rate', '--oauth2-bearer',
  '--output-dir', '--variable', '--cert-type', '--key-type', '--proxy-cacert', '--netrc-file', '--trace', '--trace-ascii',
]);

const LOCAL_URL = /^(https?:\/\/)?(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.localhost)([:/]|$)/i;

const curl: Matcher = (ctx, args) => {
  const hits: { word: Word; index: number; proxy: boolean }[] = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    const text = word.text;
    if (text === '--') {
      urls.push(...args.slice(i + 1).map((w) => w.text));
      break;
    }
    if (text.startsWith('--')) {
      const name = text.split('=')[0];
      if (name === '--insecure') hits.push({ word, index: -1, proxy: false });
      else if (name === '--proxy-insecure' || name === '--doh-insecure') hits.push({ word, index: -1, proxy: true });
      else if (CURL_LONG_VALUE.has(name) && !text.includes('=')) i += 1;
      continue;
    }
    if (text.startsWith('-') && text.length > 1) {
      for (let p = 1; p < text.length; p += 1) {
        if (text[p] === 'k') hits.push({ word, index: p, proxy: false });
        if (CURL_SHORT_VALUE.has(text[p])) {
          if (p === text.length - 1) i += 1;
          break;
        }
      }
      continue;
    }
    urls.push(text);
  }
  const urlLike = urls.filter((u) => /^[a-z]+:\/\/|^[\w.-]+\.[a-z]{2,}|^localhost/i.test(u));
  const localOnly = urlLike.length > 0 && urlLike.every((u) => LOCAL_URL.test(u));
  for (const hit of hits) {
    const { word } = hit;
    const single = hit.index === -1 || word.text.length === 2;
    let edit: OffsetEdit | undefined;
    if (single) edit = removeWord(ctx.text, word.start, word.end);
    else if (plain(word)) edit = { start: word.start + hit.index, end: word.start + hit.index + 1, newText: '' };
    const flag = hit.index === -1 ? word.text : '-k';
    const severity: Severity | undefined = localOnly ? 'hint' : hit.proxy ? 'warning' : undefined;
    const start = hit.index === -1 || !plain(word) ? word.start : word.start + hit.index;
    const end = hit.index === -1 || !plain(word) ? word.end : start + 1;
    ctx.out.push(finding(curlInsecure, {
      start,
      end,
      what: hit.proxy
        ? `curl ${flag} turns off verification of the proxy's certificate.`
        : `curl ${flag} turns off certificate verification${localOnly ? ' (for a local address only, hence a hint)' : ''}.`,
      severity,
      fixes: edit ? [fix(`Remove ${flag} from curl`, [edit])] : undefined,
    }));
  }
};

const wget: Matcher = (ctx, args) => {
  for (const word of args) {
    if (word.text === '--no-check-certificate' || /^--check-certificate=(off|quiet|no|0)$/i.test(word.text)) {
      ctx.out.push(finding(wgetNoCheck, {
        start: word.start,
        end: word.end,
        what: `wget ${word.text} turns off certificate verification.`,
        fixes: [fix(`Remove ${word.text} from wget`, [removeWord(ctx.text, word.start, word.end)])],
      }));
    }
  }
};

const SSL_VERIFY_KEY = /^http\.(?<scope>.+\.)?sslverify$/i;
const FALSY_GIT = /^(false|0|no|off)$/i;

/** `-c http.sslVerify=false` as a git global option or a `git clone --config` option. */
function gitConfigOption(ctx: Context, args: Word[], i: number): number {
  const word = args[i];
  let pair: Word | undefined;
  if (word.text === '-c' || word.text === '--config') pair = args[i + 1];
  else if (word.text.startsWith('--config=')) pair = { ...word, text: word.text.slice('--config='.length) };
  else if (word.text.startsWith('-c') && word.text.length > 2) pair = { ...word, text: word.text.slice(2) };
  if (!pair) return i;
  const eq = pair.text.indexOf('=');
  const key = eq === -1 ? pair.text : pair.text.slice(0, eq);
  const match = SSL_VERIFY_KEY.exec(key);
  const consumed = pair === args[i + 1] ? i + 1 : i;
  if (!match || eq === -1 || !FALSY_GIT.test(pair.text.slice(eq + 1))) return consumed;
  const edit = removeWord(ctx.text, word.start, pair.end);
  ctx.out.push(finding(gitSslVerify, {
    start: word.start,
    end: pair.end,
    what: `git -c ${pair.text} turns off certificate verification${match.groups?.scope ? ' for that server' : ''}.`,
    severity: match.groups?.scope ? 'warning' : undefined,
    fixes: [fix('Remove the option that turns off verification', [edit])],
  }));
  return consumed;
}

const GIT_CONFIG_VALUE_OPTIONS = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value']);

const git: Matcher = (ctx, args) => {
  let i = 0;
  for (; i < args.length && args[i].text.startsWith('-'); i += 1) {
    if (/^(-C|--git-dir|--work-tree|--namespace|--config-env)$/.test(args[i].text)) i += 1;
    else i = gitConfigOption(ctx, args, i);
  }
  const sub = args[i]?.text;
  const rest = args.slice(i + 1);
  if (sub === 'clone' || sub === 'submodule' || sub === 'fetch') {
    for (let j = 0; j < rest.length; j += 1) j = gitConfigOption(ctx, rest, j);
    return;
  }
  if (sub !== 'config') return;
  const operands: Word[] = [];
  for (let j = 0; j < rest.length; j += 1) {
    const text = rest[j].text;
    if (text.startsWith('-')) {
      if (/^--(unset|unset-all|get|get-all|get-regexp|remove-section|rename-section|list|edit)$|^-l$|^-e$/.test(text)) return;
      if (GIT_CONFIG_VALUE_OPTIONS.has(text)) j += 1;
      continue;
    }
    operands.push(rest[j]);
  }
  if (operands[0]?.text === 'set') operands.shift();
  else if (operands[0] && /^(get|unset|list|edit|rename-section|remove-section)$/.test(operands[0].text)) return;
  const [key, value] = operands;
  const match = key ? SSL_VERIFY_KEY.exec(key.text) : null;
  if (!match || !value || !FALSY_GIT.test(value.text)) return;
  ctx.out.push(finding(gitSslVerify, {
    start: key.start,
    end: value.end,
    what: `git config ${key.text} ${value.text} turns off certificate verification${match.groups?.scope ? ' for that server' : ''}.`,
    severity: match.groups?.scope ? 'warning' : undefined,
    fixes: [fix(`Set ${key.text} to true`, [{ start: value.start, end: value.end, newText: 'true' }])],
  }));
};

const STRICT_SSL_KEY = /^(strict-ssl|strict_ssl|strictssl|enablestrictssl)$/i;

const packageManager: Matcher = (ctx, args, name) => {
  const tool = programName(name.text);
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    const flag = /^--(strict-ssl|enable-strict-ssl)(=(?<value>.*))?$/i.exec(word.text);
    if (word.text === '--no-strict-ssl' || (flag && flag.groups?.value !== undefined && FALSY_GIT.test(flag.groups.value))) {
      ctx.out.push(finding(npmStrictSsl, {
        start: word.start,
        end: word.end,
        what: `${tool} ${word.text} turns off certificate verification for the registry.`,
        fixes: [fix(`Remove ${word.text}`, [removeWord(ctx.text, word.start, word.end)])],
      }));
    }
    if (flag && flag.groups?.value === undefined && args[i + 1] && FALSY_GIT.test(args[i + 1].text)) {
      const value = args[i + 1];
      ctx.out.push(finding(npmStrictSsl, {
        start: word.start,
        end: value.end,
        what: `${tool} ${word.text} ${value.text} turns off certificate verification for the registry.`,
        fixes: [fix(`Remove ${word.text} ${value.text}`, [removeWord(ctx.text, word.start, value.end)])],
      }));
    }
  }
  const operands = args.filter((w) => !w.text.startsWith('-'));
  const setAt = operands[0]?.text === 'config' && operands[1]?.text === 'set' ? 2 : operands[0]?.text === 'set' && tool !== 'yarn' ? 1 : -1;
  if (setAt === -1) return;
  const key = operands[setAt];
  if (!key) return;
  const eq = key.text.indexOf('=');
  const keyName = eq === -1 ? key.text : key.text.slice(0, eq);
  const value = eq === -1 ? operands[setAt + 1] : { ...key, text: key.text.slice(eq + 1) };
  if (!STRICT_SSL_KEY.test(keyName) || !value || !FALSY_GIT.test(value.text)) return;
  const edit: OffsetEdit = eq === -1
    ? { start: value.start, end: value.end, newText: 'true' }
    : { start: key.start, end: key.end, newText: `${keyName}=true` };
  ctx.out.push(finding(npmStrictSsl, {
    start: key.start,
    end: value.end,
    what: `${tool} config set ${keyName} ${value.text} turns off certificate verification for the registry.`,
    fixes: [fix(`Set ${keyName} to true`, [edit])],
  }));
};

const PIP_VALUE_OPTIONS = new Set(['-r', '-c', '-e', '-i', '-t', '-d', '--index-url', '--extra-index-url', '--requirement', '--constraint', '--target', '--cert', '--client-cert', '--proxy', '--find-links', '-f']);

const pip: Matcher = (ctx, args) => {
  const operands: Word[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    if (word.text === '--trusted-host' && args[i + 1]) {
      reportTrustedHost(ctx, word, args[i + 1], args[i + 1].text);
      i += 1;
    } else if (word.text.startsWith('--trusted-host=')) {
      reportTrustedHost(ctx, word, word, word.text.slice('--trusted-host='.length));
    } else if (PIP_VALUE_OPTIONS.has(word.text)) {
      i += 1;
    } else if (!word.text.startsWith('-')) {
      operands.push(word);
    }
  }
  // pip config set global.trusted-host "host1 host2"
  if (operands[0]?.text === 'config' && operands[1]?.text === 'set' && /^[\w-]+\.trusted-host$/.test(operands[2]?.text ?? '') && operands[3]) {
    ctx.out.push(finding(pipTrustedHost, {
      start: operands[2].start,
      end: operands[3].end,
      what: `pip config set ${operands[2].text} makes pip accept ${operands[3].text} without a valid certificate.`,
      severity: trustedHostSeverity(operands[3].text),
    }));
  }
};

function reportTrustedHost(ctx: Context, flag: Word, last: Word, host: string): void {
  if (host.startsWith('$')) return;
  ctx.out.push(finding(pipTrustedHost, {
    start: flag.start,
    end: last.end,
    what: `pip --trusted-host ${host} accepts that host without a valid certificate.`,
    severity: trustedHostSeverity(host),
    fixes: [fix(`Remove --trusted-host ${host}`, [removeWord(ctx.text, flag.start, last.end)])],
  }));
}

const kube: Matcher = (ctx, args, name) => {
  for (const word of args) {
    const match = /^--(kube-)?insecure-skip-tls-verify(=(?<value>.*))?$/i.exec(word.text);
    if (!match) continue;
    const value = match.groups?.value;
    if (value !== undefined && !/^(true|1)$/i.test(value)) continue;
    ctx.out.push(finding(kubeInsecure, {
      start: word.start,
      end: word.end,
      what: `${programName(name.text)} ${word.text} turns off verification of the cluster's certificate.`,
      fixes: [fix(`Remove ${word.text}`, [removeWord(ctx.text, word.start, word.end)])],
    }));
  }
};

/** `dockerd --insecure-registry host:port` (or `=host:port`), a registry off this machine. */
const dockerd: Matcher = (ctx, args) => {
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    const inline = word.text.startsWith('--insecure-registry=');
    if (word.text !== '--insecure-registry' && !inline) continue;
    const last = inline ? word : args[i + 1];
    if (!last) continue;
    const registry = inline ? word.text.slice('--insecure-registry='.length) : last.text;
    if (!inline) i += 1;
    if (registry === '' || registry.startsWith('$') || LOOPBACK_REGISTRY.test(registry)) continue;
    ctx.out.push(finding(dockerInsecureRegistry, {
      start: word.start,
      end: last.end,
      what: `dockerd --insecure-registry ${registry} pulls from that registry without verifying its certificate.`,
      fixes: [fix(`Remove --insecure-registry ${registry}`, [removeWord(ctx.text, word.start, last.end)])],
    }));
  }
};

const MATCHERS: Record<string, Matcher> = {
  curl,
  wget,
  git,
  npm: packageManager,
  pnpm: packageManager,
  yarn: packageManager,
  npx: () => undefined,
  pip,
  kubectl: kube,
  helm: kube,
  oc: kube,
  flux: kube,
  velero: kube,
  kubeseal: kube,
  dockerd,
  podman: containerTool,
  buildah: containerTool,
  skopeo: containerTool,
  conda,
  mamba: conda,
  poetry,
  go: goTool,
  bundle,
  mvn: maven,
  mvnw: maven,
  apt,
  'apt-get': apt,
  yum,
  dnf: yum,
  microdnf: yum,
  ...CLI_MATCHERS,
};
