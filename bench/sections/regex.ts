import { EXTRA_PATTERNS, PENDING } from '../../test/regex/allowList';
import { LARGE, SMALL, worstGrowth } from '../../test/regex/growth';
import { harvest } from '../../test/regex/patterns';
import { loadVerdicts, verdictKey } from '../../test/regex/verdicts';
import type { BenchSection } from './types';

// Issue 13's figure: how the slowest built-in pattern grows from 10 KB to 100 KB of adversarial
// input (derived from each pattern, plus recheck's attack string where it has one). Linear is
// ~10x, quadratic ~100x. The same measurement test/unit/regexSafety.test.ts asserts on.

export const regex: BenchSection = {
  name: 'regex',
  description: 'worst growth of a built-in pattern from 10 KB to 100 KB of adversarial input',
  async run(ctx) {
    const started = Date.now();
    const verdicts = loadVerdicts();
    // PENDING patterns (known or suspected non-linear, not yet rewritten) are left out and counted:
    // timing a quadratic one at 100 KB takes minutes, and the figure says how many were left out.
    const isPending = (source: string) => PENDING.some((entry) => (entry.prefix ? source.startsWith(entry.source) : source === entry.source));
    const all = [...harvest().patterns, ...EXTRA_PATTERNS];
    const pending = all.filter((pattern) => isPending(pattern.source)).length;
    const patterns = all.filter((pattern) => !isPending(pattern.source)).map((pattern) => {
      const attack = verdicts[verdictKey(pattern.source, pattern.flags)]?.attack;
      const extra = attack ? [{ prefix: attack.pumps.map((p) => p.prefix).join(''), pump: attack.pumps.map((p) => p.pump).join(''), suffix: attack.suffix }] : [];
      return { ...pattern, attack: extra };
    });
    const worst = worstGrowth(patterns);
    const shown = worst.source.length > 80 ? `${worst.source.slice(0, 80)}…` : worst.source;
    ctx.log(`slowest-growing: ${worst.site} /${shown}/`);
    ctx.log(`measured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    ctx.report(
      `worst regex growth ratio (${SMALL / 1000} KB -> ${LARGE / 1000} KB) over ${worst.patterns} built-in patterns (${pending} pending excluded)`,
      `${worst.ratio.toFixed(1)}x`,
      'min of several runs; linear ~10x, quadratic ~100x',
    );
  },
};
