import * as vscode from 'vscode';
import type { RuleDocs } from './ruleDocs';

// The palette commands that only the editor can do: show the log, the rules, and the project's
// config file (created from a commented template when it is missing). "Scan Workspace" is the
// server's own command (secureHygiene.scanWorkspace), which the language client registers.

export const SHOW_OUTPUT_COMMAND = 'secureHygiene.showOutput';
export const SHOW_RULES_COMMAND = 'secureHygiene.showRules';
export const OPEN_CONFIG_COMMAND = 'secureHygiene.openConfig';
export const CONFIG_FILE = '.secure-hygiene.json';

/** What a new `.secure-hygiene.json` holds: every key, commented, with the defaults. */
export const CONFIG_TEMPLATE = `// Secure Hygiene project configuration (JSON with comments), read by the editor and the CLI alike.
// Every rule and its page: "Secure Hygiene: Show Rules".
{
  // Per rule id, or per category with "secret/*": "off" or a severity ("error", "warning", "info", "hint").
  "rules": {
    // "secret/generic-password": "warning",
    // "tls/*": "error"
  },
  // Globs (minimatch, relative to this folder) of files never scanned.
  "exclude": [
    // "fixtures/**"
  ],
  "allowlist": {
    // Exact values that are not secrets (public test keys, documented examples).
    "values": [],
    // Globs of files whose secret findings are accepted.
    "paths": [],
    // Regular expressions; a matching value is not reported. Not run in an untrusted workspace.
    "patterns": []
  },
  // Your own secret formats: { "id": "custom/acme-token", "title": "Acme token", "pattern": "acme_[a-z0-9]{32}", "keywords": ["acme_"] }.
  "customPatterns": [],
  // Functions of this project that make a path safe, such as "safeJoin".
  "pathSanitizers": [],
  // Accepted findings, by fingerprint (never the value): the "Add to baseline" quick fix writes it.
  "baseline": ".secure-hygiene-baseline.json"
}
`;

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `The folder whose ${CONFIG_FILE} to open` });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function openConfig(): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage(`Secure Hygiene: open a folder first; ${CONFIG_FILE} lives at its root.`);
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  // Written only when missing: an existing file is opened as it is, byte for byte.
  if (!(await exists(file))) await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(CONFIG_TEMPLATE));
  await vscode.window.showTextDocument(file);
  return file;
}

export function registerCommands(context: vscode.ExtensionContext, log: vscode.OutputChannel, docs: RuleDocs): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show(true)),
    vscode.commands.registerCommand(SHOW_RULES_COMMAND, () => docs.show()),
    vscode.commands.registerCommand(OPEN_CONFIG_COMMAND, openConfig),
  );
}
