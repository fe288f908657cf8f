import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../lsp/harness';
import { allValues, plantedSecrets } from './fixtureTree';

// The pre-commit framework (Debian's `pre-commit`) installing this repository's hook from git, as a
// user's .pre-commit-config.yaml would, and running it on real staged changes. Its first run builds
// the CLI inside pre-commit's clone (npm ci from the registry), so this suite takes a minute or two.

const IDENTITY = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('pre-commit framework (.pre-commit-hooks.yaml)', function () {
  this.timeout(600_000);
  const secrets = plantedSecrets();
  const temps: string[] = [];

  before(function () {
    if (!hasPreCommit()) {
      // CI installs Debian's pre-commit (.ci/run): there, a missing one is a failure, not a skip.
      if (process.env.CI) assert.fail('pre-commit is not installed (apt-get install -y pre-commit)');
      this.skip();
    }
  });
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('installs the hook from git, refuses a staged secret and passes a clean commit', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'sh-precommit-'));
    temps.push(temp);
    const env = { ...process.env, ...IDENTITY, PRE_COMMIT_HOME: path.join(temp, 'cache') };
    const run = (cwd: string, command: string, ...args: string[]) => spawnSync(command, args, { cwd, env, encoding: 'utf8' });
    // The hook repository: this one, as committed (pre-commit clones a revision).
    const hookRepo = path.join(temp, 'hook-repo');
    assert.equal(run(temp, 'git', 'clone', '-q', REPO_ROOT, hookRepo).status, 0);
    const rev = run(hookRepo, 'git', 'rev-parse', 'HEAD').stdout.trim();

    const project = path.join(temp, 'project');
    assert.equal(run(temp, 'git', 'init', '-q', '-b', 'main', project).status, 0);
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), [
      'repos:',
      `  - repo: ${hookRepo}`,
      `    rev: ${rev}`,
      '    hooks:',
      '      - id: secure-hygiene',
      '',
    ].join('\n'));
    writeFileSync(path.join(project, 'settings.py'), `DB_PASSWORD = '${secrets.password}'\nAWS_ID = '${secrets.awsKeyId}'\n`);
    run(project, 'git', 'add', '.');

    const refused = run(project, 'pre-commit', 'run');
    const output = refused.stdout + refused.stderr;
    for (const value of allValues(secrets)) assert.ok(!output.includes(value), 'a full secret was printed');
    assert.equal(refused.status, 1, output);
    assert.match(output, /secret\/aws-access-key-id/);

    writeFileSync(path.join(project, 'settings.py'), "import os\nDB_PASSWORD = os.environ['DB_PASSWORD']\n");
    run(project, 'git', 'add', '.');
    const passed = run(project, 'pre-commit', 'run');
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /Passed/);
  });
});
