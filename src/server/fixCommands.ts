import * as path from 'node:path';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { isDotEnv, maskSecretsIn } from '../engine';
import { planGitignore } from '../engine/fixes';
import { credentialStoreOf } from '../engine/credentialStores';
import { commandHandlers, type ServerContext } from './features';
import { currentFindings, envFolderFor, git, isTrackedByGit, readFixFile, toWorkspaceEdit } from './fixFiles';
import { APPLY_SUPPRESSION_COMMAND, FOLLOW_UP_COMMAND, MOVE_ALL_SERVER_COMMAND, UNTRACK_ENV_COMMAND, type SuppressionRequest } from '../shared/protocol';
import { fixAll } from './fixMove';
import { suppressionEdit } from './fixSuppress';
import { cannotAsk, reasonFor } from './suppressionReason';
import { fsPathOf } from './files';

// The commands behind the quick fixes that need more than an edit: a suppression with its reason
// (sent by the client, or asked here: suppressionReason.ts), the follow-up messages, untracking a committed .env after confirmation,
// and "Move all secrets in this file to .env".

/** A message that needs no answer (a notification, so the editor does not wait on it). */
function notify(ctx: ServerContext, type: MessageType, message: string): void {
  // A reason can quote git's stderr or a line of the file: masked like every other output.
  void ctx.connection.sendNotification(ShowMessageNotification.type, { type, message: `Secure Hygiene: ${maskSecretsIn(message)}` });
}

function isRequest(value: unknown): value is SuppressionRequest {
  const request = value as Partial<SuppressionRequest> | undefined;
  return typeof request?.uri === 'string' && typeof request.fingerprint === 'string' && typeof request.ruleId === 'string'
    && ['line', 'file', 'baseline', 'allowPath'].includes(request.kind as string);
}

commandHandlers.set(APPLY_SUPPRESSION_COMMAND, async (args, ctx) => {
  const request = args[0];
  if (!isRequest(request)) throw new Error('expected a suppression request');
  // Asked before reading the document: the user may edit it while the question is open.
  const answer = await reasonFor(ctx, request);
  if ('cancelled' in answer) return { applied: false, reason: 'cancelled' };
  const current = await currentFindings(ctx, request.uri);
  const finding = current?.findings.find((f) => f.fingerprint === request.fingerprint && f.ruleId === request.ruleId);
  if (!current || !finding) {
    notify(ctx, MessageType.Warning, 'that finding is gone (the file changed); nothing to suppress.');
    return { applied: false };
  }
  const outcome = await suppressionEdit(ctx, { ...request, reason: answer.reason }, current.text, current.version, finding);
  if (!outcome.ok) {
    notify(ctx, MessageType.Warning, `${outcome.reason}.`);
    return { applied: false, reason: outcome.reason };
  }
  const result = await ctx.connection.workspace.applyEdit({ label: outcome.label, edit: outcome.edit });
  return { applied: result.applied, reason: answer.reason };
});

commandHandlers.set(FOLLOW_UP_COMMAND, async (args, ctx) => {
  const notes = Array.isArray(args[0]) ? args[0].filter((note): note is string => typeof note === 'string') : [];
  // Notes come from the engine and mask secrets; mask again in case a secret slipped into one.
  for (const note of notes) notify(ctx, MessageType.Warning, `${note}`);
  return { shown: notes.length };
});

async function untrack(ctx: ServerContext, envPath: string): Promise<{ untracked: boolean; reason?: string }> {
  const dir = path.dirname(envPath);
  const removed = await git(['rm', '--cached', '--quiet', '--', path.basename(envPath)], dir);
  if (removed.code !== 0) return { untracked: false, reason: removed.stderr.trim() || 'git rm --cached failed' };
  // Make git ignore it from now on, in the same folder's .gitignore.
  const gitignorePath = path.join(dir, '.gitignore');
  const gitignore = readFixFile(ctx, gitignorePath);
  const edit = planGitignore(gitignore.text, path.basename(envPath));
  if (edit) {
    await ctx.connection.workspace.applyEdit({
      label: 'Ignore .env',
      edit: toWorkspaceEdit([{ role: 'gitignore', path: gitignorePath, create: gitignore.text === undefined, edits: [edit] }], new Map([[gitignorePath, gitignore]]), true),
    });
  }
  return { untracked: true };
}

commandHandlers.set(UNTRACK_ENV_COMMAND, async (args, ctx) => {
  const arg = args[0] as { uri?: unknown; confirmed?: unknown } | undefined;
  const uri = typeof arg?.uri === 'string' ? arg.uri : undefined;
  const fsPath = uri ? fsPathOf(uri) : undefined;
  if (!uri || !fsPath) throw new Error('expected { uri }');
  // A .env, or a credential store (id_rsa, .pgpass, ...): the file itself is what gets untracked.
  const envPath = isDotEnv(fsPath) || credentialStoreOf(fsPath) ? fsPath : path.join((await envFolderFor(ctx, uri)) ?? path.dirname(fsPath), '.env');
  const name = path.basename(envPath);
  if (!(await isTrackedByGit(envPath))) {
    notify(ctx, MessageType.Info, `git does not track ${name}; nothing to untrack.`);
    return { untracked: false, reason: 'not tracked' };
  }
  if (arg?.confirmed !== true) {
    const UNTRACK = `Untrack ${name}`;
    let answer: { title: string } | undefined;
    try {
      answer = await ctx.connection.window.showWarningMessage(
        `Secure Hygiene: git tracks ${name}, so its secrets are in the repository. Untracking it runs "git rm --cached ${name}": the file stays on disk, the next commit removes it from the repository and .gitignore keeps it out. The secrets stay in the history: rotate them.`,
        { title: UNTRACK }, { title: 'Cancel' },
      );
    } catch (error) {
      // An editor without window/showMessageRequest (Helix) cannot confirm: nothing is untracked unasked.
      if (!cannotAsk(error)) throw error;
      notify(ctx, MessageType.Warning, `git tracks ${name}, so its secrets are in the repository. This editor cannot ask for confirmation: run "git rm --cached ${name}", add it to .gitignore and rotate its secrets.`);
      return { untracked: false, reason: 'cannot confirm' };
    }
    if (answer?.title !== UNTRACK) return { untracked: false, reason: 'cancelled' };
  }
  const result = await untrack(ctx, envPath);
  if (result.untracked) {
    await (await ctx.gitFactsFor(uri))?.refresh();
    ctx.revalidate();
    notify(ctx, MessageType.Warning, `${name} is no longer tracked; commit the change. Its secrets were committed before: rotate them with their providers.`);
  } else {
    notify(ctx, MessageType.Error, `could not untrack ${name}: ${result.reason}`);
  }
  return result;
});

commandHandlers.set(MOVE_ALL_SERVER_COMMAND, async (args, ctx) => {
  const uri = typeof args[0] === 'string' ? args[0] : undefined;
  if (!uri) throw new Error('expected the document uri');
  const all = await fixAll(ctx, uri);
  if (!all.action?.edit) {
    notify(ctx, MessageType.Info, `nothing moved: ${all.reason}.`);
    return { applied: false, reason: all.reason };
  }
  const result = await ctx.connection.workspace.applyEdit({ label: all.action.title, edit: all.action.edit });
  const notes = (all.action.command?.arguments?.[0] as string[] | undefined) ?? [];
  if (result.applied) for (const note of notes) notify(ctx, MessageType.Warning, `${note}`);
  if (all.skipped) notify(ctx, MessageType.Info, `${all.skipped} secret(s) could not be moved automatically; see their quick fixes.`);
  return { applied: result.applied, skipped: all.skipped ?? 0 };
});
