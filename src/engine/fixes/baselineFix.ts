import { applyEdits, modify, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parseBaseline, serializeBaseline, type BaselineEntry } from '../baseline';
import type { OffsetEdit } from '../types';
import { eolOf } from './text';

// "Add to baseline" and "allow this file": both edit JSON files the team owns. Neither ever holds
// a secret (a fingerprint, a path). Both keep what is already there: a baseline written by
// serializeBaseline is re-serialized (sorted, merge-friendly); any other file gets a targeted
// insertion that keeps its bytes, and a file that does not parse is refused, not overwritten.

export type JsonFileEdit = { ok: true; edit: OffsetEdit; create: boolean; unchanged?: boolean } | { ok: false; reason: string };

export function addToBaseline(text: string | undefined, entry: BaselineEntry): JsonFileEdit {
  if (text === undefined || text.trim() === '') {
    const body = serializeBaseline({ version: 1, findings: [entry] });
    return { ok: true, create: text === undefined, edit: { start: 0, end: text?.length ?? 0, newText: body } };
  }
  const { baseline, error } = parseBaseline(text);
  if (error) return { ok: false, reason: `the baseline file cannot be read (${error}); fix it by hand first` };
  if (baseline.findings.some((existing) => existing.fingerprint === entry.fingerprint)) {
    return { ok: true, create: false, unchanged: true, edit: { start: 0, end: 0, newText: '' } };
  }
  const canonical = serializeBaseline(baseline);
  if (text === canonical || text.replace(/\r\n/g, '\n') === canonical) {
    let next = serializeBaseline({ version: 1, findings: [...baseline.findings, entry] });
    if (text !== canonical) next = next.replace(/\n/g, '\r\n');
    return { ok: true, create: false, edit: { start: 0, end: text.length, newText: next } };
  }
  return insertIntoArray(text, ['findings'], entry);
}

/** Adds a file's path to `allowlist.paths` of `.secure-hygiene.json` (JSON with comments). */
export function allowPathInConfig(text: string | undefined, path: string): JsonFileEdit {
  if (text === undefined || text.trim() === '') {
    const body = `${JSON.stringify({ allowlist: { paths: [path] } }, null, 2)}\n`;
    return { ok: true, create: text === undefined, edit: { start: 0, end: text?.length ?? 0, newText: body } };
  }
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true }) as { allowlist?: { paths?: unknown } } | undefined;
  if (errors.length > 0 || typeof raw !== 'object' || raw === null) return { ok: false, reason: 'the config file does not parse; fix it by hand first' };
  const paths = raw.allowlist?.paths;
  if (Array.isArray(paths) && paths.includes(path)) return { ok: true, create: false, unchanged: true, edit: { start: 0, end: 0, newText: '' } };
  return insertIntoArray(text, ['allowlist', 'paths'], path);
}

function insertIntoArray(text: string, at: (string | number)[], value: unknown): JsonFileEdit {
  const eol = eolOf(text);
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  const edits = modify(text, [...at, -1], value, {
    isArrayInsertion: true,
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol },
  });
  if (edits.length === 0) return { ok: false, reason: 'could not find where to insert in the JSON file' };
  // Merge jsonc-parser's edits into one replacement covering them all (they never overlap).
  const start = Math.min(...edits.map((e) => e.offset));
  const end = Math.max(...edits.map((e) => e.offset + e.length));
  const updated = applyEdits(text, edits);
  const newText = updated.slice(start, updated.length - (text.length - end));
  return { ok: true, create: false, edit: { start, end, newText } };
}
