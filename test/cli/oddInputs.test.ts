import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../src/engine';
import { join, synth } from '../../src/engine/rules/samples';
import { decodeBytes, mayBeUtf16 } from '../../src/cli/decode';
import { describeIoError, IoError } from '../../src/cli/io';
import { OutcomeTally, scanOne } from '../../src/cli/scanOne';
import { summaryLine } from '../../src/cli/formats/common';
import { MissingPathError, statStartPath, walk } from '../../src/cli/walk';
import { ensureBuilt, runCli } from './run';

// Inputs a scan meets in the wild: UTF-16 files, symbolic links out of the tree, files deleted
// while the scan runs, folders the user may not enter.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const awsKeyId = (seed: number) => join('AKIA', synth(BASE32, 16, seed));

interface JsonReport {
  summary: Record<string, number>;
  files: { path: string; findings: { ruleId: string; line: number; column: number }[] }[];
}

function utf16be(text: string): Buffer {
  return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
}

describe('CLI scan: odd inputs', function () {
  this.timeout(120_000);
  const temps: string[] = [];
  const temp = (prefix = 'sh-odd-') => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  const scanJson = (args: string[], cwd: string) => {
    const run = runCli(['scan', ...args, '-f', 'json', '-q', '--no-git'], cwd);
    return { ...run, report: JSON.parse(run.stdout) as JsonReport };
  };

  before(() => ensureBuilt());
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('decodes UTF-16 LE and BE files with a byte-order mark (CRLF, as Windows writes them), in the tree and staged', () => {
    const root = temp();
    const le = `# settings\r\n$env:AWS_ACCESS_KEY_ID = "${awsKeyId(61)}"\r\n`;
    const be = `[aws]\r\nkey = "${awsKeyId(62)}"\r\n`;
    writeFileSync(path.join(root, 'profile.ps1'), Buffer.from(`\uFEFF${le}`, 'utf16le'));
    writeFileSync(path.join(root, 'settings.ini'), utf16be(be));
    const { code, report } = scanJson(['.'], root);
    assert.equal(code, 1);
    assert.deepEqual(report.files.map((file) => file.path), ['profile.ps1', 'settings.ini']);
    // Columns as an editor shows the decoded text: the key after `= "` on the second line.
    const { line, column } = report.files[0].findings[0];
    assert.deepEqual({ line, column }, { line: 2, column: le.split('\r\n')[1].indexOf('AKIA') + 1 });
    assert.equal(report.summary.binary, 0);

    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '.'], { cwd: root });
    const staged = JSON.parse(runCli(['scan', '--staged', '-f', 'json', '-q'], root).stdout) as JsonReport;
    assert.deepEqual(staged.files.map((file) => file.path), ['profile.ps1', 'settings.ini']);
  });

  it('decodes by the byte-order mark only: UTF-8 stays on the fast path, odd byte counts do not throw', () => {
    assert.equal(mayBeUtf16('plain text'), false);
    assert.equal(mayBeUtf16(Buffer.from([0xff, 0xfe, 0x41, 0x00]).toString('utf8')), true);
    assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42])), 'A');
    assert.equal(decodeBytes(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00])), 'A');
    assert.equal(decodeBytes(Buffer.from('é', 'utf8')), 'é');
  });

  it('--follow-symlinks never leaves the scanned folders: links to /, /etc and a sibling folder are not followed, loops end', () => {
    const root = temp();
    const outside = temp('sh-odd-outside-');
    writeFileSync(path.join(outside, 'leak.ts'), `const id = "${awsKeyId(63)}";\n`);
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src', 'app.ts'), `const id = "${awsKeyId(64)}";\n`);
    symlinkSync('/', path.join(root, 'machine'));
    symlinkSync('/etc', path.join(root, 'etc'));
    symlinkSync(outside, path.join(root, 'outside'));
    symlinkSync(path.join(outside, 'leak.ts'), path.join(root, 'leak.ts'));
    symlinkSync(root, path.join(root, 'src', 'loop'));
    symlinkSync(path.join(root, 'src', 'app.ts'), path.join(root, 'alias.ts'));
    const { report, stderr } = scanJson(['.', '--follow-symlinks'], root);
    assert.equal(stderr, '');
    assert.deepEqual(report.files.map((file) => file.path), ['alias.ts', 'src/app.ts'], 'a link inside the tree is followed');
    assert.equal(report.summary.scanned, 2);
    assert.equal(report.summary.linksOutside, 4);
    const text = runCli(['scan', '.', '--follow-symlinks', '--no-git'], root);
    assert.match(text.stdout, /4 symbolic links out of the scanned folders not followed/);
  });

  it('skips files and folders deleted during the scan quietly: counted once in the summary, no problem lines', async () => {
    const root = temp();
    for (const dir of ['a', 'b', 'c']) {
      mkdirSync(path.join(root, dir));
      for (let i = 0; i < 5; i += 1) writeFileSync(path.join(root, dir, `f${i}.ts`), `const id = "${awsKeyId(70 + i)}";\n`);
    }
    const config = defaultConfig();
    // The first file found deletes two of its siblings and a folder not listed yet: a build cleaning up.
    let deleted = false;
    const walked = await walk([root], {
      root, config, gitignore: true, followSymlinks: false,
      onFile: () => {
        if (deleted) return;
        deleted = true;
        rmSync(path.join(root, 'a', 'f3.ts'));
        rmSync(path.join(root, 'a', 'f4.ts'));
        rmSync(path.join(root, 'c'), { recursive: true });
      },
    });
    assert.deepEqual(walked.errors, []);
    const tally = new OutcomeTally();
    for (const file of walked.files) tally.add(await scanOne({ ...file, gitState: 'unknown' }, { config, maxFileSize: 1 << 20 }));
    const outcome = tally.outcome();
    assert.deepEqual(outcome.problems, []);
    assert.equal(outcome.stats.unreadable, 0, 'a vanished file is not an I/O error (exit 2)');
    assert.equal(outcome.stats.vanished, walked.files.length - outcome.stats.scanned);
    assert.ok((outcome.stats.vanished ?? 0) >= 2);
    assert.match(summaryLine(outcome.stats, 1 << 20), new RegExp(`${outcome.stats.vanished} files vanished during the scan`));
  });

  it('names a permission error as such for a path on the command line, and "no such file" only when it is missing', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    // Root ignores permission bits, so the file system's answer is played by a stand-in.
    await assert.rejects(statStartPath('/locked/app.ts', 'locked/app.ts', () => Promise.reject(denied)),
      (error: Error) => error instanceof IoError && error.message === 'cannot read locked/app.ts: permission denied (EACCES)');
    await assert.rejects(statStartPath('/nowhere/app.ts', 'nowhere/app.ts', () => Promise.reject(missing)),
      (error: Error) => error instanceof MissingPathError && error.message === 'no such file or directory: nowhere/app.ts');
    assert.equal(describeIoError(denied), 'permission denied (EACCES)');
    assert.equal(describeIoError(Object.assign(new Error('x'), { code: 'EPERM' })), 'operation not permitted (EPERM)');

    const root = temp();
    const run = runCli(['scan', 'missing.ts', '--no-git'], root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no such file or directory: missing\.ts/);
  });
});
