import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  FileChangeType, WorkDoneProgress, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest,
  type Diagnostic, type ProgressToken, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { SCAN_WORKSPACE_COMMAND, WorkspaceScanStateNotification, WorkspaceScanStateRequest, type WorkspaceScanState } from '../../src/shared/protocol';
import { buildOnce, fileUri, gitIn, startServer, writeIn, type StartOptions, type TestServer } from './harness';

// The server's workspace scan (issue 17 item 2), driven through a real LSP client: files that are
// not open get diagnostics; progress begins and ends and can be cancelled; file events, saves and
// closes keep the results current; .gitignore, the config's excludes, files.exclude and the size
// limits are honoured. Every wait is on a message from the server.

const AWS = 'secret/aws-access-key-id';
const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const hasAws = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === AWS);

const git = gitIn;
const write = writeIn;

/** Records the scan's progress and state notifications, and waits on them. */
class ScanWatcher {
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  readonly states: WorkspaceScanState[] = [];
  private listeners = new Set<() => void>();

  constructor(readonly server: TestServer) {
    // Takes over the harness's answer to window/workDoneProgress/create, to follow each token.
    server.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      server.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, value });
        this.emit();
      });
      return null;
    });
    server.connection.onNotification(WorkspaceScanStateNotification.type, (state) => {
      this.states.push(state);
      this.emit();
    });
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves when `test` holds (checked now and after each notification). */
  until<T>(test: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value === undefined || value === false) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`Timed out waiting for ${what}. Progress: ${JSON.stringify(this.progress.map((p) => p.value.kind))}; last state: ${JSON.stringify(this.states.at(-1))}; log: ${this.server.logs.map((l) => l.message).join(' | ')}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** The n-th progress `end` (1-based). */
  ended(count = 1): Promise<true> {
    return this.until(() => this.progress.filter((p) => p.value.kind === 'end').length >= count || undefined, `progress end #${count}`);
  }

  stateWith(test: (state: WorkspaceScanState) => boolean, what: string): Promise<WorkspaceScanState> {
    return this.until(() => this.states.find(test), what);
  }
}

