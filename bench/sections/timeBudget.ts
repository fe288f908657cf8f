import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, startServer, type TestServer } from '../../test/lsp/harness';
import { largeTypeScriptFile } from '../tree';
import { median } from '../timing';
import type { BenchSection } from './types';

// Time to diagnostics for one file while another file's scan is stuck, through the LSP, against
// the same figure with nothing stuck (as a ratio: the machines are noisy). The stuck scan is the
// scan workers' test hook (SECURE_HYGIENE_TEST_HANG: the worker blocks until it is terminated),
// standing in for a pathological file: the built-in patterns are being made linear, so a real
// one would not stay pathological, and the hook blocks without burning the CPU the figure needs.
// Last, both workers stuck at once: then the other file waits for a worker to be freed by the
// budget, so that figure is bounded by the budget, not by the file.

const LINES = 1_000;
const OPENS = 10;
const MARKER = 'bench-stuck-scan-7f3e';

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** didOpen -> diagnostics with every planted finding, then close; `OPENS` times, median. */
async function timeOpens(server: TestServer, uri: string, text: string, planted: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    const published = server.nextDiagnostics(uri, (diagnostics) => diagnostics.length >= planted, 60_000);
    const started = performance.now();
    server.open(uri, 'typescript', text, 1);
    await published;
    times.push(performance.now() - started);
    const cleared = server.nextDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
    server.close(uri);
    await cleared;
  }
  return median(times);
}

async function withHangHook<T>(start: () => Promise<T>): Promise<T> {
  const previous = process.env.SECURE_HYGIENE_TEST_HANG;
  process.env.SECURE_HYGIENE_TEST_HANG = MARKER;
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env.SECURE_HYGIENE_TEST_HANG;
    else process.env.SECURE_HYGIENE_TEST_HANG = previous;
  }
}

export const timeBudget: BenchSection = {
  name: 'time-budget',
  description: `time to diagnostics for a ${LINES.toLocaleString('en')}-line file while another file's scan is stuck, through the LSP`,
  async run(ctx) {
    const folder = path.join(ctx.cacheDir, 'time-budget');
    mkdirSync(folder, { recursive: true });
    const { text, planted } = largeTypeScriptFile(LINES);
    const other = fileUri(path.join(folder, 'other.ts'));
    writeFileSync(path.join(folder, 'other.ts'), text);
    const stuckText = `// ${MARKER}\n${text}`;

    // One stuck file, with a budget far away: it holds one scan worker for the whole measurement.
    let server = await withHangHook(() => startServer({ cwd: folder, settings: { secureHygiene: { debounceMs: 0, timeBudgetMs: 600_000, scanScope: 'openFiles' } } }));
    let normal: number;
    let stuck: number;
    try {
      await timeOpens(server, other, text, planted); // warm-up: workers loaded, grammars compiled
      normal = await timeOpens(server, other, text, planted);
      server.open(fileUri(path.join(folder, 'stuck.ts')), 'typescript', stuckText, 1);
      stuck = await timeOpens(server, other, text, planted);
    } finally {
      await server.shutdown();
    }
    ctx.log(`didOpen -> diagnostics, median of ${OPENS}: ${ms(normal)} with nothing stuck, ${ms(stuck)} while another file's scan is stuck`);
    ctx.report('diagnostics, another file stuck', ms(stuck), `didOpen of a ${LINES}-line file; median of ${OPENS}`);
    ctx.report('  ratio to nothing stuck', `${(stuck / normal).toFixed(2)}x`, `nothing stuck: ${ms(normal)} in the same run`);

    // Two stuck files hold both workers: the other file is scanned once the budget frees one.
    const budgetMs = 2000;
    server = await withHangHook(() => startServer({ cwd: folder, settings: { secureHygiene: { debounceMs: 0, timeBudgetMs: budgetMs, scanScope: 'openFiles' } } }));
    try {
      await timeOpens(server, other, text, planted);
      for (const name of ['stuck-a.ts', 'stuck-b.ts']) server.open(fileUri(path.join(folder, name)), 'typescript', stuckText, 1);
      // Its findings, or (on a machine too busy for a cold worker to scan it within the budget) its own budget warning.
      const published = server.nextDiagnostics(other, (diagnostics) => diagnostics.length >= planted || diagnostics.some((d) => d.code === 'scan/time-budget'), 60_000);
      const started = performance.now();
      server.open(other, 'typescript', text, 1);
      const diagnostics = await published;
      const both = performance.now() - started;
      const what = diagnostics.length >= planted ? 'diagnostics' : 'its own budget warning (too busy a machine)';
      ctx.log(`both workers stuck, budget ${budgetMs} ms: the other file's ${what} after ${ms(both)}`);
      ctx.report('diagnostics, both workers stuck', ms(both), `bounded by the budget (${budgetMs} ms here) plus a worker restart${what === 'diagnostics' ? '' : `; got ${what}`}`);
    } finally {
      await server.shutdown();
    }
  },
};
