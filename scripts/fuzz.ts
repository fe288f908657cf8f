import { fuzzEngine, replayEngineCase, type FuzzFailure } from '../test/fuzz/engine';
import { fuzzServer } from '../test/fuzz/server';

// `npm run fuzz [-- options]`: random files and edit sequences against the engine and the built
// server, plus adversarial inputs for the patterns (test/fuzz/). Prints the counts it ran and
// every failure with the seed that reproduces it; never a file's text (the files hold secrets).
//
//   --engine N        engine scans (default 1,000,000)     --adversarial N   of which adversarial (default 2,000)
//   --server N        server edits (default 20,000)        --seed N          first seed (default: time-based)
//   --replay SEED     rerun one engine file case           --replay-adversarial SEED   one adversarial case

const USAGE = 'usage: npm run fuzz -- [--engine N] [--adversarial N] [--server N] [--seed N] [--replay SEED] [--replay-adversarial SEED]';

function options(argv: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]?.replace(/_/g, ''));
    if (!name || !['engine', 'adversarial', 'server', 'seed', 'replay', 'replay-adversarial'].includes(name) || !Number.isInteger(value) || value < 0) {
      throw new Error(`${argv[i]} ${argv[i + 1] ?? ''}: ${USAGE}`);
    }
    out.set(name, value);
  }
  return out;
}

function printFailures(failures: readonly FuzzFailure[], replay: (failure: FuzzFailure) => string): void {
  for (const failure of failures.slice(0, 50)) console.log(`  FAIL ${failure.kind} (seed ${failure.seed}): ${failure.detail}\n    reproduce: ${replay(failure)}`);
  if (failures.length > 50) console.log(`  ... and ${failures.length - 50} more`);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main(): Promise<number> {
  const args = options(process.argv.slice(2));
  for (const [flag, adversarial] of [['replay', false], ['replay-adversarial', true]] as const) {
    const seed = args.get(flag);
    if (seed === undefined) continue;
    const counts = await replayEngineCase(seed, adversarial);
    console.log(`replayed seed ${seed}: ${counts.cases} scans, ${counts.failures.length} failures`);
    printFailures(counts.failures, () => `npm run fuzz -- --${flag} ${seed}`);
    return counts.failures.length ? 1 : 0;
  }
  const seed = args.get('seed') ?? (Date.now() % 1_000_000_000);
  const engineCases = args.get('engine') ?? 1_000_000;
  const adversarial = Math.min(args.get('adversarial') ?? 2_000, engineCases);
  const serverEdits = args.get('server') ?? 20_000;
  console.log(`fuzz: seed ${seed}, ${engineCases} engine scans (${adversarial} adversarial), ${serverEdits} server edits`);
  let failed = 0;

  if (engineCases > 0) {
    const started = performance.now();
    const counts = await fuzzEngine({
      cases: engineCases,
      adversarial,
      seed,
      // Far past any linear scan of 20 KB, even on a loaded machine: only a runaway pattern gets there.
      hangMs: 10_000,
      progress: (c) => { if (c.cases % 50_000 < 1000) console.log(`  engine: ${c.cases} scans, ${c.failures.length} failures, ${seconds(started)} s`); },
    });
    console.log(`engine: ${counts.cases} scans in ${seconds(started)} s: ${counts.adversarial} adversarial (slowest ${counts.worstMsPerKb.toFixed(2)} ms/KB), ${counts.edits} after random edits, the rest whole files (mixed line ends vs \\n, incremental vs fresh); ${counts.failures.length} failures`);
    printFailures(counts.failures, (f) => `npm run fuzz -- --${f.detail.startsWith('adversarial') ? 'replay-adversarial' : 'replay'} ${f.seed}`);
    failed += counts.failures.length;
  }

  if (serverEdits > 0) {
    const started = performance.now();
    const counts = await fuzzServer({
      edits: serverEdits,
      seed,
      progress: (c) => { if (c.edits % 5_000 < 200) console.log(`  server: ${c.edits} edits, ${c.failures.length} failures, ${seconds(started)} s`); },
    });
    console.log(`server: ${counts.edits} edits over ${counts.documents} documents in ${seconds(started)} s: ${counts.publications} publications (${counts.diagnostics} diagnostics) checked against their documents, ${counts.freshComparisons} comparisons with a fresh open, ${counts.overBudget} over the time budget; ${counts.failures.length} failures`);
    printFailures(counts.failures, (f) => `npm run fuzz -- --engine 0 --server ${serverEdits} --seed ${f.seed} (the failing document is the first one)`);
    failed += counts.failures.length;
  }
  console.log(failed ? `fuzz: ${failed} failures` : 'fuzz: no failures');
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`fuzz: ${String((error as Error)?.message ?? error)}`);
  process.exit(2);
});
