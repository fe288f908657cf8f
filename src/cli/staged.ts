import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, kindOf } from '../engine';
import { git, gitWithInput, splitZ } from '../shared/git';
import { relativeUnder } from '../shared/paths';
import { IoError } from './io';
import { gitReason, repositoryTop } from './repository';
import { decodeBytes } from './decode';
import { keyStoreResult } from './keyStores';
import { OutcomeTally, scanText, textOf, type ScanOneOptions, type ScanOutcome } from './scanOne';

// `scan --staged`: what the next commit would hold, read from git's index rather than from the
// working tree, so that a pre-commit hook judges exactly what is about to be committed (a secret
// staged and then deleted from the file on disk is still caught; an unstaged edit is not judged).

/** A staged regular file: its path from the repository's top and the blob the index holds for it. */
interface StagedBlob {
  path: string;
  object: string;
}

/** Modes of the index entries that are files with text: regular and executable. */
const FILE_MODES = new Set(['100644', '100755']);

/**
 * Added, copied and modified files in the index, compared with HEAD (or with nothing before the
 * first commit); deletions, symbolic links and submodules hold no text of their own.
 */
async function stagedBlobs(top: string, pathspecs: readonly string[]): Promise<StagedBlob[]> {
  const raw = await git(['--literal-pathspecs', 'diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--diff-filter=ACM', '--', ...pathspecs], top);
  // Entries come in pairs: ":oldmode newmode oldobject newobject status", then the path.
  const fields = splitZ(raw);
  const blobs: StagedBlob[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , newObject] = fields[i].split(' ');
    if (FILE_MODES.has(newMode)) blobs.push({ path: fields[i + 1], object: newObject });
  }
  return blobs;
}

/** Runs one `git cat-file` batch: the object names go in on stdin, one per line. */
function catFile(top: string, mode: '--batch' | '--batch-check', objects: readonly string[]): Promise<Buffer> {
  return gitWithInput(['cat-file', mode], top, objects.map((object) => `${object}\n`).join(''));
}

/** The size in git's answer line "<name> blob <size>" for `object` (git says "<name> missing" when it cannot). */
function blobSize(line: string, object: string): number {
  const [name, type, size] = line.split(' ');
  if (name !== object || type !== 'blob') throw new Error(`git cat-file could not read ${object}`);
  return Number(size);
}

/** The size of each object, in the order asked. */
async function objectSizes(top: string, objects: readonly string[]): Promise<number[]> {
  if (objects.length === 0) return [];
  const lines = (await catFile(top, '--batch-check', objects)).toString('utf8').split('\n');
  return objects.map((object, index) => blobSize(lines[index], object));
}

/** The contents of each object, in the order asked: git answers "<name> blob <size>\n<bytes>\n" for each. */
async function objectContents(top: string, objects: readonly string[]): Promise<Buffer[]> {
  if (objects.length === 0) return [];
  const output = await catFile(top, '--batch', objects);
  const contents: Buffer[] = [];
  let offset = 0;
  for (const object of objects) {
    const headerEnd = output.indexOf(0x0a, offset);
    const size = blobSize(output.toString('utf8', offset, headerEnd), object);
    const start = headerEnd + 1;
    contents.push(output.subarray(start, start + size));
    offset = start + size + 1;
  }
  return contents;
}

export interface StagedScanOptions extends ScanOneOptions {
  /** Absolute scan root: reported paths and excludes are relative to it. */
  root: string;
  /** Absolute files or folders to limit the scan to; the root when none. */
  paths: readonly string[];
}

/** Scans the staged content of the files under `paths`, on this thread (a commit is small). */
export async function scanStaged(options: StagedScanOptions): Promise<ScanOutcome> {
  const tally = new OutcomeTally();
  const top = await repositoryTop(options.root, "--staged reads git's index");
  const root = realpathSync.native(options.root);
  const pathspecs = (options.paths.length > 0 ? options.paths : [root]).map((entry) => relativeUnder(top, realpathSync.native(entry)) || '.');
  const blobs = await stagedBlobs(top, pathspecs).catch((error: unknown) => {
    throw new IoError(`cannot list the staged files: ${gitReason(error)}`);
  });
  const candidates: { relative: string; object: string }[] = [];
  for (const blob of blobs) {
    const relative = relativeUnder(root, path.join(top, blob.path));
    if (isExcluded(relative, options.config)) tally.stats.excluded += 1;
    // Lock files and source maps are known by name: not even read.
    else if (kindOf(relative) === 'skip') tally.stats.generated += 1;
    else candidates.push({ relative, object: blob.object });
  }
  let small: typeof candidates = [];
  let contents: Buffer[] = [];
  try {
    const sizes = await objectSizes(top, candidates.map((file) => file.object));
    small = candidates.filter((_, index) => sizes[index] <= options.maxFileSize);
    contents = await objectContents(top, small.map((file) => file.object));
  } catch (error) {
    throw new IoError(`cannot read the staged files: ${gitReason(error)}`);
  }
  tally.stats.tooLarge += candidates.length - small.length;
  for (const [index, file] of small.entries()) {
    const content = textOf(decodeBytes(contents[index]));
    if (content.kind === 'binary') tally.add(keyStoreResult(contents[index], contents[index].length, { relative: file.relative, gitState: 'staged' }, options) ?? { kind: 'binary' });
    else tally.add(await scanText(content.text, contents[index].length, { relative: file.relative, gitState: 'staged' }, options));
  }
  return tally.outcome();
}
