import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allValues, plantedSecrets } from './fixtureTree';
import { ensureBuilt, runCli } from './run';

// `scan --history` and `scan --diff`, on real repositories made in temp folders: a secret added and
// deleted later is still found (once, with the commit that added it), merges, renames and binary
// files are read as git writes them, and nothing is ever printed whole.

interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  message: string;
  data?: { commit?: string; commitDate?: string; presentAtHead?: boolean };
}
interface JsonReport {
  summary: Record<string, number>;
  files: { path: string; findings: JsonFinding[] }[];
}

const IDENTITY = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

describe('CLI scan --history and --diff', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  const temps: string[] = [];

  function repository(): { root: string; git: (...args: string[]) => string; write: (file: string, text: string | Buffer) => void } {
    const root = mkdtempSync(path.join(tmpdir(), 'sh-history-'));
    temps.push(root);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...IDENTITY } });
    const write = (file: string, text: string | Buffer) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    git('init', '-q', '-b', 'main');
    write('README.md', '# demo\n');
    git('add', '.');
    git('commit', '-q', '-m', 'start');
    return { root, git, write };
  }

  function history(root: string, args: string[] = []): { code: number | null; report: JsonReport } {
    const run = runCli(['scan', '--history', '-f', 'json', '-q', ...args], root);
    for (const value of allValues(secrets)) assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
  }
  const all = (report: JsonReport) => report.files.flatMap((file) => file.findings.map((finding) => ({ path: file.path, ...finding })));

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('finds a secret that was added and deleted later, once, with the commit that added it', () => {
    const { root, git, write } = repository();
    write('src/aws.js', `const id = '${secrets.awsKeyId}';\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'add key');
    const added = git('rev-parse', 'HEAD').trim();
    // The same line edited around, then the key removed: still one finding.
    write('src/aws.js', `// config\nconst id = '${secrets.awsKeyId}';\nconst other = 1;\n`);
    git('commit', '-q', '-am', 'touch');
    write('src/aws.js', 'const id = process.env.AWS_ACCESS_KEY_ID;\n');
    git('commit', '-q', '-am', 'remove key');
    // The working tree is clean: a plain scan sees nothing.
    assert.equal(runCli(['scan', '-f', 'json', '-q'], root).code, 0);

    const { code, report } = history(root);
    assert.equal(code, 1);
    const findings = all(report).filter((finding) => finding.ruleId === 'secret/aws-access-key-id');
    assert.equal(findings.length, 1, JSON.stringify(all(report)));
    assert.equal(findings[0].path, 'src/aws.js');
    assert.equal(findings[0].line, 1, 'the line in the commit that added it');
    assert.equal(findings[0].data?.commit, added);
    assert.equal(findings[0].data?.presentAtHead, false);
    assert.match(findings[0].message, /removed since: still in the history/);
    assert.equal(report.summary.commits, 4);
  });

  it('finds a key ssh-keygen wrote, committed and then deleted, as one private-key finding', () => {
    const { root, git } = repository();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(root, 'deploy_key')]);
    git('add', '.');
    git('commit', '-q', '-m', 'deploy key');
    git('rm', '-q', 'deploy_key');
    git('commit', '-q', '-m', 'remove deploy key');
    const keys = all(history(root).report).filter((finding) => finding.ruleId === 'secret/private-key');
    assert.deepEqual(keys.map((finding) => [finding.path, finding.line, finding.data?.presentAtHead]), [['deploy_key', 1, false]]);
  });

  it('says when HEAD still holds the secret, and reports lines as numbered in the new file', () => {
    const { root, git, write } = repository();
    write('app/settings.py', ['DEBUG = False', "ALLOWED_HOSTS = ['example.com']", `DB_PASSWORD = '${secrets.password}'`, ''].join('\n'));
    git('add', '.');
    git('commit', '-q', '-m', 'settings');
    const finding = all(history(root).report).find((entry) => entry.path === 'app/settings.py');
    assert.ok(finding, 'the password was not found');
    assert.equal(finding.line, 3);
    assert.equal(finding.data?.presentAtHead, true);
    assert.match(finding.message, /still at HEAD/);
  });

  it('reads every branch by default and only the chosen one with --branch; --since stops at a commit', () => {
    const { root, git, write } = repository();
    const start = git('rev-parse', 'HEAD').trim();
    git('checkout', '-q', '-b', 'feature');
    write('deploy/aws.yml', `aws_secret_access_key: ${secrets.awsSecret}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'feature key');
    git('checkout', '-q', 'main');
    write('src/token.js', `const token = "${secrets.githubToken}";\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'main token');

    const paths = (report: JsonReport) => report.files.map((file) => file.path).sort();
    assert.deepEqual(paths(history(root).report), ['deploy/aws.yml', 'src/token.js']);
    assert.deepEqual(paths(history(root, ['--branch', 'main']).report), ['src/token.js']);
    assert.deepEqual(paths(history(root, ['--branch', 'feature', '--since', start]).report), ['deploy/aws.yml']);
    assert.deepEqual(paths(history(root, ['--branch', 'main', '--since', 'main']).report), []);
  });

  it('reads merges, renames and binary files without false or doubled findings', () => {
    const { root, git, write } = repository();
    git('checkout', '-q', '-b', 'side');
    write('src/aws.js', `const id = '${secrets.awsKeyId}';\n`);
    write('assets/blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(`key=${secrets.binary}`)]));
    git('add', '.');
    git('commit', '-q', '-m', 'side key');
    git('checkout', '-q', 'main');
    write('NOTES.md', 'notes\n');
    git('add', '.');
    git('commit', '-q', '-m', 'notes');
    git('merge', '-q', '--no-edit', 'side');
    renameSync(path.join(root, 'src/aws.js'), path.join(root, 'src/keys.js'));
    git('add', '-A');
    git('commit', '-q', '-m', 'rename');
    unlinkSync(path.join(root, 'assets/blob.bin'));
    git('commit', '-q', '-am', 'drop blob');

    const findings = all(history(root).report);
    const ids = findings.filter((finding) => finding.ruleId === 'secret/aws-access-key-id');
    assert.equal(ids.length, 1, `one finding for the key, not one per branch, merge or rename: ${JSON.stringify(findings)}`);
    assert.equal(ids[0].path, 'src/aws.js');
    assert.ok(!findings.some((finding) => finding.path === 'assets/blob.bin'), 'binary content is not scanned');
  });

  it('--diff scans only the lines added since a revision, uncommitted changes included', () => {
    const { root, git, write } = repository();
    write('src/old.js', `const id = '${secrets.awsKeyId}';\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'old key');
    const base = git('rev-parse', 'HEAD').trim();
    write('src/new.js', `const token = "${secrets.githubToken}";\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'new token');
    write('src/old.js', `const id = '${secrets.awsKeyId}';\nconst password = '${secrets.password}';\n`);

    const run = runCli(['scan', '--diff', base, '-f', 'json', '-q'], root);
    for (const value of allValues(secrets)) assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    assert.equal(run.code, 1, run.stderr);
    const findings = all(JSON.parse(run.stdout) as JsonReport);
    assert.deepEqual(findings.map((finding) => `${finding.path}:${finding.line}`).sort(), ['src/new.js:1', 'src/old.js:2']);
  });

  it('refuses what cannot work, with a clear message', () => {
    const { root } = repository();
    const both = runCli(['scan', '--history', '--staged'], root);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /cannot be combined/);
    const stray = runCli(['scan', '--branch', 'main'], root);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--branch selects commits for --history/);
    const option = runCli(['scan', '--history', '--since=--output=x'], root);
    assert.equal(option.code, 2);
    const unknown = runCli(['scan', '--history', '--branch', 'no-such-branch'], root);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /git log failed/);
    const outside = mkdtempSync(path.join(tmpdir(), 'sh-nogit-'));
    temps.push(outside);
    const notRepo = runCli(['scan', '--history'], outside);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /not in a git repository/);
  });
});
