import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, scan } from '../src/engine';
import { secretDetector, secretRulesFor } from '../src/engine/detectors/secrets';
import { keywordPass } from '../src/engine/detectors/keywordPass';
import { allLiteralKeywordLists } from '../src/engine/detectors';
import { kindOf } from '../src/engine/fileKind';
import { releaseDocumentState } from '../src/engine';
import { median, quantile } from './timing';

// The secrets side of one keystroke on a real file, engine-level (issue 16 item 4): the file is
// scanned once with a kept per-document state, then one character at a time is inserted mid-file,
// and each scan is timed, whole (scan(), every detector) and by the secrets side's parts (the file
// kind, the keyword pass, the secrets detector), each part with a kept state of its own as the
// engine gives it. The LSP figures are `npm run bench -- editor-latency`. Figures only.
// Run: `node --import tsx bench/secretsEditLatency.ts [file] [edits]`.

const FILE = process.argv[2] ?? path.join(__dirname, '..', 'node_modules', '@azure', 'msal-common', 'lib', 'index-node-6tE7NotX.js');
const EDITS = Number(process.argv[3] ?? 200);

const config = defaultConfig();
const ms = (value: number) => `${value.toFixed(2)} ms`;

function row(name: string, timings: number[]): string {
  return `${name.padEnd(34)} median ${ms(median(timings)).padStart(9)}   p95 ${ms(quantile(timings, 0.95)).padStart(9)}   max ${ms(Math.max(...timings)).padStart(9)}`;
}

/**
 * The i-th edited text: one more character typed at the middle of the file each time. Copied
 * flat, as the server's scan worker receives it (through postMessage): the first read of a
 * concatenated string makes V8 flatten it, 3-6 ms for this file, paid before the engine is called.
 */
function typed(text: string, at: number, count: number): string {
  return structuredClone(`${text.slice(0, at)}${'x'.repeat(count)}${text.slice(at)}`);
}

async function main(): Promise<void> {
  // secure-hygiene-ignore-next-line path/cli-argument -- a developer's benchmark: it reads the file its user names
  const text = readFileSync(FILE, 'utf8');
  const file = { path: path.basename(FILE), gitState: 'tracked' as const };
  // Typed into the middle line's end, where a character changes that line and nothing else.
  const middle = text.indexOf('\n', Math.floor(text.length / 2));
  console.log(`${FILE}: ${text.split('\n').length} lines, ${text.length} characters; ${EDITS} one-character inserts at offset ${middle}`);

  const kind = kindOf(file.path, text);
  const language = 'javascript';
  const rules = secretRulesFor(config);
  const lists = allLiteralKeywordLists();

  const whole: number[] = [];
  const kinds: number[] = [];
  const passes: number[] = [];
  const wholePasses: number[] = [];
  const secrets: number[] = [];
  const state = new Map<string, unknown>();
  const secretState = new Map<string, unknown>();
  const passState = new Map<string, unknown>();
  await scan(text, file, config, { state });
  secretDetector.detect({ text, file, kind, language, config, state: secretState });
  keywordPass(text, rules, lists, kind === 'code', passState);
  for (let i = 1; i <= EDITS; i += 1) {
    const edited = typed(text, middle, i);
    let started = performance.now();
    await scan(edited, file, config, { state });
    whole.push(performance.now() - started);

    started = performance.now();
    kindOf(file.path, edited);
    kinds.push(performance.now() - started);

    // The pass as it was before keptKeywordLines.ts (no state: the whole text), then as it is.
    started = performance.now();
    keywordPass(edited, rules, lists, kind === 'code');
    wholePasses.push(performance.now() - started);

    started = performance.now();
    const pass = keywordPass(edited, rules, lists, kind === 'code', passState);
    passes.push(performance.now() - started);

    started = performance.now();
    secretDetector.detect({ text: edited, file, kind, language, config, state: secretState, keywords: () => pass });
    secrets.push(performance.now() - started);
  }
  releaseDocumentState(state);
  console.log(row('scan(), every detector', whole));
  console.log(row('file kind (kindOf)', kinds));
  console.log(row('keyword pass, whole text', wholePasses));
  console.log(row('keyword pass, kept lines', passes));
  console.log(row('secrets detector (pass given)', secrets));
  console.log(row('secrets side in all, before', kinds.map((value, i) => value + wholePasses[i] + secrets[i])));
  console.log(row('secrets side in all', kinds.map((value, i) => value + passes[i] + secrets[i])));
}

void main();
