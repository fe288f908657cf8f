import type { Severity } from '../../engine';
import type { ScanOutcome } from '../scanOne';
import { countBySeverity, plural, scrub, scrubProblem, summaryLine, totalFindings, SEVERITY_ORDER, type ReportContext } from './common';

// Human output, grouped by file: `line:column  severity  message  rule-id`, then the masked line.
// Colours only when asked for (a TTY without NO_COLOR, or --color).

const CODES = { bold: 1, dim: 2, underline: 4, red: 31, yellow: 33, blue: 34, cyan: 36, green: 32 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'cyan' };

export function formatText(outcome: ScanOutcome, context: ReportContext): string {
  const paint = (style: Style, text: string) => (context.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];

  for (const file of outcome.files) {
    const committed = file.gitState === 'tracked' || file.gitState === 'staged';
    lines.push(paint('underline', file.path) + (committed ? paint('dim', `  (${file.gitState} in git)`) : ''));
    const positions = file.findings.map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1}`);
    const width = Math.max(...positions.map((position) => position.length));
    file.findings.forEach((finding, index) => {
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(7));
      lines.push(`  ${positions[index].padEnd(width)}  ${severity}  ${scrub(finding.message, finding)}  ${paint('dim', finding.ruleId)}`);
      if (finding.excerpt) lines.push(`  ${' '.repeat(width)}  ${paint('dim', `> ${scrub(finding.excerpt, finding)}`)}`);
    });
    lines.push('');
  }

  const total = totalFindings(outcome);
  if (total === 0) {
    lines.push(paint('green', 'No findings.'));
  } else {
    const counts = countBySeverity(outcome);
    const bySeverity = SEVERITY_ORDER.filter((severity) => counts[severity] > 0).map((severity) => plural(counts[severity], severity === 'error' ? 'error' : severity, severity === 'error' ? 'errors' : `${severity}s`));
    lines.push(paint('bold', `${plural(total, 'finding')} (${bySeverity.join(', ')}) in ${plural(outcome.files.length, 'file')}.`));
  }
  lines.push(summaryLine(outcome.stats, context.maxFileSize));
  for (const problem of outcome.problems) lines.push(paint('yellow', `warning: ${scrubProblem(problem)}`));
  return `${lines.join('\n')}\n`;
}
