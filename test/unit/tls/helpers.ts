import { strict as assert } from 'node:assert';
import { defaultConfig, scan, type Finding, type ScanOptions } from '../../../src/engine';
import { applyEdits } from '../../../src/engine/rules/tls/fixes';

// Shared by the tls tests: scan for tls findings only, expect exactly one, apply one of its fixes.

const config = defaultConfig();

export async function tls(text: string, path: string, options: ScanOptions = {}): Promise<Finding[]> {
  return (await scan(text, { path, gitState: 'untracked' }, config, options)).filter((f) => f.category === 'tls');
}

export async function only(text: string, path: string, options: ScanOptions = {}): Promise<Finding> {
  const found = await tls(text, path, options);
  assert.equal(found.length, 1, `expected one finding, got ${found.map((f) => `${f.ruleId}@${f.range.start.line}`).join(', ') || 'none'}`);
  return found[0];
}

export function fixed(text: string, finding: Finding, index = 0): string {
  assert.ok(finding.fixes?.[index], `no fix #${index} on ${finding.ruleId}`);
  return applyEdits(text, finding.fixes![index].edits);
}
