import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultConfig, scan } from '../../src/engine';
import { benchTrees, selectedTrees, type BenchTree } from '../trees';
import { describeExport, exportRustPatterns, writeChunks, writeKeywords } from '../rustPatterns';
import { cliScanArgs, compareWithBaseline, findingsOfReport } from '../findings';
import { mbPerSecond, MIB, race, timeCommand, type Contestant, type Raced } from '../timing';
import { REFERENCE_COMMIT, referenceCli, referenceScanArgs } from '../referenceCli';
import type { BenchContext, BenchSection } from './types';

// Our CLI on the synthetic and the real tree, raced in the same run (interleaved, medians) against
// three anchors on the same files: ripgrep looking for one absent literal (the reading floor), Node
// reading every file once (what any Node scanner must pay), and ripgrep with the project's own
// provider patterns in its default engine (what a user would otherwise run). Then the engine alone
// in-process, and secretlint on the synthetic tree. Ratios are what to quote: the machine is shared.
//
//   SH_BENCH_RUNS=N        rounds of the race (default 5)
//   SH_BENCH_TREE=real     one tree only (or synthetic)
//   SH_BENCH_QUICK=1       no engine-only pass, no secretlint: the loop for speed work

/** Issue 14's reference figure, as recorded then: the CLI on the synthetic tree before that issue's rules. */
const PREVIOUS_SYNTHETIC_MB_S = 44.4;

/** Node reading every file of a folder once, naively: one synchronous read and decode per file. */
const NODE_READ = [
  "const fs = require('fs'); const path = require('path');",
  'let files = 0; let chars = 0;',
  'for (const entry of fs.readdirSync(process.argv[1], { withFileTypes: true, recursive: true })) {',
  '  if (!entry.isFile()) continue;',
  "  chars += fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8').length; files += 1;",
  '}',
  'console.log(files, chars);',
].join('\n');

const RG_COMMON = ['--no-ignore', '--hidden', '--no-messages'];
/** Provider patterns per ripgrep process. */
const CHUNK = 20;

interface RipgrepInputs {
  chunks: string[];
  keywords: string;
}

