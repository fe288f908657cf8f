import { strict as assert } from 'node:assert';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection, ExitNotification, InitializeRequest, IPCMessageReader, IPCMessageWriter, ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { buildOnce, fileUri, SERVER_JS, startServer } from './harness';

// The transports editors use: plain stdio (any LSP editor: what `node dist/server.js --stdio`
// answers to hand-written JSON-RPC) and node IPC (the VS Code client). Plus the extension points.

function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

describe('language server: transports and extension points', function () {
  this.timeout(30_000);
  before(() => buildOnce());

  it('answers initialize over plain stdio and exits on exit', async () => {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const initialized = new Promise<{ result: { serverInfo: { name: string } } }>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /Content-Length: (\d+)\r\n\r\n/.exec(output);
        if (!match) return;
        const start = match.index + match[0].length;
        const body = Buffer.from(output.slice(start), 'utf8');
        if (body.length < Number(match[1])) return;
        const message = JSON.parse(body.subarray(0, Number(match[1])).toString('utf8'));
        if (message.id === 1) resolve(message);
        else reject(new Error(`unexpected first message ${JSON.stringify(message)}`));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before answering`)));
    });
    child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const response = await initialized;
    assert.equal(response.result.serverInfo.name, 'Secure Hygiene');
    child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await exited, 0);
  });

  it('serves over node IPC, as the VS Code client starts it', async () => {
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    assert.equal(result.serverInfo?.name, 'Secure Hygiene');
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
  });

  it('serves a client that supports neither configuration pulls nor dynamic registration', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-lsp-min-'));
    const server = await startServer({ cwd: dir, capabilities: { workspace: {}, textDocument: {} } });
    try {
      const uri = fileUri(path.join(dir, 'a.ts'));
      server.open(uri, 'typescript', `const id = "${join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 41))}";\n`);
      const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
      assert.equal(diagnostics[0].code, 'secret/aws-access-key-id');
      assert.equal(server.registrations.length, 0);

      // Without file watching, saving the config file in the editor reloads it.
      const configFile = path.join(dir, '.secure-hygiene.json');
      const config = '{ "rules": { "secret/aws-access-key-id": "off" } }';
      writeFileSync(configFile, config);
      server.open(fileUri(configFile), 'jsonc', config);
      server.save(fileUri(configFile));
      await server.nextDiagnostics(uri, (d) => d.length === 0);
    } finally {
      await server.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers code actions and rejects unknown commands without crashing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-lsp-ext-'));
    const server = await startServer({ cwd: dir });
    try {
      const uri = fileUri(path.join(dir, 'a.ts'));
      server.open(uri, 'typescript', 'export {};\n');
      await server.waitForDiagnostics(uri);
      const actions = await server.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
      assert.ok(Array.isArray(actions));
      await assert.rejects(server.executeCommand('secureHygiene.noSuchCommand'), /Unknown command/);
      server.change(uri, 'export const a = 1;\n', 2);
      await server.waitForDiagnostics(uri, (d, params) => params.version === 2);
    } finally {
      await server.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
