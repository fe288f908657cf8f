import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../lsp/harness';
import { allValues, plantedSecrets } from './fixtureTree';
import { CLI_JS, ensureBuilt } from './run';

// The composite GitHub Action (action.yml): its scan step's script runs here as the runner would run
// it (bash, the step's env, a $GITHUB_OUTPUT file) in real temp repositories, for each mode.

interface Step { name?: string; id?: string; run?: string; env?: Record<string, string>; uses?: string; if?: string }

const IDENTITY = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

describe('GitHub Action (action.yml)', function () {
  this.timeout(120_000);
  const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };
  const scanStep = action.runs.steps.find((step) => step.id === 'scan')!;
  const secrets = plantedSecrets();
  const temps: string[] = [];

  function repository() {
    const root = mkdtempSync(path.join(tmpdir(), 'sh-action-'));
    temps.push(root);
    const git = (...args: string[]) => {
      const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(root, 'old.js'), `const id = '${secrets.awsKeyId}';\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'old key');
    // A branch that a pull request would bring, based on main, with origin/main to diff against.
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(root, 'new.py'), `DB_PASSWORD = '${secrets.password}'\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'new password');
    return root;
  }

  /** Runs the scan step's script with the env the runner would give it. */
  function runScanStep(cwd: string, inputs: Record<string, string>, event: string) {
    const output = path.join(cwd, '.github-output');
    writeFileSync(output, '');
    const value = (name: string) => inputs[name] ?? action.inputs[name].default;
    const env = {
      ...process.env,
      ...IDENTITY,
      GITHUB_OUTPUT: output,
      SH_CLI: CLI_JS,
      SH_MODE: value('mode'),
      SH_PATH: value('path'),
      SH_FAIL_ON: value('fail-on'),
      SH_SARIF: value('sarif-file'),
      SH_EVENT: event,
      SH_BASE_REF: event === 'pull_request' ? 'main' : '',
      // No remote here: the step's fetch fails quietly and the local origin/main is used.
      GIT_TERMINAL_PROMPT: '0',
    };
    const result = spawnSync('bash', ['-e', '-c', scanStep.run!], { cwd, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => line.split('=', 2) as [string, string]));
    const sarifPath = path.join(cwd, value('sarif-file'));
    const sarif = existsSync(sarifPath) ? readFileSync(sarifPath, 'utf8') : '';
    for (const secret of allValues(secrets)) assert.ok(!(sarif + result.stdout + result.stderr).includes(secret), 'a full secret was printed');
    const files = sarif ? (JSON.parse(sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri).sort() : [];
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, files };
  }

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('is a composite action whose steps build, scan, upload and then fail on findings', () => {
    assert.equal(action.runs.using, 'composite');
    const uses = action.runs.steps.map((step) => step.uses ?? step.name);
    assert.ok(uses.some((name) => name?.startsWith('github/codeql-action/upload-sarif')));
    const fail = action.runs.steps.at(-1)!;
    assert.match(fail.if ?? '', /exit-code == '1'/);
  });

  it('auto mode scans only the pull request\'s lines on pull_request, the whole tree otherwise', () => {
    const root = repository();
    const pr = runScanStep(root, {}, 'pull_request');
    assert.equal(pr.status, 0, pr.stderr);
    assert.equal(pr.outputs['exit-code'], '1');
    assert.deepEqual(pr.files, ['new.py']);

    const push = runScanStep(root, {}, 'push');
    assert.equal(push.outputs['exit-code'], '1');
    assert.deepEqual(push.files, ['new.py', 'old.js']);
  });

  it('history mode finds what was deleted; fail-on none never fails; a bad mode is an error', () => {
    const root = repository();
    rmSync(path.join(root, 'old.js'));
    spawnSync('git', ['commit', '-q', '-am', 'drop old'], { cwd: root, env: { ...process.env, ...IDENTITY } });
    const history = runScanStep(root, { mode: 'history', 'fail-on': 'none' }, 'push');
    assert.equal(history.outputs['exit-code'], '0');
    assert.deepEqual(history.files, ['new.py', 'old.js']);

    const bad = runScanStep(root, { mode: 'everything' }, 'push');
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error::unknown mode "everything"/);
  });
});
