import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, secretRulesFor } from '../src/engine';

// The project's provider patterns (every secret rule that is not a name-based generic one) as a
// pattern file for ripgrep's default engine (Rust's regex crate), the anchor issue 16 asks for: what
// a user would otherwise run. That engine has no look-around and no back-references, so:
// - look-behind and look-ahead groups are dropped: they are guards (`(?<![\w-])`, `(?![\w-])`) that
//   only narrow a match, so the translated pattern matches every line the original does, and ripgrep
//   does no less work than ours would;
// - named groups become plain non-capturing groups; JavaScript escapes of punctuation that the Rust
//   parser refuses (`\/`, `\'`) become the character itself; `\uXXXX` becomes `\x{XXXX}`;
// - JavaScript's `\w`, `\d`, `\s` and `\b` are ASCII; the pattern runs with Unicode off `(?-u)` to
//   match that (and falls back to Unicode on when ripgrep refuses it);
// - a pattern with a back-reference, a newline (ripgrep searches line by line) or that ripgrep still
//   refuses is dropped, and counted.
// The name-based generic rules are left out: keyword-assignment patterns (gitleaks' have them too)
// are what made ripgrep take minutes in issue 16, and they are not provider formats.

export interface RustPatternExport {
  /** Provider patterns considered. */
  total: number;
  /** Accepted as they were (no look-around, nothing to rewrite). */
  asIs: number;
  /** Accepted after a rewrite (look-around dropped, groups, escapes). */
  translated: number;
  dropped: { ruleId: string; reason: string }[];
  /** Generic (name-based) rules' patterns, not exported. */
  genericLeftOut: number;
  patterns: string[];
  /** The rule each exported pattern comes from, index for index. */
  ruleIds: string[];
}

const RUST_ESCAPABLE = new Set('\\.+*?()|[]{}^$#&-~'.split(''));

/** Index just past the group that opens at `open` (a `(`), honouring escapes and classes. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let at = open; at < source.length; at += 1) {
    const char = source[at];
    if (char === '\\') at += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return at + 1;
  }
  throw new Error('unbalanced group');
}

/** One escape (`source[at]` is the backslash) rewritten for Rust; returns the text and its length. */
function escapeAt(source: string, at: number, inClass: boolean): { text: string; length: number } {
  const next = source[at + 1];
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6))) return { text: `\\x{${source.slice(at + 2, at + 6)}}`, length: 6 };
  if (next === 'k' || /[1-9]/.test(next)) throw new Error('back-reference');
  if (next === '0') return { text: '\\x00', length: 2 };
  if (/[A-Za-z]/.test(next)) return { text: `\\${next}`, length: 2 };
  // Punctuation: Rust refuses escapes of characters that are not meta characters.
  if (RUST_ESCAPABLE.has(next)) return { text: `\\${next}`, length: 2 };
  return { text: inClass && (next === '&' || next === '~') ? `\\${next}` : next, length: 2 };
}

