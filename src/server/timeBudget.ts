import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { ruleDocUrl } from '../engine';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION, type DiagnosticData } from '../shared/protocol';
import { notFullyScannedMessage, TIME_BUDGET_RULE_ID } from '../shared/timeBudget';

// The diagnostic on a document whose scan ran over its time budget: one Warning at the top of the
// file, linking docs/rules/scan/time-budget.md. It stands for the engine's findings, which are
// unknown; it has no finding behind it, so no quick fix is offered on it.

export function timeBudgetDiagnostic(budgetMs: number): Diagnostic {
  const data: DiagnosticData = { ruleId: TIME_BUDGET_RULE_ID, fingerprint: '', category: 'scan' };
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: TIME_BUDGET_RULE_ID,
    codeDescription: { href: ruleDocUrl(TIME_BUDGET_RULE_ID) },
    source: DIAGNOSTIC_SOURCE,
    message: notFullyScannedMessage(budgetMs, `the ${SETTINGS_SECTION}.timeBudgetMs setting`),
    data,
  };
}
