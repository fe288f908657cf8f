import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { kindOf } from '../src/engine';
import { DEFAULT_MAX_FILE_SIZE } from '../src/cli/scanCommand';

// The bench's real tree: third-party code any fresh machine here can get, copied into a cache
// folder outside the source tree (~/.cache/secure-hygiene-bench/real-tree, or
// $SECURE_HYGIENE_BENCH_CACHE/real-tree) once, and reused while its recipe is unchanged.
//
// Sources, whichever exist: this checkout's node_modules (npm ci), code-server's install in the
// e2e cache (npm run e2e:setup) and the Debian packages the precision corpus unpacks
// (npm run precision). A missing source is said plainly and the tree is built from the others; its
// size is always printed. The selection is deterministic: every eligible file of every source,
// ordered by a hash of its path, taken in that order until the tree holds TARGET_FILES files and
// TARGET_BYTES bytes. Eligible means what every engine in the bench reads alike: a regular file, not
// hidden, not binary (a NUL in its first 8 KiB, git's test), no UTF-16 byte-order mark, not what the
// CLI skips as generated (lock files, source maps, minified code), and within MAX_FILE_BYTES.
// That cap is below the CLI's own limit (1 MiB) on purpose: these sources hold documentation and
// bundles of several hundred KiB, and 2,000 such files would be three quarters of the bytes of a
// 20,000-file tree; at 64 KiB the tree stays near 20,000 files and 100 MB, mostly source, and one
// run takes seconds.

export const REAL_TREE_VERSION = 2;
const TARGET_FILES = 20_000;
const TARGET_BYTES = 50 * 1024 * 1024;
const MAX_FILE_BYTES = Math.min(64 * 1024, DEFAULT_MAX_FILE_SIZE);

export interface RealTreeManifest {
  version: number;
  files: number;
  bytes: number;
  /** Hash of every selected path and size: two trees with the same fingerprint are the same input. */
  fingerprint: string;
  /** Per source: files and bytes taken, and what version of it was read. */
  sources: Record<string, { files: number; bytes: number; version: string }>;
  /** Sources that were not found, with how to get them. */
  missing: string[];
  /** The ten most common extensions: files and bytes. */
  extensions: Record<string, { files: number; bytes: number }>;
}

interface Source {
  label: string;
  root: string;
  version: string;
}

interface Candidate {
  source: string;
  /** Path inside the source, forward slashes. */
  relative: string;
  absolute: string;
  size: number;
  order: string;
}

export function benchCacheDir(): string {
  return process.env.SECURE_HYGIENE_BENCH_CACHE ?? path.join(homedir(), '.cache', 'secure-hygiene-bench');
}

export function realTreePaths(): { tree: string; manifest: string } {
  const cache = benchCacheDir();
  return { tree: path.join(cache, 'real-tree'), manifest: path.join(cache, 'real-tree.json') };
}

function shortHash(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** The sources that exist on this machine, and a line for each that does not. */
function findSources(repoRoot: string): { sources: Source[]; missing: string[] } {
  const sources: Source[] = [];
  const missing: string[] = [];
  const nodeModules = path.join(repoRoot, 'node_modules');
  const lock = path.join(repoRoot, 'package-lock.json');
  if (existsSync(nodeModules)) sources.push({ label: 'npm', root: nodeModules, version: existsSync(lock) ? `package-lock ${shortHash(readFileSync(lock))}` : 'no lock file' });
  else missing.push('node_modules (run npm ci)');

  const e2eCache = process.env.SECURE_HYGIENE_E2E_CACHE || path.join(homedir(), '.cache', 'secure-hygiene-e2e');
  const codeServer = existsSync(e2eCache) ? readdirSync(e2eCache).filter((name) => name.startsWith('code-server-')).sort().pop() : undefined;
  if (codeServer) sources.push({ label: 'code-server', root: path.join(e2eCache, codeServer), version: codeServer });
  else missing.push(`code-server in ${e2eCache} (run npm run e2e:setup)`);

  const precision = path.join(process.env.SECURE_HYGIENE_PRECISION_CACHE ?? path.join(homedir(), '.cache', 'secure-hygiene-precision'), 'tree');
  const packages = existsSync(precision) ? readdirSync(precision).sort() : [];
  for (const name of packages) {
    const stamp = path.join(precision, name, '.unpacked-version');
    sources.push({ label: `debian/${name}`, root: path.join(precision, name), version: existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : 'unknown' });
  }
  if (packages.length === 0) missing.push(`Debian packages in ${precision} (run npm run precision)`);
  return { sources, missing };
}

/** Every regular, non-hidden file of a source within the size limit, listed in sorted order. */
function candidatesOf(source: Source): Candidate[] {
  const found: Candidate[] = [];
  const stack = [''];
  while (stack.length) {
    const folder = stack.pop() as string;
    const entries = readdirSync(path.join(source.root, folder), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) stack.push(relative);
      else if (entry.isFile()) {
        const absolute = path.join(source.root, relative);
        const size = lstatSync(absolute).size;
        if (size === 0 || size > MAX_FILE_BYTES || kindOf(relative) === 'skip') continue;
        found.push({ source: source.label, relative, absolute, size, order: createHash('sha1').update(`${source.label}/${relative}`).digest('hex') });
      }
    }
  }
  return found;
}

