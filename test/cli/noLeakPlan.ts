import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { builtInSecretRules, fingerprint, scan, serializeBaseline, type Finding } from '../../src/engine';
import { join, synth } from '../../src/engine/rules/samples';
import { splitLines } from '../../src/engine/text';

// The planted trees of the no-leak test: every secret rule's own first positive sample, on a line
// that also holds a reported finding (an AWS key id, or a GitHub token for the AWS rules), in one
// of four states that keep the sample itself out of the report. Built and checked with the engine
// first, so that the outputs are then searched for values known to be on a reported line.

export const STATES = ['suppressed', 'allowlisted', 'baselined', 'off'] as const;
export type State = (typeof STATES)[number];
/**
 * The trees the CLI and the server scan: states that cannot touch each other's files share one
 * (a suppression comment and a baseline entry are per file; an allowlisted value or a rule turned
 * off would reach every copy of the sample, so those get a tree of their own).
 */
export const TREES: readonly (readonly State[])[] = [['suppressed', 'baselined'], ['allowlisted'], ['off']];

export interface Planted {
  ruleId: string;
  /** Path relative to the tree's root: `<state>/r<index>/<the sample's own path>`. */
  file: string;
  text: string;
  /** 0-based line holding both the planted value's start and the anchor. */
  line: number;
  /** Every full value a scan of the sample alone found (the rule's, and any other rule's). */
  values: string[];
}

export interface Plan {
  /** Per state, the files planted in that state's folder. */
  byState: Map<State, Planted[]>;
  /** Rules whose sample could not be combined with an anchor on its line (reported by the test). */
  skipped: string[];
  /** The anchors' own values: reported, so masked, never whole either. */
  anchors: string[];
}

const AWS_ANCHOR = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 977));
const STRIPE_ANCHOR = join('sk_', 'live_', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 24, 978));
/** Where the anchor goes on the line: after it (with a separator), or before it (a PEM header must end its line). */
const PLACEMENTS: ((line: string, anchor: string) => string)[] = [
  ...[' ', ' # ', ' // ', '\t'].map((separator) => (line: string, anchor: string) => line + separator + anchor),
  (line, anchor) => `${anchor} ${line}`,
];
const REASON = '-- planted by the no-leak test';
/** The suppression comment: at the end of the line, or on its own line above (it shifts the line down). */
const SUPPRESSIONS: ((text: string, line: number, ruleId: string) => { text: string; line: number })[] = [
  (text, line, ruleId) => ({ text: edited(text, line, (old) => `${old} secure-hygiene-ignore ${ruleId} ${REASON}`), line }),
  (text, line, ruleId) => ({ text: edited(text, line, (old) => `# secure-hygiene-ignore-next-line ${ruleId} ${REASON}\n${old}`), line: line + 1 }),
];

const ANCHOR_RULES = new Set(['secret/aws-access-key-id', 'secret/stripe-secret-key']);

export function anchorFor(ruleId: string): { value: string; ruleId: string } {
  return ruleId.startsWith('secret/aws') ? { value: STRIPE_ANCHOR, ruleId: 'secret/stripe-secret-key' } : { value: AWS_ANCHOR, ruleId: 'secret/aws-access-key-id' };
}

const FILE = { path: '', gitState: 'staged' as const };

async function findingsOf(text: string, file: string): Promise<Finding[]> {
  return scan(text, { ...FILE, path: file });
}

function edited(text: string, line: number, edit: (old: string) => string): string {
  const lines = splitLines(text);
  lines[line] = edit(lines[line]);
  return lines.join('\n');
}

