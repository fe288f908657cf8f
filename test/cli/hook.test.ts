import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allValues, plantedSecrets } from './fixtureTree';
import { CLI_JS, ensureBuilt, runCli } from './run';

// `secure-hygiene hook install|uninstall`, end to end: real commits in temp repositories are refused
// when they hold a secret and pass when they are clean; a hook that was there first is kept and
// run; core.hooksPath is honoured.

const IDENTITY = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

describe('CLI hook install|uninstall', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  const temps: string[] = [];

  function repository() {
    const root = mkdtempSync(path.join(tmpdir(), 'sh-hook-'));
    temps.push(root);
    const run = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
    const git = (...args: string[]) => {
      const result = run(...args);
      assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(root, 'README.md'), '# demo\n');
    git('add', '.');
    git('commit', '-q', '-m', 'start');
    return { root, git, run };
  }

  const noSecretIn = (text: string) => {
    for (const value of allValues(secrets)) assert.ok(!text.includes(value), 'a full secret was printed');
  };

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a commit holding a secret and lets a clean one through', () => {
    const { root, git, run } = repository();
    const installed = runCli(['hook', 'install'], root);
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /Installed the pre-commit hook/);
    // The hook runs the entry point users run (the launcher), not the bundle behind it.
    const script = readFileSync(path.join(root, '.git', 'hooks', 'pre-commit'), 'utf8');
    assert.ok(script.includes(CLI_JS), `the hook does not run ${CLI_JS}:\n${script}`);
    assert.ok(!script.includes('cliMain.js'), 'the hook names the commands bundle');

    writeFileSync(path.join(root, 'aws.js'), `const id = '${secrets.awsKeyId}';\n`);
    git('add', 'aws.js');
    const refused = run('commit', '-m', 'add key');
    noSecretIn(refused.stdout + refused.stderr);
    assert.notEqual(refused.status, 0, 'the commit went through');
    assert.match(refused.stdout + refused.stderr, /secret\/aws-access-key-id/);
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '1');

    writeFileSync(path.join(root, 'aws.js'), 'const id = process.env.AWS_ACCESS_KEY_ID;\n');
    git('add', 'aws.js');
    const passed = run('commit', '-q', '-m', 'read the key from the environment');
    assert.equal(passed.status, 0, passed.stderr);
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '2');
  });

  it('keeps an existing hook, runs it first, and puts it back on uninstall', () => {
    const { root, git, run } = repository();
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    const original = '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/previous-hook-ran"\n';
    writeFileSync(hook, original);
    chmodSync(hook, 0o755);

    assert.equal(runCli(['hook', 'install'], root).code, 0);
    // Installing twice updates ours and keeps the original where it was put.
    const again = runCli(['hook', 'install'], root);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Updated/);
    assert.equal(readFileSync(`${hook}.pre-secure-hygiene`, 'utf8'), original);

    writeFileSync(path.join(root, 'notes.txt'), 'nothing secret\n');
    git('add', 'notes.txt');
    assert.equal(run('commit', '-q', '-m', 'notes').status, 0);
    assert.ok(existsSync(path.join(root, '.git', 'previous-hook-ran')), 'the kept hook did not run');

    const removed = runCli(['hook', 'uninstall'], root);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(readFileSync(hook, 'utf8'), original);
    assert.ok(!existsSync(`${hook}.pre-secure-hygiene`));
    // Not ours any more: uninstall leaves it alone and says so.
    const foreign = runCli(['hook', 'uninstall'], root);
    assert.equal(foreign.code, 1);
    assert.equal(readFileSync(hook, 'utf8'), original);
  });

  it('installs into core.hooksPath', () => {
    const { root, git, run } = repository();
    mkdirSync(path.join(root, '.githooks'));
    git('config', 'core.hooksPath', '.githooks');
    assert.equal(runCli(['hook', 'install', '--fail-on', 'error'], root).code, 0);
    assert.ok(readFileSync(path.join(root, '.githooks', 'pre-commit'), 'utf8').includes('--fail-on error'));
    assert.ok(!existsSync(path.join(root, '.git', 'hooks', 'pre-commit')));
    writeFileSync(path.join(root, 'settings.py'), `DB_PASSWORD = '${secrets.password}'\n`);
    git('add', 'settings.py');
    const refused = run('commit', '-m', 'settings');
    noSecretIn(refused.stdout + refused.stderr);
    assert.notEqual(refused.status, 0);
  });

  it('refuses what cannot work, with a clear message', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sh-nogit-'));
    temps.push(outside);
    const notRepo = runCli(['hook', 'install'], outside);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /not in one/);
    const { root } = repository();
    assert.equal(runCli(['hook', 'reinstall'], root).code, 2);
    assert.equal(runCli(['hook'], root).code, 2);
  });
});
