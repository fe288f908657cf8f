import * as vscode from 'vscode';
import type { DiagnosticPullOptions, Middleware } from 'vscode-languageclient/node';

// How VS Code pulls the server's diagnostics (LSP 3.17; the server announces the pull to clients
// that support it and then pushes nothing: see src/server/pullDiagnostics.ts).
// - An open document is pulled on open and after every change (the server answers once it has
//   scanned that version, after its debounce), not on save: saving changes neither the text nor
//   what git knows. Closed files come from the workspace pull, which the server streams.
// - vscode-languageclient 9 cancels a pull when the next keystroke arrives and then shows the
//   cancelled pull's default, an empty report, until the new pull answers: the squiggles would
//   blink off on every keystroke. A cancelled pull throws CancellationError instead, which the
//   client treats as "pull again" and which leaves the diagnostics shown as they are.

export const DIAGNOSTIC_PULL_OPTIONS: DiagnosticPullOptions = { onChange: true, onSave: false };

export function withQuietCancellation(middleware: Middleware): Middleware {
  return {
    ...middleware,
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = middleware.provideDiagnostics
        ? await middleware.provideDiagnostics(document, previousResultId, token, next)
        : await next(document, previousResultId, token);
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      return report;
    },
  };
}