describe('language server: workspace scan', function () {
  this.timeout(60_000);
  let root: string;
  const servers: TestServer[] = [];
  const uriOf = (relative: string) => fileUri(path.join(root, relative));
  const start = async (options: StartOptions = {}) => {
    const server = await startServer({ cwd: root, ...options });
    servers.push(server);
    return { server, watcher: new ScanWatcher(server) };
  };
  const state = (server: TestServer) => server.connection.sendRequest(WorkspaceScanStateRequest.type);

  before(() => {
    buildOnce();
  });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'sh-lsp-workspace-'));
    git(root, 'init', '-q');
    write(root, '.gitignore', 'ignored/\n');
    write(root, 'src/committed.ts', `export const id = "${awsKeyId(1)}";\n`);
    write(root, 'README.md', '# A project\n');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'initial');
    write(root, 'src/app.py', `KEY_ID = "${awsKeyId(2)}"\n`);
    write(root, 'src/clean.js', 'module.exports = 1;\n');
    write(root, 'ignored/gen.ts', `export const id = "${awsKeyId(3)}";\n`);
    write(root, 'vendor/lib.ts', `export const id = "${awsKeyId(4)}";\n`);
    write(root, 'hidden/secret.ts', `export const id = "${awsKeyId(5)}";\n`);
    write(root, 'node_modules/pkg/index.js', `exports.id = "${awsKeyId(6)}";\n`);
    write(root, '.secure-hygiene.json', '{ "exclude": ["vendor/**"] }\n');
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes findings of files that are not open, with progress begin and end, and honours .gitignore and excludes', async () => {
    const { server, watcher } = await start({ settings: { secureHygiene: {}, files: { exclude: { 'hidden/**': true, '**/*.md': false } } } });
    await watcher.ended();
    const begin = watcher.progress.find((p) => p.value.kind === 'begin')!.value as WorkDoneProgressBegin;
    assert.match(begin.title, /Secure Hygiene/);
    assert.equal(begin.cancellable, true);

    const committed = (await server.waitForDiagnostics(uriOf('src/committed.ts'), hasAws)).find((d) => d.code === AWS)!;
    assert.match(committed.message, /committed to git/);
    assert.ok(hasAws(await server.waitForDiagnostics(uriOf('src/app.py'), hasAws)));
    for (const left of ['ignored/gen.ts', 'vendor/lib.ts', 'hidden/secret.ts', 'node_modules/pkg/index.js']) {
      assert.equal(server.diagnosticsOf(uriOf(left)), undefined, `${left} is not scanned`);
    }

    const done = await state(server);
    assert.equal(done.status, 'done');
    // .gitignore, .secure-hygiene.json, README.md, committed.ts, app.py, clean.js.
    assert.equal(done.totalFiles, 6);
    assert.equal(done.scannedFiles, 6);
    assert.equal(done.findings.secret, 2);
    assert.equal(done.committedSecrets, 1);
    assert.equal(done.filesWithFindings, 2);
    assert.ok(server.logs.some((l) => /Workspace scan done: 6 files/.test(l.message)), 'the log says what was scanned');
    assert.ok(!JSON.stringify(server.publications).includes(awsKeyId(2)), 'no full secret in a publication');
  });

  it('re-scans on watched-file events and clears the diagnostics of a deleted file', async () => {
    const { server, watcher } = await start();
    await watcher.ended();
    assert.ok((await server.waitForDiagnostics(uriOf('src/app.py'))).some((d) => d.code === AWS));

    write(root, 'src/clean.js', `exports.id = "${awsKeyId(7)}";\n`);
    server.changeWatchedFiles([{ uri: uriOf('src/clean.js'), type: FileChangeType.Changed }]);
    await server.waitForDiagnostics(uriOf('src/clean.js'), hasAws);

    write(root, 'src/new.go', `package main\nconst id = "${awsKeyId(8)}"\n`);
    server.changeWatchedFiles([{ uri: uriOf('src/new.go'), type: FileChangeType.Created }]);
    await server.waitForDiagnostics(uriOf('src/new.go'), hasAws);

    unlinkSync(path.join(root, 'src/app.py'));
    server.changeWatchedFiles([{ uri: uriOf('src/app.py'), type: FileChangeType.Deleted }]);
    await server.waitForDiagnostics(uriOf('src/app.py'), (d) => d.length === 0);

    // An event for an ignored file is not a reason to scan it.
    write(root, 'ignored/late.ts', `export const id = "${awsKeyId(9)}";\n`);
    server.changeWatchedFiles([{ uri: uriOf('ignored/late.ts'), type: FileChangeType.Created }]);
    // A folder moved in is one event for the folder: its files are scanned (not a folder git ignores).
    write(root, 'moved/deep/inner.ts', `export const id = "${awsKeyId(11)}";\n`);
    server.changeWatchedFiles([{ uri: uriOf('moved'), type: FileChangeType.Created }]);
    await server.waitForDiagnostics(uriOf('moved/deep/inner.ts'), hasAws);
    write(root, 'ignored/built/out.ts', `export const id = "${awsKeyId(12)}";\n`);
    server.changeWatchedFiles([{ uri: uriOf('ignored/built'), type: FileChangeType.Created }]);

    // committed.ts, hidden/secret.ts, clean.js, new.go and moved/deep/inner.ts.
    const after = await watcher.stateWith((s) => s.findings.secret === 5, 'totals after the events');
    assert.equal(after.committedSecrets, 1);
    // The events are handled in order: once a later one is done, the ignored ones were passed over.
    write(root, 'src/last.ts', `export const id = "${awsKeyId(13)}";\n`);
    server.changeWatchedFiles([{ uri: uriOf('src/last.ts'), type: FileChangeType.Created }]);
    await server.waitForDiagnostics(uriOf('src/last.ts'), hasAws);
    assert.equal(server.diagnosticsOf(uriOf('ignored/late.ts')), undefined);
    assert.equal(server.diagnosticsOf(uriOf('ignored/built/out.ts')), undefined);

    // A folder deleted: every file under it loses its diagnostics.
    rmSync(path.join(root, 'moved'), { recursive: true });
    server.changeWatchedFiles([{ uri: uriOf('moved'), type: FileChangeType.Deleted }]);
    await server.waitForDiagnostics(uriOf('moved/deep/inner.ts'), (d) => d.length === 0);
  });

  it('serves a client without progress or file watching (as Neovim 0.7): closed files still get diagnostics, saves still re-scan', async () => {
    const { server, watcher } = await start({ capabilities: { window: {}, workspace: { configuration: true, workspaceFolders: true } } });
    await watcher.stateWith((s) => s.status === 'done', 'the scan to finish');
    assert.equal(watcher.progress.length, 0, 'no progress without the capability');
    assert.ok(hasAws(await server.waitForDiagnostics(uriOf('src/app.py'), hasAws)));
    assert.equal(server.registrations.length, 0);
    // Saved from the editor: the only news such a client gives of a file on disk.
    const uri = uriOf('src/clean.js');
    server.open(uri, 'javascript', `exports.id = "${awsKeyId(14)}";\n`);
    write(root, 'src/clean.js', `exports.id = "${awsKeyId(14)}";\n`);
    server.save(uri);
    server.close(uri);
    const closed = await server.nextDiagnostics(uri, () => true);
    assert.ok(hasAws(closed), 'the file as saved keeps its finding once closed');
  });

  it('scans a file git tracks although a .gitignore now matches it (a .env committed before it was ignored)', async () => {
    write(root, '.env', `AWS_ACCESS_KEY_ID=${awsKeyId(15)}\n`);
    git(root, 'add', '.env');
    git(root, 'commit', '-q', '-m', 'oops');
    write(root, '.gitignore', 'ignored/\n.env\n');
    git(root, 'commit', '-q', '-am', 'ignore .env');
    const { server, watcher } = await start();
    await watcher.ended();
    const diagnostics = await server.waitForDiagnostics(uriOf('.env'), (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'secret/env-file-committed'), JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(server.diagnosticsOf(uriOf('ignored/gen.ts')), undefined, 'an untracked ignored file is still left out');
  });

  it('registers a watcher for every file when the client can watch', async () => {
    const { server, watcher } = await start();
    await watcher.ended();
    const registration = await server.waitForRegistration('workspace/didChangeWatchedFiles');
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/*'), `watched: ${globs.join(', ')}`);
  });

  it('keeps an open document first, re-scans on save, and leaves the file on disk\'s result when it closes', async () => {
    for (let i = 0; i < 150; i += 1) write(root, `many/file${i}.ts`, `export const value${i} = ${i};\n`.repeat(200));
    const { server, watcher } = await start();
    const uri = uriOf('src/committed.ts');
    await watcher.stateWith((s) => s.status === 'scanning', 'the scan to start');
    // Opened while the scan runs: the editor's text (no secret) is published at once, and the
    // scan goes on behind it.
    server.open(uri, 'typescript', 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
    await server.waitForDiagnostics(uri, (d, params) => params.version === 1 && d.length === 0);
    assert.notEqual((await state(server)).status, 'done', 'the open document did not wait for the workspace scan');
    await watcher.ended();
    assert.deepEqual(server.diagnosticsOf(uri), [], 'the scan did not publish over the open document');

    // Typed, not saved: the totals count the open document as the editor has it.
    server.change(uri, `export const id = "${awsKeyId(1)}";\n`, 2);
    await watcher.stateWith((s) => s.status === 'done' && s.findings.secret === 3, 'totals after an edit');

    // Saved with a new secret: the workspace's totals follow the file on disk.
    write(root, 'src/committed.ts', `export const id = "${awsKeyId(1)}";\nexport const other = "${awsKeyId(10)}";\n`);
    server.change(uri, `export const id = "${awsKeyId(1)}";\nexport const other = "${awsKeyId(10)}";\n`, 3);
    server.save(uri);
    // app.py, hidden/secret.ts and the two in the saved file.
    await watcher.stateWith((s) => s.findings.secret === 4, 'totals after the save');

    // Closed: the diagnostics of the file on disk replace the editor's, never an empty list between.
    const before = server.publications.length;
    server.close(uri);
    const closed = await server.nextDiagnostics(uri, () => true);
    assert.equal(closed.filter((d) => d.code === AWS).length, 2);
    assert.ok(server.publications.slice(before).filter((p) => p.uri === uri).every((p) => p.diagnostics.length > 0));
  });

  it('stops when the progress is cancelled, keeping what it found', async () => {
    for (let i = 0; i < 400; i += 1) write(root, `many/file${i}.ts`, `export const value${i} = ${i};\n`.repeat(100));
    const { server, watcher } = await start();
    const report = await watcher.until(() => watcher.progress.find((p) => p.value.kind === 'report'), 'a progress report');
    void server.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: report.token });
    await watcher.ended();
    const cancelled = await state(server);
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.scannedFiles < cancelled.totalFiles, `${cancelled.scannedFiles} of ${cancelled.totalFiles} scanned`);
    assert.ok(server.logs.some((l) => /Workspace scan cancelled/.test(l.message)));
  });

  it('scans open files only beyond the size limit, says so, and scans everything on the command', async () => {
    const { server, watcher } = await start({ settings: { secureHygiene: { workspaceScan: { maxFiles: 3 } } } });
    await watcher.ended();
    const limited = await state(server);
    assert.equal(limited.status, 'openFiles');
    assert.match(limited.message ?? '', /more than 3 files .*workspaceScan\.maxFiles.*only open files are scanned/);
    assert.ok(server.logs.some((l) => /only open files are scanned/.test(l.message)), 'a log line says so');
    assert.equal(server.diagnosticsOf(uriOf('src/app.py')), undefined);
    // Open files are still scanned.
    const uri = uriOf('src/app.py');
    server.open(uri, 'python', `KEY_ID = "${awsKeyId(2)}"\n`);
    await server.waitForDiagnostics(uri, hasAws);
    server.close(uri);
    await server.waitForDiagnostics(uri, (d) => d.length === 0);

    assert.ok((server.initializeResult.capabilities.executeCommandProvider?.commands ?? []).includes(SCAN_WORKSPACE_COMMAND));
    const forced = await server.executeCommand(SCAN_WORKSPACE_COMMAND) as WorkspaceScanState;
    assert.equal(forced.status, 'done');
    // The six of the first test and hidden/secret.ts (no files.exclude here).
    assert.equal(forced.scannedFiles, 7);
    await server.waitForDiagnostics(uriOf('src/app.py'), hasAws);
  });

  it('leaves a folder over its size in bytes to open files, and says so', async () => {
    // About 105 bytes: less than the six files hold.
    const { server, watcher } = await start({ settings: { secureHygiene: { workspaceScan: { maxMegabytes: 0.0001 } } } });
    await watcher.ended();
    const limited = await state(server);
    assert.equal(limited.status, 'openFiles');
    assert.match(limited.message ?? '', /MB in files, over 0\.00010 MB \(secureHygiene\.workspaceScan\.maxMegabytes\): only open files are scanned/);
    assert.equal(limited.folders[0].status, 'openFiles');
    assert.equal(server.diagnosticsOf(uriOf('src/app.py')), undefined);
  });

  it('scans nothing but open files with scanScope openFiles, and clears the workspace results when switched to it', async () => {
    const { server, watcher } = await start();
    await watcher.ended();
    await server.waitForDiagnostics(uriOf('src/app.py'), hasAws);
    server.setSettings({ secureHygiene: { scanScope: 'openFiles' } });
    await server.waitForDiagnostics(uriOf('src/app.py'), (d) => d.length === 0);
    const scoped = await watcher.stateWith((s) => s.status === 'openFiles', 'the openFiles state');
    assert.match(scoped.message ?? '', /scanScope is openFiles/);
  });
});
