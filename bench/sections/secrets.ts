import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { allRules, defaultConfig } from '../../src/engine';
import type { BenchSection } from './types';

// Recall and precision at a glance, beside the speed figures: how many rules there are, how many
// of the real-artifact suite's files (keys and credential files made by the real tools) are found,
// and the precision corpus's finding count against its recorded baseline (`npm run precision`).

/** Runs mocha on one test file with the JSON reporter and counts what passed. */
function mochaCounts(repoRoot: string, file: string): { passes: number; failures: number; pending: number } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', 'json', file], {
    cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const start = result.stdout.indexOf('{');
  if (start === -1) throw new Error(`mocha printed no report for ${file}: ${result.stderr.split('\n')[0]}`);
  const { stats } = JSON.parse(result.stdout.slice(start)) as { stats: { passes: number; failures: number; pending: number } };
  return stats;
}

export const secrets: BenchSection = {
  name: 'secrets',
  description: 'rule count, the real-artifact suite, and the precision corpus against its baseline',
  async run(ctx) {
    const rules = allRules(defaultConfig());
    const byCategory = new Map<string, number>();
    for (const rule of rules) byCategory.set(rule.category, (byCategory.get(rule.category) ?? 0) + 1);
    const categories = [...byCategory].map(([category, count]) => `${count} ${category}`).join(', ');
    ctx.report('rules', String(rules.length), categories);

    const artifacts = mochaCounts(ctx.repoRoot, 'test/unit/realArtifacts/realArtifacts.test.ts');
    ctx.report('real-artifact tests passing', `${artifacts.passes} of ${artifacts.passes + artifacts.failures + artifacts.pending}`,
      'keys made by ssh-keygen, openssl, gpg, puttygen and keytool, and credential files in their programs\' shapes');

    if (process.env.SH_BENCH_PRECISION !== '1') {
      ctx.log('precision corpus skipped: it fetches Debian packages the first time (SH_BENCH_PRECISION=1 runs it here; npm run precision alone)');
      return;
    }
    const precision = spawnSync(process.execPath, ['--import', 'tsx', path.join(ctx.repoRoot, 'scripts', 'precision.ts')], { cwd: ctx.repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const now = /^(\d+) files, ([\d.]+) MB, (\d+) findings/m.exec(precision.stdout);
    const before = /^Baseline of [\d-]+: \d+ files, [\d.]+ MB, (\d+) findings/m.exec(precision.stdout);
    if (!now) throw new Error(`npm run precision failed: ${(precision.stderr || precision.stdout).split('\n').slice(-3).join(' ')}`);
    ctx.report('precision corpus findings', now[3], `${now[1]} files, ${now[2]} MB of third-party code; baseline ${before?.[1] ?? 'none'} (every one is a false alarm or a documented example)`);
  },
};
