import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileChangeType, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { UNTRACK_ENV_COMMAND } from '../../src/server/fixIds';
import { applyWorkspaceEdit, buildOnce, fileUri, startServer, type TestServer } from './harness';

// A secret in a file that is a credential store (a private key made by ssh-keygen, a .pgpass) gets
// a message and a fix about the file: keep it out of git, untrack it after confirmation when git
// tracks it. Never "move it to .env".

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');
const titles = (actions: (CodeAction | Command)[]) => actions.map((a) => a.title);

describe('language server: credential store files', function () {
  this.timeout(60_000);
  let repo: string;
  let server: TestServer;
  const file = (name: string) => path.join(repo, name);

  async function open(name: string, ruleId: string, message = /./): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = fileUri(file(name));
    const wanted = (d: Diagnostic) => d.code === ruleId && message.test(d.message);
    server.open(uri, 'plaintext', readFileSync(file(name), 'utf8'));
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some(wanted));
    return { uri, diagnostic: diagnostics.find(wanted)! };
  }

  before(async function () {
    if (spawnSync('sh', ['-c', 'command -v ssh-keygen'], { stdio: 'ignore' }).status !== 0) {
      if (process.env.CI) assert.fail('ssh-keygen is missing: CI installs openssh-client (.ci/run)');
      this.skip();
    }
    buildOnce();
    repo = mkdtempSync(path.join(tmpdir(), 'sh-lsp-store-'));
    git(repo, 'init', '-q');
    writeFileSync(file('README.md'), '# demo\n');
    git(repo, 'add', 'README.md');
    git(repo, 'commit', '-q', '-m', 'initial');
    mkdirSync(file('deploy'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'deploy@ci', '-f', file('deploy/id_ed25519')]);
    server = await startServer({ cwd: repo });
  });
  after(async () => {
    await server?.shutdown();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('an untracked key file: the message says keep it out of git, the fix adds it to .gitignore', async () => {
    const { uri, diagnostic } = await open('deploy/id_ed25519', 'secret/private-key');
    assert.match(diagnostic.message, /id_ed25519, a private key file/);
    assert.match(diagnostic.message, /\.gitignore/);
    assert.doesNotMatch(diagnostic.message, /\.env/);
    const actions = (await server.codeActions(uri, diagnostic.range, [diagnostic])).filter(isAction);
    assert.ok(!titles(actions).some((t) => /\.env/.test(t)), `no .env fix: ${JSON.stringify(titles(actions))}`);
    const ignore = actions.find((a) => /^Add id_ed25519 to \.gitignore/.test(a.title));
    assert.ok(ignore?.edit, `no .gitignore fix in ${JSON.stringify(titles(actions))}`);
    assert.equal(ignore.isPreferred, true);
    const gitignoreUri = fileUri(file('deploy/.gitignore'));
    const after = applyWorkspaceEdit(ignore.edit, new Map());
    writeFileSync(fileURLToPath(gitignoreUri), after.get(gitignoreUri)!);
    assert.equal(readFileSync(file('deploy/.gitignore'), 'utf8'), 'id_ed25519\n');
    git(repo, 'check-ignore', '-q', 'deploy/id_ed25519');
    server.close(uri);
  });

  it('a key store opened as text (the editor decodes its bytes) is reported as a key store file', async function () {
    if (spawnSync('sh', ['-c', 'command -v openssl'], { stdio: 'ignore' }).status !== 0) {
      if (process.env.CI) assert.fail('openssl is missing: CI installs it (.ci/run)');
      this.skip();
    }
    const pass = `pass:${['k7', 'Qz', 'w2', 'Rt'].join('')}`;
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('tls.key'), '-subj', '/CN=build.internal', '-days', '1', '-out', file('tls.crt')], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', file('tls.key'), '-in', file('tls.crt'), '-passout', pass, '-out', file('server.p12')], { stdio: 'ignore' });
    const uri = fileUri(file('server.p12'));
    server.open(uri, 'plaintext', readFileSync(file('server.p12'), 'utf8'));
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'secret/key-store-file'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['secret/key-store-file']);
    assert.match(diagnostics[0].message, /server\.p12 is a PKCS#12 key store/);
    server.close(uri);
  });

  it('a tracked .pgpass: the message says untrack and rotate; the fix asks, then untracks and ignores it', async () => {
    const password = ['Zq4', 'vT9x', 'Lr2', 'mW8k', 'Pc'].join('');
    writeFileSync(file('.pgpass'), `db.internal:5432:orders:app:${password}\n`);
    git(repo, 'add', '.pgpass');
    git(repo, 'commit', '-q', '-m', 'oops');
    server.changeWatchedFiles([{ uri: fileUri(path.join(repo, '.git', 'index')), type: FileChangeType.Changed }]);
    // Once the server has git's new answer, the message speaks of a tracked file.
    const { uri, diagnostic } = await open('.pgpass', 'secret/pgpass-password', /\.pgpass, a credentials file that git tracks/);
    assert.match(diagnostic.message, /git rm --cached \.pgpass/);
    assert.ok(!diagnostic.message.includes(password), 'the message masks the password');
    const actions = (await server.codeActions(uri, diagnostic.range, [diagnostic])).filter(isAction);
    const untrack = actions.find((a) => /^Untrack \.pgpass/.test(a.title));
    assert.equal(untrack?.command?.command, UNTRACK_ENV_COMMAND, `no untrack fix in ${JSON.stringify(titles(actions))}`);
    assert.ok(!titles(actions).some((t) => /Move secret to \.env/.test(t)));

    const cancelled = await server.executeCommand(UNTRACK_ENV_COMMAND, ...(untrack.command.arguments ?? [])) as { untracked: boolean };
    assert.equal(cancelled.untracked, false, 'nothing happens without a confirmation');
    assert.equal(git(repo, 'ls-files', '.pgpass').trim(), '.pgpass');

    const done = await server.executeCommand(UNTRACK_ENV_COMMAND, { uri, confirmed: true }) as { untracked: boolean };
    assert.equal(done.untracked, true);
    assert.equal(git(repo, 'ls-files', '.pgpass').trim(), '');
    assert.ok(existsSync(file('.pgpass')), 'the file stays on disk');
    assert.ok(server.messages.some((m) => /\.pgpass is no longer tracked/.test(m.message) && /rotate/.test(m.message)));
    server.close(uri);
  });
});
