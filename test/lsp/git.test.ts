import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadGitFacts } from '../../src/shared/git';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

describe('git facts (src/shared/git.ts)', () => {
  let repo: string;
  let plain: string;

  before(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'sh-git-'));
    plain = mkdtempSync(path.join(tmpdir(), 'sh-nogit-'));
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, '.gitignore'), '.env\nbuild/\n*.log\n');
    writeFileSync(path.join(repo, 'tracked.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(repo, 'with space é.ts'), 'export const b = 2;\n');
    git(repo, 'add', '.gitignore', 'tracked.ts', 'with space é.ts');
    git(repo, 'commit', '-q', '-m', 'initial');
    // Tracked and then changed and staged: counts as staged.
    writeFileSync(path.join(repo, 'tracked.ts'), 'export const a = 2;\n');
    writeFileSync(path.join(repo, 'tracked-unstaged.ts'), 'x\n');
    git(repo, 'add', 'tracked-unstaged.ts');
    git(repo, 'commit', '-q', '-m', 'second');
    writeFileSync(path.join(repo, 'tracked-unstaged.ts'), 'changed but not added\n');
    writeFileSync(path.join(repo, 'new-staged.ts'), 'export const c = 3;\n');
    git(repo, 'add', 'tracked.ts', 'new-staged.ts');
    writeFileSync(path.join(repo, 'scratch.ts'), 'untracked\n');
    mkdirSync(path.join(repo, 'fresh dir'));
    writeFileSync(path.join(repo, 'fresh dir', 'inner.ts'), 'untracked in an untracked folder\n');
    writeFileSync(path.join(repo, '.env'), 'A=1\n');
    writeFileSync(path.join(repo, 'debug.log'), 'log\n');
    mkdirSync(path.join(repo, 'build', 'deep'), { recursive: true });
    writeFileSync(path.join(repo, 'build', 'deep', 'out.js'), 'ignored\n');
  });

  after(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(plain, { recursive: true, force: true });
  });

  it('classifies tracked, staged, untracked and ignored files', async () => {
    const facts = await loadGitFacts(repo);
    assert.ok(facts, 'a repository has facts');
    const at = (relative: string) => facts.stateOf(path.join(repo, relative));
    assert.equal(at('with space é.ts'), 'tracked');
    assert.equal(at('tracked-unstaged.ts'), 'tracked');
    assert.equal(at('tracked.ts'), 'staged');
    assert.equal(at('new-staged.ts'), 'staged');
    assert.equal(at('scratch.ts'), 'untracked');
    assert.equal(at('fresh dir/inner.ts'), 'untracked');
    assert.equal(at('.env'), 'ignored');
    assert.equal(at('debug.log'), 'ignored');
    assert.equal(at('build/deep/out.js'), 'ignored');
    assert.equal(facts.isIgnored(path.join(repo, 'build', 'deep', 'out.js')), true);
    assert.equal(facts.isIgnored(path.join(repo, 'tracked.ts')), false);
    assert.equal(facts.stateOf(path.join(plain, 'elsewhere.ts')), 'unknown');
  });

  it('works from a subfolder and for files created after the listing, once refreshed', async () => {
    const facts = await loadGitFacts(path.join(repo, 'build'));
    assert.ok(facts);
    const later = path.join(repo, 'later.log');
    assert.equal(facts.isKnown(later), false);
    writeFileSync(later, 'new\n');
    writeFileSync(path.join(repo, 'later.ts'), 'new\n');
    git(repo, 'add', 'later.ts');
    await facts.refresh();
    assert.equal(facts.isKnown(later), true);
    assert.equal(facts.stateOf(later), 'ignored');
    assert.equal(facts.stateOf(path.join(repo, 'later.ts')), 'staged');
  });

  it('shares one git run between concurrent refreshes', async () => {
    const facts = await loadGitFacts(repo);
    assert.ok(facts);
    const first = facts.refresh();
    assert.equal(facts.refresh(), first);
    await first;
  });

  it('knows nothing outside a repository and never throws', async () => {
    assert.equal(await loadGitFacts(plain), undefined);
    assert.equal(await loadGitFacts(path.join(plain, 'does-not-exist')), undefined);
  });
});
