import { defaultConfig, scan } from '../src/engine';
import { pathDetector } from '../src/engine/detectors/path';
import { releaseSyntaxState } from '../src/engine/syntax';
import { median, quantile } from './timing';

// The path detector's edit latency on a large file whose handlers call local helpers (issues 15/16).
// Run: `node --import tsx bench/pathEditLatency.ts [lines] [edits]`.
//
// One engine scan of a ~10,000-line Express file with the per-document state the server keeps
// (previous parse tree, path findings by statement), then one-character edits inside one handler
// near the middle of the file, each timed from the changed text to the findings. The same for a
// reference file of the same shape whose handlers call no helper (every handler reads the file
// itself), so the ratio says what the cross-function links cost. Figures only, never asserts.

const LINES = Number(process.argv[2] ?? 10_000);
const EDITS = Number(process.argv[3] ?? 30);

const HEADER = [
  "const fs = require('fs');",
  "const path = require('path');",
  "const express = require('express');",
  'const app = express();',
  "const BASE = '/srv/files';",
  '',
];

/** 16 lines: a helper that reaches `fs.readFileSync(path.join(BASE, name))` and a handler. */
function unit(i: number, callsHelper: boolean): string[] {
  const read = callsHelper ? `loadDoc${i}(req.query.f)` : "fs.readFileSync(path.join(BASE, req.query.f), 'utf8')";
  return [
    `function loadDoc${i}(name) {`,
    `  // helper ${i}: reads one document below BASE`,
    '  const full = path.join(BASE, name);',
    "  return fs.readFileSync(full, 'utf8');",
    '}',
    '',
    `app.get('/docs/${i}', (req, res) => {`,
    '  const started = Date.now();',
    `  const label = 'doc-${i}';`,
    `  // handler ${i}`,
    `  const body = ${read};`,
    "  res.set('x-label', label);",
    '  res.send(body);',
    "  logger.debug('served', Date.now() - started);",
    '});',
    '',
  ];
}

/** A plain handler with no helper every fourth unit, in both files. */
function generate(withHelpers: boolean): string {
  const lines = [...HEADER];
  for (let i = 0; lines.length < LINES; i += 1) lines.push(...unit(i, withHelpers && i % 4 !== 3));
  return lines.join('\n');
}

const file = { path: 'src/server/routes.js', languageId: 'javascript' };
const config = defaultConfig();

interface Measured {
  fullScanMs: number;
  edits: number[];
  /** The path detector's own share of each edit (its detect call alone, with its own state). */
  pathOnly: number[];
  findings: number;
  stable: boolean;
}

async function measure(text: string): Promise<Measured> {
  const state = new Map<string, unknown>();
  try {
    let started = performance.now();
    const first = await scan(text, file, config, { state });
    const fullScanMs = performance.now() - started;
    const findings = first.filter((finding) => finding.category === 'path').length;
    // Inside the label string of the handler nearest the middle: a one-character insert, then its removal.
    const handler = text.indexOf("const label = 'doc-", Math.floor(text.length / 2));
    const at = text.indexOf("'", handler) + 1;
    const edits: number[] = [];
    let stable = true;
    for (let i = 0; i < EDITS; i += 1) {
      const edited = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
      started = performance.now();
      const result = await scan(edited, file, config, { state });
      edits.push(performance.now() - started);
      stable &&= result.filter((finding) => finding.category === 'path').length === findings;
    }
    return { fullScanMs, edits, pathOnly: await timePathDetector(text, at), findings, stable };
  } finally {
    releaseSyntaxState(state);
  }
}

async function timePathDetector(text: string, at: number): Promise<number[]> {
  const state = new Map<string, unknown>();
  const detect = (edited: string) => pathDetector.detect({ text: edited, file, language: 'javascript', kind: 'code', config, state });
  try {
    await detect(text);
    const timings: number[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const edited = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
      const started = performance.now();
      await detect(edited);
      timings.push(performance.now() - started);
    }
    return timings;
  } finally {
    releaseSyntaxState(state);
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const linked = generate(true);
  const reference = generate(false);
  // One warm-up scan of the whole reference: the grammar's WASM load and the first compilation of
  // the engine are part of neither figure.
  await scan(reference, file, config);
  const ref = await measure(reference);
  const withHelpers = await measure(linked);
  const row = (name: string, m: Measured) =>
    `${name.padEnd(30)} full scan ${ms(m.fullScanMs).padStart(10)}   edit median ${ms(median(m.edits)).padStart(9)}   p95 ${ms(quantile(m.edits, 0.95)).padStart(9)}   (path detector alone: median ${ms(median(m.pathOnly))}, p95 ${ms(quantile(m.pathOnly, 0.95))})   path findings ${m.findings}${m.stable ? '' : ' (CHANGED during edits)'}`;
  console.log(`path edit latency: ${linked.split('\n').length} lines, ${EDITS} one-character edits inside one handler`);
  console.log(row('handlers calling local helpers', withHelpers));
  console.log(row('reference: no helper calls', ref));
  console.log(`ratio helpers/reference: full scan ${(withHelpers.fullScanMs / ref.fullScanMs).toFixed(2)}x, edit median ${(median(withHelpers.edits) / median(ref.edits)).toFixed(2)}x, p95 ${(quantile(withHelpers.edits, 0.95) / quantile(ref.edits, 0.95)).toFixed(2)}x; path detector alone, median ${(median(withHelpers.pathOnly) / median(ref.pathOnly)).toFixed(2)}x`);
}

void main();
