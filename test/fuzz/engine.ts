import { allRules, defaultConfig, releaseDocumentState, scan, type Finding } from '../../src/engine';
import { LineIndex } from '../../src/engine/text';
import type { RuleSamples } from '../../src/engine/rules/samples';
import { corpus, generateFile, lfText, LINE_BREAKS, mixedText, Random } from './corpus';

// The engine half of `npm run fuzz`: random files and edit sequences against `scan`, and
// adversarial inputs for the regular expressions. A case fails when scan throws, when a finding's
// range is outside the document, when an incremental scan (the editor's way: one state kept across
// versions) differs from a fresh one, or when the same lines joined with `\n` give other findings.
// Failures carry the seed that reproduces them and never the file's text (it holds secrets).

export interface FuzzFailure {
  kind: string;
  seed: number;
  detail: string;
}

export interface EngineCounts {
  /** Scans run: each one is a case. */
  cases: number;
  /** Of which: scans of a version reached by random edits (with the document's state kept). */
  edits: number;
  /** Of which: scans of adversarial inputs for the patterns. */
  adversarial: number;
  /** Slowest adversarial scan, in ms per KB (a figure, not a check). */
  worstMsPerKb: number;
  failures: FuzzFailure[];
}

const config = defaultConfig();
const EDITS_PER_FILE = 24;
/** Small line cases run after each file case (see lineCases). */
const LINE_CASES_PER_FILE = 12;

/** What must be equal between two scans of the same lines. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity}`).sort();
}

/** The first finding range that is not inside the text (as LSP counts lines), described without text. */
export function rangeOutside(text: string, findings: readonly Finding[]): string | undefined {
  const lines = new LineIndex(text);
  for (const finding of findings) {
    for (const position of [finding.range.start, finding.range.end, ...(finding.related ?? []).flatMap((r) => [r.range.start, r.range.end])]) {
      const bad = position.line < 0 || position.line >= lines.lineCount || position.character < 0
        || position.character > lines.lineEnd(position.line) - lines.lineStart(position.line);
      if (bad) return `${finding.ruleId} at ${JSON.stringify(finding.range)} in a text of ${lines.lineCount} lines`;
    }
  }
  return undefined;
}

const INSERTS = ['\n', '\r', '\r\n', ' ', '"', "'", '=', ':', '#', '//', '\\', 'x', '\t', '${', '}', '-----'];

/** A random edit of `text`: delete a span, insert a line break or a piece, or paste a sample line. */
export function randomEdit(random: Random, text: string, pasteLines: readonly string[]): { start: number; end: number; newText: string } {
  const start = random.int(text.length + 1);
  const end = random.chance(40) ? Math.min(text.length, start + random.int(12)) : start;
  const roll = random.int(10);
  let newText = '';
  if (roll < 5) newText = random.pick(INSERTS);
  else if (roll < 8 && pasteLines.length > 0) newText = random.pick(pasteLines) + random.pick(LINE_BREAKS);
  return { start, end, newText };
}

function linesOf(path: string): string[] {
  return corpus().find((file) => file.path === path)?.blocks.flatMap((block) => block.lines) ?? [];
}

