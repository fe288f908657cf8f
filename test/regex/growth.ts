// The second line of defence behind recheck: run each pattern the way the engine does (every
// match over the whole input) on adversarial inputs derived from it, at 10 KB and at 100 KB, and
// compare. Linear matching takes ~10x longer on 10x the input; quadratic ~100x. Only ratios are
// reported, never absolute times: the machines are shared and noisy, so each figure is the
// minimum of a few runs and the short input is repeated until it takes long enough to time.
import { build, KNOWN_ATTACKS, type Pump, pumpsFor, withSpoiler } from './pieces';

export const SMALL = 10_000;
export const LARGE = 100_000;

export interface Growth {
  /** time(LARGE) / time(SMALL) for the worst input found. */
  ratio: number;
  /** The input that gave it, as prefix + pump * n + suffix (never a secret: pattern pieces). */
  input: Pump & { suffix?: string };
}

/**
 * Every match, as the engine's scanners find them (matchAll-style, stepping over empty matches).
 * `test` rather than `exec`: the same search without building match arrays, whose garbage
 * collection grows faster than the input and would read as super-linear matching.
 */
function runAll(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  let last = -1;
  while (pattern.test(text)) {
    count++;
    // An empty match leaves lastIndex where it was: step over it as matchAll does.
    if (pattern.lastIndex === last) pattern.lastIndex++;
    last = pattern.lastIndex;
  }
  return count;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Milliseconds for `reps` runs, the best of `tries`. */
function time(pattern: RegExp, text: string, reps: number, tries: number): number {
  let best = Infinity;
  for (let t = 0; t < tries; t++) {
    const start = now();
    for (let r = 0; r < reps; r++) runAll(pattern, text);
    best = Math.min(best, now() - start);
  }
  return best;
}

/** Repetitions of the short input that take at least ~`floorMs` (a timer tick is ~microseconds; noise is bigger). */
function calibrate(pattern: RegExp, text: string, floorMs: number): number {
  let reps = 1;
  while (reps < 4096 && time(pattern, text, reps, 1) < floorMs) reps *= 2;
  return reps;
}

function compile(source: string, flags: string): RegExp {
  const kept = [...new Set([...flags.replace(/[yd]/g, ''), 'g'])].join('');
  return new RegExp(source, kept);
}

/** The growth ratio of one input: time per run at LARGE over time per run at SMALL. */
export function ratioFor(pattern: RegExp, input: Pump & { suffix?: string }, tries = 3, sizes = { small: SMALL, large: LARGE }): number {
  const small = build(input, sizes.small);
  const large = build(input, sizes.large);
  runAll(pattern, small); // warm up: compile and tier up before timing.
  // At least as many short runs as the long input is times longer, so that both timings cover the
  // same work and last about as long: on a busy machine a 1 ms timing is seldom interrupted and a
  // 20 ms one often is, which read a linear but costly pattern (a 300-character bounded run from
  // every start) as 31-37x at a load of 22.
  const reps = Math.max(calibrate(pattern, small, 1), Math.ceil(sizes.large / sizes.small));
  const perSmall = time(pattern, small, reps, tries) / reps;
  const largeReps = Math.max(1, Math.round((reps * sizes.small) / sizes.large));
  const perLarge = time(pattern, large, largeReps, tries) / largeReps;
  return perLarge / Math.max(perSmall, 1e-6);
}

/**
 * The worst growth of a pattern over its derived inputs (and recheck's attack, when given). The
 * inputs are first ranked by one quick run at 10 KB: a quadratic input is already the slowest
 * there, so only the few slowest are timed properly at both sizes.
 */
export function growthOf(source: string, flags: string, extra: (Pump & { suffix?: string })[] = [], keep = 2, sizes = { small: SMALL, large: LARGE }, enough = Infinity): Growth {
  const pattern = compile(source, flags);
  const inputs: (Pump & { suffix?: string })[] = [...extra, ...KNOWN_ATTACKS, ...withSpoiler(pumpsFor(source, flags))];
  const ranked = inputs
    .map((input) => {
      const text = build(input, sizes.small);
      return { input, cost: time(pattern, text, 1, 1) };
    })
    .sort((a, b) => b.cost - a.cost)
    .slice(0, keep);
  let worst: Growth = { ratio: 0, input: { prefix: '', pump: 'a' } };
  for (const { input } of ranked) {
    const ratio = ratioFor(pattern, input, 3, sizes);
    if (ratio > worst.ratio) worst = { ratio, input };
    // Already over the line: the other inputs cannot make it pass, and they may be as slow.
    if (worst.ratio > enough) break;
  }
  return worst;
}

/**
 * A ratio measured again, the lowest: one noisy measurement must not fail a test or skew a figure.
 * While it stays at or over `limit` it is measured again, up to `rounds` times: on a machine at a
 * load of 15-20 (2 cores shared by several test runs) a linear pattern was seen at 31-44x once and
 * ~10x the next time, while a quadratic one stays near 100x however often it is measured.
 */
export function confirmedGrowth(source: string, flags: string, growth: Growth, limit = Infinity, rounds = 3): Growth {
  let best = growth;
  for (let round = 0; round < rounds; round++) {
    const again = ratioFor(compile(source, flags), growth.input, 5);
    if (again < best.ratio) best = { ratio: again, input: growth.input };
    if (best.ratio < limit) break;
  }
  return best;
}

export interface WorstGrowth {
  ratio: number;
  source: string;
  site: string;
  patterns: number;
}

/** The worst growth ratio (SMALL -> LARGE) over the given patterns; what the bench prints. */
export function worstGrowth(patterns: { source: string; flags: string; sites: string[]; attack?: (Pump & { suffix?: string })[] }[]): WorstGrowth {
  let worst: WorstGrowth = { ratio: 0, source: '', site: '', patterns: patterns.length };
  for (const pattern of patterns) {
    let growth = growthOf(pattern.source, pattern.flags, pattern.attack ?? []);
    if (growth.ratio > worst.ratio) growth = confirmedGrowth(pattern.source, pattern.flags, growth);
    if (growth.ratio > worst.ratio) worst = { ratio: growth.ratio, source: pattern.source, site: pattern.sites[0] ?? '', patterns: patterns.length };
  }
  return worst;
}
