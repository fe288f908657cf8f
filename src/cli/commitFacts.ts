import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommittedVersions } from '../engine';
import type { GitFacts } from '../shared/git';
import { decodeBytes } from './decode';
import { scanText, textOf, type ScanOneOptions, type ScanOutcome } from './scanOne';

// "Committed" per secret in the working-tree scan, as in the editor: a key typed into a tracked
// file but not committed yet must not be told to rotate. Only files that hold a secret and that
// git tracks are asked about, all at once (their HEAD and index texts, through src/shared/git.ts);
// a file with a value that is in neither is scanned again with those texts, so the engine words
// each finding. A tree without secrets in tracked files costs nothing.

export async function refineCommitState(outcome: ScanOutcome, root: string, git: GitFacts | undefined, options: ScanOneOptions): Promise<void> {
  if (!git) return;
  const candidates = outcome.files
    .map((report, index) => ({ report, index }))
    .filter(({ report }) => (report.gitState === 'tracked' || report.gitState === 'staged') && report.findings.some((finding) => finding.secret));
  if (candidates.length === 0) return;
  let committed: Map<string, CommittedVersions>;
  try {
    committed = await git.loadCommittedVersions(candidates.map(({ report }) => absoluteOf(root, report.path)));
  } catch {
    // Git could not say: the file-level fact (tracked counts as committed) stands.
    return;
  }
  for (const { report, index } of candidates) {
    const absolute = absoluteOf(root, report.path);
    const versions = committed.get(absolute);
    // Every value committed: the first scan, which took tracked for committed, said it right.
    if (!versions || report.findings.every((finding) => !finding.secret || versions.texts.some((text) => text.includes(finding.secret!.value)))) continue;
    let text: ReturnType<typeof textOf>;
    try {
      text = textOf(decodeBytes(readFileSync(absolute)));
    } catch {
      // Gone or unreadable since it was scanned: its findings stand as they were.
      continue;
    }
    if (text.kind !== 'text') continue;
    const result = await scanText(text.text, 0, { relative: report.path, gitState: report.gitState, committed: versions }, options);
    if (result.kind === 'scanned' && result.report) outcome.files[index] = result.report;
  }
}

function absoluteOf(root: string, relative: string): string {
  return path.resolve(root, ...relative.split('/'));
}
