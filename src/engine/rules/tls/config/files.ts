import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Detection } from '../../../types';
import { finding, type TlsRule } from '../rule';
import { fix, removeLines } from '../fixes';
import { ShellSource } from '../shell/words';
import { scanShell } from './commands';
import { envSetting, trustedHostSeverity, unquote } from './env';
import { indentOf, splitLines, stripTrailingComment } from './lines';
import { curlInsecure, gitSslVerify, npmStrictSsl, pipTrustedHost, wgetNoCheck } from './rules';

// The small formats: Makefiles, .env, .npmrc, .yarnrc, git config, pip.conf, .curlrc, .wgetrc and
// the scripts of package.json.

const FALSY = /^(false|0|no|off)$/i;

function lineFinding(text: string, rule: TlsRule, start: number, end: number, what: string, title: string, severity?: TlsRule['severity']): Detection {
  return finding(rule, { start, end, what, severity, fixes: [fix(title, [removeLines(text, start)])] });
}

/** Makefile recipes are shell; `export NAME = value` lines set the recipes' environment. */
export function scanMakefile(text: string): Detection[] {
  const out: Detection[] = [];
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n += 1) {
    const first = lines[n];
    let k = n;
    while (/\\$/.test(lines[k].text) && k + 1 < lines.length) k += 1;
    const end = lines[k].end;
    const continued = k > n;
    n = k;
    if (/^[ \t]*#/.test(first.text)) continue;
    if (first.text.startsWith('\t')) {
      const prefix = /^\t[ \t]*[@+-]*[ \t]*/.exec(first.text)![0].length;
      out.push(...scanShell(text, ShellSource.of(text, first.start + prefix, end)));
      continue;
    }
    // The patterns below read one line, which holds no line break: they end in `(.*)` rather than
    // `(.*)$`, whose failing `$` (on text with a line break) let `[ \t]*` and `.*` split a run of
    // spaces in n ways (quadratic; issue 13).
    const assignment = /^[ \t]*(?:(?:export|override)[ \t]+)*([A-Za-z_][\w]*)[ \t]*(?::{1,3}=|\?=|\+=|!=|=)[ \t]*(.*)/.exec(first.text);
    if (!assignment) continue;
    const [, name, rawValue] = assignment;
    const value = stripTrailingComment(rawValue);
    const verdict = envSetting(name, value);
    const nameStart = first.start + first.text.indexOf(name);
    if (verdict) {
      out.push(finding(verdict.rule, { start: nameStart, end: first.start + first.text.length - rawValue.length + value.length, what: verdict.what, severity: verdict.severity, fixes: [fix(`Remove ${name}`, [removeLines(text, first.start, end)])] }));
      continue;
    }
    // CURL := curl -k: a variable holding a command line
    const valueStart = first.start + first.text.length - rawValue.length;
    out.push(...scanShell(text, ShellSource.of(text, valueStart, continued ? end : valueStart + value.length)));
  }
  return out;
}

/** `.env`: NAME=value lines, `export` allowed, values quoted or not. */
export function scanDotEnv(text: string): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    const match = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)/.exec(line.text);
    if (!match) continue;
    const verdict = envSetting(match[1], stripTrailingComment(match[2]));
    if (!verdict) continue;
    const start = line.start + line.text.indexOf(match[1]);
    out.push(finding(verdict.rule, { start, end: line.end, what: verdict.what, severity: verdict.severity, fixes: [fix(`Remove ${match[1]}`, [removeLines(text, line.start)])] }));
  }
  return out;
}

