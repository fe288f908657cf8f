import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { defaultConfig, scan } from '../../src/engine';
import { ensureTree, type TreeManifest } from '../tree';
import { exportPatterns } from '../patterns';
import { mbPerSecond, medianRun, MIB, timeCommand, type Timed } from '../timing';
import type { BenchContext, BenchSection } from './types';

// Our CLI against ripgrep (same tree, same patterns, PCRE2) and secretlint (recommended preset),
// in the same run. Ratios are what to quote: the machine is shared and noisy.

const RUNS = 3;

function filesUnder(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

function describe(timed: Timed & { runs?: number }, bytes: number, files: number): string {
  const perSecond = (files / (timed.wallMs / 1000)).toFixed(0);
  return `${mbPerSecond(bytes, timed.wallMs)}  ${perSecond} files/s  (wall ${(timed.wallMs / 1000).toFixed(2)} s, cpu ${(timed.cpuMs / 1000).toFixed(2)} s${timed.runs ? `, median of ${timed.runs}` : ''})`;
}

function ours(ctx: BenchContext, tree: string, manifest: TreeManifest, totals: { files: number; bytes: number }): Timed | undefined {
  const out = path.join(ctx.cacheDir, 'out', 'ours.json');
  const timed = medianRun(RUNS, () => timeCommand(process.execPath, [ctx.cliJs, 'scan', tree, '--format', 'json', '--output', out, '--quiet'], { cwd: ctx.repoRoot }));
  if (timed.status !== 0 && timed.status !== 1) {
    ctx.log(`our CLI failed (exit ${timed.status}): ${timed.stderr.trim().split('\n')[0]}`);
    return undefined;
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as { summary: { findings: number; scanned: number }; files: { path: string }[] };
  const found = new Set(report.files.map((file) => file.path));
  const hits = manifest.planted.filter((file) => found.has(file)).length;
  const extra = report.files.filter((file) => !manifest.planted.includes(file.path)).length;
  ctx.log(`ours: ${describe(timed, totals.bytes, totals.files)}`);
  ctx.log(`      ${report.summary.findings} findings; planted secrets found in ${hits}/${manifest.planted.length} files; ${extra} other files reported`);
  ctx.report('ours: CLI scan --format json', mbPerSecond(totals.bytes, timed.wallMs), `${(totals.files / (timed.wallMs / 1000)).toFixed(0)} files/s; found ${hits}/${manifest.planted.length} planted, ${extra} other`);
  return timed;
}

async function engineOnly(ctx: BenchContext, tree: string): Promise<void> {
  const texts: { path: string; text: string }[] = [];
  for (const entry of readdirSync(tree, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath ?? entry.path, entry.name);
    texts.push({ path: path.relative(tree, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') });
  }
  const bytes = texts.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  const config = defaultConfig();
  await scan('warm up', { path: 'warm.ts' }, config);
  const started = performance.now();
  let findings = 0;
  for (const file of texts) findings += (await scan(file.text, { path: file.path, gitState: 'unknown' }, config)).length;
  const ms = performance.now() - started;
  ctx.log(`engine in-process, one thread, files in memory: ${mbPerSecond(bytes, ms)} (${(ms / 1000).toFixed(2)} s, ${findings} findings)`);
  ctx.report('ours: engine only (1 thread)', mbPerSecond(bytes, ms), 'scan() over files already in memory');
}

function ripgrep(ctx: BenchContext, rg: string, tree: string, totals: { files: number; bytes: number }): Timed | undefined {
  const patternFile = path.join(ctx.cacheDir, 'patterns.txt');
  const patterns = exportPatterns(patternFile, rg);
  ctx.log(`ripgrep -P accepted ${patterns.accepted.length} of ${patterns.total} secret-rule patterns${patterns.rejected.length ? ` (rejected: ${patterns.rejected.map((entry) => `${entry.ruleId}: ${entry.reason}`).join('; ')})` : ''}`);
  const out = path.join(ctx.cacheDir, 'out', 'rg.txt');
  const args = ['-P', '--hidden', '--line-number', '--no-heading', '-f', patternFile, tree];
  const timed = medianRun(RUNS, () => timeCommand(rg, args, { cwd: ctx.repoRoot, stdoutFile: out }));
  if (timed.status !== 0 && timed.status !== 1) {
    ctx.log(`ripgrep failed (exit ${timed.status}): ${timed.stderr.trim().split('\n')[0]}`);
    return undefined;
  }
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
  ctx.log(`ripgrep (all cores): ${describe(timed, totals.bytes, totals.files)}; ${lines} matching lines (no entropy or placeholder checks)`);
  let note = `${patterns.accepted.length}/${patterns.total} patterns, all cores`;
  if (timed.wallMs < 10_000) {
    const single = timeCommand(rg, ['-j1', ...args], { cwd: ctx.repoRoot, stdoutFile: out });
    ctx.log(`ripgrep -j1:        ${describe(single, totals.bytes, totals.files)}`);
    note += `; -j1: ${mbPerSecond(totals.bytes, single.wallMs)}`;
  }
  ctx.report('ripgrep -P, same patterns', mbPerSecond(totals.bytes, timed.wallMs), note);
  rustEngine(ctx, rg, tree, totals);
  return timed;
}

/**
 * The floor for any scanner on this machine: ripgrep looking for one literal that never occurs,
 * which costs little more than listing the tree and reading every byte once.
 */
function readingFloor(ctx: BenchContext, rg: string, tree: string, totals: { files: number; bytes: number }): Timed {
  const absent = ['sh', 'bench', 'absent', 'literal'].join('-');
  const timed = medianRun(RUNS, () => timeCommand(rg, ['-F', '--hidden', '--count', '--', absent, tree], { cwd: ctx.repoRoot }));
  ctx.log(`ripgrep, one literal (reading the tree): ${describe(timed, totals.bytes, totals.files)}`);
  ctx.report('ripgrep, one absent literal', mbPerSecond(totals.bytes, timed.wallMs), 'the floor: list the tree and read every byte once');
  return timed;
}

/**
 * For context only: ripgrep's default (Rust) regex engine on the patterns it accepts (no
 * look-around, no back-references), joined into one alternation as ripgrep does.
 */
function rustEngine(ctx: BenchContext, rg: string, tree: string, totals: { files: number; bytes: number }): void {
  const patternFile = path.join(ctx.cacheDir, 'patterns-rust.txt');
  const accepted = readFileSync(path.join(ctx.cacheDir, 'patterns.txt'), 'utf8').split('\n').filter(Boolean)
    .map((pattern) => pattern.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?P<$1>'))
    .filter((pattern) => spawnSync(rg, ['-e', pattern, '--', '-'], { input: '', encoding: 'utf8' }).status !== 2);
  writeFileSync(patternFile, `${accepted.join('\n')}\n`);
  const timed = timeCommand(rg, ['--hidden', '--line-number', '--no-heading', '-f', patternFile, tree], { cwd: ctx.repoRoot, stdoutFile: path.join(ctx.cacheDir, 'out', 'rg-rust.txt') });
  ctx.log(`ripgrep, Rust regex engine, the ${accepted.length} patterns it accepts (context only): ${describe(timed, totals.bytes, totals.files)}`);
  ctx.report('ripgrep (Rust engine, subset)', mbPerSecond(totals.bytes, timed.wallMs), `context only: ${accepted.length} patterns without look-around/back-references`);
}

/**
 * secretlint with its recommended preset over the whole tree, as a user would run it. Releases
 * before 13.0.5 spent time quadratic in the number of files in an always-on profiler (fixed
 * upstream in secretlint PR #1673), so only a release with that fix gives a fair reference.
 */
function secretlint(ctx: BenchContext, tree: string, manifest: TreeManifest, totals: { files: number; bytes: number }): Timed | undefined {
  const home = path.join(ctx.repoRoot, 'node_modules', 'secretlint');
  const bin = path.join(home, 'bin', 'secretlint.js');
  if (!existsSync(bin)) {
    ctx.log('secretlint is not installed (npm ci): skipped');
    return undefined;
  }
  const version = (JSON.parse(readFileSync(path.join(home, 'package.json'), 'utf8')) as { version: string }).version;
  const rcDir = mkdtempSync(path.join(tmpdir(), 'sh-bench-secretlint-'));
  try {
    const rc = path.join(rcDir, '.secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const out = path.join(ctx.cacheDir, 'out', 'secretlint.json');
    const timed = medianRun(RUNS, () => timeCommand(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '--output', out, '**/*'], { cwd: tree }));
    if (timed.status !== 0 && timed.status !== 1) {
      ctx.log(`secretlint failed (exit ${timed.status}): ${timed.stderr.trim().split('\n')[0]}`);
      return undefined;
    }
    const results = JSON.parse(readFileSync(out, 'utf8')) as { filePath: string; messages: unknown[] }[];
    const flagged = new Set(results.filter((result) => result.messages.length > 0).map((result) => path.relative(tree, result.filePath).split(path.sep).join('/')));
    const hits = manifest.planted.filter((file) => flagged.has(file)).length;
    ctx.log(`secretlint ${version} (recommended preset), whole tree: ${describe(timed, totals.bytes, totals.files)}`);
    ctx.log(`      ${results.length} files checked; planted secrets found in ${hits}/${manifest.planted.length} files`);
    ctx.report(`secretlint ${version}, recommended preset`, mbPerSecond(totals.bytes, timed.wallMs), `whole tree; found ${hits}/${manifest.planted.length} planted`);
    return timed;
  } finally {
    rmSync(rcDir, { recursive: true, force: true });
  }
}

export const throughput: BenchSection = {
  name: 'throughput',
  description: 'CLI vs ripgrep (same patterns) vs secretlint on a 55 MB synthetic tree',
  async run(ctx) {
    const tree = path.join(ctx.cacheDir, 'tree');
    mkdirSync(path.join(ctx.cacheDir, 'out'), { recursive: true });
    const manifest = ensureTree(tree, ctx.log);
    const totals = filesUnder(tree);
    ctx.log(`tree: ${totals.files} files, ${(totals.bytes / MIB).toFixed(1)} MiB, ${manifest.planted.length} planted secrets`);

    const ourRun = ours(ctx, tree, manifest, totals);
    await engineOnly(ctx, tree);
    const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
    if (!rg) ctx.log('ripgrep is not installed (apt-get install ripgrep): skipped');
    const rgRun = rg ? ripgrep(ctx, rg, tree, totals) : undefined;
    const floor = rg ? readingFloor(ctx, rg, tree, totals) : undefined;
    const lint = secretlint(ctx, tree, manifest, totals);

    if (ourRun && rgRun) {
      const ratio = rgRun.wallMs / ourRun.wallMs;
      ctx.report('ratio ours / ripgrep', `${ratio.toFixed(2)}x`, `target >= 0.5x; by CPU time ${(rgRun.cpuMs / ourRun.cpuMs).toFixed(2)}x`);
    }
    if (ourRun && lint) {
      ctx.report('ratio ours / secretlint', `${(lint.wallMs / ourRun.wallMs).toFixed(1)}x`, `target >= 100x; by CPU time ${(lint.cpuMs / ourRun.cpuMs).toFixed(1)}x`);
    }
    if (lint && floor) {
      // What 100x would take, next to what merely reading the tree takes, measured in the same run.
      ctx.report('secretlint time / 100', `${(lint.wallMs / 100).toFixed(0)} ms`, `reading the tree (ripgrep, one literal) took ${floor.wallMs.toFixed(0)} ms; secretlint / that floor: ${(lint.wallMs / floor.wallMs).toFixed(1)}x`);
    }
  },
};
