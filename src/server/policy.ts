import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleSetting, type Config, type Finding } from '../engine';
import { checkPolicy, CREATE_POLICY_COMMAND, manifestKindOf, missingPolicyFinding, type ProjectFacts } from '../engine/policy';
import { fileExistsIn, findPolicyFile, isPolicyPath, loadProjectFacts, readManifest } from '../shared/projectFacts';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { codeActionProviders, commandHandlers, diagnosticProviders, type ServerContext } from './features';

// Security-policy diagnostics: checks on SECURITY.md (root, .github/ or docs/ of a workspace
// folder) and, when a folder has no policy, one Information hint on its manifest whose fix runs
// the client's "Create Security Policy" command. Imported once from plugins.ts.

/** Re-checks policies and manifests after the client wrote a policy. Arguments: none. */
export const REFRESH_POLICY_COMMAND = 'secureHygiene.policy.refresh';

const FACTS_TTL_MS = 10_000;
const factsCache = new Map<string, { at: number; facts: Promise<ProjectFacts> }>();

function factsFor(folderPath: string): Promise<ProjectFacts> {
  const cached = factsCache.get(folderPath);
  if (cached && Date.now() - cached.at < FACTS_TTL_MS) return cached.facts;
  const facts = loadProjectFacts(folderPath);
  factsCache.set(folderPath, { at: Date.now(), facts });
  return facts;
}

/** Applies the user's `rules` settings (off, or another severity) to policy findings. */
function configured(findings: Finding[], config: Config): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const setting = ruleSetting(config, finding.ruleId);
    if (setting === 'off') continue;
    out.push(setting ? { ...finding, severity: setting } : finding);
  }
  return out;
}

async function policyDiagnostics(document: TextDocument, ctx: ServerContext): Promise<Finding[]> {
  const folder = ctx.workspaceFolderFor(document.uri);
  if (!folder) return [];
  const relative = ctx.relativePath(document.uri);
  if (relative.startsWith('..')) return [];
  if (isPolicyPath(relative) && /\.(?:md|markdown)$/i.test(relative)) {
    const facts = await factsFor(folder.fsPath);
    const findings = checkPolicy(document.getText(), {
      policyPath: relative,
      version: facts.version,
      repository: facts.repository,
      fileExists: fileExistsIn(folder.fsPath),
    });
    return configured(findings, await ctx.configFor(document.uri));
  }
  // The hint goes on the folder's main manifest only, and only while there is no policy.
  if (relative.includes('/') || !manifestKindOf(relative)) return [];
  if (readManifest(folder.fsPath)?.path !== relative || findPolicyFile(folder.fsPath)) return [];
  return configured([missingPolicyFinding(document.getText(), relative)], await ctx.configFor(document.uri));
}

function isPolicyDiagnostic(diagnostic: Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string' && diagnostic.code.startsWith('policy/');
}

/**
 * The `policy/missing` hint's fix runs the client's scaffold command. The checks' own same-file
 * fixes (Finding.fixes) are turned into code actions by the shared quick-fix provider
 * (codeActions.ts), which also guards against stale offsets.
 */
async function policyCodeActions(params: CodeActionParams, ctx: ServerContext): Promise<CodeAction[]> {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
  const uri = params.textDocument.uri;
  const folder = ctx.workspaceFolderFor(uri);
  return params.context.diagnostics.filter(isPolicyDiagnostic).filter((diagnostic) => diagnostic.code === 'policy/missing').map((diagnostic) => ({
    title: 'Create a security policy (SECURITY.md)',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    command: { title: 'Create Security Policy (SECURITY.md)', command: CREATE_POLICY_COMMAND, arguments: folder ? [folder.uri] : [] },
  }));
}

diagnosticProviders.push(policyDiagnostics);
codeActionProviders.push(policyCodeActions);
commandHandlers.set(REFRESH_POLICY_COMMAND, async (_args, ctx) => {
  factsCache.clear();
  ctx.revalidate();
  return null;
});
