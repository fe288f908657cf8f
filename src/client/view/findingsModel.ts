import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../shared/protocol';

// The findings the view shows, read from VS Code's own diagnostics (every file the server has
// published for: open files, and closed files once the workspace scan has run), grouped by
// category, then by file. Committed secrets, the ones to rotate, form the first group.

export type GroupId = 'committed' | 'secret' | 'path' | 'tls' | 'policy' | 'other';

export const GROUP_LABELS: Record<GroupId, string> = {
  committed: 'Committed secrets: rotate them',
  secret: 'Secrets',
  path: 'Path traversal (CWE-22)',
  tls: 'TLS verification (CWE-295)',
  policy: 'Security policy',
  other: 'Other',
};

const GROUP_ORDER: GroupId[] = ['committed', 'secret', 'path', 'tls', 'policy', 'other'];

export interface FindingEntry {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
  ruleId: string;
  group: GroupId;
  /** Tells apart two diagnostics of one rule at one position of one file (0 for the first). */
  ordinal: number;
}

export interface FileGroup {
  uri: vscode.Uri;
  findings: FindingEntry[];
}

export interface CategoryGroup {
  id: GroupId;
  label: string;
  count: number;
  files: FileGroup[];
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** `data` survives the language client's conversion (its ProtocolDiagnostic keeps it). */
export function dataOf(diagnostic: vscode.Diagnostic): Partial<DiagnosticData> {
  return ((diagnostic as { data?: unknown }).data ?? {}) as Partial<DiagnosticData>;
}

/** A secret whose value git has committed: the server says so in `data.committed`, and makes it an Error. */
export function isCommittedSecret(diagnostic: vscode.Diagnostic): boolean {
  return ruleIdOf(diagnostic).startsWith('secret/') && dataOf(diagnostic).committed === true
    && diagnostic.severity === vscode.DiagnosticSeverity.Error;
}

function groupOf(diagnostic: vscode.Diagnostic, ruleId: string): GroupId {
  if (isCommittedSecret(diagnostic)) return 'committed';
  const category = ruleId.split('/')[0];
  return category === 'secret' || category === 'path' || category === 'tls' || category === 'policy' ? category : 'other';
}

/** Every Secure Hygiene diagnostic VS Code holds now. */
export function currentFindings(): FindingEntry[] {
  const entries: FindingEntry[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const seen = new Map<string, number>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const ruleId = ruleIdOf(diagnostic);
      const key = `${ruleId}:${diagnostic.range.start.line}:${diagnostic.range.start.character}`;
      const ordinal = seen.get(key) ?? 0;
      seen.set(key, ordinal + 1);
      entries.push({ uri, diagnostic, ruleId, group: groupOf(diagnostic, ruleId), ordinal });
    }
  }
  return entries;
}

/** Groups in a fixed order (committed secrets first), files by path, findings by severity then line. */
export function groupFindings(entries: readonly FindingEntry[]): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const id of GROUP_ORDER) {
    const inGroup = entries.filter((entry) => entry.group === id);
    if (inGroup.length === 0) continue;
    const byFile = new Map<string, FileGroup>();
    for (const entry of inGroup) {
      const key = entry.uri.toString();
      const file = byFile.get(key) ?? { uri: entry.uri, findings: [] };
      file.findings.push(entry);
      byFile.set(key, file);
    }
    const files = [...byFile.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
    for (const file of files) {
      file.findings.sort((a, b) => a.diagnostic.severity - b.diagnostic.severity || a.diagnostic.range.start.line - b.diagnostic.range.start.line);
    }
    groups.push({ id, label: GROUP_LABELS[id], count: inGroup.length, files });
  }
  return groups;
}

export function committedSecretCount(entries: readonly FindingEntry[]): number {
  return entries.filter((entry) => entry.group === 'committed').length;
}
