import type { Detection } from '../../../types';
import type { Word } from '../shell/words';
import { finding } from '../rule';
import { fix, removeLines, removeWord } from '../fixes';
import { indentOf, splitLines, stripTrailingComment } from './lines';
import { dockerInsecureRegistry, packageManagerNoVerify } from './infraRules';

// Package managers and container tools beyond npm and pip: conda (`.condarc`, `conda config`),
// Pipenv (`Pipfile` `verify_ssl = false`), Poetry (`poetry config certificates.<repo>.cert false`),
// Go modules (GOINSECURE, in ./env.ts), RubyGems (`.gemrc`) and Bundler, Maven
// (`-Dmaven.wagon.http.ssl.insecure=true`), apt (`Acquire::https::Verify-Peer "false"`), yum/dnf
// (`sslverify=0`), and the container tools that pull images (podman, buildah, skopeo
// `--tls-verify=false`). The shell matchers are registered in ./commands.ts.

const FALSY = /^(false|no|off|0)$/i;

interface Context {
  text: string;
  out: Detection[];
}

type Matcher = (ctx: Context, args: Word[]) => void;

/** `conda config --set ssl_verify false` (also `--set=`-less spellings conda accepts: `--set ssl_verify no`). */
export const conda: Matcher = (ctx, args) => {
  for (let i = 0; i + 2 < args.length; i += 1) {
    if (args[i].text !== '--set' || args[i + 1].text !== 'ssl_verify' || !FALSY.test(args[i + 2].text)) continue;
    ctx.out.push(finding(packageManagerNoVerify, {
      start: args[i].start,
      end: args[i + 2].end,
      what: `conda config --set ssl_verify ${args[i + 2].text} turns off certificate verification for every channel.`,
    }));
  }
};

/** `poetry config certificates.<repo>.cert false`. */
export const poetry: Matcher = (ctx, args) => {
  const operands = args.filter((word) => !word.text.startsWith('-'));
  if (operands[0]?.text !== 'config' || !/^certificates\.[^.]+\.cert$/.test(operands[1]?.text ?? '') || !FALSY.test(operands[2]?.text ?? '')) return;
  ctx.out.push(finding(packageManagerNoVerify, {
    start: operands[1].start,
    end: operands[2].end,
    what: `poetry config ${operands[1].text} ${operands[2].text} turns off certificate verification for that repository.`,
  }));
};

/** `go env -w GOINSECURE=...` (the variable itself, anywhere, is envSetting's). */
export const goTool: Matcher = (ctx, args) => {
  if (args[0]?.text !== 'env' || !args.some((word) => word.text === '-w')) return;
  for (const word of args) {
    const match = /^GOINSECURE=(.+)$/.exec(word.text);
    if (!match || match[1].startsWith('$')) continue;
    ctx.out.push(finding(packageManagerNoVerify, {
      start: word.start,
      end: word.end,
      what: `go env -w GOINSECURE=${match[1]} makes the go command fetch those modules without verifying certificates (or over plain HTTP).`,
    }));
  }
};

/** `bundle config [set] ssl_verify_mode 0`. */
export const bundle: Matcher = (ctx, args) => {
  const operands = args.filter((word) => !word.text.startsWith('-'));
  const at = operands[0]?.text === 'config' ? (operands[1]?.text === 'set' ? 2 : 1) : -1;
  if (at < 0 || operands[at]?.text !== 'ssl_verify_mode' || operands[at + 1]?.text !== '0') return;
  ctx.out.push(finding(packageManagerNoVerify, {
    start: operands[at].start,
    end: operands[at + 1].end,
    what: 'bundle config ssl_verify_mode 0 (VERIFY_NONE) turns off certificate verification for the gem sources.',
  }));
};

/** podman / buildah / skopeo `--tls-verify=false`, `--src-tls-verify=false`, `--dest-tls-verify=false`. */
export const containerTool: Matcher = (ctx, args) => {
  for (const word of args) {
    const match = /^--((?:src-|dest-)?tls-verify)=(.*)$/.exec(word.text);
    if (!match || !FALSY.test(match[2])) continue;
    ctx.out.push(finding(dockerInsecureRegistry, {
      start: word.start,
      end: word.end,
      what: `--${match[1]}=${match[2]} pulls or pushes images without verifying the registry's certificate.`,
      fixes: [fix(`Remove ${word.text}`, [removeWord(ctx.text, word.start, word.end)])],
    }));
  }
};

/** `.condarc`: a top-level `ssl_verify: false`. */
export function scanCondarc(text: string): Detection[] {
  return topLevelSetting(text, 'ssl_verify', FALSY, 'ssl_verify', 'for every conda channel');
}

/** `.gemrc`: `:ssl_verify_mode: 0` (OpenSSL::SSL::VERIFY_NONE). */
export function scanGemrc(text: string): Detection[] {
  return topLevelSetting(text, ':ssl_verify_mode', /^0$/, ':ssl_verify_mode: 0', 'for every gem source');
}

