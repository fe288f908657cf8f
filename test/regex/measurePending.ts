// Measures the growth (10 KB -> 100 KB) of the harvested patterns that a PENDING entry names, the
// way the safety test would if the entry were gone: the step before moving an entry to ACCEPTED
// (with the figure as its reason) or rewriting its pattern.
//   node --import tsx test/regex/measurePending.ts [substrings of the entries' files, comma-separated]
import { matchesEntry, PENDING } from './allowList';
import { confirmedGrowth, growthOf } from './growth';
import { harvest } from './patterns';
import { loadVerdicts, verdictFor } from './verdicts';

async function main(): Promise<void> {
  const only = (process.argv[2] ?? '').split(',');
  const { patterns } = harvest();
  const cache = loadVerdicts();
  const from = Number(process.argv[3] ?? 0); // entries to skip: resume a long run
  for (const entry of PENDING.filter((e) => only.some((part) => e.file.includes(part))).slice(from)) {
    const hits = patterns.filter((p) => matchesEntry(entry, p.source));
    if (hits.length === 0) {
      process.stdout.write(`STALE   ${entry.file} /${entry.source.slice(0, 70)}/\n`);
      continue;
    }
    for (const pattern of hits) {
      const { verdict } = await verdictFor(pattern.source, pattern.flags, cache);
      const attack = verdict.attack;
      const extra = attack ? [{ prefix: attack.pumps.map((p) => p.prefix).join(''), pump: attack.pumps.map((p) => p.pump).join(''), suffix: attack.suffix }] : [];
      // A first look at 1 KB -> 10 KB: a quadratic pattern at 100 KB would take minutes.
      const quick = growthOf(pattern.source, pattern.flags, extra, 3, { small: 1_000, large: 10_000 }, 30);
      if (quick.ratio >= 30) {
        process.stdout.write(`${quick.ratio.toFixed(1).padStart(6)}x at 1 KB -> 10 KB (not timed at 100 KB) ${pattern.sites[0]} /${pattern.source.slice(0, 90)}/ on ${JSON.stringify(quick.input).slice(0, 60)}\n`);
        continue;
      }
      let growth = growthOf(pattern.source, pattern.flags, extra, 2, undefined, 30);
      if (growth.ratio >= 30) growth = confirmedGrowth(pattern.source, pattern.flags, growth);
      const input = JSON.stringify(growth.input).slice(0, 60);
      process.stdout.write(`${growth.ratio.toFixed(1).padStart(6)}x ${verdict.status}/${verdict.summary} ${pattern.sites[0]} /${pattern.source.slice(0, 90)}/ on ${input}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
