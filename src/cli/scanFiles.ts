import { promises as fs } from 'node:fs';
import { kindOf, looksBinary, scan, type Config, type Finding, type GitState } from '../engine';
import type { GitFacts } from '../shared/git';
import { limiter } from './pool';
import type { WalkedFile } from './walk';

// Reads the walked files with bounded concurrency (reads overlap with scanning) and runs the
// engine on each. Files it will not scan are counted, not reported one by one.

export interface FileReport {
  /** Relative to the scan root, forward slashes. */
  path: string;
  gitState: GitState;
  findings: Finding[];
}

export interface ScanStats {
  /** Files whose text the engine looked at. */
  scanned: number;
  bytes: number;
  binary: number;
  tooLarge: number;
  /** Lock files, source maps, minified bundles: generated text the engine never scans. */
  generated: number;
  unreadable: number;
  excluded: number;
  gitignored: number;
  elapsedMs: number;
}

export interface ScanOutcome {
  /** Every file with at least one finding, in path order. */
  files: FileReport[];
  stats: ScanStats;
  /** One line per problem: unreadable files, detectors that threw. Never holds a secret. */
  problems: string[];
}

export interface ScanFilesOptions {
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  concurrency: number;
  git?: GitFacts;
  now?: Date;
}

export function emptyStats(): ScanStats {
  return { scanned: 0, bytes: 0, binary: 0, tooLarge: 0, generated: 0, unreadable: 0, excluded: 0, gitignored: 0, elapsedMs: 0 };
}

type Read = { kind: 'text'; text: string; size: number } | { kind: 'binary' | 'tooLarge' } | { kind: 'error'; code: string };

async function readCandidate(absolute: string, maxFileSize: number): Promise<Read> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absolute, 'r');
    const { size } = await handle.stat();
    if (size > maxFileSize) return { kind: 'tooLarge' };
    const bytes = await handle.readFile();
    if (looksBinary(bytes)) return { kind: 'binary' };
    const text = bytes.toString('utf8');
    // Editors drop a byte-order mark; so do we, so that columns agree with what the user sees.
    return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, size: bytes.length };
  } catch (error) {
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function scanFiles(files: readonly WalkedFile[], options: ScanFilesOptions): Promise<ScanOutcome> {
  const started = performance.now();
  const stats = emptyStats();
  const problems: string[] = [];
  const reports: FileReport[] = [];
  const limit = limiter(options.concurrency);

  await Promise.all(files.map((file) => limit(async () => {
    // Lock files and source maps are known by name: not even read.
    if (kindOf(file.relative) === 'skip') {
      stats.generated += 1;
      return;
    }
    const read = await readCandidate(file.absolute, options.maxFileSize);
    if (read.kind === 'error') {
      stats.unreadable += 1;
      problems.push(`cannot read ${file.relative}: ${read.code}`);
      return;
    }
    if (read.kind !== 'text') {
      stats[read.kind] += 1;
      return;
    }
    if (kindOf(file.relative, read.text) === 'skip') {
      stats.generated += 1;
      return;
    }
    stats.scanned += 1;
    stats.bytes += read.size;
    const gitState = options.git?.stateOf(file.absolute) ?? 'unknown';
    const findings = await scan(read.text, { path: file.relative, gitState }, options.config, {
      baseline: options.baseline,
      now: options.now,
      onDetectorError: (detector, error) => {
        const reason = String((error as Error)?.message ?? error).split('\n')[0].slice(0, 160);
        problems.push(`the ${detector} detector failed on ${file.relative}: ${reason}`);
      },
    });
    if (findings.length > 0) {
      findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      reports.push({ path: file.relative, gitState, findings });
    }
  })));

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  problems.sort();
  stats.elapsedMs = performance.now() - started;
  return { files: reports, stats, problems };
}
