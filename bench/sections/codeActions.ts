import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri, startServer } from '../../test/lsp/harness';
import { APPLY_SUPPRESSION_COMMAND } from '../../src/server/fixIds';
import { largeTypeScriptFile } from '../tree';
import { median, quantile } from '../timing';
import type { BenchSection } from './types';

// The quick fixes' latency through the LSP on a 10,000-line TypeScript file: from a
// textDocument/codeAction request on a secret's diagnostic to the response holding the "Move
// secret to .env" WorkspaceEdit (which reads .env, .gitignore and asks git each time); the
// fix-all source action; and a suppression, from executeCommand to the server's applyEdit.

const LINES = 10_000;
const RUNS = 30;

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function summary(values: number[]): string {
  return `median ${ms(median(values))}, p95 ${ms(quantile(values, 0.95))}`;
}

export const codeActionsBench: BenchSection = {
  name: 'code-actions',
  description: `time from a code-action request to its edit, ${LINES.toLocaleString('en')}-line file, through the LSP`,
  async run(ctx) {
    const folder = path.join(ctx.cacheDir, 'code-actions');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: folder });
    writeFileSync(path.join(folder, '.env'), 'PORT=3000\n');
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules\n');
    const file = path.join(folder, 'big.ts');
    const { text, planted } = largeTypeScriptFile(LINES);
    writeFileSync(file, text);
    const uri = fileUri(file);
    const server = await startServer({ cwd: folder, settings: { secureHygiene: { debounceMs: 0, scanScope: 'openFiles' } } });
    try {
      server.open(uri, 'typescript', text);
      const diagnostics = await server.waitForDiagnostics(uri, (d) => d.filter((x) => String(x.code).startsWith('secret/')).length >= planted, 60_000);
      const secrets = diagnostics.filter((d) => String(d.code).startsWith('secret/'));
      ctx.log(`${text.split('\n').length} lines, ${secrets.length} secret diagnostics`);

      const quick: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const diagnostic: Diagnostic = secrets[i % secrets.length];
        const started = performance.now();
        const actions = await server.codeActions(uri, diagnostic.range, [diagnostic]);
        quick.push(performance.now() - started);
        if (!actions.some((a) => 'edit' in a && (a as CodeAction).edit)) throw new Error('no edit in the quick fixes');
      }
      ctx.log(`quick fixes (move to .env + suppressions): ${summary(quick)} over ${RUNS} requests`);
      ctx.report('codeAction -> move-to-.env edit', ms(median(quick)), `p95 ${ms(quantile(quick, 0.95))}, ${RUNS} requests`);

      const all: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        const actions = await server.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
        all.push(performance.now() - started);
        if (actions.length !== 1) throw new Error('no fix-all action');
      }
      ctx.log(`fix-all (${secrets.length} secrets): ${summary(all)}`);
      ctx.report('source.fixAll -> edit', ms(median(all)), `p95 ${ms(quantile(all, 0.95))}, ${RUNS} requests`);

      const suppress: number[] = [];
      const data = secrets[0].data as { fingerprint: string; ruleId: string };
      for (let i = 0; i < RUNS; i += 1) {
        const before = server.appliedEdits.length;
        const started = performance.now();
        const applied = server.waitForAppliedEdit(() => server.appliedEdits.length > before, 30_000);
        void server.executeCommand(APPLY_SUPPRESSION_COMMAND, { uri, fingerprint: data.fingerprint, ruleId: data.ruleId, kind: 'line', reason: 'bench' });
        await applied;
        suppress.push(performance.now() - started);
      }
      ctx.log(`suppression command -> applyEdit: ${summary(suppress)}`);
      ctx.report('suppress command -> applyEdit', ms(median(suppress)), `p95 ${ms(quantile(suppress, 0.95))}, ${RUNS} runs`);
    } finally {
      await server.shutdown();
    }
  },
};
