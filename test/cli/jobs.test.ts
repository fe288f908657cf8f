import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';
import { ensureBuilt, runCli } from './run';

// Worker threads must not change the report: the same tree scanned on one thread, on worker
// threads (explicit and default counts) and through a symbolic link to the root gives the same
// bytes, apart from the elapsed time. The tree is big enough for the default to use workers and
// for the walk to still be feeding them when they start.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const FILES = 420;

function write(root: string, relative: string, content: string | Buffer): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A few hundred files in nested folders; every 7th holds a synthetic secret, a few are binary or ignored. */
function makeTree(root: string): void {
  write(root, '.gitignore', 'ignored/\n');
  for (let i = 0; i < FILES; i += 1) {
    const dir = `pkg-${i % 9}/mod-${i % 5}${i % 3 === 0 ? '/deep/er' : ''}`;
    const filler = Array.from({ length: 20 + (i % 40) }, (_, line) => `export const value${line} = ${line * i}; // plain code ${line}`).join('\n');
    if (i % 7 === 0) {
      const key = join('AKIA', synth(BASE32, 16, 1000 + i));
      const password = join('Qz8', synth(ALNUM, 10, 2000 + i), '!k');
      write(root, `${dir}/file-${i}.ts`, `${filler}\nconst accessKeyId = '${key}';\n${filler}\n`);
      write(root, `${dir}/settings-${i}.py`, `DEBUG = False\nDB_PASSWORD = '${password}'\n`);
    } else if (i % 50 === 1) {
      write(root, `${dir}/blob-${i}.bin`, Buffer.from([0, 1, 2, 3, 0, 0, 7, i % 256]));
    } else {
      write(root, `${dir}/file-${i}.ts`, `${filler}\n`);
    }
  }
  write(root, 'ignored/secret.ts', `const key = '${join('AKIA', synth(BASE32, 16, 99))}';\n`);
  write(root, 'package-lock.json', '{\n  "lockfileVersion": 3\n}\n');
}

describe('CLI scan with worker threads', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;

  before(() => {
    ensureBuilt();
    base = mkdtempSync(path.join(tmpdir(), 'sh-cli-jobs-'));
    root = path.join(base, 'tree');
    makeTree(root);
    // Some files staged, the rest untracked: git states must come out the same on every path.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '-q');
    git('add', 'pkg-0', 'pkg-3');
    symlinkSync(root, path.join(base, 'link'), 'dir');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const scan = (args: string[], cwd: string) => {
    const run = runCli(['scan', '.', '-f', 'json', '-q', ...args], cwd);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    return run.stdout.replace(/"elapsedMs": \d+/, '"elapsedMs": 0');
  };

  it('--jobs 2, --jobs 3 and the default give the same JSON as --jobs 1, byte for byte', () => {
    const one = scan(['--jobs', '1'], root);
    const report = JSON.parse(one) as { summary: { scanned: number; binary: number }; files: { path: string; gitState: string }[] };
    assert.ok(report.summary.scanned > 400, `scanned ${report.summary.scanned}`);
    assert.ok(report.summary.binary > 0);
    assert.equal(report.files.length, 2 * Math.ceil(FILES / 7));
    assert.deepEqual(report.files.map((file) => file.path), report.files.map((file) => file.path).sort());
    const states = new Set(report.files.map((file) => `${file.path.split('/')[0]} ${file.gitState}`));
    assert.ok(states.has('pkg-0 staged') && states.has('pkg-1 untracked'), [...states].join(', '));
    assert.equal(scan(['--jobs', '2'], root), one);
    assert.equal(scan(['--jobs', '3'], root), one);
    assert.equal(scan([], root), one);
  });

  it('stops workers started for a tree that turns out small (many folders, few files)', () => {
    const small = path.join(base, 'small');
    for (let i = 0; i < 60; i += 1) {
      const secret = i % 10 === 0 ? `\nconst accessKeyId = '${join('AKIA', synth(BASE32, 16, 3000 + i))}';` : '';
      write(small, `a-${i % 6}/b-${i % 10}/file-${i}.js`, `module.exports = ${i};${secret}\n`);
    }
    const one = scan(['--jobs', '1', '--no-git'], small);
    assert.equal((JSON.parse(one) as { summary: { scanned: number } }).summary.scanned, 60);
    assert.equal(scan(['--no-git'], small), one);
  });

  it('gives the same report, git states included, through a symbolic link to the root', () => {
    const one = scan(['--jobs', '1'], root);
    assert.equal(scan(['--jobs', '1'], path.join(base, 'link')), one);
    assert.equal(scan(['--jobs', '2'], path.join(base, 'link')), one);
  });
});
