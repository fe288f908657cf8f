import * as vscode from 'vscode';
import {
  CloseAction, LanguageClient, State, TransportKind,
  type CloseHandlerResult, type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../shared/protocol';
import { redactingChannel } from './redact';
import { registerPolicyCommand } from './policyCommand';
import { registerFixPrompts, withSuppressionPrompt } from './fixPrompts';
import { registerHistoryLeaksCommand } from './historyLeaks';
import { registerCommands } from './commands';
import { RuleDocs, registerRuleDocs } from './ruleDocs';
import { registerStatusItem } from './status';
import { registerView } from './view/registerView';
import { DIAGNOSTIC_PULL_OPTIONS, withQuietCancellation } from './diagnosticPull';
import { SHOW_RULE_DOC_CLIENT_CAPABILITY } from '../shared/protocol';

// The thin client: starts the language server over IPC, restarts it when it dies or when the
// workspace becomes trusted, and offers a restart command. Everything else happens in the server.
// Other features register here with one line each, after the client exists (see activate).

let client: LanguageClient | undefined;

/** The running language client, for features that talk to the server. */
export function getClient(): LanguageClient | undefined {
  return client;
}

/** Wraps the client's default handler (restart up to 4 times in 3 minutes) so that the log says what happens. */
function loggingErrorHandler(log: vscode.LogOutputChannel, fallback: () => ErrorHandler): ErrorHandler {
  return {
    error: (error, message, count) => fallback().error(error, message, count),
    closed: async (): Promise<CloseHandlerResult> => {
      const result = await fallback().closed();
      if (result.action === CloseAction.Restart) log.warn('The Secure Hygiene language server stopped unexpectedly; restarting it.');
      else log.error('The Secure Hygiene language server stopped unexpectedly too often; it is not restarted. Run "Secure Hygiene: Restart Language Server" to try again.');
      return result;
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const log = vscode.window.createOutputChannel('Secure Hygiene', { log: true });
  context.subscriptions.push(log);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  let defaultHandler: ErrorHandler | undefined;
  const docs = new RuleDocs(context.extensionUri);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    outputChannel: log,
    traceOutputChannel: redactingChannel(log),
    // A function, so that a restart after trust is granted sends the new value.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, clientCommands: [SHOW_RULE_DOC_CLIENT_CAPABILITY] }),
    // Rule pages open in a Markdown preview from the diagnostic's code and a "Show documentation" action;
    // suppressions ask for their reason with an input box (fixPrompts.ts).
    middleware: withQuietCancellation(withSuppressionPrompt(docs.middleware())),
    // The server's diagnostics are pulled (diagnosticPull.ts), never pushed as well.
    diagnosticPullOptions: DIAGNOSTIC_PULL_OPTIONS,
    errorHandler: loggingErrorHandler(log, () => (defaultHandler ??= languageClient.createDefaultErrorHandler())),
  };
  const languageClient = new LanguageClient('secureHygiene', 'Secure Hygiene', serverOptions, clientOptions);
  client = languageClient;
  // Registered before the server starts, so that the view and status item show "starting" at once.
  const suppressions = registerView(context, () => client);
  registerStatusItem(context, languageClient);
  registerRuleDocs(context, docs);
  registerCommands(context, log, docs);

  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      void suppressions.refresh();
      const version = languageClient.initializeResult?.serverInfo?.version ?? 'unknown';
      log.info(`Secure Hygiene language server running (version ${version}${vscode.workspace.isTrusted ? '' : ', restricted mode: workspace patterns are not run'})`);
    }),
    vscode.commands.registerCommand('secureHygiene.restartServer', () => restart('Restarting the Secure Hygiene language server.')),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart('The workspace is trusted now; restarting the language server to run the project\'s patterns.')),
  );
  async function restart(reason: string): Promise<void> {
    log.info(reason);
    try {
      await languageClient.restart();
    } catch (error) {
      log.error(`The Secure Hygiene language server did not restart: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  try {
    await languageClient.start();
  } catch (error) {
    log.error(`The Secure Hygiene language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Features that need the client register here, one line each.
  registerPolicyCommand(context);
  registerFixPrompts(context);
  registerHistoryLeaksCommand(context);
  return { client: languageClient };
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.needsStop()) await stopping.stop();
}
