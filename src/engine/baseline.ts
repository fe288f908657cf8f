import { createHash } from 'node:crypto';

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
