import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateFile, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { LineIndex, type Finding, type OffsetEdit } from '../engine';
import type { FileChange } from '../engine/fixes';
import { gitOutcome } from '../shared/git';
import { fsPathOf } from './files';
import type { ServerContext } from './features';

// The file-system and git side of the quick fixes: reading the files a fix touches (from the
// editor when open, else from disk), asking git whether a file is tracked or ignored, and turning
// the engine's offset edits into one WorkspaceEdit.

/** A file a fix reads: its text as the editor has it (open) or as on disk, undefined when missing. */
export interface FixFile {
  fsPath: string;
  uri: string;
  text?: string;
  /** The open document's version; null for files read from disk. */
  version: number | null;
}

export function readFixFile(ctx: ServerContext, fsPath: string): FixFile {
  const uri = pathToFileURL(fsPath).toString();
  const open = ctx.documents.get(uri);
  if (open) return { fsPath, uri, text: open.getText(), version: open.version };
  try {
    return { fsPath, uri, text: readFileSync(fsPath, 'utf8'), version: null };
  } catch {
    return { fsPath, uri, version: null };
  }
}

/** The one git runner (src/shared/git.ts), in the form the fixes use: exit code and output, never a rejection. */
export const git = gitOutcome;

/**
 * Why a fix cannot write this file ("is not writable (EACCES)"), or undefined when it can: the
 * file itself when it exists, else the folder it would be created in.
 */
export function unwritableReason(fsPath: string): string | undefined {
  const exists = existsSync(fsPath);
  try {
    accessSync(exists ? fsPath : path.dirname(fsPath), constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return exists ? `is not writable (${code})` : `cannot be created: its folder is not writable (${code})`;
  }
}

/** Asked of git directly (not the cached listing): the secret must never land in a tracked file. */
export async function isTrackedByGit(fsPath: string): Promise<boolean> {
  const dir = path.dirname(fsPath);
  if (!existsSync(dir)) return false;
  const result = await git(['ls-files', '-z', '--', path.basename(fsPath)], dir);
  return result.code === 0 && result.stdout.length > 0;
}

export async function isIgnoredByGit(fsPath: string): Promise<boolean> {
  const dir = path.dirname(fsPath);
  if (!existsSync(dir)) return false;
  return (await git(['check-ignore', '-q', '--', path.basename(fsPath)], dir)).code === 0;
}

const MANIFESTS = ['package.json', 'pyproject.toml', 'requirements.txt', 'setup.py', 'go.mod', 'Gemfile', 'composer.json', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Cargo.toml', 'deno.json'];
/** Manifests named after their project (`Api.csproj`), recognised by their extension. */
const MANIFEST_EXTENSIONS = ['.csproj', '.fsproj', '.vbproj'];

/** Does the folder hold a package manifest? A C# project's `*.csproj` counts, whatever its name. */
export function holdsManifest(dir: string): boolean {
  if (MANIFESTS.some((name) => existsSync(path.join(dir, name)))) return true;
  try {
    // Files only: a folder named `Tools.csproj` is not a project.
    return readdirSync(dir, { withFileTypes: true }).some((entry) => entry.isFile() && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()));
  } catch {
    return false;
  }
}

/**
 * The folder whose .env a document's secrets go to: with `nearestManifest` (the default), the
 * nearest folder holding a package manifest, from the document's folder up to its workspace
 * folder, else the workspace folder; with `workspaceFolder`, the workspace folder.
 */
export async function envFolderFor(ctx: ServerContext, uri: string): Promise<string | undefined> {
  const fsPath = fsPathOf(uri);
  const root = ctx.workspaceFolderFor(uri)?.fsPath;
  if (!fsPath) return undefined;
  if (!root) return path.dirname(fsPath);
  if ((await ctx.settingsFor(uri)).dotenvLocation === 'workspaceFolder') return root;
  for (let dir = path.dirname(fsPath); ; dir = path.dirname(dir)) {
    const relative = path.relative(root, dir);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return root;
    if (holdsManifest(dir)) return dir;
    if (relative === '') return root;
  }
}

/** Turns engine FileChanges (offsets into the texts read) into one WorkspaceEdit. */
export function toWorkspaceEdit(changes: readonly FileChange[], files: ReadonlyMap<string, FixFile>, documentChanges: boolean): WorkspaceEdit {
  const creates: CreateFile[] = [];
  const edits: TextDocumentEdit[] = [];
  const plain: Record<string, TextEdit[]> = {};
  for (const change of changes) {
    const file = files.get(change.path);
    if (!file) throw new Error(`no text read for ${change.path}`);
    const lines = new LineIndex(file.text ?? '');
    const textEdits = change.edits.map((edit) => TextEdit.replace(lines.rangeOf(edit.start, edit.end), edit.newText));
    if (change.create) creates.push(CreateFile.create(file.uri, { ignoreIfExists: true }));
    edits.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(file.uri, file.version), textEdits));
    plain[file.uri] = [...(plain[file.uri] ?? []), ...textEdits];
  }
  return documentChanges ? { documentChanges: [...creates, ...edits] } : { changes: plain };
}

/** A same-file edit as a WorkspaceEdit. */
export function sameFileEdit(file: FixFile, edits: readonly OffsetEdit[], documentChanges: boolean): WorkspaceEdit {
  return toWorkspaceEdit([{ role: 'source', path: file.fsPath, create: false, edits: [...edits] }], new Map([[file.fsPath, file]]), documentChanges);
}

/**
 * The document's findings, guaranteed to match its current text: the published ones when the
 * secrets they hold are still where they were, else a fresh scan of the current text.
 */
export async function currentFindings(ctx: ServerContext, uri: string): Promise<{ text: string; version: number; findings: Finding[] } | undefined> {
  const document = ctx.documents.get(uri);
  if (!document) return undefined;
  const text = document.getText();
  const published = ctx.findingsFor(uri);
  const fresh = published && scannedVersions.get(uri) === document.version
    && published.every((finding) => !finding.secret || text.slice(finding.secret.start, finding.secret.end) === finding.secret.value);
  if (fresh) return { text, version: document.version, findings: published };
  const findings = await ctx.scanText(uri, text);
  return { text, version: document.version, findings };
}

/** The document version each published set of findings was computed from (see codeActions.ts). */
export const scannedVersions = new Map<string, number>();
