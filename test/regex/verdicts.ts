// ReDoS verdicts from `recheck` (a static + fuzzing checker), memoised by the exact pattern.
// recheck's fuzzing takes from milliseconds to ~10 s per pattern, several minutes for the
// engine's ~600 patterns on a shared 2-core machine: too slow for every test run. So verdicts are
// kept in recheck-verdicts.json, keyed by a hash of (recheck version, parameters, flags, source):
// any new or edited pattern misses the cache and is checked live, so a new unsafe rule still fails.
// Refresh the file after changing patterns: `node --import tsx test/regex/refreshVerdicts.ts`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { check, type Diagnostics } from 'recheck';

export const RECHECK_VERSION = (JSON.parse(readFileSync(require.resolve('recheck/package.json'), 'utf8')) as { version: string }).version;
/** Fixed seed and limits: the same pattern always gets the same verdict. */
export const RECHECK_PARAMS = { randomSeed: 0, timeout: 20_000 } as const;
export const VERDICTS_FILE = path.join(__dirname, 'recheck-verdicts.json');

export interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** recheck's complexity summary ("linear", "2nd degree polynomial") or its error kind. */
  summary: string;
  /** For a vulnerable pattern, recheck's attack string in parts: prefix + pump * n + suffix. */
  attack?: { pumps: { prefix: string; pump: string }[]; suffix: string };
}

export function verdictKey(source: string, flags: string): string {
  return createHash('sha256').update(JSON.stringify([RECHECK_VERSION, RECHECK_PARAMS, flags, source])).digest('hex').slice(0, 24);
}

export function loadVerdicts(): Record<string, Verdict> {
  if (!existsSync(VERDICTS_FILE)) return {};
  return (JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as { verdicts: Record<string, Verdict> }).verdicts;
}

function toVerdict(result: Diagnostics): Verdict {
  if (result.status === 'safe') return { status: 'safe', summary: result.complexity.summary };
  if (result.status === 'vulnerable') {
    const attack = { pumps: result.attack.pumps.map(({ prefix, pump }) => ({ prefix, pump })), suffix: result.attack.suffix };
    return { status: 'vulnerable', summary: result.complexity.summary, attack };
  }
  return { status: 'unknown', summary: result.error.kind === 'unsupported' || result.error.kind === 'invalid' ? `${result.error.kind}: ${result.error.message}` : result.error.kind };
}

/** Checks one pattern with recheck (flags limited to those recheck reads). */
export async function recheckPattern(source: string, flags: string): Promise<Verdict> {
  const usable = [...flags].filter((flag) => 'imsu'.includes(flag)).join('');
  return toVerdict(await check(source, usable, { ...RECHECK_PARAMS }));
}

/** The cached verdict, or a live check when the pattern is new or changed. */
export async function verdictFor(source: string, flags: string, cache: Record<string, Verdict>): Promise<{ verdict: Verdict; cached: boolean }> {
  const known = cache[verdictKey(source, flags)];
  if (known) return { verdict: known, cached: true };
  return { verdict: await recheckPattern(source, flags), cached: false };
}
