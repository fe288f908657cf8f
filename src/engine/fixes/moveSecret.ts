import type { OffsetEdit, SecretSpan } from '../types';
import { maskSecret } from '../mask';
import { planEnvAppend, planExampleAppend } from './dotenvFile';
import { planGitignore } from './gitignore';
import { baseLanguage } from './literals';
import { lookupImport, noLookupReason, rewriteSecret } from './envLookup';
import { applyOffsetEdits } from './text';

// "Move secret to .env": one plan across up to four files (the source, .env, .env.example and
// .gitignore) that the server turns into one WorkspaceEdit. Pure: the caller reads the files and
// git's facts; this decides the edits and refuses whatever would lose data or leak the secret.

export interface MoveInputs {
  source: { path: string; text: string; language: string };
  /** The .env the secret goes to; `text` undefined when it does not exist; `tracked` from git. */
  env: { path: string; text?: string; tracked: boolean };
  /** `.env.example` when it exists; it gets `NAME=` lines, never values. */
  envExample?: { path: string; text: string };
  /** The .gitignore next to .env (`text` undefined when missing) and .env's path relative to it. */
  gitignore: { path: string; text?: string; envRelative: string; ignoredByGit?: boolean };
  /** JS/TS only: whether anything loads .env (a dotenv import, `--env-file` in a script). */
  envLoaded?: boolean;
}

export interface SecretToMove {
  secret: SecretSpan;
  /** The finding's fingerprint, to tell the caller which finding got which name. */
  fingerprint?: string;
  /** True when the secret is in a file git tracks: the follow-up says to rotate it. */
  committed?: boolean;
  /** The commit that first added the value, when the history holds it ("abc123def456 (2026-01-02)"). */
  firstCommit?: string;
}

export type FileRole = 'source' | 'env' | 'envExample' | 'gitignore';

export interface FileChange {
  role: FileRole;
  path: string;
  /** The file does not exist yet: create it, then insert. */
  create: boolean;
  edits: OffsetEdit[];
}

export interface MovePlan {
  title: string;
  changes: FileChange[];
  moved: { fingerprint?: string; name: string; reused: boolean; expression: string }[];
  /** Secrets of a fix-all that were left in place, with the reason. */
  skipped: { fingerprint?: string; reason: string }[];
  /** Follow-ups for the user: rotate a committed key, nothing loads .env yet. */
  notes: string[];
}

export type MoveResult =
  | { ok: true; plan: MovePlan }
  | { ok: false; reason: string; untrack?: boolean };

