import { defaultConfig, maskSecret, scan } from '../../src/engine';
import { labelledCases } from './cases';

// `npm run recall`: scans each labelled case of bench/recall/cases.ts with the engine and prints
// recall and precision overall and per shape, and each miss or false alarm (values masked).
// A figure, not a test: the rules' own samples are what the unit suite asserts.

/** The line with every long run that could be the value masked: readable, and nothing printed whole. */
const maskRuns = (text: string) => text.replace(/[^\s"'`,;:@()<>]{10,}/g, (run) => maskSecret(run));

async function main(): Promise<void> {
  const config = defaultConfig();
  const shapes = new Map<string, { tp: number; fn: number; fp: number; tn: number }>();
  const notes: string[] = [];
  for (const labelled of labelledCases()) {
    const findings = (await scan(labelled.text, { path: labelled.path, gitState: 'untracked' }, config)).filter((f) => f.category === 'secret');
    const counts = shapes.get(labelled.shape) ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
    shapes.set(labelled.shape, counts);
    const reported = findings.length > 0;
    if (labelled.secret && reported) counts.tp += 1;
    else if (labelled.secret) counts.fn += 1;
    else if (reported) counts.fp += 1;
    else counts.tn += 1;
    if (labelled.secret !== reported) {
      const what = reported ? `false alarm (${findings.map((f) => f.ruleId).join(', ')})` : 'missed';
      notes.push(`  ${what}: [${labelled.path}] ${maskRuns(labelled.text).replace(/\n/g, '\\n').slice(0, 160)}`);
    }
  }
  const total = { tp: 0, fn: 0, fp: 0, tn: 0 };
  const ratio = (a: number, b: number) => (b === 0 ? '  -  ' : (a / b).toFixed(2));
  console.log(`${'shape'.padEnd(22)} cases  recall  precision`);
  for (const [shape, c] of shapes) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += c[key];
    console.log(`${shape.padEnd(22)} ${String(c.tp + c.fn + c.fp + c.tn).padStart(5)}  ${ratio(c.tp, c.tp + c.fn).padStart(6)}  ${ratio(c.tp, c.tp + c.fp).padStart(9)}`);
  }
  console.log(`${'all'.padEnd(22)} ${String(total.tp + total.fn + total.fp + total.tn).padStart(5)}  ${ratio(total.tp, total.tp + total.fn).padStart(6)}  ${ratio(total.tp, total.tp + total.fp).padStart(9)}`);
  console.log(`(${total.tp} found, ${total.fn} missed, ${total.fp} false alarms, ${total.tn} rightly quiet)`);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
}

void main();
