import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerFindingActions } from './findingActions';
import { FINDINGS_VIEW_ID, FindingsTree } from './findingsTree';
import { REFRESH_SUPPRESSIONS_COMMAND, SUPPRESSIONS_VIEW_ID, SuppressionsTree } from './suppressionsTree';

// The Secure Hygiene view (its own activity-bar container, package.json viewsContainers): the
// findings tree and the suppressions-and-baseline tree, with the badge counting the findings.

export function registerView(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): SuppressionsTree {
  const findings = new FindingsTree();
  const findingsView = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: findings, showCollapseAll: true });
  const updateBadge = () => {
    const total = findings.total;
    findingsView.badge = total > 0 ? { value: total, tooltip: `${total} Secure Hygiene finding${total === 1 ? '' : 's'}` } : undefined;
    findingsView.message = total === 0 ? 'No findings in the files scanned so far. Run "Secure Hygiene: Scan Workspace" to check every file.' : undefined;
  };
  updateBadge();
  const suppressions = new SuppressionsTree(client);
  context.subscriptions.push(
    findings,
    findingsView,
    findings.onDidChangeTreeData(updateBadge),
    suppressions,
    vscode.window.createTreeView(SUPPRESSIONS_VIEW_ID, { treeDataProvider: suppressions }),
    vscode.commands.registerCommand(REFRESH_SUPPRESSIONS_COMMAND, () => suppressions.refresh()),
  );
  registerFindingActions(context);
  return suppressions;
}
