import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, scan } from '../../src/engine';
import type { Detector, DetectorInput } from '../../src/engine/detectors/detector';
import { pathDetector } from '../../src/engine/detectors/path';
import { tlsDetector } from '../../src/engine/detectors/tls';
import { kindOf, languageOf } from '../../src/engine/fileKind';
import { liveTreeCount, releaseSyntaxState } from '../../src/engine/syntax';
import { fileUri, startServer } from '../../test/lsp/harness';
import { ensureTree, largeTypeScriptFile } from '../tree';
import { median, quantile } from '../timing';
import { timeCommentEdits } from '../editLoop';
import type { BenchContext, BenchSection } from './types';

// The syntax-aware detectors (path/*, tls/*) in-process: throughput over the synthetic tree, and
// the time to re-diagnose a 5,000-line TypeScript file after a one-character edit through `scan`,
// with the document's state kept (incremental reparse, path findings of untouched statements
// reused) and without it (full parse each time); and the same kind of file at 10,000 lines through
// the language server (a real LSP client, debounceMs 0): one-character edit -> diagnostics.

const LINES = 5_000;
const EDITS = 60;
const LSP_LINES = 10_000;
const LSP_EDITS = 50;

/** A request handler with a path flow and a TLS setting, so that both syntax detectors parse the file. */
const HANDLER = `\nimport * as fs from 'node:fs';\nexport function handler(req: any, res: any) {\n  res.send(fs.readFileSync('/srv/' + req.params.name));\n}\n`;
const TLS_LINE = `\nimport https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n`;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else out.push(full);
  }
  return out;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

export const syntax: BenchSection = {
  name: 'syntax',
  description: `path + TLS detectors over the tree; re-diagnosis of a ${LINES.toLocaleString('en')}-line .ts file after a one-character edit`,
  async run(ctx) {
    const config = defaultConfig();
    const treeDir = path.join(ctx.cacheDir, 'tree');
    ensureTree(treeDir, ctx.log);
    const inputs = files(treeDir).map((file) => {
      const rel = path.relative(treeDir, file).split(path.sep).join('/');
      return { text: readFileSync(file, 'utf8'), rel };
    });
    const bytes = inputs.reduce((sum, input) => sum + Buffer.byteLength(input.text), 0);
    const detectors: Detector[] = [pathDetector, tlsDetector];

    const pass = async () => {
      let parsed = 0;
      let findings = 0;
      const started = performance.now();
      for (const { text, rel } of inputs) {
        const kind = kindOf(rel, text);
        if (kind === 'skip') continue;
        const state = new Map<string, unknown>();
        const input: DetectorInput = { text, file: { path: rel }, language: languageOf(rel), kind, config, state };
        for (const detector of detectors) {
          if (!detector.wants(input)) continue;
          if (detector === pathDetector) parsed += 1;
          findings += (await detector.detect(input)).length;
        }
        releaseSyntaxState(state);
      }
      return { wall: performance.now() - started, parsed, findings };
    };
    await pass(); // loads the grammars; not counted
    const runs = [await pass(), await pass(), await pass()];
    const best = runs.reduce((a, b) => (a.wall < b.wall ? a : b));
    ctx.log(`${inputs.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB; path detector parsed ${best.parsed} of them; ${best.findings} path/TLS findings`);
    ctx.report('path+tls files/s', (inputs.length / (best.wall / 1000)).toFixed(0), `best of 3 passes over ${inputs.length} files, in-process`);
    ctx.report('path+tls MB/s', (bytes / 1024 / 1024 / (best.wall / 1000)).toFixed(1), `${ms(best.wall)} for ${(bytes / 1024 / 1024).toFixed(1)} MB`);
    ctx.report('files parsed', `${best.parsed}/${inputs.length}`, 'the keyword prefilter skips the rest');

    // A 5,000-line TypeScript file with a request handler in it, so that the path detector parses it.
    const { text: body } = largeTypeScriptFile(LINES);
    const base = HANDLER + body;
    const file = { path: 'src/big.ts', languageId: 'typescript' };
    const at = Math.floor(base.length / 2);
    const version = (i: number) => (i % 2 === 0 ? base.slice(0, at) + 'x' + base.slice(at) : base);

    const state = new Map<string, unknown>();
    await scan(base, file, config, { state });
    const incremental: number[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const started = performance.now();
      await scan(version(i), file, config, { state });
      incremental.push(performance.now() - started);
    }
    releaseSyntaxState(state);
    const full: number[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const fresh = new Map<string, unknown>();
      const started = performance.now();
      await scan(version(i), file, config, { state: fresh });
      full.push(performance.now() - started);
      releaseSyntaxState(fresh);
    }
    ctx.log(`${base.split('\n').length} lines, ${(base.length / 1024).toFixed(0)} KiB; ${EDITS} edits; live trees after: ${liveTreeCount()}`);
    ctx.report('re-diagnose, incremental (median)', ms(median(incremental)), `scan() with the document state kept, ${EDITS} one-char edits`);
    ctx.report('re-diagnose, incremental (p95)', ms(quantile(incremental, 0.95)));
    ctx.report('re-diagnose, full reparse (median)', ms(median(full)), 'scan() with a fresh state each time');
    ctx.report('re-diagnose, full reparse (p95)', ms(quantile(full, 0.95)));

    await lspAfterEdit(ctx);
  },
};

/** Through the server: a 10,000-line .ts with path and TLS findings, one-character edits in a comment. */
async function lspAfterEdit(ctx: BenchContext): Promise<void> {
  const folder = path.join(ctx.cacheDir, 'syntax-lsp');
  mkdirSync(folder, { recursive: true });
  const text = HANDLER + TLS_LINE + largeTypeScriptFile(LSP_LINES).text;
  const file = path.join(folder, 'big.ts');
  writeFileSync(file, text);
  const uri = fileUri(file);
  const lines = text.split('\n');
  const server = await startServer({ cwd: folder, settings: { secureHygiene: { debounceMs: 0, scanScope: 'openFiles' } } });
  try {
    const version = 1;
    const has = (diagnostics: { code?: unknown }[], prefix: string) => diagnostics.some((d) => String(d.code).startsWith(prefix));
    const complete = (diagnostics: { code?: unknown }[]) => has(diagnostics, 'path/') && has(diagnostics, 'tls/') && has(diagnostics, 'secret/');
    server.open(uri, 'typescript', text, version);
    const first = await server.waitForDiagnostics(uri, complete, 60_000);
    const { timings: edits, kept } = await timeCommentEdits(server, uri, lines, {
      edits: LSP_EDITS,
      version,
      keeps: (diagnostics) => diagnostics.length === first.length && complete(diagnostics),
    });
    ctx.log(`LSP: ${lines.length} lines, ${first.length} diagnostics (secret, path, tls); ${LSP_EDITS} edits${kept ? '' : ' (WARNING: diagnostics changed during edits)'}`);
    ctx.report(`LSP ${LSP_LINES.toLocaleString('en')} lines, edit -> diagnostics (median)`, ms(median(edits)), `didChange of one character to publishDiagnostics, debounceMs 0, ${LSP_EDITS} edits`);
    ctx.report(`LSP ${LSP_LINES.toLocaleString('en')} lines, edit -> diagnostics (p95)`, ms(quantile(edits, 0.95)));
  } finally {
    await server.shutdown();
  }
}