/** Whether every engine reads this file as the same text: not binary, no UTF-16 mark, not skipped as minified. */
function readsAlike(candidate: Candidate): boolean {
  const head = Buffer.alloc(Math.min(8192, candidate.size));
  const fd = openSync(candidate.absolute, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.includes(0)) return false;
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  return kindOf(candidate.relative, readFileSync(candidate.absolute, 'utf8')) !== 'skip';
}

/** Where a file goes in the tree: `node_modules` renamed, since the CLI never enters a folder of that name. */
function destinationOf(candidate: Candidate): string {
  return path.join(candidate.source, ...candidate.relative.split('/').map((part) => (part === 'node_modules' ? 'node-modules' : part)));
}

function readManifest(file: string): RealTreeManifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RealTreeManifest;
  } catch {
    return undefined;
  }
}

export function describeRealTree(manifest: RealTreeManifest): string[] {
  const sources = Object.entries(manifest.sources);
  const grouped = new Map<string, { files: number; bytes: number }>();
  for (const [label, counts] of sources) {
    const group = label.startsWith('debian/') ? 'debian' : label;
    const sum = grouped.get(group) ?? { files: 0, bytes: 0 };
    grouped.set(group, { files: sum.files + counts.files, bytes: sum.bytes + counts.bytes });
  }
  const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  const lines = [
    `real tree: ${manifest.files.toLocaleString('en')} files, ${mib(manifest.bytes)} (fingerprint ${manifest.fingerprint})`,
    `  from ${[...grouped].map(([group, counts]) => `${group} ${counts.files} files/${mib(counts.bytes)}`).join(', ')}`,
    `  extensions: ${Object.entries(manifest.extensions).map(([ext, counts]) => `${ext} ${counts.files}`).join(', ')}`,
  ];
  for (const line of manifest.missing) lines.push(`  MISSING source: ${line}`);
  if (manifest.files < 20_000 || manifest.bytes < 50 * 1024 ** 2) lines.push('  WARNING: smaller than the 20,000 files / 50 MiB the bench asks for: figures are not comparable with a full tree');
  return lines;
}

/**
 * The real tree, built if it is missing or of another recipe; returns its folder and manifest.
 * `rebuild` forces a new selection (after `npm ci` or a new precision corpus).
 */
export function ensureRealTree(repoRoot: string, log: (line: string) => void, rebuild = false): { tree: string; manifest: RealTreeManifest } {
  const { tree, manifest: manifestFile } = realTreePaths();
  const existing = readManifest(manifestFile);
  if (!rebuild && existing?.version === REAL_TREE_VERSION && existsSync(tree)) {
    for (const line of describeRealTree(existing)) log(line);
    return { tree, manifest: existing };
  }
  const started = performance.now();
  const { sources, missing } = findSources(repoRoot);
  for (const line of missing) log(`real tree: source missing: ${line}; building from what exists`);
  const candidates = sources.flatMap(candidatesOf).sort((a, b) => (a.order < b.order ? -1 : 1));
  log(`real tree: ${candidates.length.toLocaleString('en')} candidate files in ${sources.length} sources; selecting ...`);

  mkdirSync(path.dirname(tree), { recursive: true });
  const staging = `${tree}.building`;
  rmSync(staging, { recursive: true, force: true });
  const manifest: RealTreeManifest = { version: REAL_TREE_VERSION, files: 0, bytes: 0, fingerprint: '', sources: {}, missing, extensions: {} };
  const versions = new Map(sources.map((source) => [source.label, source.version]));
  const fingerprint = createHash('sha1');
  const extensions = new Map<string, { files: number; bytes: number }>();
  const selected: Candidate[] = [];
  for (const candidate of candidates) {
    if (manifest.files >= TARGET_FILES && manifest.bytes >= TARGET_BYTES) break;
    if (!readsAlike(candidate)) continue;
    selected.push(candidate);
    manifest.files += 1;
    manifest.bytes += candidate.size;
  }
  // Copied in path order, so that the tree's folders are written one after the other.
  selected.sort((a, b) => (destinationOf(a) < destinationOf(b) ? -1 : 1));
  for (const candidate of selected) {
    const destination = path.join(staging, destinationOf(candidate));
    mkdirSync(path.dirname(destination), { recursive: true });
    copyFileSync(candidate.absolute, destination);
    fingerprint.update(`${destinationOf(candidate)}\0${candidate.size}\n`);
    const counts = (manifest.sources[candidate.source] ??= { files: 0, bytes: 0, version: versions.get(candidate.source) ?? '' });
    counts.files += 1;
    counts.bytes += candidate.size;
    const base = path.basename(candidate.relative);
    const ext = base.includes('.') ? base.slice(base.lastIndexOf('.')) : '(none)';
    const perExt = extensions.get(ext) ?? { files: 0, bytes: 0 };
    extensions.set(ext, { files: perExt.files + 1, bytes: perExt.bytes + candidate.size });
  }
  manifest.fingerprint = fingerprint.digest('hex').slice(0, 16);
  manifest.extensions = Object.fromEntries([...extensions].sort((a, b) => b[1].files - a[1].files).slice(0, 10));
  rmSync(tree, { recursive: true, force: true });
  renameSync(staging, tree);
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`real tree: built in ${((performance.now() - started) / 1000).toFixed(1)} s into ${tree}`);
  for (const line of describeRealTree(manifest)) log(line);
  return { tree, manifest };
}

// `node --import tsx bench/realTree.ts [--rebuild]`: builds (or describes) the real tree alone.
if (require.main === module) {
  ensureRealTree(path.resolve(__dirname, '..'), (line) => console.log(line), process.argv.includes('--rebuild'));
}
