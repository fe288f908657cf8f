import { strict as assert } from 'node:assert';
import { aiPlatformRules } from '../../../src/engine/rules/secrets/providers/aiPlatforms';
import { businessRules } from '../../../src/engine/rules/secrets/providers/business';
import { devtoolRules } from '../../../src/engine/rules/secrets/providers/devtools';
import { financeRules } from '../../../src/engine/rules/secrets/providers/finance';
import { jwkRules } from '../../../src/engine/rules/secrets/providers/jwk';
import { socialRules } from '../../../src/engine/rules/secrets/providers/social';
import type { SecretRule } from '../../../src/engine/rules/secrets/rule';
import { detectSecrets } from '../../../src/engine/secrets/detect';

// Linear time, checked by growth: each provider rule of the newer families runs on adversarial
// texts built from its own keywords (a keyword repeated, a name with an assignment but no value,
// a nested section of many lines, a prefix followed by a long run of value characters) at two
// sizes. Linear patterns take about 4 times as long on 4 times the text; one that backtracks
// quadratically takes 16 times. CPU times are compared as a ratio (the best of three runs each),
// never against a fixed budget.

const rules: SecretRule[] = [...aiPlatformRules, ...financeRules, ...socialRules, ...devtoolRules, ...businessRules, ...jwkRules];

function adversarial(keyword: string, size: number): string[] {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return [
    fill(`${keyword}_`),
    `${keyword}${fill('a1B2')}`,
    `${keyword}_key = "${fill('a1B2')}`,
    `${keyword}:\n${fill(' api_key: x\n')}`,
    `${keyword}:\n${fill('  x\n')}`,
    fill(`${keyword}_secret: a1 `),
    `"kty":"oct"${fill(' ')}"k":"${fill('a1')}`,
  ];
}

function best(text: string, rule: SecretRule, runs = 3): number {
  let fastest = Infinity;
  for (let run = 0; run < runs; run += 1) {
    // CPU time of this process, not the wall clock: on a shared machine the scheduler, not the
    // pattern, decides how long a wall-clock millisecond is.
    const start = process.cpuUsage();
    detectSecrets(text, [rule], { kind: 'config' });
    const used = process.cpuUsage(start);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return fastest;
}

describe('provider rules grow linearly on adversarial input', () => {
  it(`${rules.length} rules: 4 times the text takes well under 16 times as long`, () => {
    const small = 8_000;
    const slow: string[] = [];
    for (const rule of rules) {
      for (const keyword of rule.keywords) {
        adversarial(keyword, small).forEach((text, index) => {
          const large = adversarial(keyword, small * 4)[index];
          const base = best(text, rule);
          const grown = best(large, rule);
          // Below a few milliseconds the clock's resolution, not the pattern, decides the ratio.
          if (grown < 4) return;
          if (grown / Math.max(base, 0.5) <= 9) return;
          // A suspect is measured again, longer: one busy moment of a shared machine is not a trend.
          const ratio = best(large, rule, 7) / Math.max(best(text, rule, 7), 0.5);
          if (ratio > 12) slow.push(`${rule.id} on input ${index} for "${keyword}": x${ratio.toFixed(1)}`);
        });
      }
    }
    assert.deepEqual(slow, []);
  });
});
