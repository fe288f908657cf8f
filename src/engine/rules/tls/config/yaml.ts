import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix, removeLines } from '../fixes';
import { ShellSource } from '../shell/words';
import { scanShell } from './commands';
import { envSetting, unquote } from './env';
import { indentOf, splitLines, stripTrailingComment, type Line } from './lines';
import { kubeInsecure, npmStrictSsl } from './rules';
import { ansibleValidateCerts, serviceConfigNoVerify } from './infraRules';
import { serviceSetting } from './serviceConfig';

// YAML, line by line: CI files (`run:` blocks, GitLab `script:` lists), compose and Kubernetes
// manifests (`environment:`, `env:` name/value pairs), kubeconfig and `.yarnrc.yml`. Only values
// of keys that hold commands (`run`, `script`, `command`, Ansible `shell`, ...) or environment
// entries go to the shell matcher, so `name: curl -k style` or a `description: |` block stays silent.

// One line (no line break in it), read linearly: a plain key ends on a character that is not a
// space, so the spaces before its `:` have one reading (the lazy `[^:#'"]*?` and `[ \t]*` split
// them in n ways), and the value needs no `$` (issue 13).
const ENTRY = /^(?<indent>[ \t]*)(?<dash>-[ \t]+)?(?:(?<key>"[^"]*"|'[^']*'|[^\s#'"{[\]](?:[^:#'"]*[^:#'" \t])?)[ \t]*:(?:[ \t]+|$))?(?<value>.*)/;
const BLOCK = /^[|>][-+0-9]*[ \t]*(#.*)?$/;
/** Keys whose values (or list items) are shell command lines or environment assignments. */
const COMMAND_KEYS = /^(run|script|scripts|[a-z]+_script|command|commands|cmd|cmds|entrypoint|args|exec|test|shell|bash|sh|inline|inlinescript|install|build|pre_build|post_build|before_install|after_success|after_failure|before_deploy|after_deploy|setup|prepare|raw|ansible\.builtin\.(shell|command)|environment|env|variables)$/i;
const TRUTHY = /^(true|yes|on)$/i;
const FALSY = /^(false|no|off)$/i;

export function scanYaml(text: string): Detection[] {
  const out: Detection[] = [];
  const lines = splitLines(text);
  /** Keys of the enclosing mappings, innermost last, with the column of each. */
  const parents: { column: number; key: string }[] = [];
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n];
    if (/^[ \t]*(#|$)/.test(line.text) || /^(---|\.\.\.)/.test(line.text)) continue;
    const groups = ENTRY.exec(line.text)?.groups;
    if (!groups) continue;
    const { indent, dash = '', key, value } = groups;
    const valueStart = line.start + line.text.length - value.length;
    const column = indent.length + dash.length;
    while (parents.length > 0 && parents[parents.length - 1].column >= (dash ? indent.length + 1 : column)) parents.pop();
    // A list item's own key wins (`- run: ...`); a bare item belongs to the enclosing key (`script:`).
    const owner = key ? unquote(key) : parents[parents.length - 1]?.key ?? '';
    const holdsCommands = COMMAND_KEYS.test(owner);
    if (key) parents.push({ column, key: unquote(key) });

    if (BLOCK.test(value)) {
      const base = key ? indent.length + dash.length : indent.length;
      let last = n;
      while (last + 1 < lines.length && (lines[last + 1].text.trim() === '' || indentOf(lines[last + 1].text) > base)) last += 1;
      if (last > n && holdsCommands) {
        out.push(...scanShell(text, blockSource(text, lines.slice(n + 1, last + 1), value.startsWith('>'))));
      }
      n = last;
      continue;
    }

    const scalar = scalarRange(value, valueStart);
    if (scalar && holdsCommands) out.push(...scanShell(text, ShellSource.of(text, scalar.start, scalar.end)));
    // Ansible's free-form module arguments: `get_url: url=... validate_certs=no`.
    else if (scalar && key) out.push(...freeFormValidateCerts(text, scalar.start, scalar.end));
    // Flow collections on one line: `- { run: "curl -k ..." }`, `script: ["curl -k ..."]`.
    if (!scalar && (value.startsWith('{') || value.startsWith('['))) {
      for (const entry of flowEntries(value, valueStart)) {
        const command = entry.key === undefined ? holdsCommands : COMMAND_KEYS.test(unquote(entry.key));
        const range = command ? scalarRange(entry.value, entry.start) : undefined;
        if (range) out.push(...scanShell(text, ShellSource.of(text, range.start, range.end)));
      }
    }
    if (!key) continue;

    const name = unquote(key);
    const setting = unquote(stripTrailingComment(value));
    const keyStart = line.start + indent.length + dash.length;
    const verdict = envSetting(name, setting);
    const service = serviceSetting(name, setting, parents[parents.length - 2]?.key);
    if (verdict) {
      out.push(finding(verdict.rule, { start: keyStart, end: line.end, what: verdict.what, severity: verdict.severity, fixes: [fix(`Remove ${name}`, [removeLines(text, line.start)])] }));
    } else if (name === 'insecure-skip-tls-verify' && TRUTHY.test(setting)) {
      out.push(finding(kubeInsecure, {
        start: keyStart,
        end: line.end,
        what: 'insecure-skip-tls-verify: true turns off verification of the cluster\'s certificate.',
        fixes: [fix('Remove insecure-skip-tls-verify (then set certificate-authority)', [removeLines(text, line.start)])],
      }));
    } else if (name === 'insecureSkipTLSVerify' && TRUTHY.test(setting)) {
      // APIService (and the CRDs that copied the field): the API server calls the aggregated
      // service without checking its certificate.
      out.push(finding(kubeInsecure, {
        start: keyStart,
        end: line.end,
        what: 'insecureSkipTLSVerify: true makes the API server call this service without verifying its certificate.',
        fixes: [fix('Remove insecureSkipTLSVerify (then set caBundle)', [removeLines(text, line.start)])],
      }));
    } else if (((name === 'validate_certs' || ANSIBLE_CONNECTION_VALIDATE.test(name)) && ANSIBLE_FALSY.test(setting)) || (name === 'ansible_winrm_server_cert_validation' && setting === 'ignore')) {
      // Every Ansible module that takes validate_certs verifies by default, and so do the
      // connection plugins (httpapi, netconf, psrp, winrm): removing the line is the fix.
      out.push(finding(ansibleValidateCerts, {
        start: keyStart,
        end: line.end,
        what: name === 'validate_certs' ? `validate_certs: ${setting} makes this Ansible task accept any certificate.` : `${name}: ${setting} makes Ansible's connection to these hosts accept any certificate.`,
        fixes: [fix('Remove validate_certs (modules verify by default)', [removeLines(text, line.start)])],
      }));
    } else if (service) {
      out.push(finding(serviceConfigNoVerify, {
        start: keyStart,
        end: line.end,
        what: service,
        fixes: [fix(`Remove ${name} (verification is on by default)`, [removeLines(text, line.start)])],
      }));
    } else if (name === 'enableStrictSsl' && FALSY.test(setting)) {
      out.push(finding(npmStrictSsl, {
        start: keyStart,
        end: line.end,
        what: 'enableStrictSsl: false turns off certificate verification for the yarn registry.',
        fixes: [fix('Remove enableStrictSsl: false', [removeLines(text, line.start)])],
      }));
    } else if (name === 'name') {
      const pair = envValuePair(lines, n, indent.length + dash.length, setting);
      if (pair) {
        const last = lines[pair.line];
        out.push(finding(pair.verdict.rule, {
          start: keyStart,
          end: last.end,
          what: pair.verdict.what,
          severity: pair.verdict.severity,
          fixes: [fix(`Remove ${setting}`, [removeLines(text, line.start, last.end)])],
        }));
      }
    }
  }
  return out;
}

/** Ansible reads these as false (module arguments are booleans: `no`, `False`, `"no"`, `off`, `0`). */
const ANSIBLE_FALSY = /^(false|no|off|0)$/i;
/** Connection variables: `ansible_httpapi_validate_certs`, `ansible_psrp_cert_validation`-style names end so. */
const ANSIBLE_CONNECTION_VALIDATE = /^ansible_[a-z]+_validate_certs$/;
const FREE_FORM_VALIDATE = /(?:^|[ \t])validate_certs=(?:(["'])(?<quoted>[^"']*)\1|(?<bare>[^\s"']+))/g;

/** `validate_certs=no` among a module's free-form `key=value` arguments. */
function freeFormValidateCerts(text: string, start: number, end: number): Detection[] {
  const value = text.slice(start, end);
  if (!value.includes('validate_certs=')) return [];
  const out: Detection[] = [];
  for (const match of value.matchAll(FREE_FORM_VALIDATE)) {
    const setting = match.groups?.quoted ?? match.groups?.bare ?? '';
    if (!ANSIBLE_FALSY.test(setting)) continue;
    const at = start + match.index! + match[0].indexOf('validate_certs=');
    const stop = start + match.index! + match[0].length;
    out.push(finding(ansibleValidateCerts, {
      start: at,
      end: stop,
      what: `validate_certs=${setting} makes this Ansible task accept any certificate.`,
      fixes: [fix('Remove validate_certs (modules verify by default)', [{ start: text[at - 1] === ' ' || text[at - 1] === '\t' ? at - 1 : at, end: stop, newText: '' }])],
    }));
  }
  return out;
}

/** The text of an inline scalar: inside its quotes, or up to a trailing comment. Not flow collections. */
function scalarRange(value: string, start: number): { start: number; end: number } | undefined {
  const v = value.trimEnd();
  if (v === '' || v.startsWith('[') || v.startsWith('{') || v.startsWith('&') || v.startsWith('*') || v.startsWith('!')) return undefined;
  if (v[0] === '"' || v[0] === "'") {
    const close = v.lastIndexOf(v[0]);
    return close > 0 ? { start: start + 1, end: start + close } : undefined;
  }
  return { start, end: start + stripTrailingComment(v).length };
}

/** A literal block keeps its lines; a folded one (`>`) joins them with spaces. */
function blockSource(text: string, lines: Line[], folded: boolean): ShellSource {
  const source = new ShellSource(text);
  lines.forEach((line, index) => {
    if (index > 0) source.addSynthetic(folded && line.text.trim() !== '' && lines[index - 1].text.trim() !== '' ? ' ' : '\n', line.start - 1);
    source.add(line.start, line.end);
  });
  return source;
}

/** Kubernetes `env:` entries: `- name: NODE_TLS_REJECT_UNAUTHORIZED` with `value: "0"` nearby. */
function envValuePair(lines: Line[], n: number, column: number, name: string) {
  for (let k = n + 1; k < Math.min(lines.length, n + 4); k += 1) {
    const text = lines[k].text;
    if (indentOf(text) !== column || /^[ \t]*-/.test(text)) break;
    const match = /^[ \t]*value[ \t]*:[ \t]*(.*)/.exec(text);
    if (!match) continue;
    const verdict = envSetting(name, unquote(stripTrailingComment(match[1])));
    return verdict ? { verdict, line: k } : undefined;
  }
  return undefined;
}

interface FlowEntry {
  key?: string;
  /** The entry's value text and its offset in the file. */
  value: string;
  start: number;
}

/**
 * The scalar entries of a one-line flow collection (`{ a: "x", b: y }`, `[x, "y"]`), nested or not,
 * in one pass: quotes are skipped whole, and brackets and commas end an entry.
 */
function flowEntries(value: string, valueStart: number): FlowEntry[] {
  const entries: FlowEntry[] = [];
  let from = 0;
  let colon = -1;
  const close = (end: number) => {
    const valueFrom = colon === -1 ? from : colon + 1;
    const raw = value.slice(valueFrom, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') {
      entries.push({ key: colon === -1 ? undefined : value.slice(from, colon).trim(), value: trimmed, start: valueStart + valueFrom + lead });
    }
  };
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '"' || c === "'") {
      // Skip to the closing quote ("\"" escapes in double quotes, '' in single ones).
      let j = i + 1;
      while (j < value.length && value[j] !== c) j += c === '"' && value[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '#' && (i === 0 || value[i - 1] === ' ')) {
      break;
    } else if (c === ':' && colon === -1 && (value[i + 1] === ' ' || i + 1 === value.length)) {
      colon = i;
    } else if (c === '{' || c === '[' || c === ',' || c === '}' || c === ']') {
      // A key whose value opens a nested collection has no scalar value of its own.
      if (c !== '{' && c !== '[') close(i);
      from = i + 1;
      colon = -1;
    }
  }
  return entries;
}
