import * as path from 'node:path';

// Relative paths for the walk and git's facts, computed once per file of a big tree.

const SEPARATOR = path.sep.charCodeAt(0);

export function toPosix(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/**
 * `target` relative to `dir`, with forward slashes. When both are normalized absolute paths (as
 * path.resolve, path.join and realpath give them) and `target` is below `dir`, that is a slice of
 * it; path.relative, which resolves both again, cost a tenth of a walk.
 */
export function relativeUnder(dir: string, target: string): string {
  if (target.length > dir.length + 1 && target.charCodeAt(dir.length) === SEPARATOR && target.startsWith(dir)) {
    return toPosix(target.slice(dir.length + 1));
  }
  return toPosix(path.relative(dir, target));
}