/** `.npmrc` (`strict-ssl=false`) and `.yarnrc` (`strict-ssl false`). */
export function scanNpmrc(text: string, yarn: boolean): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    if (/^[ \t]*[#;]/.test(line.text)) continue;
    const match = yarn
      ? /^[ \t]*("?)strict-ssl\1[ \t]+(.*)/.exec(line.text)
      : /^[ \t]*(\S*?strict-ssl)[ \t]*=[ \t]*(.*)/.exec(line.text);
    if (!match || !FALSY.test(unquote(stripTrailingComment(match[2], '#;')))) continue;
    const start = line.start + indentOf(line.text);
    out.push(lineFinding(text, npmStrictSsl, start, line.end, `${line.text.trim()} turns off certificate verification for the package registry.`, 'Remove strict-ssl (verification is on by default)'));
  }
  return out;
}

/** git config files: `sslVerify = false` in an `[http]` or `[http "https://host/"]` section. */
export function scanGitConfig(text: string): Detection[] {
  const out: Detection[] = [];
  let section = '';
  let scoped = false;
  for (const line of splitLines(text)) {
    const header = /^[ \t]*\[[ \t]*([^\]\s"]+)(?:[ \t]+"([^"]*)")?[ \t]*\]/.exec(line.text);
    if (header) {
      const name = header[1].toLowerCase();
      section = name.split('.')[0];
      scoped = header[2] !== undefined || name.includes('.');
      continue;
    }
    if (section !== 'http' || /^[ \t]*[#;]/.test(line.text)) continue;
    const match = /^[ \t]*sslverify[ \t]*(?:=[ \t]*(.*)|$)/i.exec(line.text);
    if (!match || match[1] === undefined) continue;
    const value = unquote(stripTrailingComment(match[1], '#;'));
    if (!FALSY.test(value)) continue;
    out.push(lineFinding(
      text, gitSslVerify, line.start + indentOf(line.text), line.end,
      `sslVerify = ${value} turns off certificate verification for git over HTTPS${scoped ? ' for that server' : ''}.`,
      'Remove sslVerify = false', scoped ? 'warning' : undefined,
    ));
  }
  return out;
}

/** pip.conf / pip.ini: `trusted-host = host` (possibly continued on indented lines). */
export function scanPipConf(text: string): Detection[] {
  const out: Detection[] = [];
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n += 1) {
    const match = /^[ \t]*trusted[-_]host[ \t]*[=:][ \t]*(.*)/i.exec(lines[n].text);
    if (!match) continue;
    let k = n;
    const hosts = [match[1]];
    while (k + 1 < lines.length && /^[ \t]+\S/.test(lines[k + 1].text) && !/^[ \t]*[\w-]+[ \t]*[=:]/.test(lines[k + 1].text)) hosts.push(lines[++k].text.trim());
    const list = hosts.join(' ').trim();
    if (list === '') continue;
    out.push(finding(pipTrustedHost, {
      start: lines[n].start + indentOf(lines[n].text),
      end: lines[k].end,
      what: `trusted-host makes pip accept ${list} without a valid certificate.`,
      severity: trustedHostSeverity(list),
      fixes: [fix('Remove trusted-host', [removeLines(text, lines[n].start, lines[k].end)])],
    }));
    n = k;
  }
  return out;
}

/** requirements.txt / constraints.txt: a `--trusted-host host` option line (pip reads those options there too). */
export function scanRequirements(text: string): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    const match = /^[ \t]*--trusted-host(?:[ \t]*=[ \t]*|[ \t]+)([^\s#]+)/.exec(line.text);
    if (!match || match[1].startsWith('$')) continue;
    const start = line.start + indentOf(line.text);
    out.push(finding(pipTrustedHost, {
      start,
      end: line.start + match[0].length,
      what: `--trusted-host ${match[1]} in a requirements file makes pip accept that host without a valid certificate.`,
      severity: trustedHostSeverity(match[1]),
      fixes: [fix(`Remove --trusted-host ${match[1]}`, [removeLines(text, line.start)])],
    }));
  }
  return out;
}

/** `.curlrc`: `insecure`, `-k` or `--insecure` on a line of its own. */
export function scanCurlrc(text: string): Detection[] {
  return splitLines(text)
    .filter((line) => /^[ \t]*(-k|--insecure|insecure)[ \t]*$/.test(line.text))
    .map((line) => lineFinding(text, curlInsecure, line.start + indentOf(line.text), line.end, `${line.text.trim()} in .curlrc turns off certificate verification for every curl command this user runs.`, 'Remove insecure from .curlrc'));
}

/** `.wgetrc`: `check_certificate = off`. */
export function scanWgetrc(text: string): Detection[] {
  return splitLines(text)
    .filter((line) => /^[ \t]*check[_-]?certificate[ \t]*=[ \t]*(off|no|0|quiet|false)[ \t]*$/i.test(line.text))
    .map((line) => lineFinding(text, wgetNoCheck, line.start + indentOf(line.text), line.end, `${line.text.trim()} in .wgetrc turns off certificate verification for every wget this user runs.`, 'Remove check_certificate = off'));
}

/** package.json `scripts`: each value is a shell command line. */
export function scanPackageJsonScripts(text: string): Detection[] {
  const root = parseTree(text);
  const scripts = root ? findNodeAtLocation(root, ['scripts']) : undefined;
  if (!scripts || scripts.type !== 'object') return [];
  const out: Detection[] = [];
  for (const property of scripts.children ?? []) {
    const value = property.children?.[1];
    if (!value || value.type !== 'string') continue;
    out.push(...scanShell(text, jsonStringSource(text, value.offset, value.length)));
  }
  return out;
}

/** The decoded content of a JSON string literal, each character mapped back to its offset. */
function jsonStringSource(text: string, offset: number, length: number): ShellSource {
  const source = new ShellSource(text);
  const end = offset + length - 1;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' };
  for (let i = offset + 1; i < end; i += 1) {
    if (text[i] !== '\\') {
      source.addMapped(text[i], [i]);
      continue;
    }
    const next = text[i + 1];
    if (next === 'u') {
      source.addMapped(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0), [i]);
      i += 5;
    } else {
      source.addMapped(simple[next] ?? next, [i]);
      i += 1;
    }
  }
  return source;
}