/** One file: the mixed/LF comparison, then a sequence of edits scanned incrementally, some checked against fresh scans. */
async function fileCase(seed: number, maxScans: number, counts: EngineCounts): Promise<void> {
  const random = new Random(seed);
  const file = generateFile(random);
  const info = { path: file.path, gitState: 'untracked' as const };
  let text = mixedText(file);
  const fail = (kind: string, detail: string) => counts.failures.push({ kind, seed, detail: `${file.path}: ${detail}` });
  const run = async (source: string, state?: Map<string, unknown>): Promise<Finding[] | undefined> => {
    counts.cases += 1;
    try {
      return await scan(source, info, config, { state, now: new Date('2026-01-01T00:00:00Z') });
    } catch (error) {
      fail('scan threw', String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200));
      return undefined;
    }
  };

  const mixed = await run(text);
  if (mixed) {
    const outside = rangeOutside(text, mixed);
    if (outside) fail('range outside the document', outside);
    if (counts.cases < maxScans) {
      const lf = await run(lfText(file));
      if (lf && summary(lf).join('\n') !== summary(mixed).join('\n')) fail('line ends change the findings', `mixed ${JSON.stringify(summary(mixed))} vs \\n ${JSON.stringify(summary(lf))}`);
    }
  }

  const state = new Map<string, unknown>();
  const paste = linesOf(file.path);
  try {
    for (let step = 0; step < EDITS_PER_FILE && counts.cases < maxScans; step += 1) {
      const edit = randomEdit(random, text, paste);
      text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      const incremental = await run(text, state);
      counts.edits += 1;
      if (!incremental) return;
      const outside = rangeOutside(text, incremental);
      if (outside) {
        fail('range outside the document', `after edit ${step + 1}: ${outside}`);
        return;
      }
      // Every few edits, and after the last: the kept state must not change what is found.
      if ((step % 6 === 5 || step === EDITS_PER_FILE - 1) && counts.cases < maxScans) {
        const fresh = await run(text);
        if (fresh && summary(fresh).join('\n') !== summary(incremental).join('\n')) {
          fail('incremental differs from a fresh scan', `after edit ${step + 1}: incremental ${JSON.stringify(summary(incremental))} vs fresh ${JSON.stringify(summary(fresh))}`);
          return;
        }
      }
    }
  } finally {
    releaseDocumentState(state);
  }
}

/**
 * Small cases, many of them: two or three sample lines of one file, cut or decorated at random,
 * joined by random line breaks and scanned alone; the same lines joined by `\n` must give the
 * same findings on the same lines.
 */
async function lineCases(seed: number, howMany: number, counts: EngineCounts): Promise<void> {
  const random = new Random(seed);
  const file = random.pick(corpus());
  const lines = file.blocks.flatMap((block) => block.lines).filter((line) => line.trim() !== '');
  const info = { path: file.path, gitState: 'untracked' as const };
  for (let n = 0; n < howMany; n += 1) {
    const picked = Array.from({ length: 1 + random.int(3) }, () => {
      let line = random.pick(lines) ?? '';
      if (random.chance(30)) line = line.slice(0, random.int(line.length + 1));
      if (random.chance(30)) line = random.pick(INSERTS).replace(/[\r\n]/g, '') + line;
      return line;
    });
    const breaks = picked.slice(1).map(() => random.pick(LINE_BREAKS));
    // Never a lone \r just before an empty line and a \n: that pair would read as one \r\n.
    const mixed = picked.map((line, i) => (i === 0 ? line : (breaks[i - 1] === '\r' && line === '' ? '\r\n' : breaks[i - 1]) + line)).join('');
    counts.cases += 2;
    try {
      const found = await scan(mixed, info, config);
      const outside = rangeOutside(mixed, found);
      if (outside) counts.failures.push({ kind: 'range outside the document', seed, detail: `line case ${n} of ${file.path}: ${outside}` });
      const lf = await scan(picked.join('\n'), info, config);
      if (summary(lf).join('\n') !== summary(found).join('\n')) {
        counts.failures.push({ kind: 'line ends change the findings', seed, detail: `line case ${n} of ${file.path}: mixed ${JSON.stringify(summary(found))} vs \\n ${JSON.stringify(summary(lf))}` });
      }
    } catch (error) {
      counts.failures.push({ kind: 'scan threw', seed, detail: `line case ${n} of ${file.path}: ${String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200)}` });
    }
  }
}

/** Keywords and fragments the patterns anchor on, for the adversarial inputs. */
function fragments(): string[] {
  const out = new Set<string>(['Password=', 'password: ', 'Server=', 'jdbc:', '&a', 'req', '\\"', '{{', '}}', '<', '>', '(', ')', '"', "'", '`', '=', ':', ' ', '\t', '\n', '\r', '\r\n', '-', '_', '.', '/', '+', 'A', 'a', '0', '@', '%', '$']);
  for (const rule of allRules(config)) {
    for (const keyword of (rule as { keywords?: readonly string[] }).keywords ?? []) out.add(keyword);
    const samples = (rule as { samples?: RuleSamples }).samples;
    // Sample prefixes (up to the secret's start) are what a pattern reads first: repeated, they stress its prefix.
    for (const sample of samples?.positive() ?? []) {
      const text = typeof sample === 'string' ? sample : sample.text;
      out.add(text.slice(0, 12));
    }
  }
  return [...out];
}

