import * as vscode from 'vscode';
import { SHOW_RULE_DOC_COMMAND, SUPPRESS_WITH_REASON_COMMAND, type SuppressionRequest } from '../../shared/protocol';
import { dataOf } from './findingsModel';
import type { FindingsNode } from './findingsTree';
import { REVEAL_FINDING_COMMAND } from './findingsTree';

// What a finding in the view does: a click reveals it; its inline actions offer its quick fixes,
// run the server's "ignore this line (with reason)" action, or open the rule's page.
// Each action opens the file first: the server computes code actions for open documents.

export const QUICK_FIX_FINDING_COMMAND = 'secureHygiene.view.quickFix';
export const IGNORE_FINDING_COMMAND = 'secureHygiene.view.ignoreWithReason';
export const FINDING_RULE_DOC_COMMAND = 'secureHygiene.view.showRuleDoc';

type FindingNode = Extract<FindingsNode, { kind: 'finding' }>;

function isFinding(node: unknown): node is FindingNode {
  return typeof node === 'object' && node !== null && (node as FindingsNode).kind === 'finding';
}

async function reveal(node: FindingNode): Promise<vscode.TextEditor> {
  const { uri, diagnostic } = node.entry;
  return vscode.window.showTextDocument(uri, { selection: diagnostic.range, preserveFocus: false });
}

/** The quick fixes the light bulb offers for this finding (the server's, and "Show documentation"). */
async function quickFixesFor(node: FindingNode): Promise<vscode.CodeAction[]> {
  const { uri, diagnostic } = node.entry;
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
  );
  const isCodeAction = (action: vscode.CodeAction | vscode.Command): action is vscode.CodeAction => typeof action.command !== 'string';
  // A disabled action (the move fix where it cannot move) comes without an edit or a command.
  return (actions ?? []).filter(isCodeAction).filter((action) => !action.disabled && (action.edit !== undefined || action.command !== undefined));
}

/**
 * The finding's quick fixes in a pick, the preferred one first, and the chosen one applied as the
 * light bulb applies it: its WorkspaceEdit in one step (one undo), then its command. A pick rather
 * than the editor's light-bulb menu: that menu, asked for right as the file opens, is cancelled by
 * the diagnostics the editor pulls for the new tab and says "No code actions available" (seen in
 * code-server).
 */
async function quickFix(node: FindingNode): Promise<void> {
  await reveal(node);
  const fixes = await quickFixesFor(node);
  if (fixes.length === 0) {
    void vscode.window.showInformationMessage(`Secure Hygiene: no quick fix is offered for this ${node.entry.ruleId} finding here.`);
    return;
  }
  const items = fixes
    .map((action) => ({ label: action.title, description: action.isPreferred ? 'preferred' : undefined, action }))
    .sort((a, b) => Number(b.action.isPreferred === true) - Number(a.action.isPreferred === true));
  const picked = await vscode.window.showQuickPick(items, { title: `Quick fixes for ${node.entry.ruleId}`, placeHolder: 'Choose a fix to apply' });
  if (!picked) return;
  const { edit, command } = picked.action;
  if (edit && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`Secure Hygiene: "${picked.action.title}" could not be applied (the file changed meanwhile?).`);
    return;
  }
  if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

/** The server's "Ignore ... on this line (with reason)" action, whose command prompts for the reason. */
async function ignoreWithReason(node: FindingNode): Promise<void> {
  await reveal(node);
  // The actions vscode.executeCodeActionProvider returns carry no diagnostics: the suppression's own
  // request names the finding (its fingerprint, or at least its rule).
  const fingerprint = dataOf(node.entry.diagnostic).fingerprint;
  const suppressions = (await quickFixesFor(node)).filter((action) => {
    if (action.command?.command !== SUPPRESS_WITH_REASON_COMMAND) return false;
    const request = action.command.arguments?.[0] as Partial<SuppressionRequest> | undefined;
    return request?.ruleId === node.entry.ruleId && (fingerprint === undefined || request.fingerprint === fingerprint);
  });
  const choice = suppressions.find((action) => /this line/i.test(action.title)) ?? suppressions[0];
  if (!choice?.command) {
    void vscode.window.showInformationMessage(`Secure Hygiene: no suppression is offered for this ${node.entry.ruleId} finding here.`);
    return;
  }
  await vscode.commands.executeCommand(choice.command.command, ...(choice.command.arguments ?? []));
}

export function registerFindingActions(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(REVEAL_FINDING_COMMAND, async (node: unknown) => {
      if (isFinding(node)) await reveal(node);
    }),
    vscode.commands.registerCommand(QUICK_FIX_FINDING_COMMAND, async (node: unknown) => {
      if (isFinding(node)) await quickFix(node);
    }),
    vscode.commands.registerCommand(IGNORE_FINDING_COMMAND, async (node: unknown) => {
      if (isFinding(node)) await ignoreWithReason(node);
    }),
    vscode.commands.registerCommand(FINDING_RULE_DOC_COMMAND, async (node: unknown) => {
      if (isFinding(node)) await vscode.commands.executeCommand(SHOW_RULE_DOC_COMMAND, node.entry.ruleId);
    }),
  );
}
