import { LineIndex, type Finding } from '../../../src/engine';

// One file made by a real tool or in the exact shape a real program writes, and what must be
// reported in it: the rule, and the value (or line) the finding must start on.

export interface Expected {
  ruleId: string;
  /** The secret as written in the file; the finding must start on the first line holding it. */
  value?: string;
  /** Zero-based line, when there is no single value to look for (a whole key block). */
  line?: number;
}

export interface Artifact {
  /** What it is and what wrote it, as the test names it. */
  name: string;
  /** Where it sits in the scanned tree; decides the file kind. */
  path: string;
  text: string;
  /** A binary file (a key store), written as bytes. */
  bytes?: Uint8Array;
  expect: Expected[];
  /** Why this artifact is not required yet (a rule another change brings): listed, not asserted. */
  pending?: string;
}

/** The zero-based line an expectation points at. */
export function expectedLine(text: string, expected: Expected): number {
  if (expected.line !== undefined) return expected.line;
  const at = text.indexOf(expected.value!);
  if (at === -1) throw new Error(`${expected.ruleId}: the value is not in the artifact`);
  return new LineIndex(text).positionAt(at).line;
}

/** What went wrong, without printing a secret: rule ids and lines only. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId}@${f.range.start.line}`).join(', ') || 'nothing';
}
