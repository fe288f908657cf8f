import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI_JS, ensureBuilt, runCli } from './run';

// `secure-hygiene policy init|check` as CI runs them: the built CLI in real temp projects with a
// git remote. Exit codes: 0 done/clean, 1 problems (or an existing policy kept), 2 usage or I/O.

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policy');

describe('CLI policy', function () {
  this.timeout(120_000);
  const temps: string[] = [];

  function project(options: { remote?: string; web?: boolean } = {}): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-cli-policy-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'widget', version: '1.4.0' }, null, 2)}\n`);
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n');
    if (options.web) mkdirSync(path.join(dir, 'public'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    if (options.remote) execFileSync('git', ['remote', 'add', 'origin', options.remote], { cwd: dir });
    return dir;
  }

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('init --yes writes a policy that check then finds clean', () => {
    const dir = project({ remote: 'git@github.com:acme/widget.git' });
    const init = runCli(['policy', 'init', '--yes'], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Wrote SECURITY\.md/);
    const text = readFileSync(path.join(dir, 'SECURITY.md'), 'utf8');
    assert.ok(text.includes('https://github.com/acme/widget/security/advisories/new'));
    assert.ok(text.includes('| 1.x | Yes |'));
    const check = runCli(['policy', 'check'], dir);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /SECURITY\.md: no problems found/);
  });

  it('init --yes takes flags: contact, location, omitted sections, security.txt', () => {
    const dir = project({ remote: 'https://gitlab.com/grain/widget.git', web: true });
    const run = runCli(['policy', 'init', dir, '--yes', '--contact', 'security@acme-widgets.io', '--location', '.github', '--omit', 'scope,safe-harbor'], tmpdir());
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(path.join(dir, '.github', 'SECURITY.md'), 'utf8');
    assert.ok(text.includes('mailto:security@acme-widgets.io'));
    assert.ok(text.includes('/-/issues/new?issue%5Bconfidential%5D=true'));
    assert.ok(!text.includes('## Scope') && !text.includes('## Safe harbor') && text.includes('## Recognition'));
    const txt = readFileSync(path.join(dir, 'public', '.well-known', 'security.txt'), 'utf8');
    assert.match(txt, /^Contact: mailto:security@acme-widgets\.io$/m);
    assert.match(txt, /^Policy: https:\/\/gitlab\.com\/grain\/widget\/-\/blob\/HEAD\/\.github\/SECURITY\.md$/m);
    assert.equal(runCli(['policy', 'check', dir], tmpdir()).code, 0);
  });

  it('init refuses to run without a private channel or with a placeholder contact (exit 2)', () => {
    const dir = project();
    const none = runCli(['policy', 'init', '--yes'], dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--contact/);
    const placeholder = runCli(['policy', 'init', '--yes', '--contact', 'security@example.com'], dir);
    assert.equal(placeholder.code, 2);
    assert.match(placeholder.stderr, /reserved for examples/);
    assert.ok(!existsSync(path.join(dir, 'SECURITY.md')));
    const notTty = runCli(['policy', 'init'], dir);
    assert.equal(notTty.code, 2);
    assert.match(notTty.stderr, /--yes/);
  });

  it('init never replaces a different policy without --force, and shows the diff', () => {
    const dir = project({ remote: 'git@github.com:acme/widget.git' });
    const mine = '# Our own policy\n\nMail security@acme-widgets.io.\n';
    writeFileSync(path.join(dir, 'SECURITY.md'), mine);
    const kept = runCli(['policy', 'init', '--yes'], dir);
    assert.equal(kept.code, 1);
    assert.match(kept.stdout, /^--- SECURITY\.md \(existing\)$/m);
    assert.match(kept.stdout, /^-# Our own policy$/m);
    assert.match(kept.stderr, /--force/);
    assert.equal(readFileSync(path.join(dir, 'SECURITY.md'), 'utf8'), mine);
    const forced = runCli(['policy', 'init', '--yes', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(readFileSync(path.join(dir, 'SECURITY.md'), 'utf8'), mine);
    const again = runCli(['policy', 'init', '--yes'], dir);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already up to date/);
  });

  it('init --interactive reads the answers line by line and asks before replacing', () => {
    const dir = project({ remote: 'git@github.com:acme/widget.git', web: true });
    // contact, location, scope, practices, safe harbor, recognition, PGP URL, security.txt
    const answers = ['not-an-address', 'security@acme-widgets.io', 'docs', 'y', 'n', '', '', '', 'n', ''].join('\n');
    const run = spawnSync(process.execPath, [CLI_JS, 'policy', 'init', '--interactive'], { cwd: dir, input: answers, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /is not an e-mail address/);
    const text = readFileSync(path.join(dir, 'docs', 'SECURITY.md'), 'utf8');
    assert.ok(text.includes('mailto:security@acme-widgets.io') && text.includes('## Scope') && !text.includes('## Security practices for users'));
    assert.ok(!existsSync(path.join(dir, 'public', '.well-known', 'security.txt')));
    // Replacing needs a "y"; the default is to keep.
    writeFileSync(path.join(dir, 'docs', 'SECURITY.md'), '# mine\n\nMail security@acme-widgets.io.\n');
    const keep = spawnSync(process.execPath, [CLI_JS, 'policy', 'init', '--interactive', '--no-security-txt'], { cwd: dir, input: '\n\n\n\n\n\n\n\n', encoding: 'utf8' });
    assert.equal(keep.status, 1, keep.stdout + keep.stderr);
    assert.equal(readFileSync(path.join(dir, 'docs', 'SECURITY.md'), 'utf8'), '# mine\n\nMail security@acme-widgets.io.\n');
  });

  const expectations: [string, number, string | undefined][] = [
    ['complete-advisory.md', 0, undefined],
    ['email-only.md', 0, undefined],
    ['template-leftover.md', 1, 'policy/template-leftover'],
    ['example-contact.md', 1, 'policy/placeholder-contact'],
    ['old-versions.md', 1, 'policy/unsupported-current-version'],
    ['public-issue.md', 1, 'policy/public-issues-only'],
    ['wrong-advisory.md', 1, 'policy/advisory-link-mismatch'],
    ['no-channel.md', 1, 'policy/no-reporting-channel'],
    ['dead-link.md', 1, 'policy/dead-link'],
  ];
  for (const [fixture, code, ruleId] of expectations) {
    it(`check exits ${code} on ${fixture}${ruleId ? ` (${ruleId})` : ''}`, () => {
      const dir = project({ remote: 'git@github.com:acme/widget.git' });
      copyFileSync(path.join(FIXTURES, fixture), path.join(dir, 'SECURITY.md'));
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs', 'scope.md'), '# Scope\n');
      const run = runCli(['policy', 'check'], dir);
      assert.equal(run.code, code, run.stdout + run.stderr);
      if (ruleId) assert.match(run.stdout, new RegExp(`^SECURITY\\.md:\\d+:\\d+: (error|warning) ${ruleId}: `, 'm'));
      const json = runCli(['policy', 'check', '--format', 'json'], dir);
      const report = JSON.parse(json.stdout) as { file: string; findings: { ruleId: string }[] };
      assert.equal(report.file, 'SECURITY.md');
      assert.deepEqual(report.findings.map((finding) => finding.ruleId), ruleId ? [ruleId] : []);
    });
  }

  it('check --fail-on: error lets a warning through, none never fails', () => {
    const dir = project({ remote: 'git@github.com:acme/widget.git' });
    copyFileSync(path.join(FIXTURES, 'template-leftover.md'), path.join(dir, 'SECURITY.md'));
    const severity = /^SECURITY\.md:\d+:\d+: (error|warning) /m.exec(runCli(['policy', 'check'], dir).stdout)?.[1];
    assert.ok(severity, 'the fixture has a problem');
    assert.equal(runCli(['policy', 'check', '--fail-on', 'error'], dir).code, severity === 'error' ? 1 : 0);
    assert.equal(runCli(['policy', 'check', '--fail-on', 'none'], dir).code, 0);
    assert.equal(runCli(['policy', 'check', '--fail-on', 'hint'], dir).code, 1);
  });

  it('check honours rules turned off in .secure-hygiene.json', () => {
    const dir = project({ remote: 'git@github.com:acme/widget.git' });
    copyFileSync(path.join(FIXTURES, 'old-versions.md'), path.join(dir, 'SECURITY.md'));
    writeFileSync(path.join(dir, '.secure-hygiene.json'), '{ "rules": { "policy/unsupported-current-version": "off" } }\n');
    assert.equal(runCli(['policy', 'check'], dir).code, 0);
  });

  it('check reports a missing policy on the manifest (exit 1 with --fail-on info), and usage and I/O errors (exit 2)', () => {
    const dir = project();
    // The exit code follows --fail-on as in `scan`: a missing policy is info, below the default warning.
    const missing = runCli(['policy', 'check'], dir);
    assert.equal(missing.code, 0);
    assert.match(missing.stdout, /^package\.json:2:3: info policy\/missing: /m);
    assert.equal(runCli(['policy', 'check', '--fail-on', 'info'], dir).code, 1);
    assert.equal(runCli(['policy', 'check', '--fail-on', 'everything'], dir).code, 2);
    assert.equal(runCli(['policy', 'init', '--fail-on', 'info'], dir).code, 2);
    assert.equal(runCli(['policy', 'check', path.join(dir, 'nope')], dir).code, 2);
    assert.equal(runCli(['policy', 'frobnicate'], dir).code, 2);
    assert.equal(runCli(['policy', 'check', '--contact', 'a@b.io'], dir).code, 2);
    assert.equal(runCli(['policy', 'init', '--location', 'src'], dir).code, 2);
    assert.equal(runCli(['policy'], dir).code, 2);
    const help = runCli(['policy', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /policy <init\|check>/);
  });
});
