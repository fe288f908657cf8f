import { parse } from 'dotenv';
import type { OffsetEdit } from '../types';
import { appendLines, applyOffsetEdits } from './text';

// Writing a secret into a .env file so that `dotenv.parse` reads back exactly that value, under a
// name nobody uses yet, without touching a byte that is already there. Every candidate line is
// verified with dotenv itself: the new key must hold the exact value and every key the file had
// must keep its value. A value no quoting can carry is refused, never written approximately.

export type EnvAppend =
  | { kind: 'reuse'; name: string }
  | { kind: 'append'; name: string; edit: OffsetEdit; line: string }
  | { kind: 'refuse'; reason: string };

const KEY_LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*(?:=|:[ \t])/gm;

/** Every key the file defines, as dotenv reads it plus any key-looking line (belt and braces). */
export function envKeys(text: string): Set<string> {
  const keys = new Set(Object.keys(safeParse(text)));
  const normalized = text.replace(/\r\n?/g, '\n');
  for (const match of normalized.matchAll(KEY_LINE)) keys.add(match[1]);
  return keys;
}

function safeParse(text: string): Record<string, string> {
  try {
    return parse(text) as Record<string, string>;
  } catch {
    return {};
  }
}

/** The ways of writing a value, most readable first; dotenv decides which ones carry it. */
export function quotings(value: string): string[] {
  const candidates: string[] = [];
  if (!/[\r]/.test(value)) {
    candidates.push(`'${value}'`, `\`${value}\``);
  }
  // Double quotes turn \n and \r into line breaks, so only a value without those sequences fits.
  if (!/\\[nr]/.test(value)) candidates.push(`"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`);
  if (!/[\r\n#]/.test(value)) candidates.push(value);
  return candidates;
}

function sameValues(before: Record<string, string>, after: Record<string, string>, added: string): boolean {
  for (const [key, value] of Object.entries(before)) {
    if (after[key] !== value) return false;
  }
  return Object.keys(after).every((key) => key === added || Object.prototype.hasOwnProperty.call(before, key));
}

/**
 * The first name of NAME, NAME_2, NAME_3, ... that is either free or already holds `value`
 * (reused rather than duplicated), considering names taken earlier in the same fix (`taken`).
 */
export function chooseName(base: string, value: string, existing: Record<string, string>, keys: ReadonlySet<string>, taken: ReadonlyMap<string, string> = new Map()): { name: string; reuse: boolean } {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}_${n}`;
    const takenValue = taken.get(name);
    if (takenValue !== undefined) {
      if (takenValue === value) return { name, reuse: true };
      continue;
    }
    if (keys.has(name)) {
      if (Object.prototype.hasOwnProperty.call(existing, name) && existing[name] === value) return { name, reuse: true };
      continue;
    }
    return { name, reuse: false };
  }
}

/**
 * Plans adding `value` to the .env text (undefined when the file does not exist). `taken` holds
 * names this same fix already assigned (fix-all), with their values.
 */
export function planEnvAppend(envText: string | undefined, baseName: string, value: string, taken: ReadonlyMap<string, string> = new Map()): EnvAppend {
  if (value.length === 0) return { kind: 'refuse', reason: 'the value is empty' };
  const text = envText ?? '';
  const before = safeParse(text);
  const { name, reuse } = chooseName(baseName, value, before, envKeys(text), taken);
  if (reuse) return { kind: 'reuse', name };
  for (const quoted of quotings(value)) {
    const line = `${name}=${quoted}`;
    const edit = appendLines(envText, [line]);
    const after = safeParse(applyOffsetEdits(text, [edit]));
    if (after[name] === value && sameValues(before, after, name)) return { kind: 'append', name, edit, line };
  }
  return { kind: 'refuse', reason: 'no quoting lets dotenv read this value back exactly (it mixes quote characters with line breaks or escape sequences), or the .env file ends inside an unclosed quote' };
}

/** `NAME=` for `.env.example`, unless the template already lists the name. */
export function planExampleAppend(exampleText: string, name: string): OffsetEdit | undefined {
  if (envKeys(exampleText).has(name)) return undefined;
  return appendLines(exampleText, [`${name}=`]);
}
