import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceScanStateNotification, WorkspaceScanStateRequest, type WorkspaceScanState } from '../shared/protocol';
import { committedSecretCount, currentFindings } from './view/findingsModel';
import { FINDINGS_VIEW_ID } from './view/findingsTree';

// The status bar item: how many committed secrets (the ones to rotate) VS Code holds diagnostics
// for, and the server's state (starting, running, scanning the workspace, stopped). A click opens
// the Secure Hygiene view. The count comes from the same diagnostics the view shows, so the two agree.

export const STATUS_ITEM_ID = 'secureHygiene.status';
export const OPEN_VIEW_COMMAND = 'secureHygiene.openView';

type ServerState = 'starting' | 'running' | 'scanning' | 'stopped';
const RENDER_DELAY_MS = 150;

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
  private state: ServerState = 'starting';
  private scan: WorkspaceScanState | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.item.name = 'Secure Hygiene';
    this.item.command = OPEN_VIEW_COMMAND;
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.renderSoon()),
      client.onDidChangeState(({ newState }) => {
        this.state = newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped';
        // package.json's `when` clauses offer Scan Workspace only while the server can run it.
        void vscode.commands.executeCommand('setContext', 'secureHygiene.serverRunning', newState === State.Running);
        if (newState === State.Running) void this.askScanState(client);
        this.render();
      }),
      client.onNotification(WorkspaceScanStateNotification.type, (scan) => this.scanChanged(scan)),
    );
    if (client.isRunning()) {
      this.state = 'running';
      void vscode.commands.executeCommand('setContext', 'secureHygiene.serverRunning', true);
      void this.askScanState(client);
    }
    this.render();
    this.item.show();
  }

  /** The server may not know the request (an older server, or none yet): the item then shows the client's state alone. */
  private async askScanState(client: LanguageClient): Promise<void> {
    try {
      this.scanChanged(await client.sendRequest(WorkspaceScanStateRequest.type));
    } catch {
      // No workspace scan on this server: nothing to add to the item.
    }
  }

  private scanChanged(scan: WorkspaceScanState): void {
    this.scan = scan;
    this.render();
  }

  private shownState(): ServerState {
    if (this.state !== 'running') return this.state;
    return this.scan?.status === 'listing' || this.scan?.status === 'scanning' ? 'scanning' : 'running';
  }

  private timer: NodeJS.Timeout | undefined;

  /** Counting walks every diagnostic: once per RENDER_DELAY_MS while a workspace scan publishes. */
  private renderSoon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, RENDER_DELAY_MS);
  }

  private render(): void {
    const committed = committedSecretCount(currentFindings());
    const state = this.shownState();
    const secrets = `${committed} committed secret${committed === 1 ? '' : 's'}`;
    const progress = state === 'scanning' && this.scan ? ` ${this.scan.scannedFiles}/${this.scan.totalFiles}` : '';
    const icon = state === 'scanning' || state === 'starting' ? '$(sync~spin)' : state === 'stopped' ? '$(circle-slash)' : committed > 0 ? '$(flame)' : '$(shield)';
    this.item.text = `${icon} ${committed}${progress}`;
    this.item.backgroundColor = committed > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Secure Hygiene**: ${secrets} to rotate\n\nServer: ${state}${progress ? ` (${progress.trim()} files)` : ''}`);
    if (this.scan?.message) tooltip.appendMarkdown('\n\n').appendText(this.scan.message);
    tooltip.appendMarkdown('\n\nClick to open the Secure Hygiene view.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Secure Hygiene: ${secrets}, server ${state}`, role: 'button' };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

export function registerStatusItem(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    new StatusItem(client),
    vscode.commands.registerCommand(OPEN_VIEW_COMMAND, () => vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`)),
  );
}