function topLevelSetting(text: string, key: string, off: RegExp, label: string, scope: string): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    if (indentOf(line.text) !== 0 || !line.text.startsWith(`${key}:`)) continue;
    const value = stripTrailingComment(line.text.slice(key.length + 1)).trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!off.test(value)) continue;
    out.push(finding(packageManagerNoVerify, {
      start: line.start,
      end: line.end,
      what: `${label === key ? `${key}: ${value}` : label} turns off certificate verification ${scope}.`,
      fixes: [fix(`Remove ${key}`, [removeLines(text, line.start)])],
    }));
  }
  return out;
}

/** Maven's wagon switches that accept any certificate or host (`-Dmaven.wagon.http.ssl.insecure=true`, `allowall`, `ignore.validity.dates`). */
export const MAVEN_INSECURE = /^-Dmaven\.wagon\.http\.ssl\.(insecure|allowall|ignore\.validity\.dates)=true$/;

export const maven: Matcher = (ctx, args) => {
  for (const word of args) {
    if (!MAVEN_INSECURE.test(word.text)) continue;
    ctx.out.push(finding(packageManagerNoVerify, {
      start: word.start,
      end: word.end,
      what: `${word.text} makes Maven download artifacts without verifying the repository's certificate.`,
      fixes: [fix(`Remove ${word.text}`, [removeWord(ctx.text, word.start, word.end)])],
    }));
  }
};

/** apt's `Verify-Peer`/`Verify-Host` (global or per host) set off: `-o Acquire::https::Verify-Peer=false`. */
const APT_VERIFY = /^Acquire::https::(?:[^:\s]+::)?Verify-(Peer|Host)(?:=|[ \t]+)"?(false|no|off|0)"?;?$/i;

export const apt: Matcher = (ctx, args) => {
  for (let i = 0; i + 1 < args.length; i += 1) {
    const value = args[i].text === '-o' ? args[i + 1] : undefined;
    const inline = /^-o(.+)$/.exec(args[i].text)?.[1] ?? (args[i].text.startsWith('--option=') ? args[i].text.slice('--option='.length) : undefined);
    const setting = value?.text ?? inline;
    if (!setting || !APT_VERIFY.test(setting)) continue;
    const last = value ?? args[i];
    ctx.out.push(finding(packageManagerNoVerify, {
      start: args[i].start,
      end: last.end,
      what: `apt -o ${setting} makes apt fetch from HTTPS sources without verifying their certificates.`,
      fixes: [fix(`Remove -o ${setting}`, [removeWord(ctx.text, args[i].start, last.end)])],
    }));
  }
};

/** yum/dnf `--setopt=sslverify=0` (also `--setopt=<repo>.sslverify=false`). */
export const yum: Matcher = (ctx, args) => {
  for (const word of args) {
    const match = /^--setopt=(?:[\w.-]+\.)?sslverify=(.*)$/i.exec(word.text);
    if (!match || !FALSY.test(match[1])) continue;
    ctx.out.push(finding(packageManagerNoVerify, {
      start: word.start,
      end: word.end,
      what: `${word.text} makes yum/dnf fetch packages without verifying the repository's certificate.`,
      fixes: [fix(`Remove ${word.text}`, [removeWord(ctx.text, word.start, word.end)])],
    }));
  }
};

/** apt.conf files: `Acquire::https::Verify-Peer "false";` on a line. */
export function scanAptConf(text: string): Detection[] {
  return splitLines(text)
    .filter((line) => APT_VERIFY.test(line.text.trim()))
    .map((line) => finding(packageManagerNoVerify, {
      start: line.start + indentOf(line.text),
      end: line.end,
      what: `${line.text.trim()} makes apt fetch from HTTPS sources without verifying their certificates.`,
      fixes: [fix('Remove the Verify setting', [removeLines(text, line.start)])],
    }));
}

/** yum/dnf `.repo` files and `yum.conf`/`dnf.conf`: `sslverify=0` (also false/no/off). */
export function scanYumConf(text: string): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    const match = /^sslverify[ \t]*=[ \t]*(\S+)/i.exec(line.text);
    if (!match || !FALSY.test(match[1])) continue;
    out.push(finding(packageManagerNoVerify, {
      start: line.start,
      end: line.end,
      what: `sslverify=${match[1]} makes yum/dnf fetch from this repository without verifying its certificate.`,
      fixes: [fix('Remove sslverify', [removeLines(text, line.start)])],
    }));
  }
  return out;
}

/** Pipfile `[[source]]` entries with `verify_ssl = false`. */
export function scanPipfile(text: string): Detection[] {
  const out: Detection[] = [];
  let inSource = false;
  for (const line of splitLines(text)) {
    const header = /^[ \t]*\[\[?([^\]]+)\]\]?/.exec(line.text);
    if (header) {
      inSource = header[1].trim() === 'source';
      continue;
    }
    const match = inSource ? /^[ \t]*verify_ssl[ \t]*=[ \t]*(false)\b/.exec(line.text) : null;
    if (!match) continue;
    out.push(finding(packageManagerNoVerify, {
      start: line.start + indentOf(line.text),
      end: line.end,
      what: 'verify_ssl = false makes Pipenv install from this source without verifying its certificate.',
      fixes: [fix('Set verify_ssl = true', [{ start: line.start + match[0].length - 'false'.length, end: line.start + match[0].length, newText: 'true' }])],
    }));
  }
  return out;
}
