import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sections } from './sections';
import type { BenchContext } from './sections/types';

// `npm run bench [-- [--only] section...]`: runs the sections and prints their figures as one table.
// Figures only: nothing here asserts on time; compare ratios measured in the same run.

const REPO_ROOT = path.resolve(__dirname, '..');

interface Row {
  section: string;
  metric: string;
  value: string;
  note: string;
}

function table(rows: Row[]): string {
  const headers = ['section', 'metric', 'value', 'how'];
  const cells = rows.map((row) => [row.section, row.metric, row.value, row.note]);
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((cell) => cell[column].length)));
  const line = (values: string[]) => values.map((value, column) => (column === 2 ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

async function main(): Promise<number> {
  // `npm run bench -- throughput` or `npm run bench -- --only throughput`: the same.
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--only');
  const unknown = wanted.filter((name) => !sections.some((section) => section.name === name));
  if (unknown.length) {
    console.error(`bench: unknown section(s) ${unknown.join(', ')}; known: ${sections.map((section) => section.name).join(', ')}`);
    return 2;
  }
  const chosen = wanted.length ? sections.filter((section) => wanted.includes(section.name)) : sections;
  const cliJs = path.join(REPO_ROOT, 'dist', 'cli.js');
  const serverJs = path.join(REPO_ROOT, 'dist', 'server.js');
  if (!existsSync(cliJs) || !existsSync(serverJs)) execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
  const cacheDir = path.join(REPO_ROOT, '.bench');
  mkdirSync(cacheDir, { recursive: true });

  const cpus = os.cpus();
  console.log(`Secure Hygiene bench: node ${process.version}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`);
  const rows: Row[] = [];
  let failed = 0;
  for (const section of chosen) {
    console.log(`\n== ${section.name}${section.description ? `: ${section.description}` : ''}`);
    const ctx: BenchContext = {
      repoRoot: REPO_ROOT,
      cacheDir,
      cliJs,
      serverJs,
      log: (line) => console.log(`   ${line}`),
      report: (metric, value, note = '') => rows.push({ section: section.name, metric, value, note }),
    };
    const started = performance.now();
    try {
      await section.run(ctx);
    } catch (error) {
      failed += 1;
      console.error(`   section ${section.name} failed: ${(error as Error).stack ?? error}`);
      rows.push({ section: section.name, metric: 'FAILED', value: '-', note: String((error as Error).message ?? error).split('\n')[0] });
    }
    console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  console.log(`\n${table(rows)}`);
  return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; });
