import { allRules, defaultConfig } from '../../src/engine';
import type { RuleSamples } from '../../src/engine/rules/samples';
import { splitLines } from '../../src/engine/text';

// What the line-end properties and `npm run fuzz` generate files from: every rule's own positive
// samples (built at test time from parts, so no whole secret sits in the repository), cut into
// lines and grouped by the file they pretend to live in, plus blank and noise lines. A file is a
// list of lines; the tests join the same lines with `\n` and with a random mix of `\r\n`, `\n`
// and a lone `\r`, and the engine must find the same things on the same lines in both.

export const LINE_BREAKS = ['\n', '\r\n', '\r'] as const;

export interface SampleBlock {
  /** Lines of one positive sample, without line breaks. */
  lines: string[];
}

export interface CorpusFile {
  path: string;
  blocks: SampleBlock[];
}

let cached: CorpusFile[] | undefined;

/** Every rule's positive samples, grouped by path (`sample.ts` when a sample names none). */
export function corpus(): CorpusFile[] {
  if (cached) return cached;
  const byPath = new Map<string, SampleBlock[]>();
  for (const rule of allRules(defaultConfig())) {
    const samples = (rule as { samples?: RuleSamples }).samples;
    if (!samples) continue;
    for (const sample of samples.positive()) {
      const { text, path } = typeof sample === 'string' ? { text: sample, path: undefined } : sample;
      const key = path ?? 'sample.ts';
      const blocks = byPath.get(key) ?? [];
      blocks.push({ lines: splitLines(text) });
      byPath.set(key, blocks);
    }
  }
  cached = [...byPath].map(([path, blocks]) => ({ path, blocks })).sort((a, b) => a.path.localeCompare(b.path));
  return cached;
}

/** A small deterministic generator (xorshift32), so that every fuzz case is reproducible from its seed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = (seed * 2654435761) >>> 0 || 1;
  }

  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return this.next() % Math.max(1, n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(percent: number): boolean {
    return this.int(100) < percent;
  }
}

const NOISE = ['', '   ', '\t', 'x', '#', '//', '"', "'", '`', '{', '}', '=', '\\', '-----', 'key: value', 'a = b'];

export interface GeneratedFile {
  path: string;
  lines: string[];
  /** Line break after each line but the last (`breaks.length === lines.length - 1`). */
  breaks: string[];
  finalBreak: string;
}

/**
 * A file built from one path's samples, with blank and noise lines between blocks. The noise
 * never goes inside a block: a multi-line sample (a private key) stays whole.
 */
export function generateFile(random: Random, maxBlocks = 4): GeneratedFile {
  const file = random.pick(corpus());
  const lines: string[] = [];
  const blocks = 1 + random.int(maxBlocks);
  for (let b = 0; b < blocks; b += 1) {
    if (random.chance(40)) lines.push(random.pick(NOISE));
    lines.push(...random.pick(file.blocks).lines);
  }
  if (random.chance(30)) lines.push('');
  const breaks = lines.slice(1).map(() => random.pick(LINE_BREAKS));
  const finalBreak = random.chance(50) ? random.pick(LINE_BREAKS) : '';
  // A lone `\r`, an empty line and then a `\n` would read as one `\r\n`: one line fewer.
  for (let i = 0; i < breaks.length; i += 1) {
    if (breaks[i] === '\r' && lines[i + 1] === '' && (breaks[i + 1] ?? finalBreak).startsWith('\n')) breaks[i] = '\r\n';
  }
  return { path: file.path, lines, breaks, finalBreak };
}

/** The file's text with its own mix of line breaks. */
export function mixedText(file: GeneratedFile): string {
  let text = file.lines[0] ?? '';
  for (let i = 1; i < file.lines.length; i += 1) text += file.breaks[i - 1] + file.lines[i];
  return text + file.finalBreak;
}

/** The same lines, every break a `\n`. */
export function lfText(file: GeneratedFile): string {
  return file.lines.join('\n') + (file.finalBreak ? '\n' : '');
}
