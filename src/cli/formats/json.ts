import type { Finding } from '../../engine';
import type { ScanOutcome } from '../scanOne';
import { countBySeverity, scrub, scrubProblem, totalFindings, type ReportContext } from './common';

// Machine output: the findings grouped by file, with 1-based positions and masked values only.
// `secret` (the raw value) and the fix offsets are never serialized.

export interface JsonFinding {
  ruleId: string;
  category: string;
  title: string;
  cwe: string;
  severity: string;
  message: string;
  /** 1-based line and column (UTF-16 code units), as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  excerpt: string;
  fingerprint: string;
  envName?: string;
  data?: Record<string, string | number | boolean>;
  expiredSuppression?: string;
}

function toJson(finding: Finding): JsonFinding {
  const { start, end } = finding.range;
  const data = finding.data
    ? Object.fromEntries(Object.entries(finding.data).map(([key, value]) => [key, typeof value === 'string' ? scrub(value, finding) : value]))
    : undefined;
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    title: finding.title,
    cwe: finding.cwe,
    severity: finding.severity,
    message: scrub(finding.message, finding),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    excerpt: scrub(finding.excerpt, finding),
    fingerprint: finding.fingerprint,
    ...(finding.secret ? { envName: finding.secret.envName } : {}),
    ...(data && Object.keys(data).length ? { data } : {}),
    ...(finding.expiredSuppression ? { expiredSuppression: finding.expiredSuppression } : {}),
  };
}

export function formatJson(outcome: ScanOutcome, context: ReportContext): string {
  const report = {
    tool: { name: 'secure-hygiene', version: context.version },
    summary: {
      findings: totalFindings(outcome),
      files: outcome.files.length,
      bySeverity: countBySeverity(outcome),
      ...outcome.stats,
      elapsedMs: Math.round(outcome.stats.elapsedMs),
    },
    files: outcome.files.map((file) => ({ path: file.path, gitState: file.gitState, findings: file.findings.map(toJson) })),
    problems: outcome.problems.map(scrubProblem),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
