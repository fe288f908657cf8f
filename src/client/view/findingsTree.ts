import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentFindings, groupFindings, type CategoryGroup, type FileGroup, type FindingEntry } from './findingsModel';

// The "Findings" section of the Secure Hygiene view: category -> file -> finding, with counts and
// severity icons. It follows VS Code's diagnostics (onDidChangeDiagnostics), so it shows what the
// Problems panel shows for Secure Hygiene, closed files included once the workspace scan ran.

export const FINDINGS_VIEW_ID = 'secureHygiene.findings';
/** Runs on a click on a finding: opens its file with the finding's range selected. */
export const REVEAL_FINDING_COMMAND = 'secureHygiene.view.revealFinding';
const REFRESH_DELAY_MS = 150;

export type FindingsNode =
  | { kind: 'category'; group: CategoryGroup }
  | { kind: 'file'; file: FileGroup; group: CategoryGroup }
  | { kind: 'finding'; entry: FindingEntry };

const SEVERITY_ICONS: Record<number, vscode.ThemeIcon> = {
  [vscode.DiagnosticSeverity.Error]: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  [vscode.DiagnosticSeverity.Warning]: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  [vscode.DiagnosticSeverity.Information]: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  [vscode.DiagnosticSeverity.Hint]: new vscode.ThemeIcon('lightbulb'),
};

const CATEGORY_ICONS: Record<string, string> = {
  committed: 'flame', secret: 'key', path: 'file-symlink-directory', tls: 'lock', policy: 'law', other: 'shield',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export class FindingsTree implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: CategoryGroup[] = [];
  private readonly subscription: vscode.Disposable;

  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.refresh();
    // A workspace scan publishes file after file: regroup at most every REFRESH_DELAY_MS, not per file.
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.refresh();
      }, REFRESH_DELAY_MS);
    });
  }

  /** Total findings shown, for the view's badge and title. */
  get total(): number {
    return this.groups.reduce((sum, group) => sum + group.count, 0);
  }

  refresh(): void {
    this.groups = groupFindings(currentFindings());
    this.changed.fire();
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (!node) return this.groups.map((group) => ({ kind: 'category', group }));
    if (node.kind === 'category') return node.group.files.map((file) => ({ kind: 'file', file, group: node.group }));
    if (node.kind === 'file') return node.file.findings.map((entry) => ({ kind: 'finding', entry }));
    return [];
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `category:${node.group.id}`;
      item.description = `${plural(node.group.count, 'finding')} in ${plural(node.group.files.length, 'file')}`;
      item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[node.group.id] ?? 'shield');
      item.contextValue = 'category';
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.file.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `file:${node.group.id}:${node.file.uri.toString()}`;
      const folder = vscode.workspace.getWorkspaceFolder(node.file.uri);
      const relative = folder ? path.posix.dirname(path.posix.relative(folder.uri.path, node.file.uri.path)) : path.dirname(node.file.uri.fsPath);
      item.description = `${relative === '.' ? '' : `${relative} · `}${node.file.findings.length}`;
      item.tooltip = node.file.uri.fsPath;
      item.contextValue = 'file';
      return item;
    }
    const { entry } = node;
    const { diagnostic } = entry;
    const item = new vscode.TreeItem(diagnostic.message, vscode.TreeItemCollapsibleState.None);
    // Scoped by group: a finding that moves between groups (git facts arrive, a commit) gets a new
    // id, since VS Code's tree refuses one id under two parents during a refresh.
    item.id = `finding:${entry.group}:${entry.uri.toString()}:${diagnostic.range.start.line}:${diagnostic.range.start.character}:${entry.ruleId}:${entry.ordinal}`;
    item.description = `${entry.ruleId} [Ln ${diagnostic.range.start.line + 1}, Col ${diagnostic.range.start.character + 1}]`;
    item.tooltip = new vscode.MarkdownString().appendText(`${diagnostic.message}\n\n${entry.ruleId}`);
    item.iconPath = SEVERITY_ICONS[diagnostic.severity];
    // The inline actions (package.json menus "view/item/context") key on this.
    item.contextValue = 'finding';
    item.command = { title: 'Show finding', command: REVEAL_FINDING_COMMAND, arguments: [node] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
