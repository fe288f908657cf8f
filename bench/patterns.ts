import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { defaultConfig, secretRulesFor } from '../src/engine';

// Exports every secret rule's regular expressions as a ripgrep pattern file, so that ripgrep
// searches the same tree with the same patterns. JavaScript flags become PCRE2 inline flags; each
// pattern is checked on its own with `rg -P`, and the ones PCRE2 rejects are left out (and counted).

export interface PatternExport {
  total: number;
  accepted: string[];
  rejected: { ruleId: string; reason: string }[];
}

/** Inline flags, and group names made unique per pattern: ripgrep joins all patterns into one regex. */
function toPcre(pattern: RegExp, index: number): string {
  const inline = [...pattern.flags].filter((flag) => 'ims'.includes(flag)).join('');
  const source = pattern.source
    .replace(/\(\?<([A-Za-z_]\w*)>/g, (_, name: string) => `(?<${name}_${index}>`)
    .replace(/\\k<([A-Za-z_]\w*)>/g, (_, name: string) => `\\k<${name}_${index}>`);
  return `${inline ? `(?${inline})` : ''}${source}`;
}

export function exportPatterns(file: string, rg = 'rg'): PatternExport {
  const result: PatternExport = { total: 0, accepted: [], rejected: [] };
  for (const rule of secretRulesFor(defaultConfig())) {
    for (const pattern of rule.patterns) {
      result.total += 1;
      const pcre = toPcre(pattern, result.total);
      if (pcre.includes('\n')) {
        result.rejected.push({ ruleId: rule.id, reason: 'contains a newline' });
        continue;
      }
      const probe = spawnSync(rg, ['-P', '-e', pcre, '--', '-'], { input: '', encoding: 'utf8' });
      // rg exits 1 for "no match" and 2 for a pattern error.
      if (probe.status === 2 || probe.error) result.rejected.push({ ruleId: rule.id, reason: (probe.stderr || String(probe.error)).trim().split('\n').pop() ?? 'rejected' });
      else result.accepted.push(pcre);
    }
  }
  writeFileSync(file, `${result.accepted.join('\n')}\n`);
  return result;
}
