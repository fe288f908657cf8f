import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { join, synth } from '../../src/engine/rules/samples';
import {
  ErrorCodes, ResponseError,
  type CodeAction, type Command, type Diagnostic, type MessageActionItem, type ShowMessageRequestParams, type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { APPLY_SUPPRESSION_COMMAND, FOLLOW_UP_COMMAND, MOVE_ALL_SERVER_COMMAND, UNTRACK_ENV_COMMAND } from '../../src/shared/protocol';
import { CANNED_REASONS, DEFAULT_REASON } from '../../src/server/suppressionReason';
import { applyTextEdits, buildOnce, fileUri, startServer, type TestServer } from './harness';

// The quick fixes through a real LSP client: request code actions on published diagnostics,
// apply the WorkspaceEdit to the files on disk as an editor would, and check the files.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** What an editor does with a WorkspaceEdit, on disk: creates, then text edits, in order. */
function applyToDisk(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', 'quick fixes only create files');
      const file = fileURLToPath(change.uri);
      if (!existsSync(file)) writeFileSync(file, '');
      continue;
    }
    const file = fileURLToPath(change.textDocument.uri);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    writeFileSync(file, applyTextEdits(before, change.edits.map((e) => ('newText' in e ? e : e))));
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = fileURLToPath(uri);
    writeFileSync(file, applyTextEdits(existsSync(file) ? readFileSync(file, 'utf8') : '', edits));
  }
}

const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');
const titled = (actions: (CodeAction | Command)[], pattern: RegExp) => actions.filter(isAction).find((a) => pattern.test(a.title));