/** A JavaScript regular expression's source rewritten for Rust's regex crate (see the header). */
export function toRustRegex(source: string, flags: string): { pattern: string; changed: boolean } {
  let out = '';
  let inClass = false;
  for (let at = 0; at < source.length;) {
    const char = source[at];
    if (char === '\\') {
      const escape = escapeAt(source, at, inClass);
      out += escape.text;
      at += escape.length;
      continue;
    }
    if (inClass) {
      // A `[`, `&` or `~` inside a class is literal in JavaScript, an operator in Rust.
      out += char === '[' || char === '&' || char === '~' ? `\\${char}` : char;
      if (char === ']') inClass = false;
      at += 1;
      continue;
    }
    if (char === '[') {
      inClass = true;
      if (source.startsWith('[^]', at)) {
        out += '(?s:.)';
        inClass = false;
        at += 3;
        continue;
      }
      out += char;
      at += 1;
      continue;
    }
    if (source.startsWith('(?<=', at) || source.startsWith('(?<!', at) || source.startsWith('(?=', at) || source.startsWith('(?!', at)) {
      at = groupEnd(source, at);
      continue;
    }
    if (source.startsWith('(?<', at)) {
      out += '(?:';
      at = source.indexOf('>', at) + 1;
      continue;
    }
    if (char === '{' && !/^\{\d+(,\d*)?\}/.test(source.slice(at))) {
      out += '\\{';
      at += 1;
      continue;
    }
    if (char === '}' && !/\{\d+(,\d*)?$/.test(out)) {
      out += '\\}';
      at += 1;
      continue;
    }
    out += char;
    at += 1;
  }
  const inline = [...flags].filter((flag) => 'ims'.includes(flag)).join('');
  return { pattern: `${inline ? `(?${inline})` : ''}${out}`, changed: out !== source };
}

function accepted(rg: string, pattern: string): boolean {
  const probe = spawnSync(rg, ['-e', pattern, '--', '-'], { input: '', encoding: 'utf8' });
  return probe.status !== 2 && !probe.error;
}

/** Whether ripgrep compiles every one of `patterns` (one process for all, one per pattern only if that fails). */
function acceptedAll(rg: string, patterns: readonly string[]): boolean[] {
  const joined = spawnSync(rg, ['--regex-size-limit', '1G', '--dfa-size-limit', '1G', ...patterns.flatMap((pattern) => ['-e', pattern]), '--', '-'], { input: '', encoding: 'utf8' });
  if (joined.status !== 2 && !joined.error) return patterns.map(() => true);
  return patterns.map((pattern) => accepted(rg, pattern));
}

/** Writes the provider patterns, translated, one per line, to `file`; returns what was done. */
export function exportRustPatterns(file: string, rg: string): RustPatternExport {
  const result: RustPatternExport = { total: 0, asIs: 0, translated: 0, dropped: [], genericLeftOut: 0, patterns: [], ruleIds: [] };
  const candidates: { ruleId: string; rust: { pattern: string; changed: boolean } }[] = [];
  for (const rule of secretRulesFor(defaultConfig())) {
    if (rule.generic) {
      result.genericLeftOut += rule.patterns.length;
      continue;
    }
    for (const regex of rule.patterns) {
      result.total += 1;
      if (/\\n|\\r/.test(regex.source)) {
        result.dropped.push({ ruleId: rule.id, reason: 'spans lines (a newline in the pattern)' });
        continue;
      }
      try {
        candidates.push({ ruleId: rule.id, rust: toRustRegex(regex.source, regex.flags) });
      } catch (error) {
        result.dropped.push({ ruleId: rule.id, reason: (error as Error).message });
      }
    }
  }
  const ascii = acceptedAll(rg, candidates.map((candidate) => `(?-u)${candidate.rust.pattern}`));
  candidates.forEach((candidate, index) => {
    const chosen = ascii[index] ? `(?-u)${candidate.rust.pattern}` : accepted(rg, candidate.rust.pattern) ? candidate.rust.pattern : undefined;
    if (!chosen) {
      result.dropped.push({ ruleId: candidate.ruleId, reason: 'refused by ripgrep after translation' });
      return;
    }
    result.patterns.push(chosen);
    result.ruleIds.push(candidate.ruleId);
    if (candidate.rust.changed) result.translated += 1;
    else result.asIs += 1;
  });
  writeFileSync(file, `${result.patterns.join('\n')}\n`);
  return result;
}

/** One line for the log: how many were exported as they were, translated and dropped (by reason). */
export function describeExport(result: RustPatternExport): string {
  const reasons = new Map<string, number>();
  for (const entry of result.dropped) reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
  const dropped = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return `${result.patterns.length} of ${result.total} provider patterns for ripgrep's default engine: ${result.asIs} as they were, ${result.translated} translated (look-around dropped, groups and escapes rewritten), ${result.dropped.length} dropped${dropped ? ` (${dropped})` : ''}; ${result.genericLeftOut} generic name-based patterns left out`;
}

/**
 * The patterns split into files of `size` lines. Joined into one regex, ripgrep's lazy DFA runs out
 * of room and the union costs more than its parts: on this machine all 199 at once took 11.7 s of CPU
 * on the synthetic tree, ten files of 20 taken one after the other 5.2 s (each reading the tree).
 */
export function writeChunks(patterns: readonly string[], dir: string, size: number): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let start = 0; start < patterns.length; start += size) {
    const file = path.join(dir, `chunk-${String(files.length).padStart(3, '0')}.txt`);
    writeFileSync(file, `${patterns.slice(start, start + size).join('\n')}\n`);
    files.push(file);
  }
  return files;
}

/** Every secret rule's prefilter keywords (lower case), one per line: the cost of the keyword pass alone. */
export function writeKeywords(file: string): number {
  const keywords = new Set(secretRulesFor(defaultConfig()).flatMap((rule) => rule.keywords));
  writeFileSync(file, `${[...keywords].sort().join('\n')}\n`);
  return keywords.size;
}
