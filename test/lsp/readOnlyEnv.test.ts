import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol/node';
import { join, synth } from '../../src/engine/rules/samples';
import { FIX_ALL_KIND } from '../../src/server/features';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// "Move secret to .env" is offered only when every file it writes besides the source can be
// written: a client that applies the edit file by file would otherwise change the source, fail on
// .env, and lose the secret. Root ignores permission bits, so the files are made immutable
// (chattr +i), which stops root too; where chattr is not available the test says it is skipped.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';
const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');

function chattr(flag: '+i' | '-i', target: string): boolean {
  return spawnSync('chattr', [flag, target], { stdio: 'ignore' }).status === 0;
}

describe('language server: a .env that cannot be written', function () {
  this.timeout(60_000);
  let dir: string;
  let server: TestServer;
  const locked: string[] = [];
  const lock = (target: string) => {
    if (!chattr('+i', target)) return false;
    locked.push(target);
    return true;
  };
  const unlockAll = () => {
    while (locked.length > 0) chattr('-i', locked.pop()!);
  };

  before(async () => {
    buildOnce();
    dir = mkdtempSync(path.join(tmpdir(), 'sh-lsp-ro-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(path.join(dir, '.gitignore'), '.env\n');
    server = await startServer({ cwd: dir });
  });
  after(async () => {
    unlockAll();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(unlockAll);

  async function moveActions(name: string, seed: number): Promise<{ quick: CodeAction[]; fixAll: CodeAction[] }> {
    const text = `export const id = "${awsKeyId(seed)}";\n`;
    writeFileSync(path.join(dir, name), text);
    const uri = fileUri(path.join(dir, name));
    server.open(uri, 'typescript', text);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => x.code === AWS));
    const diagnostic = diagnostics.find((d) => d.code === AWS) as Diagnostic;
    const quick = (await server.codeActions(uri, diagnostic.range, [diagnostic])).filter(isAction).filter((a) => /^Move/.test(a.title));
    const fixAll = (await server.codeActions(uri, diagnostic.range, [], [FIX_ALL_KIND])).filter(isAction);
    server.close(uri);
    return { quick, fixAll };
  }

  it('offers no edit when .env is read-only, and says why', async function () {
    writeFileSync(path.join(dir, '.env'), 'PORT=3000\n');
    if (!lock(path.join(dir, '.env'))) this.skip();
    const { quick, fixAll } = await moveActions('a.ts', 81);
    assert.ok(quick.length > 0, 'the move is still listed, disabled');
    assert.ok(quick.every((action) => action.edit === undefined), 'no action carries an edit');
    assert.match(quick[0].disabled?.reason ?? '', /^\.env is not writable \(EPERM\), so the secret cannot be saved there: the source is left as it is/);
    assert.deepEqual(fixAll, [], 'fix-all on save offers nothing either');
  });

  it('offers no edit when .env would be created in a folder that cannot be written', async function () {
    rmSync(path.join(dir, '.env'), { force: true });
    writeFileSync(path.join(dir, 'b.ts'), '');
    if (!lock(dir)) this.skip();
    const { quick } = await moveActions('b.ts', 82);
    assert.ok(quick.every((action) => action.edit === undefined));
    assert.match(quick[0].disabled?.reason ?? '', /\.env cannot be created: its folder is not writable \(EPERM\)/);
  });

  it('offers the edit again once the files can be written', async () => {
    writeFileSync(path.join(dir, '.env'), 'PORT=3000\n');
    const { quick } = await moveActions('c.ts', 83);
    assert.ok(quick.some((action) => action.edit !== undefined && !action.disabled), JSON.stringify(quick.map((a) => a.title)));
  });
});
