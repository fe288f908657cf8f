import * as vscode from 'vscode';
import { SHOW_RULE_DOC_COMMAND, SUPPRESS_WITH_REASON_COMMAND } from '../../shared/protocol';
import type { FindingsNode } from './findingsTree';
import { REVEAL_FINDING_COMMAND } from './findingsTree';

// What a finding in the view does: a click reveals it; its inline actions open the light-bulb menu
// at its range, run the server's "ignore this line (with reason)" action, or open the rule's page.
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

async function quickFix(node: FindingNode): Promise<void> {
  const editor = await reveal(node);
  // The light bulb at the finding's start, as Ctrl+. there would open it.
  editor.selection = new vscode.Selection(node.entry.diagnostic.range.start, node.entry.diagnostic.range.start);
  await vscode.commands.executeCommand('editor.action.quickFix');
}

/** The server's "Ignore ... on this line (with reason)" action, whose command prompts for the reason. */
async function ignoreWithReason(node: FindingNode): Promise<void> {
  await reveal(node);
  const { uri, diagnostic } = node.entry;
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value,
  );
  const isCodeAction = (action: vscode.CodeAction | vscode.Command): action is vscode.CodeAction => typeof action.command !== 'string';
  const suppressions = (actions ?? []).filter(isCodeAction).filter((action) =>
    action.command?.command === SUPPRESS_WITH_REASON_COMMAND
    && (action.diagnostics ?? []).some((d) => d.range.isEqual(diagnostic.range) && d.message === diagnostic.message));
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
