import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { join, synth } from '../../src/engine/rules/samples';
import { ensureBuilt, runCli } from './run';

// The CLI's time budget per file. A stuck file is made deterministically by the scan workers' test
// hook (SECURE_HYGIENE_TEST_HANG: a text holding its value blocks the worker until it is
// terminated), not by a slow pattern. The tests assert what is reported and that the rest of the
// tree is scanned, never how long anything took.

const MARKER = ['sh', 'cli', 'hang', '5e2b'].join('-');
const HANG = { SECURE_HYGIENE_TEST_HANG: MARKER };
/** Far above a normal file's scan, even on a loaded machine; each stuck file costs this much. */
const BUDGET = '2000';
const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));

function write(root: string, relative: string, content: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

interface JsonReport {
  summary: { scanned: number; notFullyScanned?: number };
  files: { path: string; findings: { ruleId: string }[] }[];
  problems: string[];
}

describe('CLI: time budget per file', function () {
  this.timeout(120_000);
  const temps: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-cli-budget-'));
    temps.push(dir);
    return dir;
  };
  before(() => ensureBuilt());
  after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('abandons a stuck file in a small tree, reports it once in every format and scans the rest', () => {
    const root = temp();
    write(root, 'stuck.ts', `// ${MARKER}\nexport const accessKeyId = '${awsKeyId(1)}';\n`);
    write(root, 'keys.ts', `export const accessKeyId = '${awsKeyId(2)}';\n`);
    for (let i = 0; i < 5; i += 1) write(root, `plain-${i}.ts`, `export const value = ${i};\n`);

    const text = runCli(['scan', '--time-budget', BUDGET, '.'], root, HANG);
    assert.equal(text.code, 2, 'an incomplete scan exits 2, like an unreadable file');
    assert.match(text.stdout, /keys\.ts/);
    assert.match(text.stdout, /secret\/aws-access-key-id/);
    assert.match(text.stdout, /Scanned 6 files .*; 1 file not fully scanned \(over the time budget\)\./);
    const warnings = text.stdout.split('\n').filter((line) => line.includes('not fully scanned:'));
    assert.deepEqual(warnings, [`warning: stuck.ts was not fully scanned: its scan took longer than the time budget of ${BUDGET} ms (--time-budget) and was stopped; its findings are unknown`]);

    const json = runCli(['scan', '--time-budget', BUDGET, '-f', 'json', '.'], root, HANG);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.equal(report.summary.notFullyScanned, 1);
    assert.equal(report.summary.scanned, 6);
    assert.deepEqual(report.files.map((file) => file.path), ['keys.ts']);
    assert.equal(report.problems.filter((problem) => problem.startsWith('stuck.ts was not fully scanned')).length, 1);

    const sarif = runCli(['scan', '--time-budget', BUDGET, '-f', 'sarif', '.'], root, HANG);
    const notes = (JSON.parse(sarif.stdout) as { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] })
      .runs[0].invocations[0].toolExecutionNotifications.map((note) => note.message.text);
    assert.equal(notes.filter((note) => note.startsWith('stuck.ts was not fully scanned')).length, 1);
  });

  it('in a big tree on several workers, the stuck files cost nothing else: the same findings as a scan without them', () => {
    const root = temp();
    for (let i = 0; i < 300; i += 1) {
      const secret = i % 10 === 0 ? `export const accessKeyId = '${awsKeyId(100 + i)}';\n` : '';
      write(root, `pkg-${i % 7}/file-${String(i).padStart(3, '0')}.ts`, `export const value = ${i};\n${secret}`);
    }
    // Clean and stuck at once: whatever they would report is unknown either way, so they hold no secret.
    write(root, 'pkg-1/stuck-a.ts', `// ${MARKER}\n`);
    write(root, 'pkg-4/stuck-b.ts', `// ${MARKER}\n`);

    const reference = JSON.parse(runCli(['scan', '-f', 'json', '.'], root).stdout) as JsonReport;
    const run = runCli(['scan', '--time-budget', BUDGET, '--jobs', '2', '-f', 'json', '.'], root, HANG);
    assert.equal(run.code, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.summary.notFullyScanned, 2);
    assert.equal(report.summary.scanned, reference.summary.scanned - 2);
    assert.equal(report.files.length, 30);
    assert.deepEqual(report.files, reference.files, 'every other file scanned once, with the same findings');
    assert.deepEqual(report.problems.filter((problem) => problem.includes('not fully scanned')).sort().map((problem) => problem.split(' ')[0]), ['pkg-1/stuck-a.ts', 'pkg-4/stuck-b.ts']);
  });

  it('refuses a budget that is not a whole number of milliseconds', () => {
    const run = runCli(['scan', '--time-budget', '1.5s', '.'], temp());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--time-budget must be a whole number of milliseconds/);
  });
});
