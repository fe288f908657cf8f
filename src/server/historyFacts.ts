import * as path from 'node:path';
import { MessageType } from 'vscode-languageserver/node';
import { maskSecret, type Finding } from '../engine';
import { gitWithInput } from '../shared/git';
import { readBatch } from '../shared/gitBlobs';
import { HISTORY_LEAKS_COMMAND, type HistoryLeaksResult, type HistoryLeakItem } from '../shared/protocol';
import { commandHandlers, findingAnnotators, gitChangeListeners, type ServerContext, type WorkspaceFolderInfo } from './features';
import { HistoryIndex, valueKey, type HistoryLeak } from './historyIndex';
import { ScanPool } from './scanPool';

// "Committed" includes the history: a secret the user is looking at that any earlier commit added is
// leaked, whatever the working copy says now. Each workspace folder in a git repository gets a
// HistoryIndex, read in the background on its own scan worker (so it never delays an open file's
// diagnostics) when a document of the folder is first scanned, and read again, for the new commits
// only, when git's facts change. Until it is ready, diagnostics say what the file's git state says;
// once it is, open documents are scanned again and a secret found in the history says so, with the
// commit that first added it. `secureHygiene.historyLeaks` lists what the history holds, flagging the
// secrets HEAD no longer has ("removed, still leaked"); asked for, it reads the history even when the
// `secureHygiene.history.enable` setting turned the background reading off.

/** `Finding.data` keys the history adds (read by the move fix for its follow-up note). */
export const HISTORY_COMMIT = 'historyCommit';
export const HISTORY_DATE = 'historyCommitDate';

const indexes = new Map<string, Promise<HistoryIndex | undefined>>();
let historyPool: ScanPool | undefined;

/** One worker of its own: history chunks never queue in front of an open document's scan. */
function pool(ctx: ServerContext): ScanPool {
  historyPool ??= new ScanPool(1, (message, error) => ctx.log.error(`History scan: ${message}`, error));
  return historyPool;
}

function indexFor(folder: WorkspaceFolderInfo, uri: string, ctx: ServerContext): Promise<HistoryIndex | undefined> {
  let pending = indexes.get(folder.uri);
  if (!pending) {
    pending = createIndex(folder, uri, ctx);
    indexes.set(folder.uri, pending);
  }
  return pending;
}

async function createIndex(folder: WorkspaceFolderInfo, uri: string, ctx: ServerContext): Promise<HistoryIndex | undefined> {
  const facts = await ctx.gitFactsFor(uri);
  if (!facts) return undefined;
  const top = facts.root;
  const index = new HistoryIndex({
    top,
    maxCommits: async () => (await ctx.settingsFor(folder.uri)).history.maxCommits,
    toFolderPath: (fromTop) => {
      const relative = path.relative(folder.fsPath, path.join(top, fromTop));
      return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
    },
    scan: async (text, relative) => {
      const [config, settings] = await Promise.all([ctx.configFor(folder.uri), ctx.settingsFor(folder.uri)]);
      const result = await pool(ctx).scan({ text, file: { path: relative, gitState: 'tracked' }, config, budgetMs: settings.timeBudgetMs });
      return result.kind === 'done' ? result.findings : [];
    },
    onUpdated: () => ctx.revalidate(),
    onError: (message, error) => ctx.log.error(message, error),
  });
  void index.refresh();
  return index;
}

function commitLabel(leak: HistoryLeak): string {
  return `${leak.commit.slice(0, 12)} (${leak.commitDate.slice(0, 10)})`;
}

/** Says, on each secret finding the history holds, that it is leaked and since which commit. */
export function annotateWithHistory(findings: Finding[], lookup: (value: string) => HistoryLeak | undefined): void {
  for (const finding of findings) {
    // Once per finding: a kept result may be annotated again when the history learns more.
    if (finding.category !== 'secret' || !finding.secret || finding.data?.[HISTORY_COMMIT] !== undefined) continue;
    const leak = lookup(finding.secret.value);
    if (!leak) continue;
    const where = `${leak.path}:${leak.line}`;
    const provider = typeof finding.data?.provider === 'string' ? finding.data.provider : finding.title;
    const masked = maskSecret(finding.secret.value);
    if (finding.data?.committed === true) {
      finding.message = `${finding.message} First committed in ${commitLabel(leak)}, ${where}.`;
    } else {
      // The working copy's state (not committed yet, untracked) is beside the point: it is leaked.
      finding.message = `${provider} (${masked}) was committed to git in ${commitLabel(leak)}, ${where}: it is in the repository's history, so it is leaked even where it was removed since. Rotate it now, then move it to a git-ignored .env.`;
      finding.severity = 'error';
    }
    finding.data = { ...finding.data, committed: true, [HISTORY_COMMIT]: commitLabel(leak), [HISTORY_DATE]: leak.commitDate };
  }
}

