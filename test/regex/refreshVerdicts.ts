// Rewrites recheck-verdicts.json for the engine's current patterns: keeps the verdicts that still
// apply, checks the new ones with recheck, drops the rest. Run after changing any pattern:
//   node --import tsx test/regex/refreshVerdicts.ts
import { writeFileSync } from 'node:fs';
import { EXTRA_PATTERNS } from './allowList';
import { harvest } from './patterns';
import { loadVerdicts, RECHECK_PARAMS, RECHECK_VERSION, type Verdict, verdictFor, verdictKey, VERDICTS_FILE } from './verdicts';

async function main(): Promise<void> {
  const cache = loadVerdicts();
  // The same patterns the test checks: the harvest and the ones built at run time (EXTRA_PATTERNS),
  // which were left out here, so the test checked those two live on every run.
  const patterns = [...harvest().patterns, ...EXTRA_PATTERNS];
  const verdicts: Record<string, Verdict> = {};
  const save = () => {
    const sorted = Object.fromEntries(Object.entries(verdicts).sort(([a], [b]) => a.localeCompare(b)));
    // Kept entries of patterns not yet reached stay in the file until the run ends: a long run
    // that is interrupted loses nothing.
    const partial = { ...cache, ...sorted };
    writeFileSync(VERDICTS_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, params: RECHECK_PARAMS, verdicts: partial }, null, 1)}\n`);
  };
  let checked = 0;
  for (const pattern of patterns) {
    const { verdict, cached } = await verdictFor(pattern.source, pattern.flags, cache);
    if (!cached) {
      checked++;
      if (verdict.status !== 'safe') process.stdout.write(`${verdict.status} (${verdict.summary}) ${pattern.sites[0]} /${pattern.source.slice(0, 100)}/\n`);
    }
    // A timeout is not a verdict: leave it out so that the next run (or the test) tries again.
    if (verdict.status !== 'unknown' || verdict.summary !== 'timeout') verdicts[verdictKey(pattern.source, pattern.flags)] = verdict;
    if (!cached && checked % 10 === 0) save();
  }
  const sorted = Object.fromEntries(Object.entries(verdicts).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(VERDICTS_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, params: RECHECK_PARAMS, verdicts: sorted }, null, 1)}\n`);
  process.stdout.write(`${patterns.length} patterns, ${checked} checked by recheck now, ${Object.keys(sorted).length} verdicts written\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
