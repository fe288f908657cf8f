import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { kindOf } from '../src/engine';

// Real large files for the editor-latency section (issue 16 item 4): per language, the real file
// whose line count is closest to 10,000, from the same sources as the real tree (this checkout's
// node_modules for JavaScript; the precision corpus's Debian packages for Python and PHP). Only
// files the engine scans are eligible (not minified, not generated); ties go to the first path in
// sorted order, so every machine with the same sources picks the same files. Python libraries
// hold no 10,000-line file: the largest there is (about 7,000 lines) stands in, and its line count
// is printed.

export interface RealFile {
  language: string;
  languageId: string;
  /** The comment prefix the edit loop types into. */
  comment: string;
  absolute: string;
  /** Shown in the bench: where it came from. */
  label: string;
  lines: number;
}

const TARGET_LINES = 10_000;
const MIN_BYTES = 100 * 1024;
const MAX_BYTES = 1024 * 1024;

interface Wanted {
  language: string;
  languageId: string;
  comment: string;
  extension: string;
  roots: string[];
}

function precisionTree(): string {
  return path.join(process.env.SECURE_HYGIENE_PRECISION_CACHE ?? path.join(homedir(), '.cache', 'secure-hygiene-precision'), 'tree');
}

function* filesUnder(root: string, extension: string): Generator<string> {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(extension)) yield path.join(entry.parentPath ?? entry.path, entry.name);
  }
}

function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

/** The file closest to TARGET_LINES lines for one language, or undefined when its sources are missing. */
function closest(wanted: Wanted): RealFile | undefined {
  let best: RealFile | undefined;
  const candidates = wanted.roots.flatMap((root) => [...filesUnder(root, wanted.extension)]).sort();
  for (const absolute of candidates) {
    const size = statSync(absolute).size;
    if (size < MIN_BYTES || size > MAX_BYTES) continue;
    const text = readFileSync(absolute, 'utf8');
    if (kindOf(absolute, text) === 'skip') continue;
    const lines = lineCount(text);
    if (!best || Math.abs(lines - TARGET_LINES) < Math.abs(best.lines - TARGET_LINES)) {
      best = { language: wanted.language, languageId: wanted.languageId, comment: wanted.comment, absolute, label: '', lines };
    }
  }
  if (best) {
    const root = wanted.roots.find((candidate) => best!.absolute.startsWith(candidate)) ?? '';
    best.label = `${root === precisionTree() ? 'debian' : path.basename(root)}/${path.relative(root, best.absolute)}`;
  }
  return best;
}

/** The real files to time, and a line for each language whose source is missing. */
export function realLargeFiles(repoRoot: string): { files: RealFile[]; missing: string[] } {
  const debian = precisionTree();
  const wanted: Wanted[] = [
    { language: 'JavaScript', languageId: 'javascript', comment: '//', extension: '.js', roots: [path.join(repoRoot, 'node_modules')] },
    { language: 'Python', languageId: 'python', comment: '#', extension: '.py', roots: [debian] },
    { language: 'PHP', languageId: 'php', comment: '//', extension: '.php', roots: [debian] },
  ];
  const files: RealFile[] = [];
  const missing: string[] = [];
  for (const entry of wanted) {
    const found = closest(entry);
    if (found) files.push(found);
    else missing.push(`${entry.language}: no file of 100 KiB to 1 MiB under ${entry.roots.join(', ')} (npm ci; npm run precision)`);
  }
  return { files, missing };
}