function ripgrepBinary(): string | undefined {
  return ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function describe(raced: Raced, tree: BenchTree): string {
  const perSecond = (tree.files / (raced.wallMs / 1000)).toFixed(0);
  const rss = raced.maxRssKb === undefined ? 'peak RSS unknown' : `peak RSS ${(raced.maxRssKb / 1024).toFixed(0)} MiB`;
  return `${mbPerSecond(tree.bytes, raced.wallMs).padStart(11)}  ${perSecond.padStart(6)} files/s  wall ${seconds(raced.wallMs)}, cpu ${seconds(raced.cpuMs)}, ${rss}  (median of ${raced.runs})`;
}

function contestants(ctx: BenchContext, tree: BenchTree, rg: string | undefined, patterns: RipgrepInputs | undefined): Contestant[] {
  const out = path.join(ctx.cacheDir, 'out');
  const list: Contestant[] = [
    // Exit 2 with a report: a file was not fully scanned (the report lists it); the run still counts.
    { name: 'ours', command: process.execPath, args: cliScanArgs(ctx.cliJs, tree.dir, path.join(out, `ours-${tree.name}.json`)), cwd: ctx.repoRoot, accepts: [0, 1, 2] },
    { name: 'node read', command: process.execPath, args: ['-e', NODE_READ, tree.dir], cwd: ctx.repoRoot },
  ];
  // Issue 14's reference (the CLI before that issue's rules) on the synthetic tree only: the figure it recorded was taken there.
  if (tree.name === 'synthetic') {
    const reference = referenceCli(ctx.repoRoot, ctx.cacheDir);
    if (reference.cliJs) list.push({ name: 'reference', command: process.execPath, args: referenceScanArgs(reference.cliJs, tree.dir, path.join(out, `reference-${tree.name}.json`)), cwd: ctx.repoRoot });
    else ctx.log(`no race against the CLI before issue 14's rules: ${reference.reason}`);
  }
  if (rg) list.push({ name: 'rg floor', command: rg, args: [...RG_COMMON, '-F', '--count', '--', ['sh', 'bench', 'absent', 'literal'].join('-'), tree.dir], cwd: ctx.repoRoot });
  // The patterns in files of CHUNK, one ripgrep process after another (see writeChunks: faster
  // than one joined regex); the exit status is the worst of theirs.
  if (rg && patterns) {
    const script = 'rg=$1; tree=$2; shift 2; worst=0; for f in "$@"; do "$rg" --no-ignore --hidden --no-messages --count -f "$f" "$tree"; s=$?; [ $s -gt $worst ] && worst=$s; done; exit $worst';
    list.push({ name: 'rg patterns', command: 'sh', args: ['-c', script, 'sh', rg, tree.dir, ...patterns.chunks], cwd: ctx.repoRoot, stdoutFile: path.join(out, `rg-${tree.name}.txt`) });
    list.push({ name: 'rg keywords', command: rg, args: [...RG_COMMON, '-F', '-i', '--count', '-f', patterns.keywords, tree.dir], cwd: ctx.repoRoot, stdoutFile: path.join(out, `rg-keywords-${tree.name}.txt`) });
  }
  return list;
}

function ratio(reference: Raced | undefined, ours: Raced): string {
  return reference && (reference.status === 0 || reference.status === 1) ? `${(reference.wallMs / ours.wallMs).toFixed(2)}x` : 'n/a';
}

/** Races the contestants on one tree and prints its figures; returns our median wall time. */
function measureTree(ctx: BenchContext, tree: BenchTree, rg: string | undefined, patterns: RipgrepInputs | undefined, runs: number): number {
  ctx.log(`-- ${tree.name} tree: ${tree.files.toLocaleString('en')} files, ${(tree.bytes / MIB).toFixed(1)} MiB (${tree.dir})`);
  const raced = race(contestants(ctx, tree, rg, patterns), runs);
  const ours = raced.get('ours') as Raced;
  const label: Record<string, string> = {
    ours: 'ours: CLI scan',
    'node read': 'Node reading every file',
    'rg floor': 'ripgrep, one absent literal',
    'rg patterns': 'ripgrep, provider patterns (default engine)',
    'rg keywords': 'ripgrep, the rules\' keywords (prefilter only)',
    reference: `our CLI before issue 14 (${REFERENCE_COMMIT.slice(0, 7)})`,
  };
  for (const [name, result] of raced) {
    const failed = result.status !== 0 && result.status !== 1 && !(name === 'ours' && result.status === 2);
    if (failed) ctx.log(`${label[name].padEnd(44)} FAILED (exit ${result.status}): ${result.stderr.trim().split('\n')[0]}`);
    else ctx.log(`${label[name].padEnd(44)} ${describe(result, tree)}`);
  }

  const report = path.join(ctx.cacheDir, 'out', `ours-${tree.name}.json`);
  const findings = findingsOfReport(report, tree.input);
  for (const problem of findings.problems) ctx.log(`  ${problem}`);
  if (findings.files !== tree.files) ctx.log(`ours scanned ${findings.files} of the ${tree.files} files (the others skipped as binary, generated or too large)`);
  if (tree.planted) {
    const reported = new Set((JSON.parse(readFileSync(report, 'utf8')) as { files: { path: string }[] }).files.map((file) => file.path));
    const relative = (planted: string) => path.relative(ctx.repoRoot, path.join(tree.dir, planted)).split(path.sep).join('/');
    const found = tree.planted.filter((planted) => reported.has(planted) || reported.has(relative(planted))).length;
    ctx.log(`planted secrets found in ${found}/${tree.planted.length} files`);
  }
  const comparison = compareWithBaseline(tree.name, findings);
  ctx.log(comparison.line);
  for (const detail of comparison.details.slice(0, 20)) ctx.log(`  ${detail}`);

  const cpuNote = raced.get('rg patterns') ? `; by CPU time ${((raced.get('rg patterns') as Raced).cpuMs / ours.cpuMs).toFixed(2)}x` : '';
  ctx.log(`ratios (reference time / ours; 1.0x = as fast): ripgrep with the same patterns ${ratio(raced.get('rg patterns'), ours)}${cpuNote}, the reading floor ${ratio(raced.get('rg floor'), ours)}, Node's read floor ${ratio(raced.get('node read'), ours)}`);

  const t = `[${tree.name}]`;
  ctx.report(`${t} ours: CLI scan`, mbPerSecond(tree.bytes, ours.wallMs), `${(tree.files / (ours.wallMs / 1000)).toFixed(0)} files/s, cpu ${seconds(ours.cpuMs)}, peak ${ours.maxRssKb ? (ours.maxRssKb / 1024).toFixed(0) : '?'} MiB`);
  for (const name of ['reference', 'rg patterns', 'rg keywords', 'rg floor', 'node read']) {
    const result = raced.get(name);
    if (result) ctx.report(`${t} ${label[name]}`, result.status === 0 || result.status === 1 ? mbPerSecond(tree.bytes, result.wallMs) : 'FAILED', `cpu ${seconds(result.cpuMs)}, peak ${result.maxRssKb ? (result.maxRssKb / 1024).toFixed(0) : '?'} MiB`);
  }
  ctx.report(`${t} ours / ripgrep-with-patterns`, ratio(raced.get('rg patterns'), ours), `issue 16: >= 0.6x on the real tree this turn, goal 1.0x${cpuNote}`);
  ctx.report(`${t} ours / reading floor`, ratio(raced.get('rg floor'), ours), 'ripgrep, one absent literal');
  ctx.report(`${t} ours / Node read floor`, ratio(raced.get('node read'), ours), 'Node reading every file once');
  ctx.report(`${t} findings`, comparison.same ? 'same' : 'DIFFER', comparison.line);
  if (tree.name === 'synthetic') {
    const mbs = tree.bytes / MIB / (ours.wallMs / 1000);
    const reference = raced.get('reference');
    if (reference) {
      ctx.log(`against our CLI before issue 14's rules, raced in this run: ${ratio(reference, ours)} (target >= 0.8x); the figure it recorded then: ${PREVIOUS_SYNTHETIC_MB_S} MB/s (${(mbs / PREVIOUS_SYNTHETIC_MB_S).toFixed(2)}x)`);
      ctx.report(`${t} ours / before issue 14`, ratio(reference, ours), `raced in this run against ${REFERENCE_COMMIT.slice(0, 7)}; issue 14: >= 0.8x`);
    } else {
      ctx.log(`against the previous figure (${PREVIOUS_SYNTHETIC_MB_S} MB/s, issue 14): ${(mbs / PREVIOUS_SYNTHETIC_MB_S).toFixed(2)}x (target >= 0.8x)`);
      ctx.report(`${t} ours / previous figure`, `${(mbs / PREVIOUS_SYNTHETIC_MB_S).toFixed(2)}x`, `${mbs.toFixed(1)} vs ${PREVIOUS_SYNTHETIC_MB_S} MB/s; issue 14: >= 0.8x`);
    }
  }
  return ours.wallMs;
}

async function engineOnly(ctx: BenchContext, tree: BenchTree): Promise<void> {
  const texts: { path: string; text: string }[] = [];
  for (const entry of readdirSync(tree.dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath ?? entry.path, entry.name);
    texts.push({ path: path.relative(tree.dir, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') });
  }
  const config = defaultConfig();
  await scan('warm up', { path: 'warm.ts' }, config);
  const started = performance.now();
  let findings = 0;
  for (const file of texts) findings += (await scan(file.text, { path: file.path, gitState: 'unknown' }, config)).length;
  const ms = performance.now() - started;
  ctx.log(`engine in-process, one thread, files in memory: ${mbPerSecond(tree.bytes, ms)} (${seconds(ms)}, ${findings} findings)`);
  ctx.report(`[${tree.name}] ours: engine only (1 thread)`, mbPerSecond(tree.bytes, ms), 'scan() over files already in memory');
}

/**
 * secretlint with its recommended preset over the synthetic tree, as a user would run it. Releases
 * before 13.0.5 spent time quadratic in the number of files in an always-on profiler (fixed
 * upstream in secretlint PR #1673), so only a release with that fix gives a fair reference.
 */
function secretlint(ctx: BenchContext, tree: BenchTree, ours: number | undefined): void {
  const home = path.join(ctx.repoRoot, 'node_modules', 'secretlint');
  const bin = path.join(home, 'bin', 'secretlint.js');
  if (!existsSync(bin)) {
    ctx.log('secretlint is not installed (npm ci): skipped');
    return;
  }
  const version = (JSON.parse(readFileSync(path.join(home, 'package.json'), 'utf8')) as { version: string }).version;
  const rcDir = mkdtempSync(path.join(tmpdir(), 'sh-bench-secretlint-'));
  try {
    const rc = path.join(rcDir, '.secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const out = path.join(ctx.cacheDir, 'out', 'secretlint.json');
    const timed = timeCommand(process.execPath, [bin, '--secretlintrc', rc, '--format', 'json', '--output', out, '**/*'], { cwd: tree.dir });
    if (timed.status !== 0 && timed.status !== 1) {
      ctx.log(`secretlint failed (exit ${timed.status}): ${timed.stderr.trim().split('\n')[0]}`);
      return;
    }
    const results = JSON.parse(readFileSync(out, 'utf8')) as { filePath: string; messages: unknown[] }[];
    const flagged = new Set(results.filter((result) => result.messages.length > 0).map((result) => path.relative(tree.dir, result.filePath).split(path.sep).join('/')));
    const hits = (tree.planted ?? []).filter((file) => flagged.has(file)).length;
    ctx.log(`secretlint ${version} (recommended preset), one run: ${mbPerSecond(tree.bytes, timed.wallMs)}, wall ${seconds(timed.wallMs)}, cpu ${seconds(timed.cpuMs)}; planted secrets found in ${hits}/${tree.planted?.length ?? 0} files`);
    ctx.report(`[${tree.name}] secretlint ${version}`, mbPerSecond(tree.bytes, timed.wallMs), `recommended preset, one run; ours ${ours ? `${(timed.wallMs / ours).toFixed(1)}x` : 'n/a'} faster`);
  } finally {
    rmSync(rcDir, { recursive: true, force: true });
  }
}

export const throughput: BenchSection = {
  name: 'throughput',
  description: 'CLI vs ripgrep with the same provider patterns, the reading floor and Node reading, on the synthetic and the real tree',
  async run(ctx) {
    mkdirSync(path.join(ctx.cacheDir, 'out'), { recursive: true });
    const runs = Number(process.env.SH_BENCH_RUNS ?? 5);
    const quick = process.env.SH_BENCH_QUICK === '1';
    const rg = ripgrepBinary();
    let patterns: RipgrepInputs | undefined;
    if (!rg) ctx.log('ripgrep is not installed (apt-get install ripgrep): its rows are skipped');
    else {
      const patternFile = path.join(ctx.cacheDir, 'patterns-rust.txt');
      const exported = exportRustPatterns(patternFile, rg);
      ctx.log(describeExport(exported));
      const keywords = path.join(ctx.cacheDir, 'keywords.txt');
      patterns = { chunks: writeChunks(exported.patterns, path.join(ctx.cacheDir, 'patterns-rust'), CHUNK), keywords };
      ctx.log(`ripgrep runs them in ${patterns.chunks.length} processes of ${CHUNK} patterns; the keyword row looks for the ${writeKeywords(keywords)} secret-rule keywords (-F -i)`);
      ctx.report('ripgrep patterns', `${exported.patterns.length}/${exported.total}`, `${exported.asIs} as they were, ${exported.translated} translated, ${exported.dropped.length} dropped; ${exported.genericLeftOut} generic left out`);
      // No PCRE2 row: with the original patterns (look-around kept) `rg -P` refused them joined
      // ("regular expression is too large", issue 16), and the default engine is the fair anchor.
      ctx.log('no PCRE2 row: ripgrep -P refuses the original patterns joined (too large); the default engine is the anchor');
    }
    for (const tree of await benchTrees(ctx.repoRoot, ctx.log, selectedTrees())) {
      const oursMs = measureTree(ctx, tree, rg, patterns, runs);
      if (quick) continue;
      await engineOnly(ctx, tree);
      if (tree.name === 'synthetic') secretlint(ctx, tree, oursMs);
    }
  },
};