let cachedFragments: string[] | undefined;
const PATHS = ['a.ts', 'a.py', 'a.go', 'Dockerfile', '.env', 'config.yml', 'run.sh', 'app.properties', 'a.json', 'README.md', 'x.java', 'a.rb', 'a.php', 'a.cs'];

/**
 * An adversarial input: one or two fragments repeated to `size` characters, sometimes with a
 * random fragment in between every so often. Pathological patterns (nested or overlapping
 * quantifiers) go quadratic on exactly such runs.
 */
async function adversarialCase(seed: number, size: number, counts: EngineCounts, hangMs = Infinity): Promise<void> {
  const random = new Random(seed);
  const all = (cachedFragments ??= fragments());
  const unit = random.pick(all) + (random.chance(50) ? random.pick(all) : '');
  const spice = random.chance(30) ? random.pick(all) : '';
  let text = '';
  while (text.length < size) text += random.chance(5) && spice ? spice : unit;
  const path = random.pick(PATHS);
  const started = performance.now();
  counts.cases += 1;
  counts.adversarial += 1;
  try {
    const findings = await scan(text, { path, gitState: 'untracked' }, config);
    const outside = rangeOutside(text, findings);
    if (outside) counts.failures.push({ kind: 'range outside the document', seed, detail: `adversarial ${path}: ${outside}` });
  } catch (error) {
    counts.failures.push({ kind: 'scan threw', seed, detail: `adversarial ${path}: ${String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200)}` });
  }
  const elapsed = performance.now() - started;
  counts.worstMsPerKb = Math.max(counts.worstMsPerKb, elapsed / (text.length / 1024));
  if (elapsed > hangMs) counts.failures.push({ kind: 'hang', seed, detail: `adversarial ${path}: one scan of ${text.length} characters took ${Math.round(elapsed)} ms` });
}

export interface EngineFuzzOptions {
  /** Scans to run in all (each file case and each edit is one). */
  cases: number;
  /** How many of them are adversarial inputs, and their size in characters. */
  adversarial: number;
  adversarialSize?: number;
  seed: number;
  /** Called every ~1000 cases. */
  progress?: (counts: EngineCounts) => void;
  /** An adversarial scan slower than this is a failure (the long run only: the unit suite never times). */
  hangMs?: number;
  /** Stop at the first failure (the short run in the test suite). */
  stopOnFailure?: boolean;
}

export async function fuzzEngine(options: EngineFuzzOptions): Promise<EngineCounts> {
  const counts: EngineCounts = { cases: 0, edits: 0, adversarial: 0, worstMsPerKb: 0, failures: [] };
  for (let i = 0; counts.adversarial < options.adversarial; i += 1) {
    await adversarialCase(options.seed + i, options.adversarialSize ?? 20_000, counts, options.hangMs);
    if (options.stopOnFailure && counts.failures.length) return counts;
  }
  let reported = 0;
  for (let i = 0; counts.cases < options.cases; i += 1) {
    await fileCase(options.seed + i, options.cases, counts);
    if (counts.cases < options.cases) await lineCases(options.seed + i, Math.min(LINE_CASES_PER_FILE, Math.ceil((options.cases - counts.cases) / 2)), counts);
    if (options.stopOnFailure && counts.failures.length) return counts;
    if (options.progress && counts.cases - reported >= 1000) {
      reported = counts.cases;
      options.progress(counts);
    }
  }
  return counts;
}

/** Runs one file case (all its edits) or one adversarial case again, from the seed a failure printed. */
export async function replayEngineCase(seed: number, adversarial: boolean, adversarialSize = 20_000): Promise<EngineCounts> {
  const counts: EngineCounts = { cases: 0, edits: 0, adversarial: 0, worstMsPerKb: 0, failures: [] };
  if (adversarial) await adversarialCase(seed, adversarialSize, counts);
  else {
    await fileCase(seed, Number.MAX_SAFE_INTEGER, counts);
    await lineCases(seed, LINE_CASES_PER_FILE, counts);
  }
  return counts;
}
