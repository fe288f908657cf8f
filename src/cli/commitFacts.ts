import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GitFacts } from '../shared/git';
import { decodeBytes } from './decode';
import { scanText, textOf, type ScanOneOptions, type ScanOutcome } from './scanOne';

// "Committed" per secret in the working-tree scan, as in the editor: a key typed into a tracked
// file but not committed yet must not be told to rotate. Only files that hold a secret and that
// git tracks are asked about (their HEAD and index texts, through src/shared/git.ts), then scanned
// again with those texts, so the engine words each finding; a tree without such files costs nothing.

/** Files asked of git at the same time. */
const CONCURRENCY = 8;

export async function refineCommitState(outcome: ScanOutcome, root: string, git: GitFacts | undefined, options: ScanOneOptions): Promise<void> {
  if (!git) return;
  const candidates = outcome.files
    .map((report, index) => ({ report, index }))
    .filter(({ report }) => (report.gitState === 'tracked' || report.gitState === 'staged') && report.findings.some((finding) => finding.secret));
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < candidates.length) {
      const { report, index } = candidates[next++];
      const absolute = path.resolve(root, ...report.path.split('/'));
      const committed = await git.loadCommittedVersions(absolute);
      if (!committed) continue;
      let text: ReturnType<typeof textOf>;
      try {
        text = textOf(decodeBytes(readFileSync(absolute)));
      } catch {
        // Gone or unreadable since it was scanned: its findings stand as they were.
        continue;
      }
      if (text.kind !== 'text') continue;
      const result = await scanText(text.text, 0, { relative: report.path, gitState: report.gitState, committed }, options);
      if (result.kind === 'scanned' && result.report) outcome.files[index] = result.report;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, work));
}
