import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { benchTrees } from './trees';

// Speed is not to be bought with recall: the findings the CLI reports on the bench's two trees, by
// rule, are kept in bench/findings-baseline.json, and every bench run (and the test
// test/cli/benchFindings.test.ts, for the synthetic tree) compares against them. A rule change
// that is meant to change them records new counts:
//
//   node --import tsx bench/findings.ts --update [synthetic|real]   (default: both trees)

export const FINDINGS_BASELINE = path.resolve(__dirname, 'findings-baseline.json');

export type TreeName = 'synthetic' | 'real';

export interface TreeFindings {
  /** What identifies the input: the synthetic generator's version, or the real tree's fingerprint. */
  input: string;
  files: number;
  findings: number;
  byRule: Record<string, number>;
}

export type FindingsBaseline = Partial<Record<TreeName, TreeFindings>>;

interface JsonReport {
  summary: { findings: number; scanned: number; bytes: number };
  files: { path: string; findings: { ruleId: string }[] }[];
  problems?: string[];
}

/**
 * The CLI's command line for a bench tree, the same for timing and for counting: no git (the trees
 * are not repositories of their own), and a generous time budget, so that on a busy machine no
 * file is cut short at random (the budget still puts every file on a worker, as by default).
 */
export function cliScanArgs(cliJs: string, tree: string, output: string): string[] {
  return [cliJs, 'scan', tree, '--no-git', '--no-gitignore', '--format', 'json', '--output', output, '--quiet', '--fail-on', 'none', '--time-budget', '60000'];
}

/** Findings of a report written by the CLI (`--format json`), by rule, sorted. */
export function findingsOfReport(reportFile: string, input: string): TreeFindings & { problems: string[] } {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  const byRule: Record<string, number> = {};
  for (const file of report.files) for (const finding of file.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b)));
  return { input, files: report.summary.scanned, findings: report.summary.findings, byRule: sorted, problems: report.problems ?? [] };
}

/** Scans a tree once with the built CLI and returns its findings by rule. */
export function scanFindings(cliJs: string, tree: string, input: string, outDir: string): TreeFindings & { problems: string[] } {
  mkdirSync(outDir, { recursive: true });
  const output = path.join(outDir, `findings-${path.basename(tree)}.json`);
  const result = spawnSync(process.execPath, cliScanArgs(cliJs, tree, output), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Exit 2 with a report written: some file was not fully scanned (listed under problems).
  if ((result.status !== 0 && result.status !== 2) || !existsSync(output)) throw new Error(`CLI scan of ${tree} failed (exit ${result.status}): ${result.stderr}`);
  return findingsOfReport(output, input);
}

export function readFindingsBaseline(): FindingsBaseline {
  return existsSync(FINDINGS_BASELINE) ? (JSON.parse(readFileSync(FINDINGS_BASELINE, 'utf8')) as FindingsBaseline) : {};
}

export function writeFindingsBaseline(tree: TreeName, findings: TreeFindings): void {
  const baseline = readFindingsBaseline();
  baseline[tree] = { input: findings.input, files: findings.files, findings: findings.findings, byRule: findings.byRule };
  writeFileSync(FINDINGS_BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Rules whose counts differ from the baseline's: `rule: before -> now`. */
export function ruleDifferences(now: Record<string, number>, before: Record<string, number>): string[] {
  const rules = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort();
  return rules.filter((rule) => (now[rule] ?? 0) !== (before[rule] ?? 0)).map((rule) => `${rule}: ${before[rule] ?? 0} -> ${now[rule] ?? 0}`);
}

/** One line for the bench: "findings: same as baseline" or how they differ. */
export function compareWithBaseline(tree: TreeName, now: TreeFindings): { same: boolean; line: string; details: string[] } {
  const before = readFindingsBaseline()[tree];
  if (!before) return { same: false, line: `findings: no baseline for the ${tree} tree yet (node --import tsx bench/findings.ts --update ${tree})`, details: [] };
  if (before.input !== now.input) return { same: false, line: `findings: the baseline was taken on another ${tree} tree (${before.input}, this one is ${now.input}): not comparable`, details: [] };
  const details = ruleDifferences(now.byRule, before.byRule);
  if (details.length === 0) return { same: true, line: `findings: same as baseline (${now.findings} on ${now.files} files)`, details };
  const delta = now.findings - before.findings;
  return { same: false, line: `findings: differ from the baseline by ${delta >= 0 ? '+' : ''}${delta} (${now.findings} now, ${before.findings} before; ${details.length} rules changed)`, details };
}

// `--update [synthetic|real]`: scan the trees and record their findings as the baseline.
if (require.main === module) {
  void (async () => {
    const args = process.argv.slice(2);
    if (!args.includes('--update')) {
      console.error('usage: node --import tsx bench/findings.ts --update [synthetic|real]');
      process.exitCode = 2;
      return;
    }
    const root = path.resolve(__dirname, '..');
    const cliJs = path.join(root, 'dist', 'cli.js');
    const wanted = (['synthetic', 'real'] as const).filter((tree) => args.includes(tree));
    for (const target of await benchTrees(root, (line) => console.log(line), wanted.length ? wanted : ['synthetic', 'real'])) {
      const now = scanFindings(cliJs, target.dir, target.input, path.join(root, '.bench', 'out'));
      for (const problem of now.problems) console.log(`  ${problem}`);
      const { line, details } = compareWithBaseline(target.name, now);
      console.log(`${target.name}: ${line}`);
      for (const detail of details) console.log(`  ${detail}`);
      writeFindingsBaseline(target.name, now);
      console.log(`${target.name}: recorded ${now.findings} findings on ${now.files} files in ${path.relative(root, FINDINGS_BASELINE)}`);
    }
  })();
}
