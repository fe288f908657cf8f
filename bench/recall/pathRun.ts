import { defaultConfig, scan } from '../../src/engine';
import { pathCases, type PathCase } from './pathCases';
import { heldOutPathCases } from './pathHeldOut';

// `node --import tsx bench/recall/pathRun.ts`: scans each labelled case of bench/recall/pathCases.ts
// (the development set) and bench/recall/pathHeldOut.ts (held out), and prints path recall and
// precision for each set, overall and per family, and each miss or false alarm.
// A figure, not a test: the rules' own samples are what the unit suite asserts.

async function report(title: string, cases: readonly PathCase[]): Promise<void> {
  console.log(`\n== ${title}`);
  const config = defaultConfig();
  const families = new Map<string, { tp: number; fn: number; fp: number; tn: number }>();
  const notes: string[] = [];
  for (const labelled of cases) {
    const findings = (await scan(labelled.text, { path: labelled.path, gitState: 'untracked' }, config)).filter((f) => f.category === 'path');
    const counts = families.get(labelled.family) ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
    families.set(labelled.family, counts);
    const reported = findings.length > 0;
    if (labelled.vulnerable && reported) counts.tp += 1;
    else if (labelled.vulnerable) counts.fn += 1;
    else if (reported) counts.fp += 1;
    else counts.tn += 1;
    if (labelled.vulnerable !== reported) {
      const what = reported ? `false alarm (${findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')})` : 'missed';
      notes.push(`  ${what}: [${labelled.family}] ${labelled.path}: ${labelled.text.split('\n').slice(0, 6).join(' | ').slice(0, 150)}`);
    }
  }
  const total = { tp: 0, fn: 0, fp: 0, tn: 0 };
  const ratio = (a: number, b: number) => (b === 0 ? '  -  ' : (a / b).toFixed(2));
  console.log(`${'family'.padEnd(10)} cases  recall  precision`);
  for (const [family, c] of families) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += c[key];
    console.log(`${family.padEnd(10)} ${String(c.tp + c.fn + c.fp + c.tn).padStart(5)}  ${ratio(c.tp, c.tp + c.fn).padStart(6)}  ${ratio(c.tp, c.tp + c.fp).padStart(9)}`);
  }
  console.log(`${'all'.padEnd(10)} ${String(total.tp + total.fn + total.fp + total.tn).padStart(5)}  ${ratio(total.tp, total.tp + total.fn).padStart(6)}  ${ratio(total.tp, total.tp + total.fp).padStart(9)}`);
  console.log(`(${total.tp} found, ${total.fn} missed, ${total.fp} false alarms, ${total.tn} rightly quiet)`);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
}

async function main(): Promise<void> {
  await report('development set (bench/recall/pathCases.ts)', pathCases());
  await report('held-out set (bench/recall/pathHeldOut.ts)', heldOutPathCases());
}

void main();
