import type * as vscode from 'vscode';

// The LSP trace ("secureHygiene.trace.server": "verbose") prints whole messages, and a didOpen,
// a didChange or an applyEdit carries file text that may hold a secret. Trace lines go through this
// channel, which keeps the shape of every message and drops the text.

const TEXT_FIELD = /"(text|newText)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export function redactTrace(line: string): string {
  return line.replace(TEXT_FIELD, (_, field: string, value: string) => `"${field}": "<${value.length} characters not shown>"`);
}

/** An OutputChannel for the language client's trace that writes redacted lines to `target`. */
export function redactingChannel(target: vscode.LogOutputChannel): vscode.OutputChannel {
  return {
    name: target.name,
    append: (value) => target.append(redactTrace(value)),
    appendLine: (value) => target.appendLine(redactTrace(value)),
    replace: (value) => target.replace(redactTrace(value)),
    clear: () => target.clear(),
    show: (...args: unknown[]) => target.show(args[0] as boolean | undefined),
    hide: () => target.hide(),
    dispose: () => undefined,
  };
}
