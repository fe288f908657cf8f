import { maskIn, maskSecretsIn, type Finding, type Severity } from '../../engine';
import type { ScanOutcome, ScanStats } from '../scanOne';

// What every output format shares: severity order, counts, the summary line and the last guard
// that keeps raw secret values out of anything the CLI writes.

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(severity);
}

export interface ReportContext {
  version: string;
  /** Absolute scan root (SARIF's %SRCROOT%). */
  root: string;
  color: boolean;
  /** `--max-file-size`, for the summary line. */
  maxFileSize: number;
  /** What was scanned: the working tree, the index, a diff or the history (SARIF's automationDetails). */
  scanKind?: 'tree' | 'staged' | 'diff' | 'history';
}

/**
 * Every string a format writes from a finding goes through here: the finding's own secret and
 * every value the secret rules find in the text are masked (belt and braces: the engine built the
 * excerpt and message this way already, and a format must not depend on that).
 */
export function scrub(text: string, finding: Finding): string {
  const key = `${finding.secret?.value ?? ''}\u0000${text}`;
  let safe = scrubbed.get(key);
  if (safe === undefined) {
    safe = maskSecretsIn(text, finding.secret ? [{ value: finding.secret.value }] : []);
    scrubbed.set(key, safe);
  }
  return safe;
}

/** scrub's answers by secret and text: the same function of the same inputs, so computing one ahead changes nothing written. */
const scrubbed = new Map<string, string>();

/**
 * Scrubs a finding's message, excerpt and data strings ahead of the format, so that the format
 * finds them done: the scan's main thread calls it as findings come in from the workers, while it
 * has nothing else to do (with a time budget the workers do all the scanning). Done at the end
 * instead, on a thread that never scanned, the first strings compile the secret rules' patterns
 * there: about 0.1 s on the critical path of the bench's synthetic tree.
 */
export function scrubAhead(finding: Finding): void {
  scrub(finding.message, finding);
  if (finding.excerpt) scrub(finding.excerpt, finding);
  for (const value of Object.values(finding.data ?? {})) if (typeof value === 'string') scrub(value, finding);
}

/** A problem line (a path, an I/O error) is masked the same way: a file name can hold a token. */
export function scrubProblem(text: string): string {
  return maskSecretsIn(text);
}

/** The final guard over a whole report: no secret value found in this run survives in it. */
export function scrubAll(output: string, outcome: ScanOutcome): string {
  const secrets = outcome.files.flatMap((file) => file.findings.flatMap((finding) => (finding.secret && finding.secret.value.length >= 6 ? [{ value: finding.secret.value }] : [])));
  return secrets.some(({ value }) => output.includes(value)) ? maskIn(output, secrets) : output;
}

/** The exit-code rule of every command: a finding at or above the threshold fails; "none" never does. */
export function reachesThreshold(findings: readonly { severity: Severity }[], threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  const rank = severityRank(threshold);
  return findings.some((finding) => severityRank(finding.severity) >= rank);
}

export function countBySeverity(outcome: ScanOutcome): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of outcome.files) for (const finding of file.findings) counts[finding.severity] += 1;
  return counts;
}

export function totalFindings(outcome: ScanOutcome): number {
  return outcome.files.reduce((sum, file) => sum + file.findings.length, 0);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** One line: what was scanned, and everything that was not, said once. */
export function summaryLine(stats: ScanStats, maxFileSize: number): string {
  const what = stats.commits === undefined
    ? plural(stats.scanned, 'file')
    : `${plural(stats.commits, 'commit')}, ${plural(stats.scanned, 'file change')}`;
  const parts = [`Scanned ${what} (${humanBytes(stats.bytes)}) in ${Math.round(stats.elapsedMs)} ms`];
  const skipped: string[] = [];
  if (stats.binary) skipped.push(`${stats.binary} binary`);
  if (stats.tooLarge) skipped.push(`${stats.tooLarge} larger than ${humanBytes(maxFileSize)}`);
  if (stats.generated) skipped.push(`${stats.generated} generated (lock files, source maps, minified)`);
  if (stats.unreadable) skipped.push(`${stats.unreadable} unreadable`);
  if (skipped.length) parts.push(`skipped ${skipped.join(', ')}`);
  if (stats.notFullyScanned) parts.push(`${plural(stats.notFullyScanned, 'file')} not fully scanned (over the time budget)`);
  // Said once, never one warning per file: a tree rebuilt during the scan loses thousands at a time.
  if (stats.vanished) parts.push(`${plural(stats.vanished, 'file')} vanished during the scan`);
  if (stats.linksOutside) parts.push(`${plural(stats.linksOutside, 'symbolic link')} out of the scanned folders not followed`);
  const left: string[] = [];
  if (stats.gitignored) left.push(`${stats.gitignored} ignored by .gitignore`);
  if (stats.excluded) left.push(`${stats.excluded} excluded by config`);
  if (left.length) parts.push(left.join(', '));
  return `${parts.join('; ')}.`;
}
