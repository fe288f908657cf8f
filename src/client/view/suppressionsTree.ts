import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSuppressionsRequest, type ListedBaselineEntry, type ListedSuppression, type SuppressionListResult } from '../../shared/protocol';

// The "Suppressions and baseline" section of the view: every suppression comment of the workspace
// and every baseline entry, with its reason and expiry date; expired comments are flagged (they no
// longer suppress anything). The server lists them (secureHygiene/listSuppressions); this asks
// again after saves and diagnostics changes, at most once per REFRESH_DELAY_MS.

export const SUPPRESSIONS_VIEW_ID = 'secureHygiene.suppressions';
export const REFRESH_SUPPRESSIONS_COMMAND = 'secureHygiene.view.refreshSuppressions';
const REFRESH_DELAY_MS = 500;

export type SuppressionsNode =
  | { kind: 'section'; section: 'comments' | 'baseline'; count: number }
  | { kind: 'comment'; item: ListedSuppression }
  | { kind: 'baseline'; item: ListedBaselineEntry }
  | { kind: 'message'; text: string };

function relative(uri: string): string {
  // The folder's name only tells files apart in a multi-root workspace.
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

export class SuppressionsTree implements vscode.TreeDataProvider<SuppressionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: SuppressionListResult | undefined;
  private error: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions = [
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
    ];
  }

  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) return;
    try {
      this.result = await client.sendRequest(ListSuppressionsRequest.type);
      this.error = undefined;
    } catch (error) {
      this.error = `Could not list the suppressions: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.changed.fire();
  }

  getChildren(node?: SuppressionsNode): SuppressionsNode[] {
    if (!node) {
      if (this.error) return [{ kind: 'message', text: this.error }];
      if (!this.result) return [{ kind: 'message', text: 'Waiting for the language server…' }];
      return [
        { kind: 'section', section: 'comments', count: this.result.suppressions.length },
        { kind: 'section', section: 'baseline', count: this.result.baseline.length },
      ];
    }
    if (node.kind !== 'section' || !this.result) return [];
    return node.section === 'comments'
      ? this.result.suppressions.map((item) => ({ kind: 'comment', item }))
      : this.result.baseline.map((item) => ({ kind: 'baseline', item }));
  }

  getTreeItem(node: SuppressionsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message':
        return new vscode.TreeItem(node.text);
      case 'section': {
        const label = node.section === 'comments' ? 'Suppression comments' : 'Baseline entries';
        // Always Expanded: VS Code keeps the first state it saw for an id, and a section starts empty.
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `section:${node.section}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(node.section === 'comments' ? 'comment' : 'checklist');
        return item;
      }
      case 'comment': {
        const { item: suppression } = node;
        const item = new vscode.TreeItem(`${suppression.rules.join(', ')}`, vscode.TreeItemCollapsibleState.None);
        item.id = `comment:${suppression.uri}:${suppression.line}`;
        const expiry = suppression.until ? (suppression.expired ? `expired ${suppression.until}` : `until ${suppression.until}`) : '';
        const reason = suppression.reason ?? 'no reason given';
        item.description = [`${relative(suppression.uri)}:${suppression.line + 1}`, reason, expiry].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(
          `${suppression.marker} ${suppression.rules.join(', ')}\nReason: ${reason}\n${expiry ? `${suppression.expired ? 'Expired: no longer suppresses, ' : 'Suppresses '}${expiry}` : 'No expiry date'}`,
        );
        item.iconPath = suppression.expired
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon(suppression.reason ? 'pass' : 'question');
        item.contextValue = suppression.expired ? 'suppression.expired' : 'suppression';
        const line = new vscode.Range(suppression.line, 0, suppression.line, 0);
        item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(suppression.uri), { selection: line }] };
        return item;
      }
      case 'baseline': {
        const { item: entry } = node;
        const item = new vscode.TreeItem(entry.ruleId, vscode.TreeItemCollapsibleState.None);
        item.id = `baseline:${entry.fingerprint}`;
        item.description = [relative(entry.uri), entry.reason ?? 'no reason given'].join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(`${entry.ruleId} in ${relative(entry.uri)}\nReason: ${entry.reason ?? 'none given'}\nFingerprint ${entry.fingerprint}`);
        item.iconPath = new vscode.ThemeIcon('check');
        item.contextValue = 'baselineEntry';
        item.command = { title: 'Open the baseline', command: 'vscode.open', arguments: [vscode.Uri.parse(entry.baselineUri)] };
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
