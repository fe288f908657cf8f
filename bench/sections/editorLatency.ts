import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, startServer, type TestServer } from '../../test/lsp/harness';
import { largeTypeScriptFile } from '../tree';
import { median, quantile } from '../timing';
import { timeCommentEdits } from '../editLoop';
import type { BenchSection } from './types';

// The language server's time to diagnostics for a 10,000-line TypeScript file, measured through
// the LSP from a real client (test/lsp/harness.ts): from didOpen to publishDiagnostics, and from a
// one-character didChange to the publication for that version. debounceMs is set to 0, so the
// figures are the server's own work, not the typing delay it waits for by default.

const LINES = 10_000;
const EDITS = 50;
const OPENS = 5;

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function timeOpen(server: TestServer, uri: string, text: string, planted: number, version: number): Promise<number> {
  const published = server.nextDiagnostics(uri, (diagnostics) => diagnostics.length >= planted, 60_000);
  const started = performance.now();
  server.open(uri, 'typescript', text, version);
  await published;
  return performance.now() - started;
}

export const editorLatency: BenchSection = {
  name: 'editor-latency',
  description: `time to diagnostics for a ${LINES.toLocaleString('en')}-line file, through the LSP (debounceMs = 0)`,
  async run(ctx) {
    const folder = path.join(ctx.cacheDir, 'latency');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'big.ts');
    const { text, planted } = largeTypeScriptFile(LINES);
    writeFileSync(file, text);
    const uri = fileUri(file);
    const lines = text.split('\n');
    ctx.log(`${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB, ${planted} planted secrets`);

    const server = await startServer({ cwd: folder, settings: { secureHygiene: { debounceMs: 0, scanScope: 'openFiles' } } });
    try {
      const opens: number[] = [];
      let version = 1;
      for (let i = 0; i < OPENS; i += 1) {
        opens.push(await timeOpen(server, uri, text, planted, version));
        const cleared = server.nextDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
        server.close(uri);
        await cleared;
      }
      ctx.log(`didOpen -> diagnostics: first ${ms(opens[0])}, then median ${ms(median(opens.slice(1)))} over ${OPENS - 1} re-opens`);
      ctx.report('didOpen -> diagnostics', ms(opens[0]), `first open; re-opens median ${ms(median(opens.slice(1)))}`);

      version = 10;
      server.open(uri, 'typescript', text, version);
      await server.waitForDiagnostics(uri, (diagnostics) => diagnostics.length >= planted, 60_000);
      const { timings: edits, kept: counts } = await timeCommentEdits(server, uri, lines, {
        edits: EDITS,
        version,
        keeps: (diagnostics) => diagnostics.length >= planted,
      });
      ctx.log(`didChange (1 char) -> diagnostics over ${EDITS} edits: median ${ms(median(edits))}, p95 ${ms(quantile(edits, 0.95))}, max ${ms(Math.max(...edits))}${counts ? '' : ' (WARNING: findings went missing during edits)'}`);
      ctx.report('didChange -> diagnostics, median', ms(median(edits)), `${EDITS} one-character edits; target < 20 ms`);
      ctx.report('didChange -> diagnostics, p95', ms(quantile(edits, 0.95)), `debounceMs = 0 for the measurement`);
    } finally {
      await server.shutdown();
    }
  },
};
