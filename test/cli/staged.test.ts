import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allValues, makeProject, plantedSecrets } from './fixtureTree';
import { ensureBuilt, runCli } from './run';

// `scan --staged`: the pre-commit check judges the index (what the commit will hold), never the
// working tree, and only the files the commit adds or changes.

interface JsonReport {
  summary: Record<string, number>;
  files: { path: string; gitState: string; findings: { ruleId: string; severity: string }[] }[];
}

describe('CLI scan --staged', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  const temps: string[] = [];

  /** The fixture project as a fresh repository with one commit holding only its config files. */
  function repository(): { root: string; git: (...args: string[]) => string } {
    const root = makeProject(secrets);
    temps.push(root);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    git('init', '-q');
    git('add', '.secure-hygiene.json', '.gitignore', 'src/clean.ts');
    git('commit', '-q', '-m', 'start');
    return { root, git };
  }

  const staged = (args: string[], cwd: string) => {
    const run = runCli(['scan', '--staged', '-f', 'json', '-q', ...args], cwd);
    for (const value of allValues(secrets)) assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
  };
  const paths = (report: JsonReport) => report.files.map((file) => file.path);

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('scans the staged content, not the working tree, and calls its secrets committed errors', () => {
    const { root, git } = repository();
    git('add', 'src/aws.js', 'app/settings.py');
    // Staged, then removed on disk: the commit would still hold it.
    writeFileSync(path.join(root, 'src/aws.js'), 'module.exports = {};\n');
    // Clean when staged, a secret added on disk since: not part of the commit.
    git('add', 'deploy/aws.yml');
    writeFileSync(path.join(root, 'README.md'), `token = "${secrets.githubToken}"\n`);
    const { code, report } = staged([], root);
    assert.equal(code, 1);
    assert.deepEqual(paths(report), ['app/settings.py', 'deploy/aws.yml', 'src/aws.js']);
    assert.ok(report.files.every((file) => file.gitState === 'staged' && file.findings.every((finding) => finding.severity === 'error')));
    assert.deepEqual(report.files.find((file) => file.path === 'src/aws.js')!.findings.map((finding) => finding.ruleId).sort(), ['secret/aws-access-key-id', 'secret/github-token']);
    // The plain scan of the working tree sees the opposite.
    const tree = JSON.parse(runCli(['scan', '-f', 'json', '-q', 'src', 'README.md'], root).stdout) as JsonReport;
    assert.deepEqual(paths(tree), ['README.md']);
  });

  it('with nothing staged scans nothing and exits 0 (never the whole folder)', () => {
    const { root } = repository();
    const { code, report } = staged([], root);
    assert.equal(code, 0);
    assert.equal(report.summary.scanned, 0);
    assert.deepEqual(report.files, []);
  });

  it('leaves out deletions, unchanged files, symbolic links, excluded, generated, binary and large files', () => {
    const { root, git } = repository();
    git('rm', '-q', '--cached', 'src/clean.ts');
    symlinkSync('app/settings.py', path.join(root, 'link.py'));
    writeFileSync(path.join(root, 'big.js'), `const key = '${secrets.awsKeyId}';\n${'// padding\n'.repeat(200)}`);
    git('add', '-f', 'link.py', 'vendor/lib.js', 'package-lock.json', 'assets/logo.bin', 'big.js', 'ignored/secret.js');
    const { code, report } = staged(['--max-file-size', '1k'], root);
    assert.equal(code, 1);
    // A file git ignores but that was force-added is committed all the same.
    assert.deepEqual(paths(report), ['ignored/secret.js']);
    assert.equal(report.summary.scanned, 1);
    assert.equal(report.summary.excluded, 1);
    assert.equal(report.summary.generated, 1);
    assert.equal(report.summary.binary, 1);
    assert.equal(report.summary.tooLarge, 1);
  });

  it('limits the scan to the paths given, names with spaces included, relative to the scan root', () => {
    const { root, git } = repository();
    mkdirSync(path.join(root, 'two words'));
    writeFileSync(path.join(root, 'two words', 'conf.py'), `DB_PASSWORD = '${secrets.password}'\n`);
    git('add', 'two words/conf.py', 'src/aws.js');
    assert.deepEqual(paths(staged(['two words'], root).report), ['conf.py']);
    assert.deepEqual(paths(staged(['--root', '.', 'two words', 'deploy'], root).report), ['two words/conf.py']);
    assert.deepEqual(paths(staged([], path.join(root, 'src')).report), ['aws.js']);
  });

  it('works before the first commit', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sh-cli-'));
    temps.push(root);
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeFileSync(path.join(root, 'settings.py'), `DB_PASSWORD = '${secrets.password}'\n`);
    execFileSync('git', ['add', 'settings.py'], { cwd: root });
    assert.deepEqual(paths(staged([], root).report), ['settings.py']);
  });

  it('says in one line why it cannot run: no repository, or --no-git', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sh-cli-'));
    temps.push(outside);
    const run = runCli(['scan', '--staged'], outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^secure-hygiene: --staged reads git's index, but .* is not in a git repository \(fatal: not a git repository/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    const { root } = repository();
    const usage = runCli(['scan', '--staged', '--no-git'], root);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--staged reads git: it cannot be combined with --no-git/);
  });

  it('honours the baseline: accepted findings stop failing the commit, new ones do not', () => {
    const { root, git } = repository();
    git('add', 'app/settings.py');
    const write = runCli(['scan', '--staged', '--write-baseline'], root);
    assert.equal(write.code, 0, write.stderr);
    assert.match(write.stderr, /wrote 1 accepted finding to/);
    assert.equal(staged([], root).code, 0);
    git('add', 'deploy/aws.yml');
    const { code, report } = staged([], root);
    assert.equal(code, 1);
    assert.deepEqual(paths(report), ['deploy/aws.yml']);
  });
});
