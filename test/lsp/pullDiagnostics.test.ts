import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource, DiagnosticRefreshRequest, DocumentDiagnosticReportKind, DocumentDiagnosticRequest, LSPErrorCodes,
  ResponseError, WorkspaceDiagnosticRequest,
  type ClientCapabilities, type Diagnostic, type DocumentDiagnosticReport, type PreviousResultId, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { DEFAULT_CAPABILITIES, buildOnce, fileUri, gitIn, startServer, writeIn, type StartOptions, type TestServer } from './harness';

// Pull diagnostics (LSP 3.17), issue 17: a client that announces `textDocument.diagnostic` pulls
// open documents' results (textDocument/diagnostic) and closed files' (workspace/diagnostic), is
// asked to pull again (workspace/diagnostic/refresh) when results change without an edit, and is
// never pushed a diagnostic: pushing as well made VS Code show every finding twice. A client
// without the capability keeps getting pushes. Every wait is on a message from the server.

const AWS = 'secret/aws-access-key-id';
const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

const git = gitIn;
const write = writeIn;

/** What vscode-languageclient 9 announces: the harness's defaults plus the diagnostic pull and its refresh. */
const PULL_CAPABILITIES: ClientCapabilities = {
  ...DEFAULT_CAPABILITIES,
  workspace: { ...DEFAULT_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...DEFAULT_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
};

describe('language server: pull diagnostics', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;
  let refreshes = 0;
  /** Set by the one test of a client that pulls documents but never the workspace. */
  let pushesExpected = false;
  const uriOf = (relative: string) => fileUri(path.join(root, relative));

  const startPulling = async (options: StartOptions = {}) => {
    server = await startServer({ cwd: root, capabilities: PULL_CAPABILITIES, ...options });
    refreshes = 0;
    server.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      refreshes += 1;
      refreshWaiters.splice(0).forEach((wake) => wake());
    });
    return server;
  };
  const refreshWaiters: (() => void)[] = [];
  /** Resolves at the next workspace/diagnostic/refresh the server sends. */
  const nextRefresh = () => new Promise<void>((resolve) => refreshWaiters.push(resolve));

  const pull = (uri: string, previousResultId?: string, token?: CancellationTokenSource) =>
    server!.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }, token?.token);
  const full = (report: DocumentDiagnosticReport) => {
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full, `a full report (got ${JSON.stringify(report)})`);
    return report as Extract<DocumentDiagnosticReport, { kind: 'full' }>;
  };

  /** Pulls workspace/diagnostic (carrying the results seen so far) until `uri` has a report that satisfies `test`. */
  async function workspaceReportFor(uri: string, test: (report: WorkspaceDocumentDiagnosticReport) => boolean, seen: PreviousResultId[] = []) {
    for (;;) {
      const { items } = await server!.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: seen });
      assert.ok(items.length > 0, 'the server answers a workspace pull only with something new');
      for (const item of items) {
        const index = seen.findIndex((previous) => previous.uri === item.uri);
        if (index >= 0) seen.splice(index, 1);
        if (item.resultId) seen.push({ uri: item.uri, value: item.resultId });
      }
      const found = items.find((item) => item.uri === uri && test(item));
      if (found) return found;
    }
  }

  before(() => {
    buildOnce();
  });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'sh-lsp-pull-'));
    git(root, 'init', '-q');
    write(root, 'README.md', '# A project\n');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'initial');
  });

  afterEach(async () => {
    // Whatever the test did, a client that pulls (and asks for the workspace's results as it starts) is never pushed a diagnostic.
    const pushed = pushesExpected ? [] : server?.publications ?? [];
    pushesExpected = false;
    await server?.shutdown();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
    assert.deepEqual(pushed.map((p) => `${p.uri} ${JSON.stringify(p.diagnostics.map((d) => d.code))}`), [], 'no textDocument/publishDiagnostics to a client that pulls');
  });

  it('announces the pull only to a client that pulls, and keeps pushing to the others', async () => {
    const uri = uriOf('push.ts');
    server = await startServer({ cwd: root });
    assert.equal(server.initializeResult.capabilities.diagnosticProvider, undefined, 'no diagnosticProvider for a push client');
    server.open(uri, 'typescript', `const id = "${awsKeyId(1)}";\n`);
    assert.deepEqual(codes(await server.waitForDiagnostics(uri, (d) => d.length > 0)), [AWS]);
    await server.shutdown();
    server = undefined;

    const pulling = await startPulling();
    assert.deepEqual(pulling.initializeResult.capabilities.diagnosticProvider,
      { identifier: 'secureHygiene', interFileDependencies: true, workspaceDiagnostics: true });
  });

  it('answers textDocument/diagnostic for an open document, and "unchanged" for the same resultId', async () => {
    await startPulling();
    const uri = uriOf('open.ts');
    server!.open(uri, 'typescript', `const id = "${awsKeyId(2)}";\n`);
    const first = full(await pull(uri));
    assert.deepEqual(codes(first.items), [AWS]);
    assert.ok(first.resultId, 'a resultId');
    assert.ok(!JSON.stringify(first.items).includes(awsKeyId(2)), 'the value is masked');

    const second = await pull(uri, first.resultId);
    assert.deepEqual(second, { kind: DocumentDiagnosticReportKind.Unchanged, resultId: first.resultId });
    // A client that lost its result (another resultId) gets it in full again.
    assert.deepEqual(codes(full(await pull(uri, 'someone-else')).items), [AWS]);
  });

  it('a pull right after an edit waits for that version\'s scan: never the stale result', async () => {
    await startPulling({ settings: { secureHygiene: { debounceMs: 200 } } });
    const uri = uriOf('edit.ts');
    server!.open(uri, 'typescript', `const id = "${awsKeyId(3)}";\n`);
    const before = full(await pull(uri));
    assert.deepEqual(codes(before.items), [AWS]);

    server!.change(uri, 'const id = process.env.AWS_ACCESS_KEY_ID;\n', 2);
    const after = full(await pull(uri, before.resultId));
    assert.deepEqual(after.items, [], 'the edit removed the key: its pull says so, not the result from before it');
    assert.notEqual(after.resultId, before.resultId);

    server!.change(uri, `const id = "${awsKeyId(4)}";\n`, 3);
    assert.deepEqual(codes(full(await pull(uri, after.resultId)).items), [AWS]);
  });

  it('a cancelled pull is answered as cancelled', async () => {
    // The scan of the edit waits a minute (debounce): the pull would wait as long.
    await startPulling({ settings: { secureHygiene: { debounceMs: 60_000 } } });
    const uri = uriOf('cancel.ts');
    server!.open(uri, 'typescript', `const id = "${awsKeyId(5)}";\n`);
    full(await pull(uri));
    server!.change(uri, 'const id = 1;\n', 2);
    const source = new CancellationTokenSource();
    const pending = pull(uri, undefined, source);
    // The server has the request once a later request is answered (messages are handled in order).
    full(await pull(uriOf('not-open.ts')));
    source.cancel();
    await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });

  it('workspace/diagnostic carries a closed file\'s finding from the workspace scan (version null), and its removal', async () => {
    write(root, 'src/closed.py', `KEY_ID = "${awsKeyId(6)}"\n`);
    await startPulling();
    const uri = uriOf('src/closed.py');
    const seen: PreviousResultId[] = [];
    const report = await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length > 0, seen);
    assert.equal(report.version, null, 'a closed file has no version');
    assert.deepEqual(codes((report as { items: Diagnostic[] }).items), [AWS]);

    // The file loses its key on disk: the next workspace pull clears it.
    write(root, 'src/closed.py', 'KEY_ID = os.environ["KEY_ID"]\n');
    server!.changeWatchedFiles([{ uri, type: 2 }]);
    await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length === 0, seen);
  });

  it('a document closed without saving its edit gets the file\'s result as on disk back from the workspace report, even when equal to the one before', async function () {
    write(root, 'src/kept.ts', `export const id = "${awsKeyId(11)}";\n`);
    await startPulling();
    const uri = uriOf('src/kept.ts');
    const seen: PreviousResultId[] = [];
    const before = await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length > 0, seen);

    server!.open(uri, 'typescript', `export const id = "${awsKeyId(11)}";\n`);
    server!.change(uri, 'export const id = process.env.ID;\n', 2);
    assert.deepEqual(full(await pull(uri)).items, [], 'the edit removed the key');
    server!.close(uri);
    // The client still shows the pulled [] for it: the disk's finding must come back, with a new resultId.
    const after = await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length > 0, seen);
    assert.notEqual(after.resultId, before.resultId);
    assert.equal(after.version, null);
  });

  it('a client that pulls documents but never the workspace (Neovim 0.10) is pushed closed files, each cleared once it opens or once the client pulls the workspace', async function () {
    pushesExpected = true;
    write(root, 'src/one.ts', `export const a = "${awsKeyId(12)}";\n`);
    write(root, 'src/two.ts', `export const b = "${awsKeyId(13)}";\n`);
    await startPulling();
    const [one, two] = [uriOf('src/one.ts'), uriOf('src/two.ts')];
    assert.deepEqual(codes(await server!.waitForDiagnostics(one, (d) => d.length > 0)), [AWS], 'a closed file is pushed');
    await server!.waitForDiagnostics(two, (d) => d.length > 0);

    // Opened, it is pulled: the push for it is cleared, so that it does not show twice.
    server!.open(one, 'typescript', `export const a = "${awsKeyId(12)}";\n`);
    await server!.nextDiagnostics(one, (d) => d.length === 0);
    assert.deepEqual(codes(full(await pull(one)).items), [AWS]);

    // The client starts pulling the workspace: the pushed closed file is cleared and comes by the pull.
    const cleared = server!.nextDiagnostics(two, (d) => d.length === 0);
    const report = await workspaceReportFor(two, (item) => item.kind === 'full' && item.items.length > 0);
    await cleared;
    assert.deepEqual(codes((report as { items: Diagnostic[] }).items), [AWS]);
    const pushes = server!.publications.length;
    write(root, 'src/two.ts', 'export const b = process.env.B;\n');
    server!.changeWatchedFiles([{ uri: two, type: 2 }]);
    await workspaceReportFor(two, (item) => item.kind === 'full' && item.items.length === 0, [{ uri: two, value: report.resultId! }]);
    assert.equal(server!.publications.length, pushes, 'nothing pushed once the client pulls the workspace');
  });

  it('streams workspace results as partial results on one open request when the client gives a token', async () => {
    write(root, 'a.ts', `export const a = "${awsKeyId(7)}";\n`);
    write(root, 'b.ts', `export const b = "${awsKeyId(8)}";\n`);
    await startPulling();
    const partialResultToken = 'partial-1';
    const streamed = new Map<string, Diagnostic[]>();
    let allThere: () => void = () => undefined;
    const both = new Promise<void>((resolve) => { allThere = resolve; });
    server!.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, partialResultToken, (partial) => {
      for (const item of partial.items) if (item.kind === 'full') streamed.set(item.uri, item.items);
      if ([uriOf('a.ts'), uriOf('b.ts')].every((uri) => streamed.get(uri)?.length)) allThere();
    });
    const source = new CancellationTokenSource();
    const request = server!.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [], partialResultToken }, source.token);
    await both;
    assert.deepEqual(codes(streamed.get(uriOf('a.ts'))!), [AWS]);
    source.cancel();
    await assert.rejects(request, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });

  it('asks the client to refresh when a settings or .secure-hygiene.json change alters an open document\'s result, which the next pull shows', async () => {
    await startPulling({ settings: { secureHygiene: { rules: {} } } });
    const uri = uriOf('settings.ts');
    server!.open(uri, 'typescript', `const id = "${awsKeyId(9)}";\n`);
    const first = full(await pull(uri));
    assert.deepEqual(codes(first.items), [AWS]);
    assert.equal(refreshes, 0, 'no refresh for results the client pulled');

    const refreshed = nextRefresh();
    server!.setSettings({ secureHygiene: { rules: { [AWS]: 'off' } } });
    await refreshed;
    const after = full(await pull(uri, first.resultId));
    assert.deepEqual(after.items, [], 'the rule is off');

    // The project's .secure-hygiene.json raises it again: another refresh, and the next pull has it.
    server!.setSettings({ secureHygiene: { rules: {} } });
    await nextRefresh();
    const back = full(await pull(uri, after.resultId));
    write(root, '.secure-hygiene.json', `{ "rules": { "${AWS}": "info" } }\n`);
    const fromFile = nextRefresh();
    server!.changeWatchedFiles([{ uri: uriOf('.secure-hygiene.json'), type: 1 }]);
    await fromFile;
    const info = full(await pull(uri, back.resultId));
    assert.deepEqual(info.items.map((d) => [d.code, d.severity]), [[AWS, 3]], 'the severity from .secure-hygiene.json');
  });

  it('a document opened without being pulled (no editor tab) is in the workspace report, with its version; a closed one outside the folder is cleared', async () => {
    await startPulling();
    const outside = mkdtempSync(path.join(tmpdir(), 'sh-lsp-pull-outside-'));
    try {
      const uri = fileUri(write(outside, 'loose.ts', `const id = "${awsKeyId(10)}";\n`));
      server!.open(uri, 'typescript', `const id = "${awsKeyId(10)}";\n`, 4);
      const seen: PreviousResultId[] = [];
      const open = await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length > 0, seen);
      assert.equal(open.version, 4);
      server!.close(uri);
      await workspaceReportFor(uri, (item) => item.kind === 'full' && item.items.length === 0 && item.version === null, seen);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
