import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { join, synth, ALNUM } from '../../src/engine/rules/samples';
import { median, timeCommand } from '../timing';
import type { BenchSection } from './types';

// `scan --history` on a generated repository of a few thousand commits, beside `git log -p` of the
// same commits to /dev/null (the floor: git producing the patches) in the same run. The history is
// written with `git fast-import` (seconds, not minutes), and holds a few secrets added and removed.

const COMMITS = 3000;
const FILES = 60;
const RUNS = 3;

/** A line of ordinary code, different for every commit and file. */
function codeLine(commit: number, file: number, line: number): string {
  return `export const value_${commit}_${line} = compute(${file}, ${line}, "${synth(ALNUM, 12, commit * 31 + line)}"); // step ${commit}`;
}

/** The fast-import stream: each commit rewrites two files, adding a few lines to each; every 500th adds a key. */
function fastImportStream(): string {
  const parts: string[] = [];
  const contents: string[][] = Array.from({ length: FILES }, () => []);
  const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let commit = 1; commit <= COMMITS; commit += 1) {
    parts.push(`commit refs/heads/main\nmark :${commit}\nauthor Bench <bench@example.com> ${1_700_000_000 + commit * 60} +0000\ncommitter Bench <bench@example.com> ${1_700_000_000 + commit * 60} +0000\n`);
    parts.push(blob(`change ${commit}`));
    if (commit > 1) parts.push(`from :${commit - 1}\n`);
    for (const file of [commit % FILES, (commit * 7) % FILES]) {
      const lines = contents[file];
      for (let line = 0; line < 4; line += 1) lines.push(codeLine(commit, file, line));
      if (commit % 500 === 0) lines.push(`const awsKeyId = '${join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, commit))}';`);
      if (lines.length > 100) lines.splice(0, 20);
      parts.push(`M 100644 inline src/module${file}.ts\n${blob(`${lines.join('\n')}\n`)}`);
    }
  }
  return parts.join('');
}

function ensureRepository(dir: string, log: (line: string) => void): void {
  if (existsSync(path.join(dir, '.git', 'bench-complete'))) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const started = performance.now();
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: fastImportStream(), maxBuffer: 1024 * 1024 * 1024 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  writeFileSync(path.join(dir, '.git', 'bench-complete'), '');
  log(`generated ${COMMITS} commits with git fast-import in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export const history: BenchSection = {
  name: 'history',
  description: `scan --history over ${COMMITS} generated commits, against git log -p to /dev/null`,
  async run(ctx) {
    const repo = path.join(ctx.cacheDir, 'history-repo');
    ensureRepository(repo, ctx.log);
    const logArgs = ['log', '-p', '--unified=0', '--no-color', '--all'];
    const patchFile = path.join(ctx.cacheDir, 'history.patch');
    spawnSync('sh', ['-c', `git ${logArgs.join(' ')} > "${patchFile}"`], { cwd: repo });
    const patchMb = statSync(patchFile).size / 1024 ** 2;
    rmSync(patchFile);

    const scanRuns = Array.from({ length: RUNS }, () => timeCommand(process.execPath, [ctx.cliJs, 'scan', '--history', '--quiet', '--fail-on', 'none', '-f', 'json'], { cwd: repo }));
    const floorRuns = Array.from({ length: RUNS }, () => timeCommand('git', logArgs, { cwd: repo }));
    const failed = scanRuns.find((run) => run.status !== 0);
    if (failed) throw new Error(`scan --history failed: ${failed.stderr.split('\n')[0]}`);
    const scanMs = median(scanRuns.map((run) => run.wallMs));
    const floorMs = median(floorRuns.map((run) => run.wallMs));
    const commitsPerSecond = COMMITS / (scanMs / 1000);
    ctx.log(`${COMMITS} commits, ${patchMb.toFixed(1)} MB of patches; median of ${RUNS}: scan --history ${scanMs.toFixed(0)} ms, git log -p ${floorMs.toFixed(0)} ms`);
    ctx.report('scan --history', `${commitsPerSecond.toFixed(0)} commits/s, ${(patchMb / (scanMs / 1000)).toFixed(1)} MB/s of patches`,
      `${COMMITS} commits, ${patchMb.toFixed(1)} MB; ${(scanMs / 1000).toFixed(2)} s vs git log -p alone ${(floorMs / 1000).toFixed(2)} s (${(scanMs / floorMs).toFixed(1)}x the floor)`);
  },
};
