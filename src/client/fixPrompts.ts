import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import {
  APPLY_SUPPRESSION_COMMAND, MOVE_ALL_COMMAND, MOVE_ALL_SERVER_COMMAND, SUPPRESS_WITH_REASON_COMMAND,
  type SuppressionRequest,
} from '../shared/protocol';

// What the protocol cannot do for the quick fixes: ask the user for a suppression's reason and
// optional expiry date, and run "Move all secrets in this file to .env" on the active editor.
// The edits themselves are computed and applied by the server's commands.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

async function suppressWithReason(request: SuppressionRequest): Promise<void> {
  const what = request.kind === 'baseline' ? 'adding this finding to the baseline' : request.kind === 'allowPath' ? 'allowing secrets in this file' : `ignoring ${request.ruleId}`;
  const reason = await vscode.window.showInputBox({
    title: 'Secure Hygiene: reason',
    prompt: `Why is ${what} acceptable? The reason is written next to it for reviewers.`,
    placeHolder: 'e.g. test fixture, revoked key, false positive',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? 'A reason is required.' : undefined),
  });
  if (reason === undefined) return;
  let until: string | undefined;
  if (request.kind === 'line' || request.kind === 'file') {
    const today = new Date().toISOString().slice(0, 10);
    const answer = await vscode.window.showInputBox({
      title: 'Secure Hygiene: expiry date (optional)',
      prompt: 'After this date (YYYY-MM-DD) the suppression stops suppressing and says so. Leave empty for none.',
      placeHolder: 'YYYY-MM-DD',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const trimmed = value.trim();
        if (trimmed === '') return undefined;
        if (!validDate(trimmed)) return 'Use a real date as YYYY-MM-DD, or leave empty.';
        return trimmed < today ? 'That date has passed.' : undefined;
      },
    });
    if (answer === undefined) return;
    until = answer.trim() || undefined;
  }
  await vscode.commands.executeCommand(APPLY_SUPPRESSION_COMMAND, { ...request, reason: reason.trim(), until });
}

async function moveAllSecrets(uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Secure Hygiene: open the file whose secrets should move to .env first.');
    return;
  }
  await vscode.commands.executeCommand(MOVE_ALL_SERVER_COMMAND, target.toString());
}

/**
 * The server's "Ignore … (with reason)" and "Add to baseline" actions run APPLY_SUPPRESSION_COMMAND
 * without a reason, so that every LSP editor can run them (the server then asks with
 * window/showMessageRequest). Here they run SUPPRESS_WITH_REASON_COMMAND instead: an input box
 * for any reason and an expiry date, then the server's command with both.
 */
export function withSuppressionPrompt(middleware: Middleware): Middleware {
  return {
    ...middleware,
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = middleware.provideCodeActions ? await middleware.provideCodeActions(document, range, context, token, next) : await next(document, range, context, token);
      for (const action of actions ?? []) {
        const command = action instanceof vscode.CodeAction ? action.command : action;
        const request = command?.arguments?.[0] as Partial<SuppressionRequest> | undefined;
        if (command?.command === APPLY_SUPPRESSION_COMMAND && !request?.reason) command.command = SUPPRESS_WITH_REASON_COMMAND;
      }
      return actions;
    },
  };
}

export function registerFixPrompts(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SUPPRESS_WITH_REASON_COMMAND, suppressWithReason),
    vscode.commands.registerCommand(MOVE_ALL_COMMAND, moveAllSecrets),
  );
}