export const DOTENV_LOADERS = /\brequire\(\s*['"]dotenv(?:\/config)?['"]\s*\)|\bfrom\s+['"]dotenv(?:\/config)?['"]|\bimport\s+['"]dotenv\/config['"]|\bimport\s*\(\s*['"]dotenv(?:\/config)?['"]\s*\)/;
const SCRIPT_LOADERS = /--env-file(?:-if-exists)?\b|-r\s+dotenv\/config|--require[= ]dotenv\/config|--import[= ]dotenv\/config|\bdotenv\s+(?:-e\b|--)|\bdotenvx?\s+run\b|\benv-cmd\b/;

/** Does any of these texts load .env? Sources are scanned for imports, package.json for scripts. */
export function loadsDotenv(sources: readonly string[], packageJson?: string): boolean {
  if (sources.some((text) => DOTENV_LOADERS.test(text))) return true;
  if (!packageJson) return false;
  try {
    const scripts = (JSON.parse(packageJson) as { scripts?: Record<string, unknown> }).scripts ?? {};
    return Object.values(scripts).some((script) => typeof script === 'string' && SCRIPT_LOADERS.test(script));
  } catch {
    return SCRIPT_LOADERS.test(packageJson);
  }
}

/** Without leading and trailing `_`: a scan, as `/_+$/` re-reads a run of `_` from each of its starts (quadratic). */
function trimUnderscores(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && text[from] === '_') from++;
  while (to > from && text[to - 1] === '_') to--;
  return text.slice(from, to);
}

/** An environment variable name from whatever the detector suggested. */
export function sanitizeEnvName(name: string): string {
  const cleaned = trimUnderscores(name.replace(/[^A-Za-z0-9_]+/g, '_')).toUpperCase();
  if (cleaned.length === 0) return 'SECRET';
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

export const NOT_LOADED_NOTE = 'Nothing in this project loads .env yet: add `import \'dotenv/config\'` (or `require(\'dotenv\').config()`) at the entry point, or run Node with `--env-file=.env`.';

export function rotateNote(masked: string, firstCommit?: string): string {
  const when = firstCommit ? ` in commit ${firstCommit}` : '';
  return `The secret ${masked} was committed to git${when}: moving it does not remove it from history. Rotate it with its provider now.`;
}

export function planMoveSecrets(inputs: MoveInputs, secrets: readonly SecretToMove[]): MoveResult {
  if (inputs.env.tracked) {
    return { ok: false, untrack: true, reason: `${inputs.env.path} is tracked by git, so writing the secret there would commit it. Untrack it first (git rm --cached ${inputs.env.path}), then move the secret.` };
  }
  const cannot = noLookupReason(inputs.source.language);
  if (cannot) return { ok: false, reason: cannot };
  const single = secrets.length === 1;
  const sorted = [...secrets].sort((a, b) => a.secret.start - b.secret.start);

  const source = inputs.source;
  let envText = inputs.env.text;
  const taken = new Map<string, string>();
  const sourceEdits: OffsetEdit[] = [];
  const moved: MovePlan['moved'] = [];
  const skipped: MovePlan['skipped'] = [];
  const newNames: string[] = [];
  const notes: string[] = [];
  let lastEnd = -1;

  for (const item of sorted) {
    const { secret } = item;
    const span = { start: secret.literalStart ?? secret.start, end: secret.literalEnd ?? secret.end };
    const skip = (reason: string) => skipped.push({ fingerprint: item.fingerprint, reason });
    if (span.start < lastEnd) {
      skip('it overlaps another secret');
      continue;
    }
    const probe = rewriteSecret(source.text, source.language, secret, 'NAME');
    if (!probe.ok) {
      skip(probe.reason);
      continue;
    }
    const base = sanitizeEnvName(secret.envName);
    const append = planEnvAppend(envText, base, probe.value, taken);
    if (append.kind === 'refuse') {
      skip(append.reason);
      continue;
    }
    const rewrite = rewriteSecret(source.text, source.language, secret, append.name);
    if (!rewrite.ok) {
      skip(rewrite.reason);
      continue;
    }
    const trial = [...sourceEdits, ...rewrite.edits.filter((edit) => !sourceEdits.some((e) => sameEdit(e, edit)))];
    try {
      applyOffsetEdits(source.text, trial);
    } catch {
      skip('its edit overlaps another one');
      continue;
    }
    sourceEdits.splice(0, sourceEdits.length, ...trial);
    lastEnd = span.end;
    if (append.kind === 'append') {
      envText = applyOffsetEdits(envText ?? '', [append.edit]);
      newNames.push(append.name);
    }
    taken.set(append.name, probe.value);
    moved.push({ fingerprint: item.fingerprint, name: append.name, reused: append.kind === 'reuse', expression: rewrite.expression });
    if (item.committed || item.firstCommit) notes.push(rotateNote(maskSecret(probe.value), item.firstCommit));
  }

  if (moved.length === 0) {
    return { ok: false, reason: skipped.length > 0 ? `Cannot move ${single ? 'this secret' : 'any secret'}: ${skipped.map((s) => s.reason).join('; ')}` : 'there is no secret to move' };
  }

  const importEdit = lookupImport(source.language, source.text);
  if (importEdit) {
    try {
      applyOffsetEdits(source.text, [...sourceEdits, importEdit]);
      sourceEdits.push(importEdit);
    } catch {
      return { ok: false, reason: 'the import the lookup needs would overlap the secret' };
    }
  }

  const changes: FileChange[] = [{ role: 'source', path: source.path, create: false, edits: sourceEdits }];
  const originalEnv = inputs.env.text ?? '';
  if (newNames.length > 0) {
    const appended = (envText ?? '').slice(originalEnv.length);
    changes.push({ role: 'env', path: inputs.env.path, create: inputs.env.text === undefined, edits: [{ start: originalEnv.length, end: originalEnv.length, newText: appended }] });
  }
  if (inputs.envExample && newNames.length > 0) {
    let example = inputs.envExample.text;
    for (const name of newNames) {
      const edit = planExampleAppend(example, name);
      if (edit) example = applyOffsetEdits(example, [edit]);
    }
    const original = inputs.envExample.text;
    if (example !== original) {
      changes.push({ role: 'envExample', path: inputs.envExample.path, create: false, edits: [{ start: original.length, end: original.length, newText: example.slice(original.length) }] });
    }
  }
  if (!inputs.gitignore.ignoredByGit) {
    const edit = planGitignore(inputs.gitignore.text, inputs.gitignore.envRelative);
    if (edit) changes.push({ role: 'gitignore', path: inputs.gitignore.path, create: inputs.gitignore.text === undefined, edits: [edit] });
  }

  const lang = baseLanguage(source.language);
  const jsLike = lang === 'javascript' || lang === 'typescript';
  const notLoaded = jsLike && inputs.envLoaded === false;
  if (notLoaded) notes.push(NOT_LOADED_NOTE);
  const suffix = notLoaded ? ' (nothing loads .env yet)' : '';
  const title = single
    ? `Move secret to ${inputs.env.path} as ${moved[0].name}${suffix}`
    : `Move ${moved.length} secret${moved.length === 1 ? '' : 's'} in this file to ${inputs.env.path}${suffix}`;
  return { ok: true, plan: { title, changes, moved, skipped, notes } };
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}
