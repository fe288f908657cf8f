import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, LineIndex, languageOf, type Finding } from '../engine';
import { addToBaseline, allowPathInConfig, commentSyntax, fileSuppression, lineSuppression, type JsonFileEdit } from '../engine/fixes';
import type { ServerContext } from './features';
import { readFixFile, toWorkspaceEdit, type FixFile } from './fixFiles';
import type { SuppressionRequest } from '../shared/protocol';
import { fsPathOf } from './files';

// Suppressions and baseline entries as WorkspaceEdits, computed when the client comes back with
// the user's reason (src/client/fixPrompts.ts asks for it).

export type SuppressionOutcome = { ok: true; edit: WorkspaceEdit; label: string } | { ok: false; reason: string };

export function languageFor(ctx: ServerContext, uri: string): string {
  return languageOf(ctx.relativePath(uri), ctx.documents.get(uri)?.languageId);
}

/** Which suppression kinds make sense for a finding in this document. */
export function suppressionKinds(ctx: ServerContext, uri: string, text: string, finding: Finding): { kind: SuppressionRequest['kind']; title: string; disabled?: string }[] {
  const language = languageFor(ctx, uri);
  const kinds: { kind: SuppressionRequest['kind']; title: string; disabled?: string }[] = [];
  if (commentSyntax(language)) {
    const probe = lineProbe(text, language, finding);
    kinds.push({ kind: 'line', title: 'Ignore this finding on this line (with reason)…', disabled: probe.ok ? undefined : probe.reason });
    kinds.push({ kind: 'file', title: `Ignore ${finding.ruleId} in this file (with reason)…` });
  } else if (finding.category === 'secret') {
    kinds.push({ kind: 'allowPath', title: `Allow secrets in this file (${CONFIG_FILE_NAME} allowlist, with reason)…` });
  }
  kinds.push({ kind: 'baseline', title: 'Add this finding to the baseline (with reason)…' });
  return kinds;
}

function anchor(text: string, finding: Finding): { offset: number; valueEnd: number } {
  if (finding.secret) return { offset: finding.secret.start, valueEnd: finding.secret.literalEnd ?? finding.secret.end };
  const lines = new LineIndex(text);
  return { offset: lines.offsetAt(finding.range.start), valueEnd: lines.offsetAt(finding.range.end) };
}

function lineProbe(text: string, language: string, finding: Finding) {
  const { offset, valueEnd } = anchor(text, finding);
  return lineSuppression(text, language, offset, valueEnd, { rules: [finding.ruleId], reason: 'probe' });
}

export async function suppressionEdit(ctx: ServerContext, request: SuppressionRequest, text: string, version: number, finding: Finding): Promise<SuppressionOutcome> {
  const reason = (request.reason ?? '').trim();
  if (!reason) return { ok: false, reason: 'a reason is required' };
  const fsPath = fsPathOf(request.uri);
  if (!fsPath) return { ok: false, reason: 'the document is not a file on disk' };
  const source: FixFile = { fsPath, uri: request.uri, text, version };
  const language = languageFor(ctx, request.uri);
  const suppression = { rules: [finding.ruleId], reason, until: request.until };

  if (request.kind === 'line' || request.kind === 'file') {
    const { offset, valueEnd } = anchor(text, finding);
    const planned = request.kind === 'line' ? lineSuppression(text, language, offset, valueEnd, suppression) : fileSuppression(text, language, suppression);
    if (!planned.ok) return planned;
    const edit = toWorkspaceEdit([{ role: 'source', path: fsPath, create: false, edits: [planned.edit] }], new Map([[fsPath, source]]), true);
    return { ok: true, edit, label: request.kind === 'line' ? `Ignore ${finding.ruleId} on this line` : `Ignore ${finding.ruleId} in this file` };
  }

  const root = ctx.workspaceFolderFor(request.uri)?.fsPath ?? path.dirname(fsPath);
  const relative = (await ctx.fileInfoFor(request.uri)).path;
  let target: string;
  let planned: JsonFileEdit;
  if (request.kind === 'baseline') {
    target = path.resolve(root, (await ctx.configFor(request.uri)).baseline);
    const file = readFixFile(ctx, target);
    planned = addToBaseline(file.text, { ruleId: finding.ruleId, fingerprint: finding.fingerprint, file: relative, reason });
  } else {
    target = path.join(root, CONFIG_FILE_NAME);
    planned = allowPathInConfig(readFixFile(ctx, target).text, relative);
  }
  if (!planned.ok) return planned;
  const file = readFixFile(ctx, target);
  if (planned.unchanged) return { ok: false, reason: request.kind === 'baseline' ? 'the finding is already in the baseline' : 'the file is already allowlisted' };
  const edit = toWorkspaceEdit([{ role: 'source', path: target, create: planned.create, edits: [planned.edit] }], new Map([[target, file]]), true);
  return { ok: true, edit, label: request.kind === 'baseline' ? 'Add to the Secure Hygiene baseline' : 'Allowlist the file in .secure-hygiene.json' };
}
