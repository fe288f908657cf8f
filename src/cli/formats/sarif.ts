import { pathToFileURL } from 'node:url';
import { maskSecret, ruleDocUrl, type Finding, type RuleMeta, type Severity } from '../../engine';
import type { ScanOutcome } from '../scanOne';
import { scrub, scrubProblem, type ReportContext } from './common';
import { sarifCodeFlows, sarifRelatedLocations } from './sarifFlows';

// SARIF 2.1.0 as GitHub code scanning reads it: rules with help, CWE tags and security-severity;
// results with 1-based regions relative to %SRCROOT% and our fingerprint as partialFingerprints.

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/secure-hygiene/secure-hygiene';
/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = 'secureHygiene/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub buckets this score: 9+ critical, 7-8.9 high, 4-6.9 medium, below 4 low. */
export function securitySeverity(rule: RuleMeta): string {
  if (rule.category === 'secret') return '8.0';
  return { error: '7.5', warning: '5.5', info: '3.0', hint: '1.0' }[rule.severity];
}

/**
 * How often a finding of the rule is right, as code scanning ranks it: provider formats (prefix,
 * length, checksum) and TLS switches are read exactly; secret-named assignments and path flows
 * are judged from context.
 */
export function rulePrecision(rule: RuleMeta): 'very-high' | 'high' | 'medium' | 'low' {
  if (rule.category === 'secret') return rule.id.startsWith('secret/generic-') ? 'medium' : 'high';
  if (rule.category === 'path') return 'medium';
  return 'high';
}

/** `secret/aws-access-key-id` -> `AwsAccessKeyId`: SARIF's `name` is an identifier, the id stays as is. */
function ruleName(id: string): string {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return last.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

function cweTag(cwe: string): string | undefined {
  const number = /(\d+)/.exec(cwe)?.[1];
  return number ? `external/cwe/cwe-${number}` : undefined;
}

function sarifRule(rule: RuleMeta) {
  const doc = ruleDocUrl(rule.id);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}. ${rule.help}` },
    helpUri: doc,
    help: {
      text: `${rule.help} See ${doc}`,
      markdown: `**${rule.title}** (${rule.cwe})\n\n${rule.help}\n\n[Documentation](${doc})`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.category, ...(cweTag(rule.cwe) ? [cweTag(rule.cwe)!] : [])],
      'security-severity': securitySeverity(rule),
      precision: rulePrecision(rule),
    },
  };
}

function metaOf(finding: Finding): RuleMeta {
  const { ruleId: id, category, title, cwe, severity } = finding;
  return { id, category, title, cwe, severity, help: '' };
}

export function formatSarif(outcome: ScanOutcome, context: ReportContext, rules: ReadonlyMap<string, RuleMeta>): string {
  // Every rule, not only those with results: code scanning shows a rule's help on any alert, and a
  // rule missing from a later run would look like a rule that was removed.
  const metas = new Map(rules);
  for (const finding of outcome.files.flatMap((file) => file.findings)) {
    if (!metas.has(finding.ruleId)) metas.set(finding.ruleId, { ...metaOf(finding), help: finding.title });
  }
  const ids = [...metas.keys()].sort();
  const ruleIndex = new Map(ids.map((id, index) => [id, index]));
  const sarifRules = ids.map((id) => sarifRule(metas.get(id)!));

  const results = outcome.files.flatMap((file) => file.findings.map((finding) => {
    const { start, end } = finding.range;
    const related = sarifRelatedLocations(finding, encodeURI(file.path));
    const flows = sarifCodeFlows(finding, encodeURI(file.path));
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: LEVEL[finding.severity],
      message: { text: scrub(finding.message, finding) },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: start.line + 1,
            startColumn: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
            // The region's own text: a secret's masked value; otherwise the masked line.
            snippet: { text: finding.secret ? maskSecret(finding.secret.value) : scrub(finding.excerpt, finding) },
          },
          // The whole line around it, masked, for reviewers who see the alert without the file.
          contextRegion: {
            startLine: start.line + 1,
            endLine: end.line + 1,
            snippet: { text: scrub(finding.excerpt, finding) },
          },
        },
      }],
      // A path flow's source and steps; omitted when there are none, so other results keep their shape.
      ...(related.length > 0 ? { relatedLocations: related } : {}),
      ...(flows.length > 0 ? { codeFlows: flows } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      properties: {
        severity: finding.severity,
        gitState: file.gitState,
        ...(finding.cwe ? { cwe: finding.cwe } : {}),
        // A history finding says which commit added the secret and whether HEAD still holds it.
        ...(finding.data && 'commit' in finding.data
          ? { commit: finding.data.commit, commitDate: finding.data.commitDate, presentAtHead: finding.data.presentAtHead }
          : {}),
      },
    };
  }));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Secure Hygiene',
          informationUri: INFORMATION_URI,
          version: context.version,
          semanticVersion: context.version,
          rules: sarifRules,
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(context.root).href.replace(/\/?$/, '/')}` } },
      // Code scanning keeps one analysis per id and compares a pull request's (a diff) with its base
      // branch's (the tree) under the same id; a history scan is an analysis of its own.
      automationDetails: { id: context.scanKind === 'history' ? 'secure-hygiene/history/' : 'secure-hygiene/' },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{
        // False when a file could not be read or scanned whole: the results may then miss something.
        executionSuccessful: outcome.problems.length === 0 && outcome.stats.unreadable === 0 && !outcome.stats.notFullyScanned,
        toolExecutionNotifications: outcome.problems.map((problem) => ({ level: 'warning', message: { text: scrubProblem(problem) } })),
      }],
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