describe('language server: quick fixes', function () {
  this.timeout(60_000);
  let repo: string;
  let server: TestServer;
  const file = (name: string) => path.join(repo, name);
  /** How the editor answers window/showMessageRequest in the current test (default: dismissed). */
  let answer: (params: ShowMessageRequestParams) => MessageActionItem | null = () => null;

  async function openWithFinding(name: string, language: string, text: string, ruleId = AWS): Promise<{ uri: string; diagnostic: Diagnostic; diagnostics: Diagnostic[] }> {
    writeFileSync(file(name), text);
    const uri = fileUri(file(name));
    server.open(uri, language, text);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => x.code === ruleId));
    return { uri, diagnostic: diagnostics.find((d) => d.code === ruleId)!, diagnostics };
  }

  before(async () => {
    buildOnce();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-lsp-fix-'));
    git(repo, 'init', '-q');
    writeFileSync(file('README.md'), '# demo\n');
    git(repo, 'add', 'README.md');
    git(repo, 'commit', '-q', '-m', 'initial');
    server = await startServer({ cwd: repo, messageRequest: (params) => answer(params) });
  });
  afterEach(() => {
    answer = () => null;
  });
  after(async () => {
    await server?.shutdown();
    rmSync(repo, { recursive: true, force: true });
  });

  it('moves a secret to an untracked .env: lookup in code, exact value in .env (CRLF, no final newline kept), NAME= in .env.example, .env ignored', async () => {
    const key = awsKeyId(41);
    const envBefore = '\uFEFF# local settings\r\nPORT=3000\r\nAWS_ACCESS_KEY_ID=other';
    writeFileSync(file('.env'), envBefore);
    writeFileSync(file('.env.example'), 'PORT=\n');
    const { uri, diagnostic } = await openWithFinding('app.ts', 'typescript', `import { S3 } from "aws";\nconst id = "${key}";\n`);
    const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
    const move = titled(actions, /^Move secret to \.env as AWS_ACCESS_KEY_ID_2/);
    assert.ok(move?.edit, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(move.isPreferred, true);
    assert.match(move.title, /nothing loads \.env yet/);
    assert.equal(move.command?.command, FOLLOW_UP_COMMAND);
    assert.ok(!JSON.stringify(actions.map((a) => a.title)).includes(key), 'titles never hold the secret');
    applyToDisk(move.edit);

    assert.equal(readFileSync(file('app.ts'), 'utf8'), 'import { S3 } from "aws";\nconst id = process.env.AWS_ACCESS_KEY_ID_2;\n');
    const env = readFileSync(file('.env'), 'utf8');
    assert.ok(env.startsWith(envBefore), 'existing bytes kept');
    assert.ok(!/[^\r]\n/.test(env) && !env.endsWith('\n'), 'CRLF and no final newline kept');
    assert.deepEqual(parseDotenv(env), { PORT: '3000', AWS_ACCESS_KEY_ID: 'other', AWS_ACCESS_KEY_ID_2: key });
    assert.equal(readFileSync(file('.env.example'), 'utf8'), 'PORT=\nAWS_ACCESS_KEY_ID_2=\n');
    assert.equal(readFileSync(file('.gitignore'), 'utf8'), '.env\n');
    git(repo, 'check-ignore', '-q', '.env');
    assert.ok(!readFileSync(file('.env.example'), 'utf8').includes(key));
    server.close(uri);
  });

  it('never writes the secret into a tracked .env: offers to untrack it, asks first, then untracks and ignores it', async () => {
    rmSync(file('.gitignore'));
    writeFileSync(file('.env'), 'PORT=3000\n');
    git(repo, 'add', '-f', '.env');
    git(repo, 'commit', '-q', '-m', 'oops');
    const key = awsKeyId(42);
    const { uri, diagnostic } = await openWithFinding('tracked.js', 'javascript', `const id = '${key}';\n`);
    const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
    const disabled = titled(actions, /^Move secret to \.env$/);
    assert.ok(disabled?.disabled, 'the move is disabled');
    assert.match(disabled.disabled.reason, /tracked by git/);
    assert.equal(disabled.edit, undefined);
    const untrack = titled(actions, /^Untrack \.env/);
    assert.equal(untrack?.command?.command, UNTRACK_ENV_COMMAND);

    // The harness answers the confirmation with nothing (like pressing Escape): nothing happens.
    const cancelled = await server.executeCommand(UNTRACK_ENV_COMMAND, ...(untrack.command.arguments ?? [])) as { untracked: boolean };
    assert.equal(cancelled.untracked, false);
    assert.ok(server.messages.some((m) => /git rm --cached \.env/.test(m.message)), 'the confirmation explains');
    assert.equal(git(repo, 'ls-files', '.env').trim(), '.env');
    assert.equal(readFileSync(file('.env'), 'utf8'), 'PORT=3000\n', 'no secret written');

    // An editor that cannot ask (Helix answers MethodNotFound): nothing is untracked unasked; it says what to run.
    answer = () => {
      throw new ResponseError(ErrorCodes.MethodNotFound, 'Method not found: window/showMessageRequest');
    };
    const unasked = await server.executeCommand(UNTRACK_ENV_COMMAND, ...(untrack.command.arguments ?? [])) as { untracked: boolean; reason: string };
    assert.deepEqual(unasked, { untracked: false, reason: 'cannot confirm' });
    await server.waitForMessage((m) => /cannot ask for confirmation: run "git rm --cached \.env"/.test(m.message));
    assert.equal(git(repo, 'ls-files', '.env').trim(), '.env');
    answer = () => null;

    const edits = server.appliedEdits.length;
    const done = await server.executeCommand(UNTRACK_ENV_COMMAND, { uri, confirmed: true }) as { untracked: boolean };
    assert.equal(done.untracked, true);
    assert.equal(git(repo, 'ls-files', '.env').trim(), '');
    const gitignoreEdit = server.appliedEdits.slice(edits).find((e) => JSON.stringify(e.edit).includes('.gitignore'));
    assert.ok(gitignoreEdit);
    applyToDisk(gitignoreEdit.edit);
    git(repo, 'check-ignore', '-q', '.env');
    assert.equal(readFileSync(file('.env'), 'utf8'), 'PORT=3000\n', 'the file stays on disk');
    server.close(uri);
  });

  it('suppresses on the line with the reason and expiry the client asked for, in the file\'s comment syntax', async () => {
    const key = awsKeyId(43);
    const text = `def connect():\n    key_id = "${key}"\n    return key_id\n`;
    const { uri, diagnostic } = await openWithFinding('conn.py', 'python', text);
    const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
    const ignoreLine = titled(actions, /^Ignore this finding on this line/);
    assert.equal(ignoreLine?.command?.command, APPLY_SUPPRESSION_COMMAND, 'the server\'s own command: every LSP editor can run it');
    assert.equal((ignoreLine.command.arguments![0] as { reason?: string }).reason, undefined, 'the reason is asked when it runs');
    assert.ok(titled(actions, /^Ignore secret\/aws-access-key-id in this file/));
    assert.ok(titled(actions, /^Add this finding to the baseline/));
    const request = { ...(ignoreLine.command.arguments![0] as object), reason: 'test fixture, revoked', until: '2099-12-31' };
    const edits = server.appliedEdits.length;
    const messages = server.messages.length;
    const result = await server.executeCommand(APPLY_SUPPRESSION_COMMAND, request) as { applied: boolean };
    assert.equal(result.applied, true);
    applyToDisk(server.appliedEdits[edits].edit);
    const after = readFileSync(file('conn.py'), 'utf8');
    assert.equal(after, `def connect():\n    # secure-hygiene-ignore-next-line ${AWS} until 2099-12-31 -- test fixture, revoked\n    key_id = "${key}"\n    return key_id\n`);
    assert.equal(server.messages.slice(messages).filter((m) => 'actions' in m).length, 0, 'a reason sent along is not asked again');
    server.change(uri, after, 2);
    await server.nextDiagnostics(uri, (d) => !d.some((x) => x.code === AWS));
    server.close(uri);
  });

  it('asks any LSP editor for the reason with window/showMessageRequest and writes the one picked', async () => {
    const key = awsKeyId(45);
    const { uri, diagnostic } = await openWithFinding('asked.js', 'javascript', `const a = 1;\nconst keyId = "${key}";\n`);
    const ignoreLine = titled(await server.codeActions(uri, diagnostic.range, [diagnostic]), /^Ignore this finding on this line/)!;
    let asked: ShowMessageRequestParams | undefined;
    answer = (params) => {
      asked = params;
      return params.actions!.find((action) => action.title === 'False positive')!;
    };
    const edits = server.appliedEdits.length;
    const result = await server.executeCommand(ignoreLine.command!.command, ...ignoreLine.command!.arguments!) as { applied: boolean; reason: string };
    assert.deepEqual(result, { applied: true, reason: 'False positive' });
    assert.match(asked!.message, /why is ignoring secret\/aws-access-key-id on this line acceptable/);
    assert.deepEqual(asked!.actions!.map((action) => action.title), [...CANNED_REASONS, 'Cancel']);
    applyToDisk(server.appliedEdits[edits].edit);
    assert.equal(readFileSync(file('asked.js'), 'utf8'), `const a = 1;\n// secure-hygiene-ignore-next-line ${AWS} -- False positive\nconst keyId = "${key}";\n`);
    server.close(uri);
  });

  it('writes nothing when the user dismisses or cancels the question', async () => {
    const { uri, diagnostic } = await openWithFinding('dismissed.rb', 'ruby', `key_id = "${awsKeyId(46)}"\n`);
    const baseline = titled(await server.codeActions(uri, diagnostic.range, [diagnostic]), /^Add this finding to the baseline/)!;
    const edits = server.appliedEdits.length;
    for (const pick of [() => null, (params: ShowMessageRequestParams) => params.actions!.find((action) => action.title === 'Cancel')!]) {
      answer = pick;
      const result = await server.executeCommand(APPLY_SUPPRESSION_COMMAND, ...baseline.command!.arguments!) as { applied: boolean; reason: string };
      assert.deepEqual(result, { applied: false, reason: 'cancelled' });
    }
    assert.equal(server.appliedEdits.length, edits, 'no edit was sent');
    assert.ok(!existsSync(file('.secure-hygiene-baseline.json')));
    server.close(uri);
  });

  it('writes a default reason that says so when the editor cannot show a message request', async () => {
    const key = awsKeyId(47);
    const { uri, diagnostic } = await openWithFinding('noprompt.sh', 'shellscript', `#!/bin/sh\nexport KEY_ID="${key}"\n`);
    const ignoreFile = titled(await server.codeActions(uri, diagnostic.range, [diagnostic]), /^Ignore secret\/aws-access-key-id in this file/)!;
    answer = () => {
      throw new ResponseError(ErrorCodes.MethodNotFound, 'Unhandled method window/showMessageRequest');
    };
    const edits = server.appliedEdits.length;
    const result = await server.executeCommand(APPLY_SUPPRESSION_COMMAND, ...ignoreFile.command!.arguments!) as { applied: boolean; reason: string };
    assert.deepEqual(result, { applied: true, reason: DEFAULT_REASON });
    applyToDisk(server.appliedEdits[edits].edit);
    assert.equal(readFileSync(file('noprompt.sh'), 'utf8'), `#!/bin/sh\n# secure-hygiene-ignore-file ${AWS} -- ${DEFAULT_REASON}\nexport KEY_ID="${key}"\n`);
    server.close(uri);
  });

  it('adds a finding to the baseline by fingerprint, never by value', async () => {
    const key = awsKeyId(44);
    const { uri, diagnostic } = await openWithFinding('fixture.go', 'go', `package main\n\nvar id = "${key}"\n`);
    const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
    const baseline = titled(actions, /^Add this finding to the baseline/);
    const edits = server.appliedEdits.length;
    const result = await server.executeCommand(APPLY_SUPPRESSION_COMMAND, { ...(baseline!.command!.arguments![0] as object), reason: 'known test key' }) as { applied: boolean };
    assert.equal(result.applied, true);
    applyToDisk(server.appliedEdits[edits].edit);
    const text = readFileSync(file('.secure-hygiene-baseline.json'), 'utf8');
    assert.ok(!text.includes(key), 'the secret is not in the baseline');
    const parsed = JSON.parse(text) as { findings: { ruleId: string; fingerprint: string; file: string; reason: string }[] };
    assert.deepEqual(parsed.findings.map((f) => [f.ruleId, f.fingerprint, f.file, f.reason]), [[AWS, (diagnostic.data as { fingerprint: string }).fingerprint, 'fixture.go', 'known test key']]);
    server.close(uri);
  });

  it('fix-all moves every secret of the file in one edit with unique names, and the command does the same', async () => {
    writeFileSync(file('.env'), 'PORT=3000\n');
    const [a, b] = [awsKeyId(45), awsKeyId(46)];
    const text = `package main\n\nimport "fmt"\n\nvar first = "${a}"\nvar second = "${b}"\nvar again = "${a}"\n\nfunc main() { fmt.Println(first, second, again) }\n`;
    const { uri, diagnostics } = await openWithFinding('all.go', 'go', text);
    const actions = await server.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    const fixAll = actions[0] as CodeAction;
    assert.equal(fixAll.kind, 'source.fixAll.secureHygiene');
    assert.ok(diagnostics.filter((d) => d.code === AWS).length >= 3);
    applyToDisk(fixAll.edit!);
    const source = readFileSync(file('all.go'), 'utf8');
    assert.equal(source, 'package main\n\nimport "fmt"\nimport "os"\n\nvar first = os.Getenv("AWS_ACCESS_KEY_ID")\nvar second = os.Getenv("AWS_ACCESS_KEY_ID_2")\nvar again = os.Getenv("AWS_ACCESS_KEY_ID")\n\nfunc main() { fmt.Println(first, second, again) }\n');
    assert.deepEqual(parseDotenv(readFileSync(file('.env'), 'utf8')), { PORT: '3000', AWS_ACCESS_KEY_ID: a, AWS_ACCESS_KEY_ID_2: b });

    // The palette command goes through workspace/applyEdit with the same edit.
    writeFileSync(file('all.go'), text);
    writeFileSync(file('.env'), 'PORT=3000\n');
    const edits = server.appliedEdits.length;
    const result = await server.executeCommand(MOVE_ALL_SERVER_COMMAND, uri) as { applied: boolean };
    assert.equal(result.applied, true);
    applyToDisk(server.appliedEdits[edits].edit);
    assert.equal(readFileSync(file('all.go'), 'utf8'), source);
    server.close(uri);
  });

  it('serves the detectors\' own fixes (TLS) as quick fixes with their edits', async () => {
    const text = 'const https = require("https");\nconst agent = new https.Agent({ rejectUnauthorized: false });\n';
    writeFileSync(file('tls.js'), text);
    const uri = fileUri(file('tls.js'));
    server.open(uri, 'javascript', text);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => String(x.code).startsWith('tls/')));
    const diagnostic = diagnostics.find((d) => String(d.code).startsWith('tls/'))!;
    const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
    const fix = actions.filter(isAction).find((a) => a.edit && a.isPreferred);
    assert.ok(fix, `no preferred TLS fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    applyToDisk(fix.edit!);
    assert.doesNotMatch(readFileSync(file('tls.js'), 'utf8'), /rejectUnauthorized: false/);
    server.close(uri);
  });

  it('writes to the .env beside the nearest package manifest, or to the workspace folder when the setting says so', async () => {
    mkdirSync(file('packages/api'), { recursive: true });
    writeFileSync(file('packages/api/package.json'), '{ "name": "api" }\n');
    const text = `export const id = "${awsKeyId(77)}";\n`;
    const moveTo = async (name: string) => {
      const { uri, diagnostic } = await openWithFinding(name, 'typescript', text);
      const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
      const move = titled(actions, /^Move secret to /);
      assert.ok(move?.edit, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
      server.close(uri);
      return Object.keys(move.edit.changes ?? {}).concat((move.edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'uri' in c ? c.uri : '')));
    };
    const nearest = await moveTo('packages/api/keys.ts');
    assert.ok(nearest.includes(fileUri(file('packages/api/.env'))), `nearest manifest: ${nearest.join(', ')}`);
    // A C# project's manifest is named after it: Billing.csproj makes services/billing a project.
    mkdirSync(file('services/billing/Config'), { recursive: true });
    writeFileSync(file('services/billing/Billing.csproj'), '<Project Sdk="Microsoft.NET.Sdk" />\n');
    const csharp = await moveTo('services/billing/Config/keys.ts');
    assert.ok(csharp.includes(fileUri(file('services/billing/.env'))), `beside the .csproj: ${csharp.join(', ')}`);
    // A folder whose own name ends in .csproj is not a manifest.
    mkdirSync(file('tools/Fake.csproj'), { recursive: true });
    const notManifest = await moveTo('tools/Fake.csproj/keys.ts');
    assert.ok(notManifest.includes(fileUri(file('.env'))), `a folder named *.csproj: ${notManifest.join(', ')}`);
    const pulled = server.nextConfigurationPull();
    server.setSettings({ secureHygiene: { dotenvLocation: 'workspaceFolder' } });
    await pulled;
    const root = await moveTo('packages/api/keys2.ts');
    assert.ok(root.includes(fileUri(file('.env'))), `workspace folder: ${root.join(', ')}`);
    assert.ok(!root.includes(fileUri(file('packages/api/.env'))));
    const restored = server.nextConfigurationPull();
    server.setSettings({ secureHygiene: {} });
    await restored;
  });
});
