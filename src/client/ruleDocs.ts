import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, SHOW_RULE_DOC_COMMAND } from '../shared/protocol';

// Rule documentation inside the editor, offline: the pages of docs/rules/ ship in the extension.
// The diagnostic's code (the link in Problems and in the hover) opens the page in a Markdown
// preview instead of the repository's web page, and every finding gets a "Show documentation"
// code action. The server keeps publishing the repository URL, which other LSP editors open.

const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;

export class RuleDocs {
  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The shipped page of a rule, or undefined (a custom pattern's id, or a page that does not exist). */
  pageOf(ruleId: string): vscode.Uri | undefined {
    if (!RULE_ID.test(ruleId)) return undefined;
    const page = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${ruleId}.md`);
    return fs.existsSync(page.fsPath) ? page : undefined;
  }

  index(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', 'README.md');
  }

  async show(ruleId?: string): Promise<void> {
    const page = ruleId ? this.pageOf(ruleId) : this.index();
    if (!page) {
      void vscode.window.showInformationMessage(`Secure Hygiene: ${ruleId} has no documentation page (a custom pattern of the project's .secure-hygiene.json?).`);
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', page);
  }

  /** A `command:` URI that opens the rule's page; VS Code's Problems panel and hover open it (they allow commands). */
  commandUri(ruleId: string): vscode.Uri {
    return vscode.Uri.parse(`command:${SHOW_RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
  }

  /** Points the code of each of our diagnostics that has a shipped page at that page. */
  rewrite(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'object') continue;
      const ruleId = String(diagnostic.code.value);
      if (this.pageOf(ruleId)) diagnostic.code = { value: diagnostic.code.value, target: this.commandUri(ruleId) };
    }
    return diagnostics;
  }

  /** "Show documentation for <rule>" for each rule among the context's diagnostics. */
  actionsFor(context: vscode.CodeActionContext): vscode.CodeAction[] {
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) continue;
      const ruleId = String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
      if (seen.has(ruleId) || !this.pageOf(ruleId)) continue;
      seen.add(ruleId);
      const action = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { title: action.title, command: SHOW_RULE_DOC_COMMAND, arguments: [ruleId] };
      actions.push(action);
    }
    return actions;
  }

  /** The language client middleware doing both, for pushed and pulled diagnostics. */
  middleware(): Middleware {
    return {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, this.rewrite(diagnostics)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') this.rewrite(report.items);
        return report;
      },
      provideWorkspaceDiagnostics: async (resultIds, token, reporter, next) => {
        const rewriteReport = (report: { items: ({ kind: string; items?: vscode.Diagnostic[] })[] } | null) => {
          for (const item of report?.items ?? []) if (item.kind === 'full' && item.items) this.rewrite(item.items);
        };
        const report = await next(resultIds, token, (chunk) => {
          rewriteReport(chunk);
          reporter(chunk);
        });
        if (report) rewriteReport(report);
        return report;
      },
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = (await next(document, range, context, token)) ?? [];
        if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return actions;
        return [...actions, ...this.actionsFor(context)];
      },
    };
  }
}

export function registerRuleDocs(context: vscode.ExtensionContext, docs: RuleDocs): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOC_COMMAND, (ruleId?: unknown) => docs.show(typeof ruleId === 'string' ? ruleId : undefined)),
  );
}
