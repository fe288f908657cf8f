import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { maskSecretsIn, ruleDocUrl, type Finding, type Position, type Severity } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../shared/protocol';

// Findings to LSP diagnostics. The finding's message and excerpt are already masked; the secret's
// value is masked out of every string once more here, so that no future message template can leak it.

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `positionAt` maps offsets of the scanned text (the document's version that was scanned). */
export function toDiagnostic(finding: Finding, uri: string, positionAt: (offset: number) => Position): Diagnostic {
  const secrets = finding.secret ? [{ value: finding.secret.value }] : [];
  // Every value the secret rules find is masked too, not only this finding's own (engine/mask.ts).
  const safe = (text: string) => maskSecretsIn(text, secrets);
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    category: finding.category,
  };
  if (finding.secret) {
    data.envName = finding.secret.envName;
    data.secretRange = { start: positionAt(finding.secret.start), end: positionAt(finding.secret.end) };
  }
  if (typeof finding.data?.committed === 'boolean') data.committed = finding.data.committed;
  if (finding.fixes?.length) data.fixes = finding.fixes.length;
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: safe(finding.message),
    relatedInformation: finding.related?.map((related) => ({
      location: { uri, range: related.range },
      message: safe(related.message),
    })),
    data,
  };
}
