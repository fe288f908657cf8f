import { createHash } from 'node:crypto';
import type { Detection } from './types';
import type { LineIndex } from './text';

// A baseline lists accepted findings by fingerprint: rule id, a hash of the value, and the file.
// Never the value and never a line number, so it survives edits, moves within a file and merges.

export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  file: string;
  /** Why it was accepted; written by the "Add to baseline" fix or by hand. */
  reason?: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function fingerprint(ruleId: string, value: string, file: string): string {
  return createHash('sha256').update(`${ruleId}\0${value}\0${file}`).digest('hex').slice(0, 32);
}

/**
 * One fingerprint per detection, in the same order. A secret, and a construct whose text is unique
 * in its file, keep `fingerprint(rule, value, file)`, so baselines written before this still match
 * them. Constructs that share rule and text in one file (two `verify=False` calls, two
 * `tls.Config{`, two path flows into the same sink text) would share that fingerprint too, and
 * accepting one would silently accept the other; each of those is told apart by what surrounds it
 * (the text of its related locations: the setting, the path's source; and the header of its
 * enclosing block, the nearest line above that is indented less) and, among those still alike, by
 * its rank in the file. No line number goes in, so edits elsewhere in the file keep them.
 */
export function detectionFingerprints(text: string, path: string, lines: LineIndex, detections: readonly Detection[]): string[] {
  const prints = detections.map((found) => fingerprint(found.ruleId, found.secret?.value ?? text.slice(found.start, found.end), path));
  const alike = new Map<string, number[]>();
  detections.forEach((found, index) => {
    // A secret is the same secret wherever it appears: one fingerprint for all its copies.
    if (found.secret) return;
    const group = alike.get(prints[index]) ?? [];
    group.push(index);
    alike.set(prints[index], group);
  });
  for (const group of alike.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => detections[a].start - detections[b].start || detections[a].end - detections[b].end);
    const lineOf = new Map(group.map((index) => [index, lines.positionAt(detections[index].start).line]));
    const headers = enclosingHeaders(lines, [...lineOf.values()]);
    const rank = new Map<string, number>();
    for (const index of group) {
      const found = detections[index];
      const context = [headers.get(lineOf.get(index)!) ?? '', ...(found.related ?? []).map((related) => squeeze(text.slice(related.start, related.end)))].join('\0');
      const seen = rank.get(context) ?? 0;
      rank.set(context, seen + 1);
      prints[index] = fingerprint(found.ruleId, `${text.slice(found.start, found.end)}\0${context}\0${seen}`, path);
    }
  }
  return prints;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * For each wanted line, the header of its enclosing block: the nearest non-blank line above it
 * indented less ('' at the top level). One pass down the file with a stack of open headers, so a
 * generated file with thousands of alike findings costs one read, not one per finding.
 */
function enclosingHeaders(lines: LineIndex, wanted: readonly number[]): Map<number, string> {
  const want = new Set(wanted);
  const last = wanted.reduce((max, line) => Math.max(max, line), 0);
  const headers = new Map<number, string>();
  const open: { indent: number; text: string }[] = [];
  for (let line = 0; line <= last; line += 1) {
    const text = lines.lineText(line);
    if (text.trim() === '') {
      if (want.has(line)) headers.set(line, open[open.length - 1]?.text ?? '');
      continue;
    }
    const indent = indentOf(text);
    while (open.length > 0 && open[open.length - 1].indent >= indent) open.pop();
    if (want.has(line)) headers.set(line, indent === 0 ? '' : open[open.length - 1]?.text ?? '');
    open.push({ indent, text: squeeze(text) });
  }
  return headers;
}

export function emptyBaseline(): Baseline {
  return { version: 1, findings: [] };
}

export function parseBaseline(text: string): { baseline: Baseline; error?: string } {
  try {
    const raw = JSON.parse(text) as Partial<Baseline>;
    if (!raw || !Array.isArray(raw.findings)) return { baseline: emptyBaseline(), error: 'the baseline has no "findings" array' };
    const findings = raw.findings.filter((entry): entry is BaselineEntry =>
      typeof entry?.ruleId === 'string' && typeof entry.fingerprint === 'string' && typeof entry.file === 'string');
    return { baseline: { version: 1, findings } };
  } catch (error) {
    return { baseline: emptyBaseline(), error: `the baseline is not valid JSON (${(error as Error).message})` };
  }
}

export function baselineFingerprints(baseline: Baseline): Set<string> {
  return new Set(baseline.findings.map((entry) => entry.fingerprint));
}

/** Serialized sorted and with a final newline, so that two branches adding entries merge cleanly. */
export function serializeBaseline(baseline: Baseline): string {
  const unique = new Map(baseline.findings.map((entry) => [entry.fingerprint, entry]));
  const findings = [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return `${JSON.stringify({ version: 1, findings }, null, 2)}\n`;
}
