import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { findSuppressions, LineIndex, parseBaseline } from '../engine';
import { gitOutcome } from '../shared/git';
import { ListSuppressionsRequest, type ListedBaselineEntry, type ListedSuppression, type SuppressionListResult } from '../shared/protocol';
import type { ServerContext, WorkspaceFolderInfo } from './features';
import { fsPathOf } from './files';

// Answers `secureHygiene/listSuppressions` for the client's view: every suppression comment in the
// workspace's files (found by `git grep`, which honours .gitignore, then parsed by the engine's one
// grammar) and every entry of each folder's baseline file, with their reasons and expiry dates.

/** The markers findSuppressions understands; git grep only names the files that hold one. */
const MARKERS = ['secure-hygiene-ignore', 'gitleaks:allow', 'pragma: allowlist', 'trufflehog:ignore', 'secretlint-disable', 'nosemgrep'];
/** Files past this size are not read for the list (the scan's own size limit is of the same order). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** The view lists at most this many files' comments, so that a huge monorepo cannot stall the server. */
const MAX_FILES = 2000;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Files of `folder` holding a marker: tracked and untracked, not git-ignored; any file outside a repository. */
async function filesWithMarkers(folder: string): Promise<string[]> {
  const patterns = MARKERS.flatMap((marker) => ['-e', marker]);
  let outcome = await gitOutcome(['grep', '-l', '-I', '-F', '-z', '--untracked', ...patterns, '--', '.'], folder);
  // 128: not a repository (git grep then needs --no-index); 1: no match.
  if (outcome.code === 128) outcome = await gitOutcome(['grep', '--no-index', '-l', '-I', '-F', '-z', ...patterns, '--', '.'], folder);
  if (outcome.code !== 0) return [];
  return outcome.stdout.split('\0').filter(Boolean).slice(0, MAX_FILES).map((relative) => path.join(folder, relative));
}

async function readText(file: string, ctx: ServerContext): Promise<string | undefined> {
  const open = ctx.documents.get(pathToFileURL(file).toString());
  if (open) return open.getText();
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every suppression comment of one text, with `expired` judged against `now` (YYYY-MM-DD). */
export function suppressionsIn(text: string, uri: string, now: string): ListedSuppression[] {
  const index = findSuppressions(text, new LineIndex(text));
  const all = [...index.file, ...[...index.byLine.values()].flat()];
  const unique = new Map(all.map((suppression) => [suppression.line, suppression]));
  return [...unique.values()]
    .sort((a, b) => a.line - b.line)
    .map((suppression) => ({
      kind: 'comment',
      uri,
      line: suppression.line,
      marker: suppression.marker,
      rules: suppression.rules,
      ...(suppression.reason ? { reason: suppression.reason } : {}),
      ...(suppression.until ? { until: suppression.until } : {}),
      expired: suppression.until !== undefined && suppression.until < now,
    }));
}

async function baselineOf(folder: WorkspaceFolderInfo, ctx: ServerContext): Promise<ListedBaselineEntry[]> {
  const config = await ctx.configFor(folder.uri);
  const file = path.resolve(folder.fsPath, config.baseline);
  const text = await readText(file, ctx);
  if (text === undefined) return [];
  const baselineUri = pathToFileURL(file).toString();
  return parseBaseline(text).baseline.findings.map((entry) => ({
    kind: 'baseline',
    baselineUri,
    uri: pathToFileURL(path.resolve(folder.fsPath, entry.file)).toString(),
    ruleId: entry.ruleId,
    fingerprint: entry.fingerprint,
    ...(entry.reason ? { reason: entry.reason } : {}),
  }));
}

export async function listSuppressions(ctx: ServerContext, folders: readonly WorkspaceFolderInfo[]): Promise<SuppressionListResult> {
  const now = today();
  const result: SuppressionListResult = { suppressions: [], baseline: [] };
  const seen = new Set<string>();
  for (const folder of folders) {
    result.baseline.push(...(await baselineOf(folder, ctx)));
    for (const file of await filesWithMarkers(folder.fsPath)) {
      const uri = pathToFileURL(file).toString();
      if (seen.has(uri)) continue;
      seen.add(uri);
      const text = await readText(file, ctx);
      if (text !== undefined) result.suppressions.push(...suppressionsIn(text, uri, now));
    }
  }
  // Open documents of the folders that git grep did not name (a marker not saved yet): their text as
  // the editor has it. Files outside every folder (a rule's page in a preview) are not the workspace's.
  for (const document of ctx.documents.all()) {
    if (seen.has(document.uri) || !fsPathOf(document.uri) || !ctx.workspaceFolderFor(document.uri)) continue;
    result.suppressions.push(...suppressionsIn(document.getText(), document.uri, now));
  }
  return result;
}

/** Registered once by the server (src/server/server.ts). */
export function registerSuppressionList(connection: Connection, ctx: ServerContext, folders: () => readonly WorkspaceFolderInfo[]): void {
  connection.onRequest(ListSuppressionsRequest.type, () => listSuppressions(ctx, folders()));
}