findingAnnotators.push(async (uri: string, findings: Finding[], ctx: ServerContext) => {
  // Read lazily: a folder's history is read once one of its documents shows a secret.
  if (!findings.some((finding) => finding.category === 'secret' && finding.secret)) return;
  const folder = ctx.workspaceFolderFor(uri);
  if (!folder || !uri.startsWith('file:')) return;
  if (!(await ctx.settingsFor(uri)).history.enable) return;
  // Never waits on the history: an index still being read answers nothing yet.
  const index = await indexFor(folder, uri, ctx);
  if (index) annotateWithHistory(findings, (value) => index.lookup(value));
});

gitChangeListeners.push(() => {
  for (const pending of indexes.values()) void pending.then((index) => index?.refresh());
});

/** Which values HEAD's version of each file holds, as keys: to tell "removed, still leaked" from "still there". */
async function keysAtHead(top: string, folder: WorkspaceFolderInfo, paths: readonly string[], ctx: ServerContext): Promise<Map<string, Set<string>>> {
  const byPath = new Map<string, Set<string>>(paths.map((relative) => [relative, new Set<string>()]));
  const fromTop = paths.map((relative) => path.relative(top, path.join(folder.fsPath, relative)).split(path.sep).join('/'));
  const output = await gitWithInput(['cat-file', '--batch'], top, fromTop.map((file) => `HEAD:${file}\n`).join(''));
  const [config, settings] = await Promise.all([ctx.configFor(folder.uri), ctx.settingsFor(folder.uri)]);
  const answers = readBatch(output, paths.length);
  for (const [index, answer] of answers.entries()) {
    // Gone at HEAD (deleted, renamed): nothing of it is present.
    if (answer.text === undefined) continue;
    const relative = paths[index];
    const result = await pool(ctx).scan({ text: answer.text, file: { path: relative, gitState: 'tracked' }, config, budgetMs: settings.timeBudgetMs });
    if (result.kind !== 'done') continue;
    for (const finding of result.findings) if (finding.secret) byPath.get(relative)!.add(valueKey(finding.secret.value));
  }
  return byPath;
}

async function leaksOf(folder: WorkspaceFolderInfo, ctx: ServerContext): Promise<HistoryLeaksResult['folders'][number]> {
  const uri = folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`;
  const index = await indexFor(folder, uri, ctx);
  if (!index) return { folder: folder.name, state: 'no git', commits: 0, truncated: false, leaks: [] };
  await index.refresh();
  await index.settled();
  const all = index.all();
  const facts = await ctx.gitFactsFor(uri);
  const atHead = facts ? await keysAtHead(facts.root, folder, [...new Set(all.map((leak) => leak.path))], ctx).catch(() => undefined) : undefined;
  const leaks: HistoryLeakItem[] = all.map(({ key, ...leak }) => ({ ...leak, presentAtHead: atHead?.get(leak.path)?.has(key) ?? true }));
  return { folder: folder.name, state: index.state, commits: index.commits, truncated: index.truncated, leaks };
}

function summary(result: HistoryLeaksResult): string {
  const leaks = result.folders.flatMap((folder) => folder.leaks);
  const removed = leaks.filter((leak) => !leak.presentAtHead);
  if (leaks.length === 0) return 'Secure Hygiene: the git history holds no secret.';
  const lines = removed.slice(0, 10).map((leak) => `${leak.masked} (${leak.ruleId}) in ${leak.path}:${leak.line}, commit ${leak.commit.slice(0, 12)}`);
  const more = removed.length > lines.length ? `; and ${removed.length - lines.length} more` : '';
  return `Secure Hygiene: the git history holds ${leaks.length} secret(s); ${removed.length} removed since but still leaked (rotate them)${removed.length > 0 ? `: ${lines.join('; ')}${more}` : ''}.`;
}

commandHandlers.set(HISTORY_LEAKS_COMMAND, async (args, ctx) => {
  const options = (args[0] ?? {}) as { folder?: string; notify?: boolean };
  const folders = new Map<string, WorkspaceFolderInfo>();
  for (const document of ctx.documents.all()) {
    const folder = ctx.workspaceFolderFor(document.uri);
    if (folder) folders.set(folder.uri, folder);
  }
  for (const folder of ctx.workspaceFolders()) folders.set(folder.uri, folder);
  const wanted = [...folders.values()].filter((folder) => !options.folder || folder.uri === options.folder);
  const result: HistoryLeaksResult = { folders: await Promise.all(wanted.map((folder) => leaksOf(folder, ctx))) };
  if (options.notify) void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: summary(result) });
  return result;
});
