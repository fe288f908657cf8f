import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { credentialStoreOf } from '../engine/credentialStores';
import { planGitignore } from '../engine/fixes';
import { isIgnoredByGit, isTrackedByGit, readFixFile, toWorkspaceEdit } from './fixFiles';
import { UNTRACK_ENV_COMMAND } from './fixIds';
import type { ServerContext } from './features';

// The quick fixes for a secret in a file that is a credential store (`id_rsa`, `*.pem`, `.pgpass`,
// `.netrc`, `~/.aws/credentials`, a kubeconfig): the file itself must stay out of git, so the fix
// is about the file, not "move the value to .env". Untracking reuses the `.env` command, which asks
// first, runs `git rm --cached` and ignores the file in its folder's .gitignore.

export async function credentialStoreActions(ctx: ServerContext, fsPath: string, uri: string, diagnostic: Diagnostic): Promise<CodeAction[] | undefined> {
  const store = credentialStoreOf(fsPath);
  if (!store) return undefined;
  if (await isTrackedByGit(fsPath)) {
    return [{
      title: `Untrack ${store.name} (git rm --cached) and ignore it; then rotate what it holds`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      command: { title: `Untrack ${store.name}`, command: UNTRACK_ENV_COMMAND, arguments: [{ uri }] },
    }];
  }
  if (await isIgnoredByGit(fsPath)) return [];
  const gitignorePath = path.join(path.dirname(fsPath), '.gitignore');
  const gitignore = readFixFile(ctx, gitignorePath);
  const edit = planGitignore(gitignore.text, store.name);
  if (!edit) return [];
  return [{
    title: `Add ${store.name} to .gitignore (a ${store.kind} never belongs in git)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: toWorkspaceEdit([{ role: 'gitignore', path: gitignorePath, create: gitignore.text === undefined, edits: [edit] }], new Map([[gitignorePath, gitignore]]), true),
  }];
}
