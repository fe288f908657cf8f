import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Command, WorkspaceEdit } from 'vscode-languageserver/node';
import { isDotEnv, languageOf, type Finding } from '../engine';
import { loadsDotenv, planMoveSecrets, type FileChange, type MoveResult } from '../engine/fixes';
import { FIX_ALL_KIND, type ServerContext } from './features';
import { currentFindings, envFolderFor, isIgnoredByGit, isTrackedByGit, readFixFile, toWorkspaceEdit, unwritableReason, type FixFile } from './fixFiles';
import { fsPathOf } from './files';
import { FOLLOW_UP_COMMAND } from './fixIds';
import { HISTORY_COMMIT } from './historyFacts';

// "Move secret to .env" on the server side: find the .env, .env.example and .gitignore the fix
// touches, ask git about them, let the engine plan, and build the WorkspaceEdit.

export interface MoveOutcome {
  result: MoveResult;
  edit?: WorkspaceEdit;
  /** Absolute path of the .env the plan targets. */
  envPath?: string;
}

const FRAMEWORKS_THAT_LOAD_ENV = ['next', 'nuxt', 'vite', '@nestjs/config', 'react-scripts', 'dotenv-flow', '@remix-run/dev', 'astro', '@sveltejs/kit', 'gatsby', 'dotenv-cli', '@dotenvx/dotenvx', 'env-cmd'];

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether anything loads .env for this JS/TS project: an import, a script flag, a framework. */
function envLoadedFor(envDir: string, sourceText: string): boolean {
  const manifest = readIfExists(path.join(envDir, 'package.json'));
  const entries: string[] = [sourceText];
  if (manifest) {
    try {
      const parsed = JSON.parse(manifest) as { main?: unknown; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      const deps = { ...parsed.dependencies, ...parsed.devDependencies };
      if (FRAMEWORKS_THAT_LOAD_ENV.some((name) => name in deps)) return true;
      if (typeof parsed.main === 'string') entries.push(readIfExists(path.join(envDir, parsed.main)) ?? '');
    } catch {
      // An unreadable manifest is not a fact.
    }
  }
  for (const candidate of ['index.js', 'index.ts', 'server.js', 'server.ts', 'app.js', 'app.ts', 'src/index.ts', 'src/index.js', 'src/main.ts', 'src/server.ts', 'src/app.ts']) {
    const text = readIfExists(path.join(envDir, candidate));
    if (text) entries.push(text);
  }
  return loadsDotenv(entries, manifest);
}

const posix = (p: string) => p.split(path.sep).join('/');

export async function planMove(ctx: ServerContext, uri: string, text: string, version: number, findings: readonly Finding[]): Promise<MoveOutcome> {
  const sourcePath = fsPathOf(uri);
  const envDir = await envFolderFor(ctx, uri);
  if (!sourcePath || !envDir) return { result: { ok: false, reason: 'the document is not a file on disk, so there is no folder for its .env' } };
  const root = ctx.workspaceFolderFor(uri)?.fsPath ?? envDir;
  const display = (file: string) => posix(path.relative(root, file)) || path.basename(file);

  const envPath = path.join(envDir, '.env');
  const files = new Map<string, FixFile>();
  const source: FixFile = { fsPath: sourcePath, uri, text, version };
  const env = readFixFile(ctx, envPath);
  const examplePath = path.join(envDir, '.env.example');
  const example = existsSync(examplePath) ? readFixFile(ctx, examplePath) : undefined;
  const facts = await ctx.gitFactsFor(uri);
  let gitignorePath = path.join(envDir, '.gitignore');
  if (!existsSync(gitignorePath) && facts && existsSync(path.join(facts.root, '.gitignore')) && !path.relative(facts.root, envDir).startsWith('..')) {
    gitignorePath = path.join(facts.root, '.gitignore');
  }
  const gitignore = readFixFile(ctx, gitignorePath);
  const [tracked, ignored] = await Promise.all([
    env.text === undefined ? Promise.resolve(false) : isTrackedByGit(envPath),
    isIgnoredByGit(envPath),
  ]);
  const sourceKey = display(sourcePath);
  files.set(sourceKey, source);
  files.set(display(envPath), env);
  if (example?.text !== undefined) files.set(display(examplePath), example);
  files.set(display(gitignorePath), gitignore);

  const language = languageOf(ctx.relativePath(uri), ctx.documents.get(uri)?.languageId);
  const jsLike = /^(java|type)script(react)?$/.test(language);
  const result = planMoveSecrets({
    source: { path: sourceKey, text, language },
    env: { path: display(envPath), text: env.text, tracked },
    envExample: example?.text === undefined ? undefined : { path: display(examplePath), text: example.text },
    gitignore: { path: display(gitignorePath), text: gitignore.text, envRelative: posix(path.relative(path.dirname(gitignorePath), envPath)), ignoredByGit: ignored },
    envLoaded: jsLike ? envLoadedFor(envDir, text) : undefined,
  }, findings.filter((finding) => finding.secret).map((finding) => ({
    secret: finding.secret!,
    fingerprint: finding.fingerprint,
    committed: finding.data?.committed === true,
    firstCommit: typeof finding.data?.[HISTORY_COMMIT] === 'string' ? finding.data[HISTORY_COMMIT] : undefined,
  })));
  if (!result.ok) return { result, envPath };
  const unwritable = unwritableTarget(result.plan.changes, files);
  if (unwritable) return { result: { ok: false, reason: unwritable }, envPath };
  return { result, envPath, edit: toWorkspaceEdit(result.plan.changes, files, true) };
}

/**
 * Why the edit must not be offered, when a file it writes besides the source (.env, .env.example,
 * .gitignore) cannot be written: a client that applies a WorkspaceEdit file by file would change
 * the source, fail on .env, and the secret would be in neither.
 */
function unwritableTarget(changes: readonly FileChange[], files: ReadonlyMap<string, FixFile>): string | undefined {
  for (const change of changes) {
    const file = files.get(change.path);
    if (change.role === 'source' || !file) continue;
    const reason = unwritableReason(file.fsPath);
    if (reason) return `${change.path} ${reason}, so the secret cannot be saved there: the source is left as it is. Make it writable, then try again.`;
  }
  return undefined;
}

export function followUp(notes: string[]): Command | undefined {
  return notes.length > 0 ? { title: 'Secure Hygiene: follow-up', command: FOLLOW_UP_COMMAND, arguments: [notes] } : undefined;
}

/** Every secret of the file moved to .env in one WorkspaceEdit (for editor.codeActionsOnSave). */
export async function fixAll(ctx: ServerContext, uri: string): Promise<{ action?: CodeAction; reason?: string; skipped?: number }> {
  const current = await currentFindings(ctx, uri);
  if (!current) return { reason: 'the document is not open' };
  if (isDotEnv(ctx.relativePath(uri))) return { reason: 'secrets in a .env file stay there' };
  const secrets = current.findings.filter((finding) => finding.secret && finding.category === 'secret');
  if (secrets.length === 0) return { reason: 'there is no secret in this file' };
  const outcome = await planMove(ctx, uri, current.text, current.version, secrets);
  if (!outcome.result.ok || !outcome.edit) return { reason: outcome.result.ok ? 'no edit' : outcome.result.reason };
  const { plan } = outcome.result;
  return {
    skipped: plan.skipped.length,
    action: { title: plan.title, kind: FIX_ALL_KIND, edit: outcome.edit, command: followUp(plan.notes) },
  };
}
