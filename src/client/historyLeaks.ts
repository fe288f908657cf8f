import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { HISTORY_LEAKS_COMMAND, SHOW_HISTORY_LEAKS_COMMAND, type HistoryLeakItem, type HistoryLeaksResult } from '../shared/protocol';
import { getClient } from './extension';

// "Secure Hygiene: Show Secrets in Git History": the server reads each folder's history in the
// background (historyFacts.ts); this asks it for the list and shows it in a quick pick, the secrets
// HEAD no longer holds ("removed, still leaked") first. Picking one opens the file at the line
// when HEAD still has it, else offers to copy the commit id (to look at it with git).

interface LeakPick extends vscode.QuickPickItem {
  leak: HistoryLeakItem;
  folder: string;
}

function pickOf(leak: HistoryLeakItem, folder: string, folders: number): LeakPick {
  const where = `${folders > 1 ? `${folder}/` : ''}${leak.path}:${leak.line}`;
  return {
    label: `${leak.presentAtHead ? '$(key)' : '$(history)'} ${leak.masked}`,
    description: `${leak.ruleId} · ${where}`,
    detail: `${leak.presentAtHead ? 'Still at HEAD' : 'Removed since, still leaked: rotate it'} · first committed in ${leak.commit.slice(0, 12)} (${leak.commitDate.slice(0, 10)})`,
    leak,
    folder,
  };
}

async function showHistoryLeaks(): Promise<void> {
  const client = getClient();
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('Secure Hygiene: the language server is not running.');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Secure Hygiene: reading the git history' },
    () => client.sendRequest(ExecuteCommandRequest.type, { command: HISTORY_LEAKS_COMMAND, arguments: [{}] }) as Promise<HistoryLeaksResult>,
  );
  const picks = result.folders.flatMap((folder) => folder.leaks.map((leak) => pickOf(leak, folder.folder, result.folders.length)));
  const cut = result.folders.filter((folder) => folder.truncated).map((folder) => `${folder.folder} (newest ${folder.commits} commits read)`);
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(`Secure Hygiene: the git history holds no secret${cut.length > 0 ? `; only part of it was read: ${cut.join(', ')}` : ''}.`);
    return;
  }
  picks.sort((a, b) => Number(a.leak.presentAtHead) - Number(b.leak.presentAtHead));
  const removed = picks.filter((pick) => !pick.leak.presentAtHead).length;
  const picked = await vscode.window.showQuickPick(picks, {
    title: `Secrets in the git history: ${picks.length}, ${removed} removed since but still leaked`,
    placeHolder: 'Each one must be rotated with its provider: removing it from the code does not remove it from the history',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === picked.folder);
  if (picked.leak.presentAtHead && folder) {
    const line = Math.max(0, picked.leak.line - 1);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, picked.leak.path), { selection: new vscode.Range(line, 0, line, 0) });
    return;
  }
  const copy = 'Copy commit id';
  const answer = await vscode.window.showInformationMessage(
    `${picked.leak.masked} was added to ${picked.leak.path} in commit ${picked.leak.commit.slice(0, 12)} and removed since; it is still in the history. Rotate it with its provider.`,
    copy,
  );
  if (answer === copy) await vscode.env.clipboard.writeText(picked.leak.commit);
}

export function registerHistoryLeaksCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_HISTORY_LEAKS_COMMAND, showHistoryLeaks));
}