/** The sample with an anchor on the line its value starts on, if the rule still finds the same value. */
async function anchored(ruleId: string, sample: string, file: string): Promise<{ text: string; line: number; suppressed: { text: string; line: number }; values: string[] } | undefined> {
  const alone = await findingsOf(sample, file);
  const own = alone.find((finding) => finding.ruleId === ruleId && finding.secret);
  if (!own?.secret) return undefined;
  const anchor = anchorFor(ruleId);
  const line = own.range.start.line;
  const anchorOn = (found: Finding[], at: number) => found.some((finding) => finding.ruleId === anchor.ruleId && finding.range.start.line === at);
  for (const place of PLACEMENTS) {
    const text = edited(sample, line, (old) => place(old, anchor.value));
    const found = await findingsOf(text, file);
    if (!found.some((finding) => finding.ruleId === ruleId && finding.secret?.value === own.secret!.value) || !anchorOn(found, line)) continue;
    // The suppressed variant must hide the rule and keep the anchor.
    for (const suppress of SUPPRESSIONS) {
      const suppressed = suppress(text, line, ruleId);
      const left = await findingsOf(suppressed.text, file);
      if (!left.some((finding) => finding.ruleId === ruleId) && anchorOn(left, suppressed.line)) {
        return { text, line, suppressed, values: alone.flatMap((finding) => (finding.secret ? [finding.secret.value] : [])) };
      }
    }
  }
  return undefined;
}

export async function buildPlan(): Promise<Plan> {
  const byState = new Map<State, Planted[]>(STATES.map((state) => [state, []]));
  const skipped: string[] = [];
  let index = 0;
  for (const rule of builtInSecretRules) {
    const first = rule.samples.positive()[0];
    if (first === undefined) continue;
    const sample = typeof first === 'string' ? { text: first } : first;
    const name = sample.path ?? 'sample.ts';
    const file = `r${String(index).padStart(3, '0')}/${name}`;
    index += 1;
    const built = await anchored(rule.id, sample.text, file);
    if (!built) {
      skipped.push(rule.id);
      continue;
    }
    for (const state of STATES) {
      // The anchors' own rules stay on in the "off" tree: the other three states cover their samples.
      if (state === 'off' && ANCHOR_RULES.has(rule.id)) continue;
      const { text, line } = state === 'suppressed' ? built.suppressed : built;
      byState.get(state)!.push({ ruleId: rule.id, file: `${state}/${file}`, text, line, values: built.values });
    }
  }
  return { byState, skipped, anchors: [AWS_ANCHOR, STRIPE_ANCHOR] };
}

/** Writes a tree's files, its config (rules off, allowlisted values) and its baseline under `root`. */
export function writeTree(root: string, states: readonly State[], plan: Plan): Planted[] {
  const planted = states.flatMap((state) => plan.byState.get(state)!);
  for (const item of planted) {
    mkdirSync(path.dirname(path.join(root, item.file)), { recursive: true });
    writeFileSync(path.join(root, item.file), item.text);
  }
  const of = (state: State) => (states.includes(state) ? plan.byState.get(state)! : []);
  const config = {
    rules: Object.fromEntries(of('off').map((item) => [item.ruleId, 'off'])),
    allowlist: { values: of('allowlisted').flatMap((item) => item.values), paths: [], patterns: [] },
  };
  writeFileSync(path.join(root, '.secure-hygiene.json'), JSON.stringify(config, null, 2));
  const findings = of('baselined').flatMap((item) => item.values.map((value) => ({ ruleId: item.ruleId, fingerprint: fingerprint(item.ruleId, value, item.file), file: item.file })));
  writeFileSync(path.join(root, '.secure-hygiene-baseline.json'), serializeBaseline({ version: 1, findings }));
  return planted;
}

/** Each full value found in `output`, named by rule (never the value itself: the test prints this). */
export function leaks(output: string, planted: readonly Planted[], anchors: readonly string[]): string[] {
  const found: string[] = [];
  for (const item of planted) {
    for (const value of item.values) if (value.length >= 8 && output.includes(value)) found.push(`${item.ruleId} (${item.file})`);
  }
  for (const value of anchors) if (output.includes(value)) found.push('the reported anchor');
  return found;
}
