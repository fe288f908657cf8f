import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { isDotEnv, type Finding } from '../engine';
import { containmentFix } from '../engine/fixes';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../shared/protocol';
import { codeActionProviders, diagnosticProviders, FIX_ALL_KIND, type ServerContext } from './features';
import { currentFindings, sameFileEdit, scannedVersions } from './fixFiles';
import { APPLY_SUPPRESSION_COMMAND, UNTRACK_ENV_COMMAND, type SuppressionRequest } from '../shared/protocol';
import { fixAll, followUp, planMove } from './fixMove';
import { suppressionKinds } from './fixSuppress';
import { fsPathOf } from './files';
import { credentialStoreActions } from './fixCredentialStore';
import './fixCommands';

// The quick fixes on Secure Hygiene diagnostics: move a secret to .env (or untrack a committed
// .env), the detectors' own same-file fixes (TLS, path), suppressions and the baseline; plus the
// `source.fixAll.secureHygiene` action that moves every secret of the file in one edit.

const ENV_COMMITTED = 'secret/env-file-committed';

/** Does a requested kind (`only`) cover this action kind? `source.fixAll` covers ours. */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only) return kind !== FIX_ALL_KIND;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function findingFor(findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !data?.fingerprint) return undefined;
  const candidates = findings.filter((finding) => finding.fingerprint === data.fingerprint && finding.ruleId === data.ruleId);
  const sameRange = (finding: Finding) => finding.range.start.line === diagnostic.range.start.line && finding.range.start.character === diagnostic.range.start.character;
  return candidates.find(sameRange) ?? candidates[0];
}

async function moveActions(ctx: ServerContext, uri: string, text: string, version: number, finding: Finding, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const outcome = await planMove(ctx, uri, text, version, [finding]);
  const { result } = outcome;
  if (result.ok && outcome.edit) {
    return [{
      title: result.plan.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: outcome.edit,
      command: followUp(result.plan.notes),
    }];
  }
  if (!result.ok && result.untrack) {
    return [
      { title: 'Untrack .env (git rm --cached), then move the secret', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Untrack .env', command: UNTRACK_ENV_COMMAND, arguments: [{ uri }] } },
      { title: 'Move secret to .env', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: result.reason } },
    ];
  }
  return [{ title: 'Move secret to .env', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: result.ok ? 'no edit' : result.reason } }];
}

async function quickFixes(params: CodeActionParams, ctx: ServerContext): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  if (ours.length === 0) return [];
  const current = await currentFindings(ctx, uri);
  if (!current) return [];
  const { text, version, findings } = current;
  const document = { fsPath: fsPathOf(uri) ?? uri, uri, text, version };
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const finding = findingFor(findings, diagnostic);
    if (!finding) continue;
    // A key file or a tool's credential file: the fix keeps the file out of git, it moves no value.
    const storeActions = finding.secret ? await credentialStoreActions(ctx, document.fsPath, uri, diagnostic) : undefined;
    if (finding.ruleId === ENV_COMMITTED || (finding.secret && isDotEnv(ctx.relativePath(uri)))) {
      actions.push({ title: 'Untrack this .env (git rm --cached) and ignore it', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, command: { title: 'Untrack .env', command: UNTRACK_ENV_COMMAND, arguments: [{ uri }] } });
    } else if (storeActions) {
      actions.push(...storeActions);
    } else if (finding.secret) {
      actions.push(...(await moveActions(ctx, uri, text, version, finding, diagnostic)));
    }
    if (finding.category === 'path') {
      const containment = await containmentFix(text, finding);
      if (containment) actions.push({ title: containment.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: sameFileEdit(document, containment.edits, true) });
    }
    for (const fix of finding.fixes ?? []) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit: sameFileEdit(document, fix.edits, true) });
    }
    // The server's own command, so that every LSP editor can run it: without a reason in the
    // request the server asks for one (suppressionReason.ts); VS Code's client asks first.
    for (const option of suppressionKinds(ctx, uri, text, finding)) {
      const request: SuppressionRequest = { uri, fingerprint: finding.fingerprint, ruleId: finding.ruleId, kind: option.kind };
      actions.push({
        title: option.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(option.disabled ? { disabled: { reason: option.disabled } } : { command: { title: option.title, command: APPLY_SUPPRESSION_COMMAND, arguments: [request] } }),
      });
    }
  }
  return actions;
}

codeActionProviders.push(async (params, ctx) => {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...(await quickFixes(params, ctx)));
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = await fixAll(ctx, params.textDocument.uri);
    if (all.action) actions.push(all.action);
  }
  return actions;
});

// Remembers which document version the published findings were computed from, so that a code
// action can tell whether their offsets still hold (see currentFindings).
diagnosticProviders.push(async (document) => {
  scannedVersions.set(document.uri, document.version);
  return [];
});
