import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allValues, makeProject, plantedSecrets } from './fixtureTree';
import { ensureBuilt, packageVersion, runCli } from './run';

// What the scan command does with a real tree: ignores, excludes, skips, git state, baselines,
// and its exit codes (0 clean, 1 findings, 2 usage or I/O error).

interface JsonReport {
  summary: Record<string, number>;
  files: { path: string; gitState: string; findings: { ruleId: string; severity: string; message: string }[] }[];
}

describe('CLI scan', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  let root: string;
  const temps: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-cli-'));
    temps.push(dir);
    return dir;
  };
  const json = (args: string[], cwd = root) => {
    const run = runCli(['scan', ...args, '-f', 'json', '-q', '--no-git'], cwd);
    for (const value of allValues(secrets)) assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    return { ...run, report: JSON.parse(run.stdout) as JsonReport };
  };
  const paths = (report: JsonReport) => report.files.map((file) => file.path);

  before(() => {
    ensureBuilt();
    root = makeProject(secrets);
    temps.push(root);
  });
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  describe('exit codes', () => {
    it('0 on a clean folder', () => {
      const clean = temp();
      writeFileSync(path.join(clean, 'index.js'), 'console.log("hello");\n');
      const run = runCli(['scan', clean], root);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /No findings\./);
    });

    it('1 on findings, 0 when they are below --fail-on', () => {
      assert.equal(runCli(['scan', '--no-git'], root).code, 1);
      assert.equal(runCli(['scan', '--no-git', '--fail-on', 'error'], root).code, 0);
      assert.equal(runCli(['scan', '--no-git', '--fail-on', 'none'], root).code, 0);
    });

    for (const [args, pattern] of [
      [['scan', '--frobnicate'], /unknown option --frobnicate/],
      [['scan', 'does/not/exist'], /no such file or directory: does\/not\/exist/],
      [['scan', '--format', 'xml'], /--format must be one of text, json, sarif/],
      [['scan', '--format'], /--format needs a value/],
      [['scan', '--max-file-size', 'huge'], /--max-file-size must be a size/],
      [['scan', '--config', 'missing.json'], /cannot read config .*missing\.json: ENOENT/],
      [['scan', '--baseline', 'missing.json'], /cannot read baseline .*missing\.json: ENOENT/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ] as const) {
      it(`2 with a one-line message: ${args.join(' ')}`, () => {
        const run = runCli([...args], root);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
        assert.match(run.stderr, /^secure-hygiene: /);
        assert.match(run.stderr, pattern);
      });
    }

    it('--help and --version', () => {
      const help = runCli(['scan', '--help'], root);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: secure-hygiene scan/);
      assert.match(help.stdout, /--format <text\|json\|sarif>/);
      const version = runCli(['--version'], root);
      assert.equal(version.code, 0);
      assert.equal(version.stdout.trim(), packageVersion());
    });
  });

  it('honours .gitignore, and --no-gitignore scans ignored files too', () => {
    const { report } = json([]);
    assert.ok(!paths(report).some((file) => file.startsWith('ignored/') || file.endsWith('.log')));
    assert.equal(report.summary.gitignored, 2);
    const all = json(['--no-gitignore']).report;
    assert.ok(paths(all).includes('ignored/secret.js'));
    assert.ok(paths(all).includes('debug.log'));
  });

  it('honours a .gitignore in a subfolder and one above the scan root in the same repository', () => {
    const repo = temp();
    mkdirSync(path.join(repo, '.git'));
    writeFileSync(path.join(repo, '.gitignore'), 'secrets.js\n');
    mkdirSync(path.join(repo, 'pkg', 'sub'), { recursive: true });
    writeFileSync(path.join(repo, 'pkg', '.gitignore'), 'sub/\n');
    const line = `const key = '${secrets.awsKeyId}';\n`;
    writeFileSync(path.join(repo, 'pkg', 'secrets.js'), line);
    writeFileSync(path.join(repo, 'pkg', 'sub', 'a.js'), line);
    writeFileSync(path.join(repo, 'pkg', 'kept.js'), line);
    const { report } = json(['pkg'], repo);
    assert.deepEqual(paths(report), ['kept.js']);
    // A folder named on the command line is scanned even though a .gitignore above it ignores it.
    assert.deepEqual(paths(json(['pkg/sub'], repo).report), ['a.js']);
  });

  it("honours the config's exclude globs, and --config replaces the config", () => {
    assert.ok(!paths(json([]).report).includes('vendor/lib.js'));
    const other = path.join(temp(), 'other.json');
    writeFileSync(other, '{ "exclude": ["deploy/**"] }');
    const excludedDeploy = paths(json(['--config', other]).report);
    assert.ok(excludedDeploy.includes('vendor/lib.js'));
    assert.ok(!excludedDeploy.includes('deploy/aws.yml'));
  });

  it('skips binaries, lock files and large files, saying so once in the summary', () => {
    const run = runCli(['scan', '--no-git', '--no-color', '--max-file-size', '200'], root);
    const summary = run.stdout.trimEnd().split('\n').at(-1)!;
    assert.match(summary, /skipped 1 binary, 1 larger than 200 B, 1 generated/);
    assert.equal(run.stdout.match(/binary/g)?.length, 1, 'the binary skip is said once');
    assert.ok(!run.stdout.includes('logo.bin'));
    const { report } = json(['--max-file-size', '200']);
    assert.equal(report.summary.tooLarge, 1);
    assert.ok(!paths(report).includes('src/aws.js'));
  });

  it('scans a file named on the command line, relative to the current folder', () => {
    const { report, code } = json(['src/aws.js']);
    assert.equal(code, 1);
    assert.deepEqual(paths(report), ['src/aws.js']);
  });

  it('does not follow symbolic links unless asked, and survives a link loop', () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a', 'key.js'), `const key = '${secrets.awsKeyId}';\n`);
    symlinkSync(dir, path.join(dir, 'a', 'loop'));
    const plain = json([dir], root).report;
    assert.deepEqual(paths(plain), ['a/key.js']);
    const followed = json([dir, '--follow-symlinks'], root).report;
    assert.deepEqual(paths(followed), ['a/key.js']);
  });

  it('git: a staged secret is an error that says it is committed; an untracked one a warning', () => {
    const repo = makeProject(secrets);
    temps.push(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '-q');
    git('add', 'src/aws.js');
    const run = runCli(['scan', '-f', 'json', '-q'], repo);
    const report = JSON.parse(run.stdout) as JsonReport;
    const staged = report.files.find((file) => file.path === 'src/aws.js')!;
    assert.equal(staged.gitState, 'staged');
    assert.ok(staged.findings.every((finding) => finding.severity === 'error' && /committed/.test(finding.message)));
    const untracked = report.files.find((file) => file.path === 'app/settings.py')!;
    assert.equal(untracked.gitState, 'untracked');
    assert.ok(untracked.findings.every((finding) => finding.severity === 'warning'));
    assert.equal(runCli(['scan', '--fail-on', 'error'], repo).code, 1);
    const text = runCli(['scan', '--no-color'], repo).stdout;
    assert.match(text, /src\/aws\.js {2}\(staged in git\)/);
  });

  it('--write-baseline accepts current findings by fingerprint; later scans report only new ones', () => {
    const project = makeProject(secrets);
    temps.push(project);
    const write = runCli(['scan', '--write-baseline', '--no-git'], project);
    assert.equal(write.code, 0, write.stderr);
    assert.match(write.stderr, /wrote 4 accepted findings to \.secure-hygiene-baseline\.json/);
    const baselineText = readFileSync(path.join(project, '.secure-hygiene-baseline.json'), 'utf8');
    for (const value of allValues(secrets)) assert.ok(!baselineText.includes(value));
    assert.equal((JSON.parse(baselineText) as { findings: unknown[] }).findings.length, 4);

    assert.equal(runCli(['scan', '--no-git'], project).code, 0);
    writeFileSync(path.join(project, 'src', 'new.js'), `const key = '${secrets.excluded}';\n`);
    const after = json([], project);
    assert.equal(after.code, 1);
    assert.deepEqual(paths(after.report), ['src/new.js']);

    const custom = path.join(project, 'accepted.json');
    assert.equal(runCli(['scan', '--write-baseline', '--baseline', custom, '--no-git'], project).code, 0);
    assert.equal(runCli(['scan', '--baseline', custom, '--no-git'], project).code, 0);
  });
});
